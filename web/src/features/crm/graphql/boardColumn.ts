import { graphql } from '../../../__generated__/gql.ts';

/**
 * One column of the board: a page of a stage's live deals, longest in the stage first, with the
 * board's filters. Each column pages on its own, so no pipeline is too large for the board.
 */
export const BoardColumnDocument = graphql(`
  query BoardColumn($filter: DealFilter!, $first: Int, $after: String) {
    deals(filter: $filter, orderBy: { field: STAGE_ENTERED_AT, direction: ASC }, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...BoardDeal
      }
    }
  }
`);
