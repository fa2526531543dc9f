/**
 * Supplier statements (managers and admins): import a supplier's commission statement (CSV) and
 * see it matched to bookings, discrepancies first. The supplier filter, the result filter and the
 * page live in the URL.
 */
import { useMutation, useQuery } from '@apollo/client/react';
import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { StatementLineResult } from '../../__generated__/graphql.ts';
import { describeError, fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { formatCents, formatDateTime, formatNumber, humanize } from '../../lib/format.ts';
import { cursorOf, pageArgs, putCursor, type PageCursor } from '../../lib/useCursorListParams.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { CursorPager } from '../../ui/CursorPager.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Field } from '../../ui/Field.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { NotAllowed } from '../../ui/NotAllowed.tsx';
import { Loading } from '../../ui/Splash.tsx';
import {
  ImportSupplierStatementDocument,
  SupplierStatementDocument,
  SupplierStatementsDocument,
} from './graphql/__generated__/money.ts';

const PAGE_SIZE = 25;
const RESULTS: readonly StatementLineResult[] = ['AMOUNT_MISMATCH', 'UNKNOWN_BOOKING', 'MISSING', 'MATCHED'];
const RESULT_LABEL: Record<StatementLineResult, string> = {
  MATCHED: 'Matched',
  AMOUNT_MISMATCH: 'Amount mismatch',
  UNKNOWN_BOOKING: 'Unknown booking',
  MISSING: 'Missing from statement',
};

/** URL-kept filter and cursor for a cursor-paged list. */
function useUrlList(key: string) {
  const [searchParams, setSearchParams] = useSearchParams();
  const cursor = useMemo(() => cursorOf(searchParams), [searchParams]);
  const value = searchParams.get(key) ?? '';
  const set = (next: string) =>
    setSearchParams((current) => {
      const params = new URLSearchParams(current);
      if (next) params.set(key, next);
      else params.delete(key);
      putCursor(params, undefined);
      return params;
    });
  const onPage = (next: PageCursor) =>
    setSearchParams((current) => {
      const params = new URLSearchParams(current);
      putCursor(params, next);
      return params;
    });
  return { cursor, value, set, onPage };
}

export function StatementsPage() {
  useDocumentTitle('Supplier statements');
  const allowed = useHasRank('MANAGER');
  const { cursor, value: vendorId, set: setVendor, onPage } = useUrlList('vendor');
  const { data, previousData, loading, error, refetch } = useQuery(SupplierStatementsDocument, {
    variables: { ...pageArgs(cursor, PAGE_SIZE), filter: vendorId ? { vendorId } : null },
    skip: !allowed,
    fetchPolicy: 'cache-and-network',
  });
  if (!allowed) return <NotAllowed what="see supplier statements" />;
  const shown = data ?? previousData;
  const result = shown?.supplierStatements;
  const vendors = shown?.vendors?.nodes ?? [];

  return (
    <section aria-labelledby="statements-title">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to="/travel/finance">Finance</Link> <Link to="/travel/commissions">Commissions</Link>
      </nav>
      <header className="page-header">
        <h1 id="statements-title">Supplier statements</h1>
        <p className="page-header__meta">{result ? `${formatNumber(result.totalCount)} imported` : ''}</p>
      </header>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} testId="travel-notice" />}
      {shown && <ImportForm vendors={vendors} defaultVendorId={vendorId} />}
      <div className="toolbar">
        <Field label="Supplier">
          {(p) => (
            <select {...p} className="select" value={vendorId} onChange={(e) => setVendor(e.target.value)}>
              <option value="">All suppliers</option>
              {vendors.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {!result && !error && <Loading />}
      {result && (
        <>
          <div className="table-frame" aria-busy={loading}>
            <table className="data-table" data-testid="statements-table">
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Supplier</th>
                  <th scope="col">Imported</th>
                  <th scope="col" className="numeric">
                    Paid
                  </th>
                  <th scope="col" className="numeric">
                    Matched
                  </th>
                  <th scope="col" className="numeric">
                    Discrepancies
                  </th>
                </tr>
              </thead>
              <tbody>
                {result.nodes.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">
                      <Link to={`/travel/finance/statements/${s.id}`}>{s.fileName}</Link>
                    </th>
                    <td>{s.vendor?.name ?? '—'}</td>
                    <td className="nowrap">{formatDateTime(s.importedAt)}</td>
                    <td className="numeric">{formatCents(s.totalCents)}</td>
                    <td className="numeric">{s.matched}</td>
                    <td className="numeric">{s.amountMismatches + s.unknownBookings + s.missingLines}</td>
                  </tr>
                ))}
                {result.nodes.length === 0 && (
                  <tr>
                    <td colSpan={6} className="table-empty">
                      No statements imported yet.
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
          <CursorPager
            label="Statement pages"
            noun={['statement', 'statements']}
            shown={result.nodes.length}
            totalCount={result.totalCount}
            pageInfo={result.pageInfo}
            onPage={onPage}
          />
        </>
      )}
    </section>
  );
}

function ImportForm({
  vendors,
  defaultVendorId,
}: {
  vendors: { id: string; name: string }[];
  defaultVendorId: string;
}) {
  const navigate = useNavigate();
  const [run, { loading }] = useMutation(ImportSupplierStatementDocument, { refetchQueries: ['SupplierStatements'] });
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [vendorId, setVendorId] = useState(defaultVendorId);
  const [file, setFile] = useState<File | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    try {
      const csv = file ? await file.text() : '';
      const res = await run({ variables: { input: { vendorId, fileName: file?.name ?? '', csv } } });
      const id = res.data?.importSupplierStatement.id;
      if (id) void navigate(`/travel/finance/statements/${id}`);
    } catch (err) {
      setProblem(describeError(err));
    }
  };
  return (
    <form
      className="form form--inline panel"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label="Import a statement"
    >
      <FormProblem problem={problem} />
      <Field label="Statement supplier" required error={fieldMessage(problem, 'vendorId')}>
        {(p) => (
          <select {...p} className="select" value={vendorId} onChange={(e) => setVendorId(e.target.value)}>
            <option value="">Choose a supplier</option>
            {vendors.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="Statement file (CSV)"
        required
        hint="A booking reference or confirmation number column and a commission column."
        error={fieldMessage(problem, 'csv') ?? fieldMessage(problem, 'fileName')}
      >
        {(p) => (
          <input
            {...p}
            className="input"
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        )}
      </Field>
      {problem && problem.fields.filter((f) => f.path === 'input.csv').length > 1 && (
        <ul className="notice notice--error" role="alert" data-testid="statement-problems">
          {problem.fields.map((f, k) => (
            <li key={k}>{f.message}</li>
          ))}
        </ul>
      )}
      <button type="submit" className="button button--primary" disabled={loading}>
        Import and match
      </button>
    </form>
  );
}

export function StatementDetailPage() {
  const { id = '' } = useParams();
  const allowed = useHasRank('MANAGER');
  const { cursor, value, set, onPage } = useUrlList('result');
  const result = RESULTS.find((r) => r === value) ?? null;
  const { data, previousData, loading, error, refetch } = useQuery(SupplierStatementDocument, {
    variables: { id, result, ...pageArgs(cursor, 50) },
    skip: !allowed,
    fetchPolicy: 'cache-and-network',
  });
  const statement = (data ?? previousData)?.supplierStatement;
  useDocumentTitle(statement?.fileName ?? 'Supplier statement');
  if (!allowed) return <NotAllowed what="see supplier statements" />;
  const crumbs = (
    <nav className="breadcrumbs" aria-label="Breadcrumbs">
      <Link to="/travel/finance/statements">Supplier statements</Link>
    </nav>
  );
  if (!statement && error)
    return (
      <>
        {crumbs}
        <ErrorNotice error={error} onRetry={() => void refetch()} testId="travel-notice" />
      </>
    );
  if (!data && !previousData) return <Loading />;
  if (!statement) return <p>This statement does not exist.</p>;
  const lines = statement.lines;
  return (
    <section aria-labelledby="statement-title" data-testid="statement-detail">
      {crumbs}
      <header className="page-header">
        <div>
          <h1 id="statement-title">{statement.fileName}</h1>
          <p className="page-header__meta">
            {statement.vendor?.name} · imported {formatDateTime(statement.importedAt)} · {statement.lineCount} lines ·{' '}
            {formatCents(statement.totalCents)} paid
          </p>
        </div>
      </header>
      <div className="kpis" data-testid="statement-summary">
        <div className="kpi">
          <span className="kpi__label">Matched</span>
          <span className="kpi__value">{statement.matched}</span>
        </div>
        <div className="kpi">
          <span className="kpi__label">Amount mismatches</span>
          <span className="kpi__value">{statement.amountMismatches}</span>
        </div>
        <div className="kpi">
          <span className="kpi__label">Unknown bookings</span>
          <span className="kpi__value">{statement.unknownBookings}</span>
        </div>
        <div className="kpi">
          <span className="kpi__label">Missing lines</span>
          <span className="kpi__value">{statement.missingLines}</span>
        </div>
      </div>
      <div className="toolbar">
        <Field label="Result">
          {(p) => (
            <select {...p} className="select" value={result ?? ''} onChange={(e) => set(e.target.value)}>
              <option value="">Every line</option>
              {RESULTS.map((r) => (
                <option key={r} value={r}>
                  {RESULT_LABEL[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="table-frame" aria-busy={loading}>
        <table className="data-table" data-testid="statement-lines">
          <thead>
            <tr>
              <th scope="col">Booking</th>
              <th scope="col">Result</th>
              <th scope="col">Line</th>
              <th scope="col">Confirmation</th>
              <th scope="col" className="numeric">
                Paid
              </th>
              <th scope="col" className="numeric">
                Expected
              </th>
              <th scope="col" className="numeric">
                Difference
              </th>
            </tr>
          </thead>
          <tbody>
            {(lines?.nodes ?? []).map((l) => (
              <tr key={l.id}>
                <th scope="row">
                  {l.booking ? (
                    <Link to={`/travel/bookings/${l.booking.id}`}>{l.bookingReference}</Link>
                  ) : (
                    (l.bookingReference ?? '—')
                  )}
                </th>
                <td>
                  <span className={l.result === 'MATCHED' ? 'badge badge--gold' : 'badge badge--danger'}>
                    {RESULT_LABEL[l.result]}
                  </span>
                </td>
                <td>{l.lineNumber ?? '—'}</td>
                <td>{l.confirmationNumber ?? '—'}</td>
                <td className="numeric">{formatCents(l.paidCents)}</td>
                <td className="numeric">
                  {l.expectedCents === null || l.expectedCents === undefined ? '—' : formatCents(l.expectedCents)}
                </td>
                <td className="numeric">
                  {l.differenceCents
                    ? formatCents(l.differenceCents)
                    : l.result === 'UNKNOWN_BOOKING'
                      ? '—'
                      : formatCents(0)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {lines && (
        <CursorPager
          label="Statement line pages"
          noun={['line', 'lines']}
          shown={lines.nodes.length}
          totalCount={lines.totalCount}
          pageInfo={lines.pageInfo}
          onPage={onPage}
        />
      )}
      <p className="cell-muted">
        {humanize('MISSING')} rows are commissions the supplier owes that the statement leaves out.
      </p>
    </section>
  );
}
