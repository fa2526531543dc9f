import { graphql } from '../../../__generated__/gql.ts';

/** The TT-API clients that book through a company; its own request, like every travel part. */
export const CompanyTravelClientsDocument = graphql(`
  query CompanyTravelClients($id: ID!) {
    company(id: $id) {
      id
      clients(first: 25) {
        totalCount
        nodes {
          id
          displayName
          clientType
          status
          email
        }
      }
    }
  }
`);
