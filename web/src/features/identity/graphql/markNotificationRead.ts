import { graphql } from '../../../__generated__/gql.ts';

export const MarkNotificationReadDocument = graphql(`
  mutation MarkNotificationRead($id: ID!) {
    markNotificationRead(id: $id) {
      __typename
      id
      readAt
    }
  }
`);
