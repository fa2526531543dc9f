import { graphql } from '../../../__generated__/gql.ts';

/** One page of the contacts list, with what the table shows. */
export const ContactsDocument = graphql(`
  query Contacts(
    $filter: ContactFilter
    $orderBy: ContactOrder
    $first: Int
    $after: String
    $last: Int
    $before: String
  ) {
    contacts(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        id
        firstName
        lastName
        email
        phone
        lifecycleStage
        leadScore
        company {
          id
          name
        }
        owner {
          id
          name
        }
        createdAt
      }
    }
  }
`);
