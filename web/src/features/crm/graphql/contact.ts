import { graphql } from '../../../__generated__/gql.ts';

/** A contact's page: its fields, timeline, deals and tasks (CRM only; travel has its own query). */
export const ContactDocument = graphql(`
  query Contact($id: ID!) {
    contact(id: $id) {
      ...ContactFields
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
      deals(first: 25) {
        totalCount
        nodes {
          ...DealSummary
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
