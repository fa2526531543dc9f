import { graphql } from '../../../__generated__/gql.ts';

/** A new deal, returned as a board card so it can join its column at once. */
export const CreateDealDocument = graphql(`
  mutation CreateDeal($input: CreateDealInput!) {
    createDeal(input: $input) {
      ...BoardDeal
    }
  }
`);

/** Changes a deal's fields; the deal page and the board read the answer from the cache. */
export const UpdateDealDocument = graphql(`
  mutation UpdateDeal($input: UpdateDealInput!) {
    updateDeal(input: $input) {
      ...BoardDeal
      dealType
      source
      expectedCloseDate
      tags
    }
  }
`);
