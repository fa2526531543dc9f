import { graphql } from '../../../__generated__/gql.ts';

/** Every live deal of one pipeline in board order (stage, then longest in stage). */
export const DealBoardDocument = graphql(`
  query DealBoard($pipelineId: ID!, $limit: Int) {
    deals(filter: { pipelineId: $pipelineId }, sort: { field: STAGE }, limit: $limit) {
      totalCount
      nodes {
        ...BoardDeal
      }
    }
  }
`);
