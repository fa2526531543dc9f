import { useCallback, useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { formatRelative } from '../../lib/format.ts';
import { safeNextPath } from '../../lib/safeNextPath.ts';
import { useDismiss } from '../../lib/useDismiss.ts';
import { BellIcon } from '../../ui/icons.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { useNotifications } from './useNotifications.ts';

/** The header's bell: unread count and the newest notifications, both live over `notificationAdded`. */
export function NotificationBell() {
  const { notifications, unreadCount, error, refetch, markRead, markAllRead, markingAll } = useNotifications();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const navigate = useNavigate();
  const close = useCallback(() => {
    setOpen(false);
    button.current?.focus();
  }, []);
  useDismiss(root, open, close);

  const label = unreadCount === 0 ? 'Notifications, none unread' : `Notifications, ${unreadCount} unread`;
  const newest = notifications[0];

  return (
    <div className="bell" ref={root}>
      <button
        ref={button}
        type="button"
        className="icon-button"
        aria-label={label}
        aria-expanded={open}
        aria-controls={panelId}
        data-testid="notification-bell"
        onClick={() => setOpen((was) => !was)}
      >
        <BellIcon />
        {unreadCount > 0 && (
          <span className="bell__count" data-testid="notification-count" aria-hidden="true">
            {unreadCount > 99 ? '99+' : unreadCount}
          </span>
        )}
      </button>
      {/* Announces arrivals to screen readers without moving focus. */}
      <span className="visually-hidden" aria-live="polite">
        {newest && !newest.readAt ? `New notification: ${newest.title}` : ''}
      </span>
      {open && (
        <section
          id={panelId}
          className="popover bell__panel"
          aria-label="Notifications"
          data-testid="notification-panel"
        >
          <header className="popover__header">
            <h2 className="popover__title">Notifications</h2>
            <button
              type="button"
              className="button button--ghost button--small"
              onClick={markAllRead}
              disabled={markingAll || unreadCount === 0}
            >
              Mark all read
            </button>
          </header>
          {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
          {notifications.length === 0 && !error && (
            <p className="popover__empty">Nothing yet. New assignments and alerts appear here.</p>
          )}
          <ul className="bell__list">
            {notifications.map((n) => (
              <li key={n.id} className={n.readAt ? 'bell__item' : 'bell__item bell__item--unread'}>
                <button
                  type="button"
                  className="bell__item-button"
                  onClick={() => {
                    if (!n.readAt) markRead(n.id);
                    if (n.link) {
                      setOpen(false);
                      void navigate(safeNextPath(n.link));
                    }
                  }}
                >
                  <span className="bell__item-title">
                    {!n.readAt && <span className="visually-hidden">Unread: </span>}
                    {n.title}
                  </span>
                  {n.body && <span className="bell__item-body">{n.body}</span>}
                  <time className="bell__item-time" dateTime={n.createdAt}>
                    {formatRelative(n.createdAt)}
                  </time>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
