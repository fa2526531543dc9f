import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { calendarDate, formatCalendarDate, formatCents, formatNumber, humanize } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Splash } from '../../ui/Splash.tsx';
import { FinanceDashboardDocument } from './graphql/__generated__/travelDetails.ts';

/** F-05: receivables at a glance: overdue and upcoming installments, overdue invoices, commissions by status with the host-agency split. */
export function FinanceDashboardPage() {
  useDocumentTitle('Finance');
  const { data, error, refetch } = useQuery(FinanceDashboardDocument, {
    variables: { today: calendarDate() },
    fetchPolicy: 'cache-and-network',
  });
  if (!data && error) return <ErrorNotice error={error} onRetry={() => void refetch()} testId="travel-notice" />;
  if (!data) return <Splash />;
  const summary = data.commissionSummary;
  const installments = (title: string, conn: typeof data.overdue, testId: string) => (
    <section className="panel" aria-label={title} data-testid={testId}>
      <h2 className="panel__title">
        {title} <span className="panel__count">{formatNumber(conn?.totalCount ?? 0)}</span>
      </h2>
      <ul className="plain-list">
        {(conn?.nodes ?? []).map((s) => (
          <li key={s.id}>
            {formatCalendarDate(s.dueDate)} · {formatCents(s.amountCents)}
            {s.client && (
              <>
                {' · '}
                <Link to={`/travel/clients/${s.client.id}`}>{s.client.displayName}</Link>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
  return (
    <section aria-labelledby="finance-title">
      <header className="page-header">
        <h1 id="finance-title">Finance</h1>
        <p className="page-header__meta">
          <Link to="/travel/finance/invoices">Invoices</Link> ·{' '}
          <Link to="/travel/finance/schedules">Payment schedules</Link> ·{' '}
          <Link to="/travel/commissions">Commissions</Link>
        </p>
      </header>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} testId="travel-notice" />}
      <div className="record-grid">
        {installments('Overdue installments', data.overdue, 'finance-overdue')}
        {installments('Upcoming installments', data.upcoming, 'finance-upcoming')}
        <section className="panel" aria-label="Overdue invoices">
          <h2 className="panel__title">Overdue invoices</h2>
          <p>
            <Link to="/travel/finance/invoices?status=OVERDUE">
              {formatNumber(data.unpaid?.totalCount ?? 0)} overdue
            </Link>
          </p>
        </section>
        {summary && (
          <section className="panel" aria-label="Commissions" data-testid="finance-commissions">
            <h2 className="panel__title">Commissions</h2>
            <p>
              Gross {formatCents(summary.totalGrossCommissionCents)} · host agency{' '}
              {formatCents(summary.totalNexionShareCents)} · advisors {formatCents(summary.totalAgentNetCents)}
            </p>
            <ul className="plain-list">
              {summary.byStatus.map((b) => (
                <li key={b.status}>
                  {humanize(b.status)}: {formatNumber(b.count)} · {formatCents(b.grossCommissionCents)}
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </section>
  );
}
