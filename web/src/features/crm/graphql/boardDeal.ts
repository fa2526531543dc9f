import { graphql } from '../../../__generated__/gql.ts';

/**
 * A deal as a card on the board. The move mutation and the live `dealChanged` feed select the same
 * fields, so whatever arrives replaces the card in the cache and the board regroups itself.
 * `__typename` is selected explicitly so an optimistic move can be written (and typed) like a real one.
 */
export const BoardDealFragment = graphql(`
  fragment BoardDeal on Deal {
    __typename
    id
    title
    status
    amountCents
    probability
    weightedAmountCents
    stageEnteredAt
    expectedCloseDate
    tags
    createdAt
    updatedAt
    deletedAt
    pipeline {
      id
    }
    stage {
      __typename
      id
    }
    company {
      id
      name
    }
    primaryContact {
      id
      firstName
      lastName
    }
    owner {
      id
      name
    }
  }
`);
