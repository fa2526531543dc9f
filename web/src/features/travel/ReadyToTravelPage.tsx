/**
 * Ready to travel: the advisors' list of upcoming trips with a traveler missing something
 * (soonest departure first, the missing item in the URL), and the checklist panel on a trip.
 */
import { useMutation, useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import type {
  ReadinessItemKind,
  ReadinessItemState,
  ReadinessState,
  TripReadinessFieldsFragment,
} from '../../__generated__/graphql.ts';
import { formatCalendarDate, humanize, personName } from '../../lib/format.ts';
import { pageArgs, type CursorListParams } from '../../lib/useCursorListParams.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import {
  SetReadinessCheckDocument,
  TripReadinessDocument,
  TripsAtRiskDocument,
} from './graphql/__generated__/readiness.ts';
import { TravelListPage, type ListPage } from './TravelListPage.tsx';

const PAGE_SIZE = 25;
const ITEM_KINDS: readonly ReadinessItemKind[] = [
  'PASSPORT',
  'VISA',
  'FORMS_SIGNED',
  'BALANCE_PAID',
  'DOCUMENTS_DELIVERED',
  'EMERGENCY_CONTACT',
];
const ITEM_LABELS: Record<ReadinessItemKind, string> = {
  PASSPORT: 'Passport',
  VISA: 'Visa',
  FORMS_SIGNED: 'Forms signed',
  BALANCE_PAID: 'Balance paid',
  DOCUMENTS_DELIVERED: 'Documents delivered',
  EMERGENCY_CONTACT: 'Emergency contact',
};

const stateBadge = (state: ReadinessState | ReadinessItemState) =>
  state === 'READY' || state === 'DONE'
    ? 'badge badge--gold'
    : state === 'AT_RISK' || state === 'MISSING'
      ? 'badge badge--danger'
      : state === 'NOT_NEEDED'
        ? 'badge badge--muted'
        : 'badge';

type Row = TripReadinessFieldsFragment & {
  clientTrip: { id: string; name: string; client?: { id: string; displayName: string } | null };
};

/** What each traveler still misses, one line per traveler and item. */
function MissingItems({ readiness }: { readiness: TripReadinessFieldsFragment }) {
  const lines = readiness.travelers.flatMap((t) =>
    t.items
      .filter((i) => i.state === 'MISSING')
      .map((i) => ({ key: `${t.travelerId}-${i.kind}`, who: t.traveler ? personName(t.traveler) : 'A traveler', i })),
  );
  return (
    <ul className="plain-list" data-testid="missing-items">
      {lines.map(({ key, who, i }) => (
        <li key={key}>
          <strong>{who}</strong>: {ITEM_LABELS[i.kind]} — {i.detail}
        </li>
      ))}
    </ul>
  );
}

export function ReadyToTravelPage() {
  const usePage = (p: CursorListParams<never, ReadinessItemKind>): ListPage<Row> => {
    const q = useQuery(TripsAtRiskDocument, {
      variables: { filter: { item: p.filter }, ...pageArgs(p.cursor, PAGE_SIZE) },
      fetchPolicy: 'cache-and-network',
    });
    const conn = (q.data ?? q.previousData)?.tripsAtRisk;
    return {
      rows: conn?.nodes ?? [],
      totalCount: conn?.totalCount ?? 0,
      pageInfo: conn?.pageInfo ?? null,
      loaded: conn != null,
      loading: q.loading,
      error: q.error,
      refetch: q.refetch,
    };
  };
  return (
    <TravelListPage
      title="Ready to travel"
      noun={['trip at risk', 'trips at risk']}
      filter={{ key: 'missing', label: 'Missing', values: ITEM_KINDS, all: 'Anything missing' }}
      sortFields={[]}
      usePage={usePage}
      testId="trips-at-risk-table"
      intro={
        <p className="page-intro">
          Upcoming trips with a traveler missing something, soonest departure first. Passports are checked against each
          destination&rsquo;s rule beyond the return date.
        </p>
      }
      columns={[
        {
          key: 'trip',
          label: 'Trip',
          cell: (r) => <Link to={`/travel/trips/${r.clientTrip.id}`}>{r.clientTrip.name}</Link>,
        },
        { key: 'client', label: 'Client', cell: (r) => r.clientTrip.client?.displayName ?? '—' },
        {
          key: 'departs',
          label: 'Departs',
          cell: (r) => (r.departureDate ? formatCalendarDate(r.departureDate) : '—'),
        },
        {
          key: 'destination',
          label: 'Destination',
          cell: (r) => (r.destination ? `${r.destination.name} (${r.destination.country})` : '—'),
        },
        { key: 'missing', label: 'Missing', cell: (r) => <MissingItems readiness={r} /> },
      ]}
    />
  );
}

/** The trip's checklist: every traveler's six items, with forms and documents ticked here. */
export function TripReadinessPanel({ clientTripId }: { clientTripId: string }) {
  const { data, error, refetch } = useQuery(TripReadinessDocument, {
    variables: { id: clientTripId },
    fetchPolicy: 'cache-and-network',
  });
  const [setCheck, setting] = useMutation(SetReadinessCheckDocument);
  const readiness = data?.clientTrip?.readiness;
  return (
    <section className="panel panel--wide" aria-labelledby="trip-readiness-title" data-testid="trip-readiness">
      <h2 id="trip-readiness-title" className="panel__title">
        Ready to travel {readiness && <span className={stateBadge(readiness.state)}>{humanize(readiness.state)}</span>}
      </h2>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} testId="travel-notice" />}
      {setting.error && <ErrorNotice error={setting.error} />}
      {readiness && (
        <>
          <p className="cell-muted">
            {readiness.entryRule.label}
            {readiness.entryRule.passportValidUntil &&
              ` (passports valid until ${formatCalendarDate(readiness.entryRule.passportValidUntil)})`}
            {readiness.entryRule.visaRequired ? '; a visa is required.' : '.'}
          </p>
          {readiness.travelers.length === 0 && <p className="empty">No travelers named yet.</p>}
          {readiness.travelers.map((t) => {
            const name = t.traveler ? personName(t.traveler) : 'A traveler';
            return (
              <div key={t.travelerId} className="table-frame">
                <table className="data-table" aria-label={`Readiness of ${name}`}>
                  <caption>
                    {name} <span className={stateBadge(t.state)}>{humanize(t.state)}</span>
                  </caption>
                  <tbody>
                    {t.items.map((i) => {
                      const tickable = i.kind === 'FORMS_SIGNED' || i.kind === 'DOCUMENTS_DELIVERED';
                      return (
                        <tr key={i.kind}>
                          <th scope="row">{ITEM_LABELS[i.kind]}</th>
                          <td>
                            <span className={stateBadge(i.state)}>{humanize(i.state)}</span>
                          </td>
                          <td>{i.detail}</td>
                          <td className="nowrap">
                            {tickable && (
                              <button
                                type="button"
                                className="button button--ghost button--small"
                                disabled={setting.loading}
                                onClick={() =>
                                  void setCheck({
                                    variables: {
                                      input: {
                                        clientTripId,
                                        travelerId: t.travelerId,
                                        item: i.kind === 'FORMS_SIGNED' ? 'FORMS_SIGNED' : 'DOCUMENTS_DELIVERED',
                                        done: i.state !== 'DONE',
                                      },
                                    },
                                  }).catch(() => undefined)
                                }
                              >
                                {i.state === 'DONE'
                                  ? `Undo ${ITEM_LABELS[i.kind].toLowerCase()}`
                                  : `Mark ${ITEM_LABELS[i.kind].toLowerCase()}`}
                              </button>
                            )}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            );
          })}
        </>
      )}
    </section>
  );
}
