import { useMemo, useState } from 'react';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import type { DealOrderField, OrderDirection } from '../../__generated__/graphql.ts';
import { describeError, type DescribedError } from '../../lib/errors.ts';
import { formatCalendarDate, formatNumber, personName } from '../../lib/format.ts';
import { cursorOf, pageArgs, putCursor, type PageCursor } from '../../lib/useCursorListParams.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useCurrentUser, useHasRank } from '../../lib/useHasRank.ts';
import { CursorPager } from '../../ui/CursorPager.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { Splash } from '../../ui/Splash.tsx';
import { useStaff } from '../identity/useStaff.ts';
import { DealFilters, dealFilterOf } from './DealFilters.tsx';
import { DealListDocument } from './graphql/__generated__/dealList.ts';
import { MoveDealDocument } from './graphql/__generated__/moveDeal.ts';
import { UpdateDealDocument } from './graphql/__generated__/saveDeal.ts';
import { DealEdit } from './inlineEdits.tsx';
import { OpenInPanelButton, RecordPanel, useOpenRecord } from './RecordPanel.tsx';
import { usePipelines } from './usePipelines.ts';
import '../../styles/table.css';

const PAGE_SIZE = 25;
const SORTS: { field: DealOrderField; label: string }[] = [
  { field: 'TITLE', label: 'Deal' },
  { field: 'STAGE', label: 'Stage' },
  { field: 'AMOUNT', label: 'Amount' },
  { field: 'EXPECTED_CLOSE_DATE', label: 'Expected close' },
  { field: 'UPDATED_AT', label: 'Updated' },
];

/** The deals of a pipeline as a table: the board's filters, sorting, and bulk moves and reassignment. */
export function DealListPage() {
  useDocumentTitle('Deal list');
  const [searchParams, setSearchParams] = useSearchParams();
  const me = useCurrentUser();
  const client = useApolloClient();
  const { pipelines, loaded: pipelinesLoaded } = usePipelines();
  const { staff } = useStaff();
  const editable = useHasRank('ADVISOR');
  const pipeline =
    pipelines.find((p) => p.id === searchParams.get('pipeline')) ?? pipelines.find((p) => p.isDefault) ?? pipelines[0];
  const stages = pipeline?.stages?.nodes ?? [];
  const field = SORTS.find((s) => s.field === searchParams.get('sort'))?.field ?? 'UPDATED_AT';
  const direction: OrderDirection =
    searchParams.get('dir') === 'asc'
      ? 'ASC'
      : searchParams.get('dir') === 'desc'
        ? 'DESC'
        : field === 'UPDATED_AT'
          ? 'DESC'
          : 'ASC';
  const cursor = cursorOf(searchParams);
  const filterKey = searchParams.toString();
  const filter = useMemo(
    () => ({ ...dealFilterOf(new URLSearchParams(filterKey), me?.id ?? null), pipelineId: pipeline?.id ?? null }),
    [filterKey, me?.id, pipeline?.id],
  );
  const { data, previousData, error, refetch, loading } = useQuery(DealListDocument, {
    variables: { filter, orderBy: { field, direction }, ...pageArgs(cursor, PAGE_SIZE) },
    skip: !pipeline,
    fetchPolicy: 'cache-and-network',
  });
  const [move] = useMutation(MoveDealDocument);
  const [update] = useMutation(UpdateDealDocument);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const { open } = useOpenRecord();

  if (!pipelinesLoaded) return <Splash />;
  const page = (data ?? previousData)?.deals;
  const deals = page?.nodes ?? [];

  const sortBy = (next: DealOrderField) =>
    setSearchParams((current) => {
      const params = new URLSearchParams(current);
      params.set('sort', next);
      params.set('dir', next === field && direction === 'ASC' ? 'desc' : 'asc');
      putCursor(params, undefined);
      return params;
    });
  const goTo = (next: PageCursor) =>
    setSearchParams((current) => {
      const params = new URLSearchParams(current);
      putCursor(params, next);
      return params;
    });
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  /** One request per deal (the graph has no bulk deal mutation); stops at the first refusal and says which. */
  const bulk = async (label: string, run: (id: string) => Promise<unknown>) => {
    setBusy(true);
    setProblem(null);
    let done = 0;
    try {
      for (const id of selected) {
        await run(id);
        done += 1;
      }
      setStatus(`${label}: ${done} deal${done === 1 ? '' : 's'}.`);
      setSelected(new Set());
    } catch (e) {
      const described = describeError(e);
      setProblem({ ...described, fields: [], message: `${done} of ${selected.size} done; then: ${described.message}` });
    } finally {
      client.cache.evict({ fieldName: 'deals' });
      client.cache.evict({ fieldName: 'crmDashboard' });
      client.cache.gc();
      setBusy(false);
      void refetch();
    }
  };

  return (
    <section aria-labelledby="deal-list-title">
      <header className="page-header">
        <div>
          <h1 id="deal-list-title">Deals</h1>
          <p className="page-header__meta">{page && `${formatNumber(page.totalCount)} matching deals`}</p>
        </div>
        <div className="page-header__actions">
          <Link className="button button--ghost" to={{ pathname: '/crm/deals', search: filterKey }}>
            Board view
          </Link>
        </div>
      </header>
      {pipeline && (
        <DealFilters
          pipelines={pipelines}
          pipelineId={pipeline.id}
          searchParams={searchParams}
          setSearchParams={setSearchParams}
        />
      )}
      {editable && selected.size > 0 && (
        <div className="bulk-bar" role="region" aria-label="Bulk actions">
          <span>{selected.size} selected</span>
          <label>
            <span className="visually-hidden">Move selected deals to</span>
            <select
              className="select"
              value=""
              disabled={busy}
              onChange={(e) => {
                const stageId = e.target.value;
                const stage = stages.find((s) => s.id === stageId);
                if (!stage) return;
                const reason =
                  stage.outcome === 'LOST' ? window.prompt('Why were these deals lost?')?.trim() : undefined;
                if (stage.outcome === 'LOST' && !reason) return;
                void bulk(`Moved to ${stage.name}`, (dealId) =>
                  move({ variables: { input: { dealId, stageId, reason: reason ?? null } } }),
                );
              }}
            >
              <option value="">Move to…</option>
              {stages.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span className="visually-hidden">Give selected deals to</span>
            <select
              className="select"
              value=""
              disabled={busy}
              onChange={(e) => {
                const ownerId = e.target.value;
                const owner = staff.find((u) => u.id === ownerId);
                if (owner)
                  void bulk(`Given to ${owner.name}`, (id) => update({ variables: { input: { id, ownerId } } }));
              }}
            >
              <option value="">Give to…</option>
              {staff.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      <p role="status" className="cell-muted">
        {status}
      </p>
      <FormProblem problem={problem} />
      {error && !page && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {!page && !error && <Splash />}
      {page && (
        <div className="table-frame" aria-busy={loading}>
          <table className="data-table data-table--cards" data-testid="deal-table">
            <thead>
              <tr>
                {editable && (
                  <th scope="col" className="cell-check">
                    <input
                      type="checkbox"
                      aria-label="Select every deal on this page"
                      checked={deals.length > 0 && deals.every((d) => selected.has(d.id))}
                      onChange={(e) => setSelected(e.target.checked ? new Set(deals.map((d) => d.id)) : new Set())}
                    />
                  </th>
                )}
                {SORTS.map((s) => (
                  <th
                    key={s.field}
                    scope="col"
                    aria-sort={s.field === field ? (direction === 'ASC' ? 'ascending' : 'descending') : undefined}
                    className={s.field === 'AMOUNT' ? 'numeric' : undefined}
                  >
                    <button type="button" className="sort-header" onClick={() => sortBy(s.field)}>
                      {s.label}
                      {s.field === field && <span aria-hidden="true">{direction === 'ASC' ? ' ▲' : ' ▼'}</span>}
                    </button>
                  </th>
                ))}
                <th scope="col">Owner</th>
              </tr>
            </thead>
            <tbody>
              {deals.map((d) => (
                <tr key={d.id} data-testid="deal-row">
                  {editable && (
                    <td className="cell-check">
                      <input
                        type="checkbox"
                        aria-label={`Select ${d.title}`}
                        checked={selected.has(d.id)}
                        onChange={() => toggle(d.id)}
                      />
                    </td>
                  )}
                  <th scope="row" className="cell-primary" data-label="Deal">
                    <span className="cell-title">
                      <Link to={`/crm/deals/${d.id}`}>{d.title}</Link>
                      <OpenInPanelButton id={d.id} name={d.title} onOpen={open} />
                    </span>
                    <span className="cell-secondary">
                      {d.company?.name ?? (d.primaryContact ? personName(d.primaryContact) : '')}
                    </span>
                  </th>
                  <td data-label="Stage">{d.stage.name}</td>
                  <td className="numeric nowrap" data-label="Amount">
                    <DealEdit deal={d} field="amount" />
                  </td>
                  <td className="nowrap" data-label="Expected close">
                    <DealEdit deal={d} field="closeDate" />
                  </td>
                  <td className="nowrap cell-muted" data-label="Updated">
                    {formatCalendarDate(d.updatedAt.slice(0, 10))}
                  </td>
                  <td data-label="Owner">
                    <DealEdit deal={d} field="owner" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {deals.length === 0 && <p className="empty">No deals match these filters.</p>}
        </div>
      )}
      {page && (
        <CursorPager
          label="Deal pages"
          noun={['deal', 'deals']}
          shown={deals.length}
          totalCount={page.totalCount}
          pageInfo={page.pageInfo}
          onPage={goTo}
        />
      )}
      <RecordPanel kind="deal" />
    </section>
  );
}
