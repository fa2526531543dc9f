import { graphql } from '../../../__generated__/gql.ts';

/** The bell's list: the newest notifications and how many are unread. */
export const NotificationsDocument = graphql(`
  query Notifications($limit: Int) {
    notifications(limit: $limit) {
      totalCount
      unreadCount
      nodes {
        ...NotificationItem
      }
    }
  }
`);
