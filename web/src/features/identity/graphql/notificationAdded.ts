import { graphql } from '../../../__generated__/gql.ts';

/** Each new notification for the signed-in person, as it is created. */
export const NotificationAddedDocument = graphql(`
  subscription NotificationAdded {
    notificationAdded {
      ...NotificationItem
    }
  }
`);
