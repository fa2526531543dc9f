import { useState } from 'react';
import { useApolloClient } from '@apollo/client/react';
import { Link } from 'react-router';
import type { TimelineActivityFragment } from '../../__generated__/graphql.ts';
import { describeError } from '../../lib/errors.ts';
import { formatDateTime, humanize, personName } from '../../lib/format.ts';
import {
  CompanyTimelinePageDocument,
  ContactTimelinePageDocument,
  DealTimelinePageDocument,
} from './graphql/__generated__/timelinePages.ts';

interface TimelinePageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

/** Where further pages come from: the record's own timeline, after the first page's last entry. */
interface MoreSource {
  record: 'contact' | 'company' | 'deal';
  id: string;
  pageInfo: TimelinePageInfo | null;
}

interface ActivityTimelineProps {
  activities: readonly TimelineActivityFragment[];
  totalCount: number;
  /** Hide the link back to the record the timeline belongs to. */
  hideContact?: boolean;
  hideDeal?: boolean;
  /** Offers "Load more" past the first page. */
  more?: MoreSource;
}

const TYPE_MARK = { EMAIL: '✉', CALL: '☎', MEETING: '◷', NOTE: '✎' } as const;

/** Emails, calls, meetings and notes, newest first. */
export function ActivityTimeline({ activities, totalCount, hideContact, hideDeal, more }: ActivityTimelineProps) {
  const client = useApolloClient();
  const [older, setOlder] = useState<{ nodes: TimelineActivityFragment[]; pageInfo: TimelinePageInfo } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const pageInfo = older?.pageInfo ?? more?.pageInfo ?? null;
  // Entries logged since the first page loaded may repeat at a page boundary: each shows once.
  const seen = new Set(activities.map((a) => a.id));
  const shown = [...activities, ...(older?.nodes ?? []).filter((a) => !seen.has(a.id))];

  const loadMore = async () => {
    if (!more || !pageInfo?.endCursor) return;
    setLoadingMore(true);
    setProblem(null);
    try {
      const variables = { id: more.id, after: pageInfo.endCursor };
      const page =
        more.record === 'contact'
          ? (await client.query({ query: ContactTimelinePageDocument, variables, fetchPolicy: 'network-only' })).data
              ?.contact?.activities
          : more.record === 'company'
            ? (await client.query({ query: CompanyTimelinePageDocument, variables, fetchPolicy: 'network-only' })).data
                ?.company?.activities
            : (await client.query({ query: DealTimelinePageDocument, variables, fetchPolicy: 'network-only' })).data
                ?.deal?.activities;
      if (page) setOlder((old) => ({ nodes: [...(old?.nodes ?? []), ...page.nodes], pageInfo: page.pageInfo }));
    } catch (err) {
      setProblem(describeError(err).message);
    } finally {
      setLoadingMore(false);
    }
  };

  if (shown.length === 0) return <p className="empty">No activity logged yet.</p>;
  return (
    <>
      <ol className="timeline" data-testid="activity-timeline">
        {shown.map((a) => (
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
      {totalCount > shown.length && (
        <p className="cell-muted timeline__more">
          Showing the newest {shown.length} of {totalCount}.{' '}
          {more && pageInfo?.hasNextPage && (
            <button
              type="button"
              className="button button--small"
              disabled={loadingMore}
              onClick={() => void loadMore()}
            >
              {loadingMore ? 'Loading…' : 'Load more'}
            </button>
          )}
        </p>
      )}
      {problem && (
        <p className="field__error" role="alert">
          {problem}
        </p>
      )}
    </>
  );
}
