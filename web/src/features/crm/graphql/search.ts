import { graphql } from '../../../__generated__/gql.ts';

/** The header's search over contacts, companies and deals, best matches first. */
export const SearchDocument = graphql(`
  query Search($query: String!, $first: Int) {
    search(filter: { search: $query }, first: $first) {
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
