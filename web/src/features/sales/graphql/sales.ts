import { graphql } from '../../../__generated__/gql.ts';

/** The catalogue by name. */
export const ProductsDocument = graphql(`
  query SalesProducts($filter: ProductFilter, $first: Int, $after: String) {
    productCategories
    products(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        id
        sku
        name
        category
        unitPrice
        unitCost
        currency
        pricingUnit
        billingFrequency
        taxRate
        taxInclusive
        active
      }
    }
  }
`);

/** Latest versions, highest number first. */
export const QuotesDocument = graphql(`
  query SalesQuotes($filter: QuoteFilter, $first: Int, $after: String) {
    quotes(filter: $filter, first: $first, after: $after) {
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
        title
        status
        approval
        currency
        expiresOn
        recipientName
        totals {
          total
        }
      }
    }
  }
`);

export const QuoteDocument = graphql(`
  query SalesQuote($id: ID!) {
    quote(id: $id) {
      id
      reference
      title
      status
      approval
      currency
      expiresOn
      recipientName
      recipientEmail
      linkActive
      viewCount
      deal {
        id
      }
      lines(first: 100) {
        nodes {
          id
          description
          quantity
          unitPrice
          unitCost
          currency
          discountType
          discountPercent
          discountAmount
          taxRate
          taxInclusive
          product {
            id
          }
          optionGroup
          optional
          selected
          included
          gross
          discount
          total
        }
      }
      totals {
        subtotal
        lineDiscounts
        quoteDiscount
        net
        tax
        total
        margin
        marginPercent
        discountPercent
        depositDue
      }
      discountType
      discountPercent
      discountAmount
      depositPercent
      depositAmount
      terms
      cancellationPolicy
      template {
        id
        name
      }
      deposit {
        amount
        dueOn
        scheduleStatus
        paymentScheduleId
      }
    }
  }
`);

export const CreateQuoteDocument = graphql(`
  mutation SalesCreateQuote($input: CreateQuoteInput!) {
    createQuote(input: $input) {
      id
    }
  }
`);

export const UpdateQuoteDocument = graphql(`
  mutation SalesUpdateQuote($input: UpdateQuoteInput!) {
    updateQuote(input: $input) {
      id
      status
      approval
    }
  }
`);

export const SendQuoteDocument = graphql(`
  mutation SalesSendQuote($input: SendQuoteInput!) {
    sendQuote(input: $input) {
      link
      quote {
        id
        status
        linkActive
      }
    }
  }
`);

export const ApproveQuoteDocument = graphql(`
  mutation SalesApproveQuote($id: ID!) {
    approveQuote(id: $id) {
      id
      approval
      status
    }
  }
`);

export const QuotePdfDocument = graphql(`
  query SalesQuotePdf($id: ID!) {
    quotePdf(id: $id) {
      filename
      contentType
      base64
    }
  }
`);

export const PlaybooksDocument = graphql(`
  query SalesPlaybooks($first: Int, $after: String) {
    playbooks(first: $first, after: $after) {
      totalCount
      nodes {
        id
        name
        stageId
        dealType
        active
      }
    }
  }
`);

/** The quotes of a deal and the playbooks for its stage (the deal page's sales panel). */
export const DealSalesDocument = graphql(`
  query SalesDealPanel($dealId: ID!, $stageId: ID) {
    deal(id: $dealId) {
      id
      quotes(first: 10) {
        nodes {
          id
          reference
          title
          status
          currency
          totals {
            total
          }
        }
      }
      playbooks(stageId: $stageId, first: 10) {
        nodes {
          id
          name
          sections {
            title
            items {
              key
              kind
              text
            }
          }
        }
      }
    }
  }
`);

export const MeetingSettingsDocument = graphql(`
  query SalesMeetingSettings {
    availability {
      userId
      displayName
      email
      timeZone
      weekly {
        weekday
        start
        end
      }
    }
    meetingTypes(first: 50) {
      nodes {
        id
        slug
        name
        durationMinutes
        kind
        active
        bookingUrl
      }
    }
    meetings(first: 50, filter: { status: [BOOKED] }) {
      totalCount
      nodes {
        id
        startsAt
        visitorName
        status
        meetingType {
          id
          name
        }
      }
    }
  }
`);

export const SetAvailabilityDocument = graphql(`
  mutation SalesSetAvailability($input: SetAvailabilityInput!) {
    setAvailability(input: $input) {
      userId
      timeZone
    }
  }
`);

export const CreateMeetingTypeDocument = graphql(`
  mutation SalesCreateMeetingType($input: CreateMeetingTypeInput!) {
    createMeetingType(input: $input) {
      id
      bookingUrl
    }
  }
`);

export const ProductDocument = graphql(`
  query SalesProduct($id: ID!) {
    productCategories
    product(id: $id) {
      id
      sku
      name
      description
      category
      unitPrice
      unitCost
      currency
      billingFrequency
      pricingUnit
      taxRate
      taxInclusive
      tiers {
        minQuantity
        unitPrice
      }
      seasons {
        startsOn
        endsOn
        unitPrice
      }
      ttOfferingId
      active
    }
  }
`);

export const CreateProductDocument = graphql(`
  mutation SalesCreateProduct($input: CreateProductInput!) {
    createProduct(input: $input) {
      id
    }
  }
`);

export const UpdateProductDocument = graphql(`
  mutation SalesUpdateProduct($input: UpdateProductInput!) {
    updateProduct(input: $input) {
      id
      active
    }
  }
`);

export const QuoteTemplatesDocument = graphql(`
  query SalesQuoteTemplates($first: Int, $after: String) {
    quoteTemplates(first: $first, after: $after) {
      totalCount
      nodes {
        id
        name
        terms
        cancellationPolicy
        depositPercent
        depositAmount
      }
    }
  }
`);

export const CreateQuoteTemplateDocument = graphql(`
  mutation SalesCreateQuoteTemplate($input: CreateQuoteTemplateInput!) {
    createQuoteTemplate(input: $input) {
      id
    }
  }
`);

export const UpdateQuoteTemplateDocument = graphql(`
  mutation SalesUpdateQuoteTemplate($input: UpdateQuoteTemplateInput!) {
    updateQuoteTemplate(input: $input) {
      id
    }
  }
`);

export const DeleteQuoteTemplateDocument = graphql(`
  mutation SalesDeleteQuoteTemplate($id: ID!) {
    deleteQuoteTemplate(id: $id) {
      id
    }
  }
`);

export const PlaybookDocument = graphql(`
  query SalesPlaybook($id: ID!) {
    playbook(id: $id) {
      id
      name
      description
      stageId
      dealType
      active
      sections {
        title
        items {
          key
          kind
          text
        }
      }
    }
  }
`);

/** Pipelines and their stages, for choosing the stage a playbook guides. */
export const PlaybookStagesDocument = graphql(`
  query SalesPlaybookStages {
    pipelines(first: 50) {
      nodes {
        id
        name
        stages(first: 30) {
          nodes {
            id
            name
          }
        }
      }
    }
  }
`);

export const CreatePlaybookDocument = graphql(`
  mutation SalesCreatePlaybook($input: CreatePlaybookInput!) {
    createPlaybook(input: $input) {
      id
    }
  }
`);

export const UpdatePlaybookDocument = graphql(`
  mutation SalesUpdatePlaybook($input: UpdatePlaybookInput!) {
    updatePlaybook(input: $input) {
      id
    }
  }
`);
