import { graphql } from '../../../__generated__/gql.ts';

/** Every pipeline with its stages in board order, for the board's pipeline picker and columns. */
export const PipelinesDocument = graphql(`
  query Pipelines {
    pipelines(first: 50) {
      nodes {
        id
        name
        isDefault
        pipelineType
        stages(first: 30) {
          nodes {
            id
            name
            position
            probability
            outcome
          }
        }
      }
    }
  }
`);
