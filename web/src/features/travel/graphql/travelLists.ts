import { graphql } from '../../../__generated__/gql.ts';

export const ClientsDocument = graphql(`
  query TravelClients(
    $filter: ClientFilter
    $orderBy: ClientOrder
    $first: Int
    $after: String
    $last: Int
    $before: String
  ) {
    clients(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        id
        displayName
        email
        clientType
        status
        travelStyle
        churnRiskScore
        createdAt
      }
    }
  }
`);

export const TravelersDocument = graphql(`
  query TravelTravelers(
    $filter: TravelerFilter
    $orderBy: TravelerOrder
    $first: Int
    $after: String
    $last: Int
    $before: String
  ) {
    travelers(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        id
        firstName
        lastName
        email
        nationality
        passportExpiryDate
        status
        client {
          id
          displayName
        }
      }
    }
  }
`);

export const VendorsDocument = graphql(`
  query TravelVendors(
    $filter: VendorFilter
    $orderBy: VendorOrder
    $first: Int
    $after: String
    $last: Int
    $before: String
  ) {
    vendors(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        id
        name
        vendorType
        tier
        isActive
        contactEmail
      }
    }
  }
`);

export const InvoicesDocument = graphql(`
  query TravelInvoices(
    $filter: InvoiceFilter
    $orderBy: InvoiceOrder
    $first: Int
    $after: String
    $last: Int
    $before: String
  ) {
    invoices(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        id
        invoiceNumber
        status
        issueDate
        dueDate
        totalCents
        balanceCents
        client {
          id
          displayName
        }
      }
    }
  }
`);

export const PaymentSchedulesDocument = graphql(`
  query TravelPaymentSchedules(
    $filter: PaymentScheduleFilter
    $orderBy: PaymentScheduleOrder
    $first: Int
    $after: String
    $last: Int
    $before: String
  ) {
    paymentSchedules(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        id
        installmentNumber
        amountCents
        dueDate
        status
        reminderCount
        lastReminderSentAt
        nextReminderAt
        client {
          id
          displayName
        }
        booking {
          id
          bookingReference
        }
      }
    }
  }
`);

export const TravelAlertsDocument = graphql(`
  query TravelAlertsList(
    $filter: TravelAlertFilter
    $orderBy: TravelAlertOrder
    $first: Int
    $after: String
    $last: Int
    $before: String
  ) {
    travelAlerts(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
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
        alertType
        severity
        country
        startsAt
        endsAt
        isActive
        destination {
          id
          name
        }
      }
    }
  }
`);

export const TravelGroupsDocument = graphql(`
  query TravelGroupsList(
    $filter: TravelGroupFilter
    $orderBy: TravelGroupOrder
    $first: Int
    $after: String
    $last: Int
    $before: String
  ) {
    travelGroups(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        id
        name
        status
        destination
        departureDate
        minGuests
        maxGuests
        memberCount
        pricePerPersonCents
      }
    }
  }
`);

export const SatisfactionDocument = graphql(`
  query TravelSatisfaction(
    $filter: SatisfactionScoreFilter
    $orderBy: SatisfactionScoreOrder
    $first: Int
    $after: String
    $last: Int
    $before: String
  ) {
    satisfactionScores(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        id
        scoreType
        score
        feedback
        wouldRecommend
        submittedAt
        client {
          id
          displayName
        }
      }
    }
  }
`);
