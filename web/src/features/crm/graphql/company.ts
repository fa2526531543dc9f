import { graphql } from '../../../__generated__/gql.ts';

/** A company's page: its fields, people, timeline, deals and tasks. */
export const CompanyDocument = graphql(`
  query Company($id: ID!) {
    company(id: $id) {
      ...CompanyFields
      contacts(limit: 50) {
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
      activities(limit: 25) {
        totalCount
        nodes {
          ...TimelineActivity
        }
      }
      deals(limit: 25) {
        totalCount
        nodes {
          ...DealSummary
        }
      }
      tasks(limit: 25) {
        totalCount
        nodes {
          ...TaskRow
        }
      }
    }
  }
`);
