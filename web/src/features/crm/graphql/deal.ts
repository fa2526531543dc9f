import { graphql } from '../../../__generated__/gql.ts';

/** A deal's page: its fields, stage history, timeline and tasks. */
export const DealDocument = graphql(`
  query Deal($id: ID!) {
    deal(id: $id) {
      ...BoardDeal
      dealType
      source
      expectedCloseDate
      closedAt
      closeReason
      tags
      createdAt
      pipeline {
        id
        name
        stages(first: 30) {
          nodes {
            id
            name
            position
            probability
            outcome
          }
        }
      }
      stage {
        id
        name
        outcome
      }
      stageHistory(first: 50) {
        totalCount
        nodes {
          id
          changedAt
          note
          fromStage {
            id
            name
          }
          toStage {
            id
            name
            outcome
          }
          changedBy {
            id
            name
          }
        }
      }
      activities(first: 25) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          ...TimelineActivity
        }
      }
      tasks(first: 25) {
        totalCount
        nodes {
          ...TaskRow
        }
      }
    }
  }
`);
