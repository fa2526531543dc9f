import { useEffect } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { MarkAllNotificationsReadDocument } from './graphql/__generated__/markAllNotificationsRead.ts';
import { MarkNotificationReadDocument } from './graphql/__generated__/markNotificationRead.ts';
import { NotificationAddedDocument } from './graphql/__generated__/notificationAdded.ts';
import { NotificationsDocument } from './graphql/__generated__/notifications.ts';

export const BELL_LIMIT = 10;
const LIST = { query: NotificationsDocument, variables: { first: BELL_LIMIT } } as const;

/**
 * The bell's notifications and unread count, kept live: each `notificationAdded` event goes to
 * the top of the list and raises the count, without a refetch.
 */
export function useNotifications() {
  const { data, error, subscribeToMore, refetch } = useQuery(NotificationsDocument, {
    variables: LIST.variables,
    fetchPolicy: 'cache-and-network',
  });

  useEffect(
    () =>
      subscribeToMore({
        document: NotificationAddedDocument,
        updateQuery: (_, { complete, previousData, subscriptionData }) => {
          const added = subscriptionData.data.notificationAdded;
          if (!complete || !previousData.notifications) return;
          const page = previousData.notifications;
          if (page.nodes.some((n) => n.id === added.id)) return;
          return {
            notifications: {
              ...page,
              totalCount: page.totalCount + 1,
              unreadCount: page.unreadCount + (added.readAt ? 0 : 1),
              nodes: [added, ...page.nodes].slice(0, BELL_LIMIT),
            },
          };
        },
      }),
    [subscribeToMore],
  );

  const [markOne] = useMutation(MarkNotificationReadDocument);
  const [markAll, { loading: markingAll }] = useMutation(MarkAllNotificationsReadDocument);

  const markRead = (id: string) => {
    const wasUnread = data?.notifications?.nodes.some((n) => n.id === id && !n.readAt) ?? false;
    void markOne({
      variables: { id },
      optimisticResponse: {
        markNotificationRead: { __typename: 'Notification', id, readAt: new Date().toISOString() },
      },
      update: (cache) => {
        if (!wasUnread) return;
        cache.updateQuery(LIST, (current) =>
          current?.notifications
            ? {
                notifications: {
                  ...current.notifications,
                  unreadCount: Math.max(0, current.notifications.unreadCount - 1),
                },
              }
            : current,
        );
      },
    }).catch(() => undefined);
  };

  const markAllRead = () => {
    const now = new Date().toISOString();
    void markAll({
      update: (cache) => {
        cache.updateQuery(LIST, (current) =>
          current?.notifications
            ? {
                notifications: {
                  ...current.notifications,
                  unreadCount: 0,
                  nodes: current.notifications.nodes.map((n) => (n.readAt ? n : { ...n, readAt: now })),
                },
              }
            : current,
        );
      },
    }).catch(() => undefined);
  };

  return {
    notifications: data?.notifications?.nodes ?? [],
    unreadCount: data?.notifications?.unreadCount ?? 0,
    error,
    refetch,
    markRead,
    markAllRead,
    markingAll,
  };
}
