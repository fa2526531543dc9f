import { useMemo, useState } from 'react';
import type { CommissionStatus } from '../../__generated__/graphql.ts';
import { useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { formatCalendarDate, formatCents, formatNumber, humanize } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { BarChart } from '../../ui/BarChart.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { NotAllowed } from '../../ui/NotAllowed.tsx';
import { Loading } from '../../ui/Splash.tsx';
import { CursorPager } from '../../ui/CursorPager.tsx';
import { cursorOf, pageArgs, putCursor, type PageCursor } from '../../lib/useCursorListParams.ts';
import { Field } from '../../ui/Field.tsx';
import { CommissionsDocument } from './graphql/__generated__/commissions.ts';
import { CommissionsBySupplierDocument } from './graphql/__generated__/money.ts';

const STATUSES: readonly CommissionStatus[] = ['PROJECTED', 'EARNED', 'INVOICED', 'RECEIVED', 'SPLIT_PAID', 'FINAL'];

const PAGE_SIZE = 25;

/** Commission entries and their totals by status (finance data: managers and admins). */
export function CommissionsPage() {
  useDocumentTitle('Commissions');
  const allowed = useHasRank('MANAGER');
  // The page's cursor lives in the URL, so a reload or a shared link shows the same page.
  const [searchParams, setSearchParams] = useSearchParams();
  const cursor = useMemo(() => cursorOf(searchParams), [searchParams]);
  const status = STATUSES.find((x) => x === searchParams.get('status')) ?? null;
  const setStatus = (next: string) =>
    setSearchParams((current) => {
      const params = new URLSearchParams(current);
      if (next) params.set('status', next);
      else params.delete('status');
      putCursor(params, undefined);
      return params;
    });
  const onPage = (next: PageCursor) =>
    setSearchParams((current) => {
      const params = new URLSearchParams(current);
      putCursor(params, next);
      return params;
    });
  const { data, previousData, loading, error, refetch } = useQuery(CommissionsDocument, {
    variables: { ...pageArgs(cursor, PAGE_SIZE), filter: status ? { status } : null },
    skip: !allowed,
    fetchPolicy: 'cache-and-network',
  });
  if (!allowed) return <NotAllowed what="see commissions" />;
  const result = (data ?? previousData)?.commissions;

  return (
    <section aria-labelledby="commissions-title">
      <header className="page-header">
        <h1 id="commissions-title">Commissions</h1>
        <p className="page-header__meta">{result ? `${formatNumber(result.totalCount)} entries` : ''}</p>
        <Link className="button" to="/travel/finance/statements">
          Supplier statements
        </Link>
      </header>
      <div className="toolbar">
        <Field label="Status">
          {(p) => (
            <select {...p} className="select" value={status ?? ''} onChange={(e) => setStatus(e.target.value)}>
              <option value="">All statuses</option>
              {STATUSES.map((x) => (
                <option key={x} value={x}>
                  {humanize(x)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} testId="travel-notice" />}
      {!result && !error && <Loading />}
      {result && (
        <>
          <div className="kpis">
            <div className="kpi">
              <span className="kpi__label">Booking value</span>
              <span className="kpi__value">{formatCents(result.summary.totalBookingValueCents)}</span>
            </div>
            <div className="kpi">
              <span className="kpi__label">Gross commission</span>
              <span className="kpi__value">{formatCents(result.summary.totalGrossCommissionCents)}</span>
            </div>
            <div className="kpi">
              <span className="kpi__label">Host agency share</span>
              <span className="kpi__value">{formatCents(result.summary.totalNexionShareCents)}</span>
            </div>
            <div className="kpi">
              <span className="kpi__label">Advisor net</span>
              <span className="kpi__value">{formatCents(result.summary.totalAgentNetCents)}</span>
            </div>
          </div>
          <section className="panel" aria-labelledby="commission-status-title">
            <h2 id="commission-status-title" className="panel__title">
              Gross commission by status
            </h2>
            <BarChart
              label="Gross commission by status"
              bars={result.summary.byStatus.map((s) => ({
                label: `${humanize(s.status)} (${s.count})`,
                value: s.grossCommissionCents,
              }))}
              format={formatCents}
              valueLabel="Gross commission"
            />
          </section>
          <div className="table-frame" aria-busy={loading}>
            <table className="data-table" data-testid="commissions-table">
              <thead>
                <tr>
                  <th scope="col">Booking</th>
                  <th scope="col">Vendor</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="numeric">
                    Booking value
                  </th>
                  <th scope="col" className="numeric">
                    Rate
                  </th>
                  <th scope="col" className="numeric">
                    Gross
                  </th>
                  <th scope="col" className="numeric">
                    Advisor net
                  </th>
                  <th scope="col">Expected</th>
                  <th scope="col">Collection</th>
                </tr>
              </thead>
              <tbody>
                {result.nodes.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      {c.booking ? (
                        <Link to={`/travel/bookings/${c.booking.id}`}>{c.booking.bookingReference}</Link>
                      ) : (
                        '—'
                      )}
                    </th>
                    <td>{c.vendor?.name ?? '—'}</td>
                    <td>
                      <span className="badge">{humanize(c.status)}</span>
                    </td>
                    <td className="numeric">{formatCents(c.bookingValueCents)}</td>
                    <td className="numeric">{c.commissionPct}%</td>
                    <td className="numeric">{formatCents(c.grossCommissionCents)}</td>
                    <td className="numeric">{formatCents(c.agentNetCents)}</td>
                    <td className="nowrap">{c.expectedPayDate ? formatCalendarDate(c.expectedPayDate) : '—'}</td>
                    <td>
                      <span className={c.collection.state === 'OVERDUE' || c.collection.state === 'PART_PAID' ? 'badge badge--danger' : 'badge'}>
                        {humanize(c.collection.state)}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <CursorPager
            label="Commission pages"
            noun={['entry', 'entries']}
            shown={result.nodes.length}
            totalCount={result.totalCount}
            pageInfo={result.pageInfo}
            onPage={onPage}
          />
          <BySupplier />
        </>
      )}
    </section>
  );
}

/** What each supplier owes, has paid, has part-paid and is late with (statements included). */
function BySupplier() {
  const [cursor, setCursor] = useState<PageCursor>({});
  const { data, previousData, error } = useQuery(CommissionsBySupplierDocument, {
    variables: pageArgs(cursor, 10),
    fetchPolicy: 'cache-and-network',
  });
  const result = (data ?? previousData)?.commissionsBySupplier;
  if (error && !result) return <ErrorNotice error={error} testId="travel-notice" />;
  if (!result) return <Loading />;
  return (
    <section className="panel" aria-labelledby="by-supplier-title">
      <h2 id="by-supplier-title" className="panel__title">
        Commission by supplier
      </h2>
      <table className="data-table" data-testid="commissions-by-supplier">
        <thead>
          <tr>
            <th scope="col">Supplier</th>
            <th scope="col" className="numeric">
              Expected
            </th>
            <th scope="col" className="numeric">
              Received
            </th>
            <th scope="col" className="numeric">
              Part-paid, still owed
            </th>
            <th scope="col" className="numeric">
              Overdue
            </th>
            <th scope="col" className="numeric">
              Outstanding
            </th>
          </tr>
        </thead>
        <tbody>
          {result.nodes.map((r) => (
            <tr key={r.vendor?.id ?? r.entries}>
              <th scope="row">{r.vendor ? <Link to={`/travel/suppliers/${r.vendor.id}`}>{r.vendor.name}</Link> : '—'}</th>
              <td className="numeric">{formatCents(r.expectedCents)}</td>
              <td className="numeric">{formatCents(r.receivedCents)}</td>
              <td className="numeric">{formatCents(r.partPaidCents)}</td>
              <td className="numeric">{formatCents(r.overdueCents)}</td>
              <td className="numeric">{formatCents(r.outstandingCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <CursorPager
        label="Supplier pages"
        noun={['supplier', 'suppliers']}
        shown={result.nodes.length}
        totalCount={result.totalCount}
        pageInfo={result.pageInfo}
        onPage={setCursor}
      />
    </section>
  );
}
