import { graphql } from '../../../__generated__/gql.ts';

/** Moves a deal to another stage of its pipeline (a LOST stage needs a reason). */
export const MoveDealDocument = graphql(`
  mutation MoveDeal($input: MoveDealInput!) {
    moveDeal(input: $input) {
      ...BoardDeal
    }
  }
`);
