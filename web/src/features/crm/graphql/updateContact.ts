import { graphql } from '../../../__generated__/gql.ts';

export const UpdateContactDocument = graphql(`
  mutation UpdateContact($input: UpdateContactInput!) {
    updateContact(input: $input) {
      ...ContactFields
    }
  }
`);
