import { graphql } from '../../../__generated__/gql.ts';

/** What the bell shows of one notification; shared by the list and the live feed. */
export const NotificationItemFragment = graphql(`
  fragment NotificationItem on Notification {
    id
    type
    title
    body
    link
    readAt
    createdAt
  }
`);
