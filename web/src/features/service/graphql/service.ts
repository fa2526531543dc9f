import { graphql } from '../../../__generated__/gql.ts';

/** The ticket list: one page of a view, with each ticket's SLA state and next due time. */
export const TicketsDocument = graphql(`
  query Tickets(
    $filter: TicketFilter
    $orderBy: TicketOrder
    $first: Int
    $after: String
    $last: Int
    $before: String
  ) {
    tickets(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        id
        reference
        subject
        status
        priority
        category
        requesterName
        requesterEmail
        assignee {
          id
          name
        }
        sla {
          state
          firstReplyDueAt
          nextReplyDueAt
          resolutionDueAt
        }
        updatedAt
      }
    }
  }
`);

/** Any ticket changed: the list asks for its page again. */
export const TicketListChangedDocument = graphql(`
  subscription TicketListChanged {
    ticketChanged {
      id
      status
      updatedAt
    }
  }
`);

export const TicketDocument = graphql(`
  query Ticket($id: ID!) {
    ticket(id: $id) {
      id
      reference
      subject
      description
      status
      priority
      category
      source
      requesterName
      requesterEmail
      requesterTravelling
      tags
      team
      assignee {
        id
        name
      }
      parent {
        id
        reference
      }
      sla {
        state
        firstReplyDueAt
        nextReplyDueAt
        resolutionDueAt
        firstRepliedAt
        pausedAt
        policy {
          id
          name
        }
      }
      triage {
        category
        priority
        acceptedAt
        articles(first: 3) {
          nodes {
            id
            title
            slug
            visibility
            publicUrl
          }
        }
      }
      messages(first: 100) {
        totalCount
        nodes {
          id
          kind
          body
          authorEmail
          author {
            id
            name
          }
          createdAt
        }
      }
      history(first: 100) {
        totalCount
        nodes {
          id
          action
          actor
          createdAt
        }
      }
      createdAt
    }
  }
`);

/** The requester's travel, through federation (travel answers `Contact.traveler`). */
export const TicketTravelDocument = graphql(`
  query TicketTravel($id: ID!) {
    ticket(id: $id) {
      id
      requester {
        id
        firstName
        lastName
        traveler {
          id
          status
          trips(first: 5) {
            nodes {
              id
              name
              status
              startDate
              endDate
            }
          }
          bookings(first: 10) {
            nodes {
              id
              bookingReference
              bookingType
              status
              destination
              departureDate
              returnDate
              totalPriceCents
              amountPaidCents
              vendorConfirmationNumber
            }
          }
          emergencyContacts(first: 5) {
            nodes {
              id
              fullName
              relationship
              phone
              isPrimary
            }
          }
        }
      }
    }
  }
`);

export const TicketChangedDocument = graphql(`
  subscription TicketChanged($ticketId: ID) {
    ticketChanged(ticketId: $ticketId) {
      id
      status
      updatedAt
    }
  }
`);

export const AddTicketReplyDocument = graphql(`
  mutation AddTicketReply($input: AddTicketReplyInput!) {
    addTicketReply(input: $input) {
      id
    }
  }
`);

export const AddTicketNoteDocument = graphql(`
  mutation AddTicketNote($input: AddTicketNoteInput!) {
    addTicketNote(input: $input) {
      id
    }
  }
`);

export const UpdateTicketDocument = graphql(`
  mutation UpdateTicket($input: UpdateTicketInput!) {
    updateTicket(input: $input) {
      id
      status
      priority
      category
    }
  }
`);

export const AssignTicketDocument = graphql(`
  mutation AssignTicket($input: AssignTicketInput!) {
    assignTicket(input: $input) {
      id
      assignee {
        id
        name
      }
    }
  }
`);

export const AcceptTriageDocument = graphql(`
  mutation AcceptTriage($input: AcceptTriageSuggestionInput!) {
    acceptTriageSuggestion(input: $input) {
      id
      category
      priority
    }
  }
`);

export const KbArticlesDocument = graphql(`
  query KbArticles($filter: KbArticleFilter, $first: Int, $after: String, $last: Int, $before: String) {
    kbArticles(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        id
        title
        slug
        status
        visibility
        version
        category {
          id
          name
        }
        updatedAt
      }
    }
  }
`);

export const KbArticleDocument = graphql(`
  query KbArticle($id: ID!) {
    kbArticle(id: $id) {
      id
      title
      slug
      bodyMarkdown
      bodyHtml
      status
      visibility
      version
      publicUrl
      category {
        id
      }
    }
  }
`);

export const KbPreviewDocument = graphql(`
  query KbPreview($markdown: String!) {
    previewKbMarkdown(markdown: $markdown) {
      html
    }
  }
`);

export const KbCategoriesDocument = graphql(`
  query KbCategories {
    kbCategories(first: 100) {
      nodes {
        id
        name
        slug
        position
      }
    }
  }
`);

export const CreateKbCategoryDocument = graphql(`
  mutation CreateKbCategory($input: CreateKbCategoryInput!) {
    createKbCategory(input: $input) {
      id
    }
  }
`);

export const CreateKbArticleDocument = graphql(`
  mutation CreateKbArticle($input: CreateKbArticleInput!) {
    createKbArticle(input: $input) {
      id
    }
  }
`);

export const UpdateKbArticleDocument = graphql(`
  mutation UpdateKbArticle($input: UpdateKbArticleInput!) {
    updateKbArticle(input: $input) {
      id
      version
    }
  }
`);

export const SetKbArticleStatusDocument = graphql(`
  mutation SetKbArticleStatus($input: SetKbArticleStatusInput!) {
    setKbArticleStatus(input: $input) {
      id
      status
    }
  }
`);

export const SurveysDocument = graphql(`
  query Surveys {
    surveys(first: 100) {
      nodes {
        id
        name
        sendAfterSolve
        active
        questions(first: 50) {
          nodes {
            id
            type
            prompt
          }
        }
        results {
          sent
          responses
          csatPercent
          nps
          cesAverage
          weeks {
            weekStart
            responses
            csatPercent
            nps
          }
        }
      }
    }
  }
`);

export const CreateSurveyDocument = graphql(`
  mutation CreateSurvey($input: CreateSurveyInput!) {
    createSurvey(input: $input) {
      id
    }
  }
`);

export const ServiceDashboardDocument = graphql(`
  query ServiceDashboard {
    serviceDashboard {
      openTickets
      unassignedTickets
      atRiskTickets
      breachedTickets
    }
  }
`);
