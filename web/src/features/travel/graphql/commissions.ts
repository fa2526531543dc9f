import { graphql } from '../../../__generated__/gql.ts';

/** Commission entries with the summary over every match (finance data: managers and admins). */
export const CommissionsDocument = graphql(`
  query Commissions($filter: CommissionFilter, $page: Int, $limit: Int) {
    commissions(filter: $filter, page: $page, limit: $limit) {
      totalCount
      page
      totalPages
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
