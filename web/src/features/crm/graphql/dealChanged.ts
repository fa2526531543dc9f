import { graphql } from '../../../__generated__/gql.ts';

/** Every change to a deal of this pipeline, by anyone: the board moves live. */
export const DealChangedDocument = graphql(`
  subscription DealChanged($pipelineId: ID) {
    dealChanged(pipelineId: $pipelineId) {
      ...BoardDeal
    }
  }
`);
