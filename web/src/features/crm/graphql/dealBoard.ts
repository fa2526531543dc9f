import { graphql } from '../../../__generated__/gql.ts';

/** A page of one pipeline's live deals in board order (stage, then longest in stage). */
export const DealBoardDocument = graphql(`
  query DealBoard($pipelineId: ID!, $first: Int, $after: String) {
    deals(filter: { pipelineId: $pipelineId }, orderBy: { field: STAGE }, first: $first, after: $after) {
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
