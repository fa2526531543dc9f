import { graphql } from '../../../__generated__/gql.ts';

export const CreateCompanyDocument = graphql(`
  mutation CreateCompany($input: CreateCompanyInput!) {
    createCompany(input: $input) {
      ...CompanyFields
    }
  }
`);
