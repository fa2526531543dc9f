import { graphql } from '../../../__generated__/gql.ts';

/** The CRM at a glance, in one request; every figure and chart counts the same scope. */
export const CrmDashboardDocument = graphql(`
  query CrmDashboard($scope: DashboardScope) {
    crmDashboard(scope: $scope) {
      scope
      asOf
      openDealCount
      openPipelineValueCents
      weightedPipelineValueCents
      dealsWonThisMonth
      wonThisMonthValueCents
      overdueTaskCount
      contactsByLifecycleStage {
        lifecycleStage
        count
      }
      pipelines {
        pipeline {
          id
          name
          isDefault
        }
        openDealCount
        openAmountCents
        openWeightedAmountCents
        stages {
          stage {
            id
            name
            outcome
          }
          dealCount
          amountCents
          weightedAmountCents
        }
      }
    }
  }
`);
