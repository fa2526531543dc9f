import { Link } from 'react-router';
import type { TimelineActivityFragment } from '../../__generated__/graphql.ts';
import { formatDateTime, humanize, personName } from '../../lib/format.ts';

interface ActivityTimelineProps {
  activities: readonly TimelineActivityFragment[];
  totalCount: number;
  /** Hide the link back to the record the timeline belongs to. */
  hideContact?: boolean;
  hideDeal?: boolean;
}

const TYPE_MARK = { EMAIL: '✉', CALL: '☎', MEETING: '◷', NOTE: '✎' } as const;

/** Emails, calls, meetings and notes, newest first. */
export function ActivityTimeline({ activities, totalCount, hideContact, hideDeal }: ActivityTimelineProps) {
  if (activities.length === 0) return <p className="empty">No activity logged yet.</p>;
  return (
    <>
      <ol className="timeline" data-testid="activity-timeline">
        {activities.map((a) => (
          <li key={a.id} className="timeline__item">
            <span className="timeline__mark" aria-hidden="true">
              {TYPE_MARK[a.type]}
            </span>
            <div className="timeline__body">
              <p className="timeline__subject">
                <span className="visually-hidden">{humanize(a.type)}: </span>
                {a.subject}
                {a.status !== 'COMPLETED' && <span className="badge timeline__status">{humanize(a.status)}</span>}
              </p>
              <p className="timeline__meta">
                <time dateTime={a.occurredAt}>{formatDateTime(a.occurredAt)}</time>
                {a.loggedBy && ` · ${a.loggedBy.name}`}
                {a.channel && ` · ${humanize(a.channel)}`}
                {a.durationMinutes ? ` · ${a.durationMinutes} min` : ''}
                {!hideContact && a.contact && (
                  <>
                    {' · '}
                    <Link to={`/crm/contacts/${a.contact.id}`}>{personName(a.contact)}</Link>
                  </>
                )}
                {!hideDeal && a.deal && (
                  <>
                    {' · '}
                    <Link to={`/crm/deals/${a.deal.id}`}>{a.deal.title}</Link>
                  </>
                )}
              </p>
              {a.body && <p className="timeline__text">{a.body}</p>}
            </div>
          </li>
        ))}
      </ol>
      {totalCount > activities.length && (
        <p className="cell-muted">
          Showing the newest {activities.length} of {totalCount}.
        </p>
      )}
    </>
  );
}
