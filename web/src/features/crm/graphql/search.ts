import { graphql } from '../../../__generated__/gql.ts';

/** The header's search over contacts, companies and deals, best matches first. */
export const SearchDocument = graphql(`
  query Search($query: String!, $limit: Int) {
    search(query: $query, limit: $limit) {
      totalCount
      nodes {
        kind
        id
        title
        subtitle
      }
    }
  }
`);
