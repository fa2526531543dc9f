/**
 * The travel, finance and groups lists (U-06, U-07, F-05, G-01): each a TravelListPage over one
 * TT-API connection, with its search, one filter and sort in the URL.
 */
import { SatisfactionSummaryDocument } from './graphql/__generated__/money.ts';
import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import type {
  AlertSeverity,
  ClientOrderField,
  ClientStatus,
  InvoiceOrderField,
  InvoiceStatus,
  PaymentScheduleOrderField,
  PaymentScheduleStatus,
  SatisfactionScoreOrderField,
  SupplierType,
  TravelAlertOrderField,
  TravelerOrderField,
  TravelGroupOrderField,
  TravelGroupStatus,
  VendorOrderField,
} from '../../__generated__/graphql.ts';
import { formatCalendarDate, formatCents, formatDateTime, humanize } from '../../lib/format.ts';
import { pageArgs, type CursorListParams } from '../../lib/useCursorListParams.ts';
import {
  TravelAlertsListDocument,
  TravelClientsDocument,
  TravelGroupsListDocument,
  TravelInvoicesDocument,
  TravelPaymentSchedulesDocument,
  TravelSatisfactionDocument,
  TravelTravelersDocument,
  TravelVendorsDocument,
} from './graphql/__generated__/travelLists.ts';
import { TravelListPage, type ListPage } from './TravelListPage.tsx';
import { statusBadge } from './travelLabels.ts';

const PAGE_SIZE = 25;
const muted = <span className="cell-muted">—</span>;

type Result<C> = {
  data?: unknown;
  loading: boolean;
  error?: unknown;
  refetch: () => unknown;
  conn: C | null | undefined;
};
function toPage<T>({
  conn,
  loading,
  error,
  refetch,
}: Result<{ nodes: T[]; totalCount: number; pageInfo: ListPage<T>['pageInfo'] }>): ListPage<T> {
  return {
    rows: conn?.nodes ?? [],
    totalCount: conn?.totalCount ?? 0,
    pageInfo: conn?.pageInfo ?? null,
    loaded: conn != null,
    loading,
    error,
    refetch,
  };
}
const vars = <F extends string, V extends string>(p: CursorListParams<F, V>, filter: Record<string, unknown>) => ({
  filter: { search: p.search.trim() || null, ...filter },
  orderBy: p.sort,
  ...pageArgs(p.cursor, PAGE_SIZE),
});
const policy = { fetchPolicy: 'cache-and-network' } as const;

const CLIENT_STATUSES: readonly ClientStatus[] = ['PROSPECT', 'ACTIVE', 'VIP', 'INACTIVE', 'CHURNED'];
export function ClientsPage() {
  const usePage = (p: CursorListParams<ClientOrderField, ClientStatus>) => {
    const q = useQuery(TravelClientsDocument, { variables: vars(p, { status: p.filter }), ...policy });
    return toPage({ ...q, conn: (q.data ?? q.previousData)?.clients });
  };
  return (
    <TravelListPage
      title="Clients"
      noun={['client', 'clients']}
      searchLabel="Search clients"
      searchPlaceholder="Name, email or travel style"
      filter={{ key: 'status', label: 'Status', values: CLIENT_STATUSES, all: 'All statuses' }}
      sortFields={['DISPLAY_NAME', 'CREATED_AT', 'CHURN_RISK_SCORE']}
      usePage={usePage}
      testId="clients-table"
      intro={
        <p className="page-actions">
          <Link className="button button--primary" to="/travel/clients/new">
            New client
          </Link>
        </p>
      }
      columns={[
        {
          key: 'name',
          label: 'Client',
          sortField: 'DISPLAY_NAME',
          cell: (c) => <Link to={`/travel/clients/${c.id}`}>{c.displayName}</Link>,
        },
        { key: 'email', label: 'Email', cell: (c) => c.email },
        { key: 'type', label: 'Type', cell: (c) => humanize(c.clientType) },
        {
          key: 'status',
          label: 'Status',
          cell: (c) => <span className={statusBadge(c.status)}>{humanize(c.status)}</span>,
        },
        { key: 'style', label: 'Travel style', cell: (c) => c.travelStyle ?? muted },
        {
          key: 'churn',
          label: 'Churn risk',
          sortField: 'CHURN_RISK_SCORE',
          numeric: true,
          descendingFirst: true,
          cell: (c) => c.churnRiskScore,
        },
      ]}
    />
  );
}

export function TravelersPage() {
  const usePage = (p: CursorListParams<TravelerOrderField, 'EXPIRING'>) => {
    const in180 = new Date(Date.now() + 180 * 86_400_000).toISOString().slice(0, 10);
    const q = useQuery(TravelTravelersDocument, {
      variables: vars(p, p.filter === 'EXPIRING' ? { passportExpiresBefore: in180 } : {}),
      ...policy,
    });
    return toPage({ ...q, conn: (q.data ?? q.previousData)?.travelers });
  };
  return (
    <TravelListPage
      title="Travelers"
      noun={['traveler', 'travelers']}
      searchLabel="Search travelers"
      searchPlaceholder="Name or email"
      filter={{ key: 'passport', label: 'Passport', values: ['EXPIRING'], all: 'Any passport' }}
      sortFields={['LAST_NAME', 'FIRST_NAME', 'PASSPORT_EXPIRY_DATE', 'CREATED_AT']}
      usePage={usePage}
      testId="travelers-table"
      columns={[
        {
          key: 'name',
          label: 'Traveler',
          sortField: 'LAST_NAME',
          cell: (t) => <Link to={`/travel/travelers/${t.id}`}>{`${t.firstName} ${t.lastName}`}</Link>,
        },
        {
          key: 'client',
          label: 'Client',
          cell: (t) => (t.client ? <Link to={`/travel/clients/${t.client.id}`}>{t.client.displayName}</Link> : muted),
        },
        { key: 'status', label: 'Status', cell: (t) => humanize(t.status) },
        { key: 'nationality', label: 'Nationality', cell: (t) => t.nationality ?? muted },
        {
          key: 'passport',
          label: 'Passport expires',
          sortField: 'PASSPORT_EXPIRY_DATE',
          cell: (t) => (t.passportExpiryDate ? formatCalendarDate(t.passportExpiryDate) : muted),
        },
      ]}
    />
  );
}

const SUPPLIER_TYPES: readonly SupplierType[] = [
  'CRUISE_LINE',
  'HOTEL',
  'TOUR_OPERATOR',
  'AIRLINE',
  'DMC',
  'RAIL',
  'CAR_RENTAL',
  'INSURANCE',
  'OTHER',
];
export function SuppliersPage() {
  const usePage = (p: CursorListParams<VendorOrderField, SupplierType>) => {
    const q = useQuery(TravelVendorsDocument, { variables: vars(p, { vendorType: p.filter }), ...policy });
    return toPage({ ...q, conn: (q.data ?? q.previousData)?.vendors });
  };
  return (
    <TravelListPage
      title="Suppliers"
      noun={['supplier', 'suppliers']}
      searchLabel="Search suppliers"
      searchPlaceholder="Name or type"
      filter={{ key: 'type', label: 'Type', values: SUPPLIER_TYPES, all: 'All types' }}
      sortFields={['NAME', 'TIER', 'CREATED_AT']}
      usePage={usePage}
      testId="suppliers-table"
      columns={[
        {
          key: 'name',
          label: 'Supplier',
          sortField: 'NAME',
          cell: (v) => <Link to={`/travel/suppliers/${v.id}`}>{v.name}</Link>,
        },
        { key: 'type', label: 'Type', cell: (v) => humanize(v.vendorType) },
        { key: 'tier', label: 'Tier', sortField: 'TIER', cell: (v) => humanize(v.tier) },
        { key: 'active', label: 'Active', cell: (v) => (v.isActive ? 'Yes' : 'No') },
        { key: 'email', label: 'Contact', cell: (v) => v.contactEmail ?? muted },
      ]}
    />
  );
}

const INVOICE_STATUSES: readonly InvoiceStatus[] = ['DRAFT', 'SENT', 'VIEWED', 'PAID', 'PARTIAL', 'OVERDUE', 'VOID'];
export function InvoicesPage() {
  const usePage = (p: CursorListParams<InvoiceOrderField, InvoiceStatus>) => {
    const q = useQuery(TravelInvoicesDocument, { variables: vars(p, { status: p.filter }), ...policy });
    return toPage({ ...q, conn: (q.data ?? q.previousData)?.invoices });
  };
  return (
    <TravelListPage
      title="Invoices"
      noun={['invoice', 'invoices']}
      searchLabel="Search invoices"
      searchPlaceholder="Invoice number, email or notes"
      filter={{ key: 'status', label: 'Status', values: INVOICE_STATUSES, all: 'All statuses' }}
      sortFields={['ISSUE_DATE', 'DUE_DATE', 'INVOICE_NUMBER', 'TOTAL_CENTS']}
      usePage={usePage}
      testId="invoices-table"
      columns={[
        { key: 'number', label: 'Invoice', sortField: 'INVOICE_NUMBER', cell: (i) => i.invoiceNumber },
        {
          key: 'client',
          label: 'Client',
          cell: (i) => (i.client ? <Link to={`/travel/clients/${i.client.id}`}>{i.client.displayName}</Link> : muted),
        },
        {
          key: 'status',
          label: 'Status',
          cell: (i) => <span className={statusBadge(i.status)}>{humanize(i.status)}</span>,
        },
        { key: 'issued', label: 'Issued', sortField: 'ISSUE_DATE', cell: (i) => formatCalendarDate(i.issueDate) },
        { key: 'due', label: 'Due', sortField: 'DUE_DATE', cell: (i) => formatCalendarDate(i.dueDate) },
        {
          key: 'total',
          label: 'Total',
          sortField: 'TOTAL_CENTS',
          numeric: true,
          descendingFirst: true,
          cell: (i) => formatCents(i.totalCents),
        },
        { key: 'balance', label: 'Balance', numeric: true, cell: (i) => formatCents(i.balanceCents) },
      ]}
    />
  );
}

const SCHEDULE_STATUSES: readonly PaymentScheduleStatus[] = ['UPCOMING', 'DUE', 'OVERDUE', 'PAID', 'WAIVED'];
export function PaymentSchedulesPage() {
  const usePage = (p: CursorListParams<PaymentScheduleOrderField, PaymentScheduleStatus>) => {
    const q = useQuery(TravelPaymentSchedulesDocument, {
      variables: { ...vars(p, { status: p.filter }), filter: { status: p.filter } },
      ...policy,
    });
    return toPage({ ...q, conn: (q.data ?? q.previousData)?.paymentSchedules });
  };
  return (
    <TravelListPage
      title="Payment schedules"
      noun={['installment', 'installments']}
      filter={{ key: 'status', label: 'Status', values: SCHEDULE_STATUSES, all: 'All statuses' }}
      sortFields={['DUE_DATE', 'AMOUNT_CENTS', 'INSTALLMENT_NUMBER', 'CREATED_AT']}
      usePage={usePage}
      testId="schedules-table"
      columns={[
        { key: 'due', label: 'Due', sortField: 'DUE_DATE', cell: (s) => formatCalendarDate(s.dueDate) },
        {
          key: 'client',
          label: 'Client',
          cell: (s) => (s.client ? <Link to={`/travel/clients/${s.client.id}`}>{s.client.displayName}</Link> : muted),
        },
        {
          key: 'booking',
          label: 'Booking',
          cell: (s) =>
            s.booking ? <Link to={`/travel/bookings/${s.booking.id}`}>{s.booking.bookingReference}</Link> : muted,
        },
        {
          key: 'n',
          label: 'Installment',
          sortField: 'INSTALLMENT_NUMBER',
          numeric: true,
          cell: (s) => s.installmentNumber,
        },
        {
          key: 'status',
          label: 'Status',
          cell: (s) => <span className={statusBadge(s.status)}>{humanize(s.status)}</span>,
        },
        {
          key: 'amount',
          label: 'Amount',
          sortField: 'AMOUNT_CENTS',
          numeric: true,
          descendingFirst: true,
          cell: (s) => formatCents(s.amountCents),
        },
        {
          key: 'reminders',
          label: 'Reminders',
          cell: (s) =>
            `${s.reminderCount} sent${s.lastReminderSentAt ? `, last ${formatDateTime(s.lastReminderSentAt)}` : ''}${s.nextReminderAt ? `; next ${formatDateTime(s.nextReminderAt)}` : ''}`,
        },
      ]}
    />
  );
}

const SEVERITIES: readonly AlertSeverity[] = ['INFO', 'WARNING', 'CRITICAL'];
export function TravelAlertsPage() {
  const usePage = (p: CursorListParams<TravelAlertOrderField, AlertSeverity>) => {
    const q = useQuery(TravelAlertsListDocument, { variables: vars(p, { severity: p.filter }), ...policy });
    return toPage({ ...q, conn: (q.data ?? q.previousData)?.travelAlerts });
  };
  return (
    <TravelListPage
      title="Travel alerts"
      noun={['alert', 'alerts']}
      searchLabel="Search alerts"
      searchPlaceholder="Title, description or type"
      filter={{ key: 'severity', label: 'Severity', values: SEVERITIES, all: 'All severities' }}
      sortFields={['STARTS_AT', 'SEVERITY', 'TITLE']}
      usePage={usePage}
      testId="alerts-table"
      columns={[
        { key: 'title', label: 'Alert', sortField: 'TITLE', cell: (a) => a.title },
        {
          key: 'severity',
          label: 'Severity',
          sortField: 'SEVERITY',
          cell: (a) => (
            <span className={a.severity === 'CRITICAL' ? 'badge badge--danger' : 'badge'}>{humanize(a.severity)}</span>
          ),
        },
        { key: 'type', label: 'Type', cell: (a) => humanize(a.alertType) },
        { key: 'where', label: 'Where', cell: (a) => a.destination?.name ?? a.country ?? muted },
        { key: 'starts', label: 'From', sortField: 'STARTS_AT', cell: (a) => formatDateTime(a.startsAt) },
        { key: 'active', label: 'Active', cell: (a) => (a.isActive ? 'Active' : 'Ended') },
      ]}
    />
  );
}

const GROUP_STATUSES: readonly TravelGroupStatus[] = [
  'PLANNING',
  'INTEREST_GAUGING',
  'OPEN',
  'MINIMUM_REACHED',
  'CLOSED',
  'CONFIRMED',
  'TRAVELING',
  'COMPLETED',
  'CANCELLED',
];
export function GroupsPage() {
  const usePage = (p: CursorListParams<TravelGroupOrderField, TravelGroupStatus>) => {
    const q = useQuery(TravelGroupsListDocument, { variables: vars(p, { status: p.filter }), ...policy });
    return toPage({ ...q, conn: (q.data ?? q.previousData)?.travelGroups });
  };
  return (
    <TravelListPage
      title="Groups"
      noun={['group', 'groups']}
      searchLabel="Search groups"
      searchPlaceholder="Name or destination"
      filter={{ key: 'status', label: 'Status', values: GROUP_STATUSES, all: 'All statuses' }}
      sortFields={['DEPARTURE_DATE', 'NAME', 'PRICE_PER_PERSON_CENTS', 'CREATED_AT']}
      usePage={usePage}
      testId="groups-table"
      intro={
        <p className="page-actions">
          <Link className="button button--ghost" to="/travel/groups/social">
            Social feed
          </Link>
        </p>
      }
      columns={[
        {
          key: 'name',
          label: 'Group',
          sortField: 'NAME',
          cell: (g) => <Link to={`/travel/groups/${g.id}`}>{g.name}</Link>,
        },
        { key: 'destination', label: 'Destination', cell: (g) => g.destination },
        {
          key: 'departs',
          label: 'Departs',
          sortField: 'DEPARTURE_DATE',
          cell: (g) => formatCalendarDate(g.departureDate),
        },
        {
          key: 'status',
          label: 'Status',
          cell: (g) => <span className={statusBadge(g.status)}>{humanize(g.status)}</span>,
        },
        {
          key: 'capacity',
          label: 'Members',
          numeric: true,
          cell: (g) => `${g.memberCount} / ${g.maxGuests} (min ${g.minGuests})`,
        },
        {
          key: 'price',
          label: 'Per person',
          sortField: 'PRICE_PER_PERSON_CENTS',
          numeric: true,
          cell: (g) => formatCents(g.pricePerPersonCents),
        },
      ]}
    />
  );
}

export function SatisfactionPage() {
  const usePage = (p: CursorListParams<SatisfactionScoreOrderField, 'nps' | 'csat' | 'post_trip'>) => {
    const q = useQuery(TravelSatisfactionDocument, { variables: vars(p, { scoreType: p.filter }), ...policy });
    return toPage({ ...q, conn: (q.data ?? q.previousData)?.satisfactionScores });
  };
  return (
    <TravelListPage
      title="Satisfaction"
      noun={['score', 'scores']}
      searchLabel="Search feedback"
      searchPlaceholder="Words in the feedback"
      filter={{ key: 'type', label: 'Score type', values: ['nps', 'csat', 'post_trip'], all: 'All types' }}
      sortFields={['SUBMITTED_AT', 'SCORE']}
      usePage={usePage}
      intro={<SatisfactionFigures />}
      testId="satisfaction-table"
      columns={[
        {
          key: 'client',
          label: 'Client',
          cell: (s) => (s.client ? <Link to={`/travel/clients/${s.client.id}`}>{s.client.displayName}</Link> : muted),
        },
        { key: 'type', label: 'Type', cell: (s) => humanize(s.scoreType) },
        {
          key: 'score',
          label: 'Score',
          sortField: 'SCORE',
          numeric: true,
          descendingFirst: true,
          cell: (s) => s.score,
        },
        {
          key: 'recommend',
          label: 'Would recommend',
          cell: (s) => (s.wouldRecommend === null ? muted : s.wouldRecommend ? 'Yes' : 'No'),
        },
        { key: 'feedback', label: 'Feedback', cell: (s) => s.feedback ?? muted },
        { key: 'submitted', label: 'Submitted', sortField: 'SUBMITTED_AT', cell: (s) => formatDateTime(s.submittedAt) },
      ]}
    />
  );
}

/** The satisfaction dashboard's headline figures: NPS, CSAT and post-trip scores over every answer. */
function SatisfactionFigures() {
  const { data } = useQuery(SatisfactionSummaryDocument, { fetchPolicy: 'cache-and-network' });
  const s = data?.satisfactionSummary;
  if (!s) return null;
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v}%`);
  return (
    <div className="kpis" data-testid="satisfaction-figures">
      <div className="kpi">
        <span className="kpi__label">NPS ({s.npsResponses} answers)</span>
        <span className="kpi__value">{s.npsScore ?? '—'}</span>
        <span className="cell-muted">
          {s.promoters} promoters · {s.passives} passives · {s.detractors} detractors
        </span>
      </div>
      <div className="kpi">
        <span className="kpi__label">CSAT ({s.csatResponses} answers)</span>
        <span className="kpi__value">{pct(s.csatPct)}</span>
      </div>
      <div className="kpi">
        <span className="kpi__label">Post-trip average ({s.postTripResponses})</span>
        <span className="kpi__value">{s.postTripAverage ?? '—'}</span>
      </div>
      <div className="kpi">
        <span className="kpi__label">Would recommend</span>
        <span className="kpi__value">{pct(s.wouldRecommendPct)}</span>
      </div>
    </div>
  );
}
