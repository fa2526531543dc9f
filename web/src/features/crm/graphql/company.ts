import { graphql } from '../../../__generated__/gql.ts';

/** A company's page: its fields, people, timeline, deals and tasks. */
export const CompanyDocument = graphql(`
  query Company($id: ID!) {
    company(id: $id) {
      ...CompanyFields
      contacts(first: 50) {
        totalCount
        nodes {
          id
          firstName
          lastName
          email
          jobTitle
          lifecycleStage
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
