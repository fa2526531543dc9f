import { formatCalendarDate, humanize } from '../../lib/format.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Loading } from '../../ui/Splash.tsx';
import { BookingsTable } from './BookingsTable.tsx';
import { TripsTable } from './TripsTable.tsx';
import { useContactTravelProfile } from './useContactTravelProfile.ts';

const uniqueById = <T extends { id: string }>(items: readonly T[]): T[] => [...new Map(items.map((i) => [i.id, i])).values()];

/**
 * A contact's travel profile from TT-API: documents, trips and bookings. It loads on its own, so
 * when TT-API is down this section says so and the rest of the contact page is unaffected.
 */
export function ContactTravelProfile({ contactId }: { contactId: string }) {
  const { profile, loading, error, refetch } = useContactTravelProfile(contactId);

  return (
    <section className="panel panel--wide" aria-labelledby="travel-profile-title" data-testid="travel-profile">
      <header className="panel__header">
        <h2 id="travel-profile-title" className="panel__title">
          Travel profile
        </h2>
      </header>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} testId="travel-notice" />}
      {!error && loading && !profile && <Loading label="Loading travel profile…" />}
      {profile && !profile.traveler && !profile.client && <p className="empty">This contact has no traveler or client profile yet.</p>}
      {profile && (profile.traveler || profile.client) && (
        <TravelDetails
          traveler={profile.traveler}
          client={profile.client}
          trips={uniqueById([...(profile.traveler?.trips?.nodes ?? []), ...(profile.client?.trips?.nodes ?? [])])}
          bookings={uniqueById([...(profile.traveler?.bookings?.nodes ?? []), ...(profile.client?.bookings?.nodes ?? [])])}
        />
      )}
    </section>
  );
}

type Profile = NonNullable<ReturnType<typeof useContactTravelProfile>['profile']>;

function TravelDetails({
  traveler,
  client,
  trips,
  bookings,
}: {
  traveler: Profile['traveler'];
  client: Profile['client'];
  trips: Parameters<typeof TripsTable>[0]['trips'];
  bookings: Parameters<typeof BookingsTable>[0]['bookings'];
}) {
  const documents = traveler?.documents?.nodes ?? [];
  return (
    <>
      <dl className="facts facts--inline">
        {client && (
          <div>
            <dt>Client account</dt>
            <dd>
              {client.displayName} · {humanize(client.clientType)} · <span className="badge">{humanize(client.status)}</span>
            </dd>
          </div>
        )}
        {traveler?.nationality && (
          <div>
            <dt>Nationality</dt>
            <dd>{traveler.nationality}</dd>
          </div>
        )}
        {traveler?.passportExpiryDate && (
          <div>
            <dt>Passport expires</dt>
            <dd>{formatCalendarDate(traveler.passportExpiryDate)}</dd>
          </div>
        )}
        {client?.travelStyle && (
          <div>
            <dt>Travel style</dt>
            <dd>{client.travelStyle}</dd>
          </div>
        )}
      </dl>

      <h3 className="subheading">Documents</h3>
      {documents.length === 0 ? (
        <p className="empty">No documents on file.</p>
      ) : (
        <ul className="documents" data-testid="travel-documents">
          {documents.map((d) => (
            <li key={d.id} className="documents__item">
              <span className="documents__type">{humanize(d.documentType)}</span>
              {d.issuingCountry && <span className="cell-muted"> · {d.issuingCountry}</span>}
              {d.expiryDate && (
                <span className={d.daysUntilExpiry !== null && d.daysUntilExpiry !== undefined && d.daysUntilExpiry < 180 ? 'documents__expiry documents__expiry--soon' : 'documents__expiry'}>
                  {d.daysUntilExpiry !== null && d.daysUntilExpiry !== undefined && d.daysUntilExpiry < 0 ? 'Expired ' : 'Expires '}
                  {formatCalendarDate(d.expiryDate)}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}

      <h3 className="subheading">Trips</h3>
      <TripsTable trips={trips} hideClient emptyMessage="No trips." />

      <h3 className="subheading">Bookings</h3>
      <BookingsTable bookings={bookings} hideClient emptyMessage="No bookings." />
    </>
  );
}
