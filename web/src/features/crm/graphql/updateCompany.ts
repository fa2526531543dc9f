import { graphql } from '../../../__generated__/gql.ts';

export const UpdateCompanyDocument = graphql(`
  mutation UpdateCompany($input: UpdateCompanyInput!) {
    updateCompany(input: $input) {
      ...CompanyFields
    }
  }
`);
