import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useSearchParams } from 'react-router';
import type { DeliveryChannel, DeliveryOutcome } from '../../__generated__/graphql.ts';
import { formatDateTime, humanize } from '../../lib/format.ts';
import { cursorOf, pageArgs, putCursor, type PageCursor } from '../../lib/useCursorListParams.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { CursorPager } from '../../ui/CursorPager.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Loading } from '../../ui/Splash.tsx';
import { DeliveriesDocument, DeliveryRecordedDocument, ReplayDeliveryDocument } from './graphql/__generated__/ops.ts';

const CHANNELS: DeliveryChannel[] = [
  'N8N',
  'TT_API_HOOK',
  'GROUPS_HOOK',
  'SLACK_EVENT',
  'SLACK_COMMAND',
  'SLACK_INTERACTION',
  'SLACK_POST',
  'WEBHOOK',
];
const OUTCOMES: DeliveryOutcome[] = ['PENDING', 'SUCCEEDED', 'FAILED', 'REFUSED'];
const PAGE = 25;

/**
 * The delivery ledger: every delivery in or out, one row per key with its attempts, outcome and
 * effect; live. `channel` fixes the channel (the n8n console shows only n8n's). Admins replay.
 */
export function DeliveriesPage({ channel, title = 'Delivery ledger' }: { channel?: DeliveryChannel; title?: string }) {
  useDocumentTitle(title);
  const isAdmin = useHasRank('ADMIN');
  const [params, setParams] = useSearchParams();
  const cursor = cursorOf(params);
  const chosen = channel ?? (params.get('channel') as DeliveryChannel | null);
  const outcome = params.get('outcome') as DeliveryOutcome | null;
  const search = params.get('q') ?? '';
  const list = useQuery(DeliveriesDocument, {
    variables: {
      filter: { channels: chosen ? [chosen] : null, outcomes: outcome ? [outcome] : null, search: search || null },
      ...pageArgs(cursor, PAGE),
    },
    fetchPolicy: 'cache-and-network',
  });
  useSubscription(DeliveryRecordedDocument, { variables: { channel: chosen }, onData: () => void list.refetch() });
  const [replay, replaying] = useMutation(ReplayDeliveryDocument);
  const set = (name: string, value: string) =>
    setParams((p) => {
      if (value) p.set(name, value);
      else p.delete(name);
      putCursor(p, undefined);
      return p;
    });
  const onPage = (c: PageCursor) =>
    setParams((p) => {
      putCursor(p, c);
      return p;
    });
  const page = list.data?.deliveries;
  return (
    <section aria-labelledby="deliveries-title" data-testid="deliveries-page">
      <header className="page-header">
        <h1 id="deliveries-title">{title}</h1>
      </header>
      <form className="filters" role="search" aria-label="Filter deliveries" onSubmit={(e) => e.preventDefault()}>
        {!channel && (
          <label className="field">
            <span className="field__label">Channel</span>
            <select className="select" value={chosen ?? ''} onChange={(e) => set('channel', e.target.value)}>
              <option value="">All channels</option>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {humanize(c)}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field">
          <span className="field__label">Outcome</span>
          <select className="select" value={outcome ?? ''} onChange={(e) => set('outcome', e.target.value)}>
            <option value="">Any outcome</option>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {humanize(o)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">Key, action or summary</span>
          <input className="input" defaultValue={search} onBlur={(e) => set('q', e.target.value.trim())} />
        </label>
      </form>
      {list.error && <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />}
      {replaying.error && <ErrorNotice error={replaying.error} />}
      {!page && !list.error && <Loading />}
      {page && (
        <>
          <div className="table-frame">
            <table className="data-table data-table--cards" data-testid="deliveries-table">
              <caption className="visually-hidden">Deliveries, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">First attempt</th>
                  <th scope="col">Delivery</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Effect</th>
                  {isAdmin && <th scope="col">Replay</th>}
                </tr>
              </thead>
              <tbody>
                {page.nodes.length === 0 && (
                  <tr>
                    <td colSpan={isAdmin ? 6 : 5}>Nothing matches these filters.</td>
                  </tr>
                )}
                {page.nodes.map((d) => (
                  <tr key={d.id}>
                    <td data-label="First attempt" className="nowrap">
                      {formatDateTime(d.firstAttemptAt)}
                    </td>
                    <th scope="row" data-label="Delivery">
                      {humanize(d.channel)} · {d.direction === 'IN' ? 'in' : 'out'} · {d.requestSummary}
                      <span className="cell-muted"> {d.idempotencyKey.slice(-24)}</span>
                    </th>
                    <td data-label="Attempts">
                      {d.attempts}
                      {d.replayCount > 0 ? ` (${d.replayCount} replayed)` : ''}
                    </td>
                    <td data-label="Outcome">
                      {humanize(d.outcome)}
                      {d.responseStatus ? ` · ${d.responseStatus}` : ''}
                      {d.completedAt && d.outcome !== 'PENDING' ? (
                        <span className="cell-muted">
                          {' '}
                          · {Math.max(0, Date.parse(d.completedAt) - Date.parse(d.lastAttemptAt))} ms
                        </span>
                      ) : null}
                    </td>
                    <td data-label="Effect">{d.error ?? d.effect ?? '—'}</td>
                    {isAdmin && (
                      <td data-label="Replay">
                        {d.replayable ? (
                          <button
                            type="button"
                            className="button"
                            disabled={replaying.loading}
                            onClick={() =>
                              void replay({ variables: { input: { id: d.id } } }).then(() => list.refetch())
                            }
                          >
                            Replay
                          </button>
                        ) : (
                          '—'
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <CursorPager
            label="Delivery pages"
            noun={['delivery', 'deliveries']}
            shown={page.nodes.length}
            totalCount={page.totalCount}
            pageInfo={page.pageInfo}
            onPage={onPage}
          />
        </>
      )}
    </section>
  );
}
