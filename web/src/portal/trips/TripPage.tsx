/**
 * One trip in the portal: the published itinerary day by day (and its PDF), bookings and their
 * status, the ready-to-travel checklist, numbers to call, the trip's documents (vouchers shared by
 * the agency, the traveller's own passport scans), and "add to calendar". Opened once online, the
 * trip keeps working offline: its answer is kept in localStorage and the itinerary page and PDF in
 * the `portal-trips` cache (the service worker answers them when the network is gone).
 */
import { useLazyQuery, useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { PortalTripQuery } from '../../__generated__/graphql.ts';
import { describeError } from '../../lib/errors.ts';
import { formatCalendarDate, humanize } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Splash } from '../../ui/Splash.tsx';
import {
  PortalDeletePassportScanDocument,
  PortalTripCalendarDocument,
  PortalTripDocument,
  PortalUploadPassportScanDocument,
} from './__generated__/trips.ts';
import { usePortalSession } from '../shell/session.ts';
import { tripDates } from './TripsPage.tsx';

type Trip = NonNullable<PortalTripQuery['portalTrip']>;

export const OFFLINE_CACHE = 'portal-trips';
const storageKey = (id: string) => `portal:trip:${id}`;
/** The largest file the portal accepts (the server checks it too). */
const MAX_UPLOAD_BYTES = 700_000;

/** Keeps what the trip needs offline: the answer, and the itinerary page and PDF (replaced on a new version). */
async function keepOffline(trip: Trip) {
  try {
    const previous = localStorage.getItem(storageKey(trip.id));
    localStorage.setItem(storageKey(trip.id), JSON.stringify(trip));
    if (typeof caches === 'undefined' || trip.offline.urls.length === 0) return;
    const before = previous ? (JSON.parse(previous) as Trip) : null;
    const cache = await caches.open(OFFLINE_CACHE);
    if (before && before.offline.version !== trip.offline.version)
      await Promise.all(before.offline.urls.map((u) => cache.delete(u)));
    const missing = [];
    for (const u of trip.offline.urls) if (!(await cache.match(u))) missing.push(u);
    if (missing.length) await cache.addAll(missing);
  } catch {
    // Storage full or refused (private browsing): the trip still works online.
  }
}

function offlineCopy(id: string): Trip | null {
  try {
    const raw = localStorage.getItem(storageKey(id));
    return raw ? (JSON.parse(raw) as Trip) : null;
  } catch {
    return null;
  }
}

const stateBadge = (state: string) =>
  state === 'READY' || state === 'DONE'
    ? 'badge badge--gold'
    : state === 'AT_RISK' || state === 'MISSING'
      ? 'badge badge--danger'
      : state === 'NOT_NEEDED'
        ? 'badge badge--muted'
        : 'badge';

const toBase64 = async (file: File) => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
};

function Itinerary({ trip }: { trip: Trip }) {
  const it = trip.itinerary;
  if (!it) return <p className="empty">Your advisor has not published the itinerary yet.</p>;
  const days = [...new Set(it.entries.map((e) => e.day))];
  return (
    <>
      <p className="cell-muted">
        Version {it.version} · <a href={it.pdfUrl}>PDF</a> · <a href={it.pageUrl}>Printable page</a>
      </p>
      {days.map((day) => {
        const entries = it.entries.filter((e) => e.day === day);
        const date = entries[0]?.date;
        return (
          <section key={day} aria-label={`Day ${day}`}>
            <h3>
              Day {day}
              {date && `, ${formatCalendarDate(date)}`}
            </h3>
            <ol className="plain-list">
              {entries.map((e, k) => (
                <li key={`${day}-${k}`} className="portal-entry" data-testid="portal-itinerary-entry">
                  {e.startTime && (
                    <span className="cell-muted nowrap">
                      {e.startTime}
                      {e.endTime && `–${e.endTime}`} {e.timeZone && `(${e.timeZone})`}{' '}
                    </span>
                  )}
                  <strong>{e.title}</strong>
                  <div className="cell-muted">
                    {[
                      e.location,
                      e.supplier,
                      e.flightNumber && `Flight ${e.flightNumber}`,
                      e.confirmationNumber && `Confirmation ${e.confirmationNumber}`,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </div>
                  {e.description && <p>{e.description}</p>}
                </li>
              ))}
            </ol>
          </section>
        );
      })}
    </>
  );
}

function Documents({ trip, offline, onChange }: { trip: Trip; offline: boolean; onChange: () => void }) {
  const [upload, uploading] = useMutation(PortalUploadPassportScanDocument);
  const [remove] = useMutation(PortalDeletePassportScanDocument);
  const [problem, setProblem] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const files = trip.documents?.nodes ?? [];
  return (
    <section className="panel panel--wide" aria-labelledby="trip-docs-title" data-testid="portal-trip-documents">
      <h2 id="trip-docs-title" className="panel__title">
        Documents
      </h2>
      {files.length === 0 && <p className="empty">No documents yet.</p>}
      <ul className="plain-list">
        {files.map((f) => (
          <li key={f.id}>
            <a href={f.downloadUrl}>{f.title}</a>{' '}
            <span className="cell-muted">({Math.ceil(f.sizeBytes / 1000)} KB)</span>
            {f.kind === 'PASSPORT_SCAN' && (
              <>
                {f.purgeAfter && (
                  <span className="cell-muted"> · deleted after {formatCalendarDate(f.purgeAfter)}</span>
                )}{' '}
                <button
                  type="button"
                  className="button button--ghost button--small"
                  disabled={offline}
                  onClick={() =>
                    void remove({ variables: { id: f.id } })
                      .then(onChange)
                      .catch(() => undefined)
                  }
                >
                  Delete
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {!offline && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            const file = fileRef.current?.files?.[0];
            if (!file) return;
            if (file.size > MAX_UPLOAD_BYTES) {
              setProblem(
                `That file is ${Math.ceil(file.size / 1000)} KB; the limit is ${MAX_UPLOAD_BYTES / 1000} KB. A smaller photo or PDF works.`,
              );
              return;
            }
            setProblem(null);
            void toBase64(file)
              .then((contentBase64) =>
                upload({
                  variables: {
                    input: { clientTripId: trip.id, fileName: file.name, contentType: file.type, contentBase64 },
                  },
                }),
              )
              .then(() => {
                if (fileRef.current) fileRef.current.value = '';
                onChange();
              })
              .catch(() => undefined);
          }}
        >
          <label>
            Upload a passport scan (PDF, JPEG or PNG; kept privately and deleted after the trip)
            <input
              ref={fileRef}
              type="file"
              accept="application/pdf,image/jpeg,image/png"
              required
              data-testid="portal-scan-file"
            />
          </label>
          <button type="submit" className="button button--small" disabled={uploading.loading}>
            Upload
          </button>
        </form>
      )}
      {problem && (
        <p role="alert" className="form-problem">
          {problem}
        </p>
      )}
      {uploading.error && <ErrorNotice error={uploading.error} />}
    </section>
  );
}

export function TripPage() {
  const { id = '' } = useParams();
  const session = usePortalSession();
  // Opened without a network: nothing is asked of the gateway; the copy this device kept answers.
  const noNetwork = session.status === 'offline';
  const q = useQuery(PortalTripDocument, { variables: { id }, fetchPolicy: 'cache-and-network', skip: noNetwork });
  const [loadCalendar, calendar] = useLazyQuery(PortalTripCalendarDocument, { fetchPolicy: 'network-only' });
  const live = q.data?.portalTrip ?? null;
  const networkFailed = noNetwork || (!live && q.error != null && describeError(q.error).code === 'NETWORK');
  const trip = live ?? (networkFailed ? offlineCopy(id) : null);
  const offline = !live && trip !== null;
  useDocumentTitle(trip?.name ?? 'Trip');
  useEffect(() => {
    if (live) void keepOffline(live);
  }, [live]);

  const crumbs = (
    <nav className="breadcrumbs" aria-label="Breadcrumbs">
      <Link to="/trips">My trips</Link>
    </nav>
  );
  if (!trip && q.error)
    return (
      <>
        {crumbs}
        <ErrorNotice error={q.error} onRetry={() => void q.refetch()} />
      </>
    );
  if (!trip)
    return q.data ? (
      <p>This trip was not found.</p>
    ) : noNetwork ? (
      <p>This trip was not saved on this device.</p>
    ) : (
      <Splash />
    );

  const addToCalendar = async () => {
    const r = await loadCalendar({ variables: { id: trip.id } });
    const ics = r.data?.portalTrip?.calendar;
    if (!ics) return;
    const url = URL.createObjectURL(new Blob([ics], { type: 'text/calendar' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${trip.name.replace(/[^\p{L}\p{N}]+/gu, '-')}.ics`;
    a.click();
    URL.revokeObjectURL(url);
  };

  return (
    <article aria-labelledby="portal-trip-title" data-testid="portal-trip">
      {crumbs}
      <header className="page-header">
        <div>
          <h1 id="portal-trip-title">{trip.name}</h1>
          <p className="page-header__meta">
            {tripDates(trip)} · <span className="badge">{humanize(trip.status)}</span>
          </p>
          <p className="cell-muted">
            {trip.travelers.map((t) => `${t.firstName} ${t.lastName}${t.isSelf ? ' (you)' : ''}`).join(', ')}
          </p>
        </div>
        {!offline && (
          <button
            type="button"
            className="button button--ghost"
            onClick={() => void addToCalendar()}
            disabled={calendar.loading}
          >
            Add to calendar
          </button>
        )}
      </header>
      {offline && (
        <p className="notice" role="status" data-testid="portal-offline-notice">
          You are offline: this is the copy saved on this device.
        </p>
      )}
      <div className="record-grid">
        <section className="panel panel--wide" aria-labelledby="itinerary-title" data-testid="portal-itinerary">
          <h2 id="itinerary-title" className="panel__title">
            Itinerary
          </h2>
          <Itinerary trip={trip} />
        </section>
        <section className="panel" aria-labelledby="numbers-title" data-testid="portal-emergency">
          <h2 id="numbers-title" className="panel__title">
            Numbers to call
          </h2>
          <ul className="plain-list">
            {trip.offline.emergencyNumbers.map((n) => (
              <li key={n.label}>
                {n.label}: <a href={`tel:${n.phone.replace(/[^\d+]/g, '')}`}>{n.phone}</a>
              </li>
            ))}
          </ul>
        </section>
        <section className="panel" aria-labelledby="checklist-title" data-testid="portal-checklist">
          <h2 id="checklist-title" className="panel__title">
            Ready to travel
          </h2>
          {trip.checklist.map((c) => (
            <div key={c.travelerId}>
              <h3>
                {c.name} <span className={stateBadge(c.state)}>{humanize(c.state)}</span>
              </h3>
              <ul className="plain-list">
                {c.items.map((i) => (
                  <li key={i.kind}>
                    <span className={stateBadge(i.state)}>{humanize(i.state)}</span> <strong>{humanize(i.kind)}</strong>
                    : {i.detail}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
        <section className="panel panel--wide" aria-labelledby="bookings-title" data-testid="portal-bookings">
          <h2 id="bookings-title" className="panel__title">
            Bookings
          </h2>
          {(trip.bookings?.nodes ?? []).length === 0 && <p className="empty">No bookings yet.</p>}
          <ul className="plain-list">
            {(trip.bookings?.nodes ?? []).map((b) => (
              <li key={b.id}>
                <strong>{b.destination}</strong> <span className="badge">{humanize(b.status)}</span>
                <div className="cell-muted">
                  {formatCalendarDate(b.departureDate)}
                  {b.returnDate && ` – ${formatCalendarDate(b.returnDate)}`} · {b.reference}
                  {b.supplier && ` · ${b.supplier}`}
                  {b.confirmationNumber && ` · Confirmation ${b.confirmationNumber}`}
                </div>
              </li>
            ))}
          </ul>
        </section>
        <Documents trip={trip} offline={offline} onChange={() => void q.refetch()} />
      </div>
      {calendar.error && <ErrorNotice error={calendar.error} />}
    </article>
  );
}
