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

/** The full results of a search, a page at a time, optionally of one kind. */
export const SearchResultsDocument = graphql(`
  query SearchResults($filter: SearchFilter!, $first: Int, $after: String, $last: Int, $before: String) {
    search(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        kind
        id
        title
        subtitle
      }
    }
  }
`);
