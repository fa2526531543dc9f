import { graphql } from '../../../__generated__/gql.ts';

/** Returns how many notifications changed. */
export const MarkAllNotificationsReadDocument = graphql(`
  mutation MarkAllNotificationsRead {
    markAllNotificationsRead
  }
`);
