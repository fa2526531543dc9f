import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { formatCalendarDate, formatDay, formatNumber, humanize, personName } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Facts, type Fact } from '../../ui/Facts.tsx';
import { Loading, Splash } from '../../ui/Splash.tsx';
import { BookingsTable } from './BookingsTable.tsx';
import { expiryMarker, lastFour, maskNumber } from './travelLabels.ts';
import { TripsTable } from './TripsTable.tsx';
import { useTraveler } from './useTraveler.ts';

type TravelerData = NonNullable<ReturnType<typeof useTraveler>['traveler']>;
type PersonalData = ReturnType<typeof useTraveler>['personal'];

/**
 * A TT-API traveler: details, documents with their expiry, preferences, loyalty programs, trips and
 * bookings, and the CRM contact it belongs to. Advisors and above also see the personal part (date
 * of birth, document numbers by their last 4 characters, emergency contacts). Passport-expiry
 * notifications link here.
 */
export function TravelerDetailPage() {
  const { id = '' } = useParams();
  const { traveler, loaded, error, refetch, personalAllowed, personal, personalError, refetchPersonal } = useTraveler(id);
  useDocumentTitle(traveler ? personName(traveler) : 'Traveler');

  const crumbs = (
    <nav className="breadcrumbs" aria-label="Breadcrumbs">
      <Link to="/travel/trips">Trips</Link>
    </nav>
  );
  if (!loaded && error)
    return (
      <>
        {crumbs}
        <ErrorNotice error={error} onRetry={() => void refetch()} testId="travel-notice" />
      </>
    );
  if (!loaded) return <Splash />;
  if (!traveler) return <p>This traveler does not exist.</p>;

  /** An advisor-only value: shown once the personal part has arrived, never offered to lower ranks. */
  const personalFact = (label: string, value: (p: NonNullable<PersonalData>) => ReactNode): Fact[] =>
    personalAllowed ? [{ label, value: personal ? value(personal) : personalError ? null : <span className="cell-muted">Loading…</span> }] : [];

  const facts: Fact[] = [
    { label: 'Email', value: traveler.email && <a href={`mailto:${traveler.email}`}>{traveler.email}</a> },
    { label: 'Phone', value: traveler.phone },
    { label: 'Nationality', value: traveler.nationality },
    ...personalFact('Date of birth', (p) => p.dateOfBirth && formatCalendarDate(p.dateOfBirth)),
    { label: 'Client', value: traveler.client?.displayName },
    {
      label: 'CRM contact',
      value: traveler.contact && <Link to={`/crm/contacts/${traveler.contact.id}`}>{personName(traveler.contact)}</Link>,
    },
    ...personalFact('Passport number', (p) => p.passportNumber && <MaskedNumber value={p.passportNumber} />),
    { label: 'Passport country', value: traveler.passportCountry },
    ...personalFact('Passport issued', (p) => p.passportIssueDate && formatCalendarDate(p.passportIssueDate)),
    { label: 'Passport expires', value: traveler.passportExpiryDate && formatCalendarDate(traveler.passportExpiryDate) },
    { label: 'Created', value: formatDay(traveler.createdAt) },
  ];

  return (
    <article aria-labelledby="traveler-title" data-testid="traveler-detail">
      {crumbs}
      <header className="page-header">
        <div>
          <h1 id="traveler-title">{personName(traveler)}</h1>
          <p className="page-header__meta">
            Traveler{traveler.client && ` on ${traveler.client.displayName}’s account`}
            {traveler.nationality && ` · ${traveler.nationality}`}
          </p>
        </div>
      </header>
      <div className="record-grid">
        <section className="panel" aria-labelledby="traveler-facts-title">
          <h2 id="traveler-facts-title" className="panel__title">
            Details
          </h2>
          <Facts facts={facts} />
        </section>

        <section className="panel" aria-labelledby="traveler-preferences-title">
          <h2 id="traveler-preferences-title" className="panel__title">
            Preferences
          </h2>
          <Preferences preferences={traveler.preferences} />
        </section>

        <section className="panel panel--wide" aria-labelledby="traveler-documents-title">
          <h2 id="traveler-documents-title" className="panel__title">
            Documents <span className="panel__count">{traveler.documents?.totalCount ?? 0}</span>
          </h2>
          <DocumentsTable
            documents={traveler.documents?.nodes ?? []}
            showNumbers={personalAllowed}
            numbers={personal && new Map((personal.documents?.nodes ?? []).map((d) => [d.id, d.documentNumber]))}
            numbersPending={personalAllowed && !personal && !personalError}
          />
        </section>

        <section className="panel" aria-labelledby="traveler-loyalty-title">
          <h2 id="traveler-loyalty-title" className="panel__title">
            Loyalty programs <span className="panel__count">{traveler.loyaltyPrograms?.totalCount ?? 0}</span>
          </h2>
          {(traveler.loyaltyPrograms?.nodes ?? []).length === 0 ? (
            <p className="empty">No loyalty programs on file.</p>
          ) : (
            <ul className="plain-list" data-testid="traveler-loyalty">
              {(traveler.loyaltyPrograms?.nodes ?? []).map((l) => {
                const number = personal?.loyaltyPrograms?.nodes.find((p) => p.id === l.id)?.membershipNumber;
                return (
                  <li key={l.id}>
                    <strong>{l.programName}</strong>
                    <span className="cell-muted"> · {humanize(l.programType)}</span>
                    {l.tier && <span className="badge badge--gold">{l.tier}</span>}
                    {(number || l.pointsBalance !== null) && (
                      <span className="cell-secondary">
                        {number && <MaskedNumber value={number} />}
                        {number && l.pointsBalance !== null && ' · '}
                        {l.pointsBalance !== null && `${formatNumber(l.pointsBalance)} points`}
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </section>

        {personalAllowed && (
          <section className="panel" aria-labelledby="traveler-emergency-title" data-testid="traveler-emergency-contacts">
            <h2 id="traveler-emergency-title" className="panel__title">
              Emergency contacts <span className="panel__count">{personal?.emergencyContacts?.totalCount ?? ''}</span>
            </h2>
            {personalError && <ErrorNotice error={personalError} onRetry={() => void refetchPersonal()} testId="travel-notice" />}
            {!personalError && !personal && <Loading />}
            {personal && (personal.emergencyContacts?.nodes ?? []).length === 0 && <p className="empty">No emergency contacts on file.</p>}
            {personal && (personal.emergencyContacts?.nodes ?? []).length > 0 && (
              <ul className="plain-list">
                {(personal.emergencyContacts?.nodes ?? []).map((c) => (
                  <li key={c.id}>
                    <strong>{c.fullName}</strong>
                    <span className="cell-muted"> · {humanize(c.relationship)}</span>
                    {c.isPrimary && <span className="badge badge--gold">Primary</span>}
                    <span className="cell-secondary">
                      <a href={`tel:${c.phone}`}>{c.phone}</a>
                      {c.email && (
                        <>
                          {' · '}
                          <a href={`mailto:${c.email}`}>{c.email}</a>
                        </>
                      )}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}

        <section className="panel panel--wide" aria-labelledby="traveler-trips-title">
          <h2 id="traveler-trips-title" className="panel__title">
            Trips
          </h2>
          <TripsTable trips={traveler.trips?.nodes ?? []} emptyMessage="This traveler is on no trips." />
        </section>

        <section className="panel panel--wide" aria-labelledby="traveler-bookings-title">
          <h2 id="traveler-bookings-title" className="panel__title">
            Bookings
          </h2>
          <BookingsTable bookings={traveler.bookings?.nodes ?? []} emptyMessage="This traveler is on no bookings." />
        </section>
      </div>
    </article>
  );
}

/** Passports, visas and the like, soonest expiry first (as the API sends them), each with how long it has left. */
function DocumentsTable({
  documents,
  showNumbers,
  numbers,
  numbersPending,
}: {
  documents: NonNullable<TravelerData['documents']>['nodes'];
  /** Advisors and above: a Number column, filled from the personal part once it arrives. */
  showNumbers: boolean;
  numbers: ReadonlyMap<string, string> | null;
  numbersPending: boolean;
}) {
  return (
    <div className="table-frame">
      <table className="data-table" data-testid="traveler-documents">
        <thead>
          <tr>
            <th scope="col">Document</th>
            {showNumbers && <th scope="col">Number</th>}
            <th scope="col">Issued by</th>
            <th scope="col">Issued</th>
            <th scope="col">Expires</th>
            <th scope="col">Validity</th>
          </tr>
        </thead>
        <tbody>
          {documents.length === 0 && (
            <tr>
              <td colSpan={showNumbers ? 6 : 5} className="table-empty">
                No documents on file.
              </td>
            </tr>
          )}
          {documents.map((d) => {
            const marker = expiryMarker(d.daysUntilExpiry);
            const number = numbers?.get(d.id);
            return (
              <tr key={d.id} data-document-id={d.id}>
                <th scope="row" className="cell-primary">
                  {humanize(d.documentType)}
                </th>
                {showNumbers && <td className="nowrap">{number ? <MaskedNumber value={number} /> : <span className="cell-muted">{numbersPending ? '…' : '—'}</span>}</td>}
                <td>{d.issuingCountry ?? <span className="cell-muted">—</span>}</td>
                <td className="nowrap">{d.issueDate ? formatCalendarDate(d.issueDate) : <span className="cell-muted">—</span>}</td>
                <td className="nowrap">{d.expiryDate ? formatCalendarDate(d.expiryDate) : <span className="cell-muted">No expiry</span>}</td>
                <td className="nowrap">
                  {marker ? (
                    <span className={marker.className} data-testid="expiry-marker">
                      {marker.label}
                    </span>
                  ) : (
                    <span className="cell-muted">—</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Preferences({ preferences: p }: { preferences: TravelerData['preferences'] }) {
  if (!p) return <p className="empty">No preferences recorded.</p>;
  return (
    <Facts
      facts={[
        { label: 'Cabin', value: p.cabinClass && humanize(p.cabinClass) },
        { label: 'Seat', value: p.seatPreference && humanize(p.seatPreference) },
        { label: 'Dietary', value: p.dietaryRestrictions.join(', ') },
        { label: 'Airlines', value: p.preferredAirlines.join(', ') },
        { label: 'Hotels', value: p.hotelPreferences },
        { label: 'Special requests', value: p.specialRequests },
      ]}
    />
  );
}

/** A number by its last 4 characters; screen readers hear "ending in 4821" rather than the dots. */
function MaskedNumber({ value }: { value: string }) {
  return (
    <span className="nowrap">
      <span aria-hidden="true">{maskNumber(value)}</span>
      <span className="visually-hidden">ending in {lastFour(value)}</span>
    </span>
  );
}
