import { graphql } from '../../../__generated__/gql.ts';

/** Commission entries with the summary over every match (finance data: managers and admins). */
export const CommissionsDocument = graphql(`
  query Commissions($filter: CommissionFilter, $first: Int, $after: String, $last: Int, $before: String) {
    commissions(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      summary {
        count
        totalBookingValueCents
        totalGrossCommissionCents
        totalNexionShareCents
        totalAgentNetCents
        byStatus {
          status
          count
          grossCommissionCents
        }
      }
      nodes {
        id
        status
        bookingValueCents
        commissionPct
        grossCommissionCents
        agentNetCents
        expectedPayDate
        vendor {
          id
          name
        }
        booking {
          id
          bookingReference
        }
      }
    }
  }
`);
