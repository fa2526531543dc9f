import { graphql } from '../../../__generated__/gql.ts';

/** One page of the companies list. */
export const CompaniesDocument = graphql(`
  query Companies($filter: CompanyFilter, $search: String, $sort: CompanySort, $limit: Int, $offset: Int) {
    companies(filter: $filter, search: $search, sort: $sort, limit: $limit, offset: $offset) {
      totalCount
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
