import { graphql } from '../../../__generated__/gql.ts';

/** The next page of a record's timeline, past the 25 its page loads with. */
export const ContactTimelinePageDocument = graphql(`
  query ContactTimelinePage($id: ID!, $after: String) {
    contact(id: $id) {
      id
      activities(first: 25, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          ...TimelineActivity
        }
      }
    }
  }
`);

export const CompanyTimelinePageDocument = graphql(`
  query CompanyTimelinePage($id: ID!, $after: String) {
    company(id: $id) {
      id
      activities(first: 25, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          ...TimelineActivity
        }
      }
    }
  }
`);

export const DealTimelinePageDocument = graphql(`
  query DealTimelinePage($id: ID!, $after: String) {
    deal(id: $id) {
      id
      activities(first: 25, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          ...TimelineActivity
        }
      }
    }
  }
`);
