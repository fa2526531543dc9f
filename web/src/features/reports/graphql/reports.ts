import { graphql } from '../../../__generated__/gql.ts';

/** The four pre-built CRM reports over one range, in one request. */
export const CrmReportsDocument = graphql(`
  query CrmReports($range: ReportRangeInput!, $pipelineId: ID) {
    crmReports(range: $range) {
      from
      to
      pipeline(pipelineId: $pipelineId) {
        stage {
          id
          name
        }
        dealCount
        amountCents
        weightedAmountCents
      }
      wonLost {
        outcome
        reason
        dealCount
        amountCents
      }
      activityByPerson {
        person {
          id
          name
        }
        total
        byType {
          type
          count
        }
      }
      tasksByStatus {
        status
        count
        overdueCount
      }
    }
  }
`);
