import { useQuery } from '@apollo/client/react';
import { useSearchParams } from 'react-router';
import type { ActorKind, AuditAction, AuditFilter } from '../../__generated__/graphql.ts';
import { formatDateTime, humanize } from '../../lib/format.ts';
import { cursorOf, pageArgs, putCursor, type PageCursor } from '../../lib/useCursorListParams.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { CursorPager } from '../../ui/CursorPager.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Loading } from '../../ui/Splash.tsx';
import { AuditLogDocument, UsersAdminDocument } from './graphql/__generated__/settings.ts';

const ACTIONS: AuditAction[] = [
  'USER_CREATED',
  'USER_ROLE_CHANGED',
  'USER_DEACTIVATED',
  'USER_REACTIVATED',
  'USER_PASSWORD_RESET',
  'API_KEY_CREATED',
  'API_KEY_REVOKED',
  'SERVICE_WRITE',
];
const ACTOR_KINDS: { value: ActorKind; label: string }[] = [
  { value: 'USER', label: 'Staff' },
  { value: 'API_KEY', label: 'API keys' },
  { value: 'SERVICE', label: 'Services (sync, workflows, Slack)' },
  { value: 'ANONYMOUS', label: 'Anonymous' },
];
const PAGE = 25;

/** The filters live in the address, so a filtered view can be shared and survives a reload. */
function filterOf(p: URLSearchParams): AuditFilter {
  const day = (name: string, end: boolean) => {
    const v = p.get(name);
    return v ? new Date(`${v}T${end ? '23:59:59.999' : '00:00:00'}`).toISOString() : null;
  };
  const action = p.get('action') as AuditAction | null;
  const kind = p.get('actorKind') as ActorKind | null;
  return {
    actorId: p.get('person') || null,
    actions: action ? [action] : null,
    actorKinds: kind ? [kind] : null,
    targetId: p.get('record') || null,
    createdAfter: day('from', false),
    createdBefore: day('to', true),
  };
}

/** Admin actions and service writes, newest first, filtered by person, actor kind, action, record and dates. */
export function AuditLogPage() {
  useDocumentTitle('Audit log');
  const [params, setParams] = useSearchParams();
  const cursor = cursorOf(params);
  const log = useQuery(AuditLogDocument, {
    variables: { filter: filterOf(params), ...pageArgs(cursor, PAGE) },
    fetchPolicy: 'cache-and-network',
  });
  const people = useQuery(UsersAdminDocument, { variables: { first: 100 } });
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
  const entries = log.data?.auditLog;

  return (
    <section aria-labelledby="audit-title" data-testid="audit-page">
      <header className="page-header">
        <h1 id="audit-title">Audit log</h1>
      </header>
      <form className="filters" role="search" aria-label="Filter the audit log" onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          <span className="field__label">Person</span>
          <select className="select" value={params.get('person') ?? ''} onChange={(e) => set('person', e.target.value)}>
            <option value="">Anyone</option>
            {people.data?.users?.nodes.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">Actor</span>
          <select
            className="select"
            value={params.get('actorKind') ?? ''}
            onChange={(e) => set('actorKind', e.target.value)}
          >
            <option value="">All kinds</option>
            {ACTOR_KINDS.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">Action</span>
          <select className="select" value={params.get('action') ?? ''} onChange={(e) => set('action', e.target.value)}>
            <option value="">All actions</option>
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {humanize(a)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">Record id</span>
          <input
            className="input"
            defaultValue={params.get('record') ?? ''}
            onBlur={(e) => set('record', e.target.value.trim())}
          />
        </label>
        <label className="field">
          <span className="field__label">From</span>
          <input
            className="input"
            type="date"
            value={params.get('from') ?? ''}
            onChange={(e) => set('from', e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field__label">To</span>
          <input
            className="input"
            type="date"
            value={params.get('to') ?? ''}
            onChange={(e) => set('to', e.target.value)}
          />
        </label>
      </form>
      {log.error && <ErrorNotice error={log.error} onRetry={() => void log.refetch()} />}
      {!entries && !log.error && <Loading />}
      {entries && (
        <>
          <div className="table-frame">
            <table className="data-table data-table--cards" data-testid="audit-table">
              <caption className="visually-hidden">Audit entries, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">Action</th>
                  <th scope="col">Record</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {entries.nodes.length === 0 && (
                  <tr>
                    <td colSpan={5}>Nothing matches these filters.</td>
                  </tr>
                )}
                {entries.nodes.map((e) => (
                  <tr key={e.id}>
                    <td data-label="When" className="nowrap">
                      {formatDateTime(e.createdAt)}
                    </td>
                    <th scope="row" data-label="Who">
                      {e.actor?.name ?? e.actorName}
                      <span className="cell-muted"> · {humanize(e.actorKind)}</span>
                    </th>
                    <td data-label="Action">{humanize(e.action)}</td>
                    <td data-label="Record">
                      {e.targetType}
                      {e.targetId ? <code className="cell-muted"> {e.targetId.slice(0, 8)}</code> : null}
                    </td>
                    <td data-label="Details">
                      {e.details ? <code className="audit-details">{JSON.stringify(e.details)}</code> : '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <CursorPager
            label="Audit log pages"
            noun={['entry', 'entries']}
            shown={entries.nodes.length}
            totalCount={entries.totalCount}
            pageInfo={entries.pageInfo}
            onPage={onPage}
          />
        </>
      )}
    </section>
  );
}
