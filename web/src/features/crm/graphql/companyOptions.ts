import { graphql } from '../../../__generated__/gql.ts';

/** Companies whose name matches, for the company picker on the contact form. */
export const CompanyOptionsDocument = graphql(`
  query CompanyOptions($search: String, $first: Int) {
    companies(filter: { search: $search }, first: $first) {
      nodes {
        id
        name
        domain
      }
    }
  }
`);
