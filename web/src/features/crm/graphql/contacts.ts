import { graphql } from '../../../__generated__/gql.ts';

/** One page of the contacts list, with what the table shows. */
export const ContactsDocument = graphql(`
  query Contacts($filter: ContactFilter, $search: String, $sort: ContactSort, $limit: Int, $offset: Int) {
    contacts(filter: $filter, search: $search, sort: $sort, limit: $limit, offset: $offset) {
      totalCount
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
