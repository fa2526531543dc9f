import { graphql } from '../../../__generated__/gql.ts';

/** A page of deals for the list view, with the board's filters and a chosen order. */
export const DealListDocument = graphql(`
  query DealList($filter: DealFilter!, $orderBy: DealOrder, $first: Int, $after: String, $last: Int, $before: String) {
    deals(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        ...BoardDeal
        stage {
          id
          name
        }
      }
    }
  }
`);
