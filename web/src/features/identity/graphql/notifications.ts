import { graphql } from '../../../__generated__/gql.ts';

/** The bell's list: the newest notifications (newest first) and how many are unread. */
export const NotificationsDocument = graphql(`
  query Notifications($first: Int) {
    notifications(first: $first) {
      totalCount
      unreadCount
      nodes {
        ...NotificationItem
      }
    }
  }
`);
