import { graphql } from '../../../__generated__/gql.ts';

/** One page of the companies list. */
export const CompaniesDocument = graphql(`
  query Companies(
    $filter: CompanyFilter
    $orderBy: CompanyOrder
    $first: Int
    $after: String
    $last: Int
    $before: String
  ) {
    companies(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        id
        name
        domain
        industry
        status
        accountTier
        leadScore
        annualTravelBudgetCents
        city
        country
        owner {
          id
          name
        }
        createdAt
      }
    }
  }
`);
