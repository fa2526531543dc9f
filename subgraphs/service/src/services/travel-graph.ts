import { SERVICES, runAs, type GraphExecutor } from '@nexus/platform';

/**
 * What the service desk reads from TT-API, through the travel subgraph: every call goes to the
 * gateway as `service:service-desk` (advisor rank), so ranks, masking and the circuit breaker apply
 * as to anyone. Each function answers null (or throws `TravelUnavailable`) rather than guess when
 * TT-API or the gateway cannot answer.
 */
export class TravelUnavailable extends Error {}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

async function read<T>(
  execute: GraphExecutor,
  query: string,
  variables: Record<string, unknown>,
  requestId: string,
): Promise<T> {
  let r: Awaited<ReturnType<typeof runAs>>;
  try {
    r = await runAs(execute, SERVICES.serviceDesk, { query, variables }, requestId);
  } catch (e) {
    // The gateway refused the connection or did not answer in time.
    throw new TravelUnavailable(`the gateway did not answer: ${(e as Error).message}`);
  }
  if (!r.ok) throw new TravelUnavailable(`${r.code}: ${r.message}`);
  return r.data as T;
}

interface BookingNode {
  status: string;
  destination: string;
  departureDate: string;
  returnDate: string | null;
  vendor: { name: string } | null;
}
interface TripNode {
  id: string;
  status: string;
  startDate: string | null;
  endDate: string | null;
  bookings: { nodes: BookingNode[] } | null;
}

/** A requester's trip context: travelling now, and the destination and supplier of the current (else next) trip. */
export interface TravelContext {
  travelling: boolean;
  destination: string | null;
  supplier: string | null;
}

const CONTEXT = `query ServiceDeskTravelContext($id: ID!) {
  contact(id: $id) { id client { id trips(first: 25) { nodes { id status startDate endDate
    bookings(first: 10) { nodes { status destination departureDate returnDate vendor { name } } } } } } } }`;

const DONE_TRIP = new Set(['COMPLETED', 'CANCELLED', 'INQUIRY']);
const DONE_BOOKING = new Set(['CANCELLED', 'REFUNDED', 'COMPLETED', 'INQUIRY', 'QUOTED']);

/**
 * The contact's linked TT-API client (crm's `ttClientId`, resolved by travel) and its trips: the
 * requester is travelling when a trip is TRAVELING, a booking is IN_PROGRESS, or a booked trip's
 * dates include today. Null when the contact has no linked client.
 */
export async function travelContextOf(
  execute: GraphExecutor,
  contactId: string,
  now: Date,
): Promise<TravelContext | null> {
  const data = await read<{ contact: { client: { trips: { nodes: TripNode[] } | null } | null } | null }>(
    execute,
    CONTEXT,
    { id: contactId },
    `service-desk:travel-context:${contactId}`,
  );
  return contextOfClient(data.contact?.client ?? null, now);
}

const BY_EMAIL = `query ServiceDeskContactByEmail($email: String!) {
  contacts(first: 5, filter: { search: $email }) { nodes { id email client { id trips(first: 25) { nodes { id status startDate endDate
    bookings(first: 10) { nodes { status destination departureDate returnDate vendor { name } } } } } } } } }`;

/** The crm contact with exactly this email (an emailed ticket's requester) and its trip context. */
export async function travelContextByEmail(
  execute: GraphExecutor,
  email: string,
  now: Date,
): Promise<{ contactId: string; context: TravelContext | null } | null> {
  const data = await read<{
    contacts: {
      nodes: { id: string; email: string | null; client: { trips: { nodes: TripNode[] } | null } | null }[];
    } | null;
  }>(execute, BY_EMAIL, { email }, `service-desk:contact-by-email`);
  const contact = data.contacts?.nodes.find((c) => c.email?.toLowerCase() === email.toLowerCase());
  if (!contact) return null;
  return { contactId: contact.id, context: contextOfClient(contact.client, now) };
}

function contextOfClient(client: { trips: { nodes: TripNode[] } | null } | null, now: Date): TravelContext | null {
  if (!client) return null;
  if (!client.trips) throw new TravelUnavailable('the client’s trips are unavailable');
  const today = iso(now);
  const live = client.trips.nodes.filter((t) => !DONE_TRIP.has(t.status));
  const inProgress = (t: TripNode) =>
    t.status === 'TRAVELING' ||
    (t.bookings?.nodes ?? []).some((b) => b.status === 'IN_PROGRESS') ||
    (!!t.startDate && !!t.endDate && t.startDate <= today && today <= t.endDate);
  const current = live.find(inProgress);
  const next = live
    .filter((t) => t.startDate && t.startDate > today)
    .sort((a, b) => (a.startDate ?? '').localeCompare(b.startDate ?? ''))[0];
  const trip = current ?? next;
  const bookings = (trip?.bookings?.nodes ?? []).filter((b) => !DONE_BOOKING.has(b.status) || b.status === 'COMPLETED');
  const booking =
    bookings.find((b) => b.departureDate <= today && (b.returnDate ?? b.departureDate) >= today) ??
    [...bookings].sort((a, b) => a.departureDate.localeCompare(b.departureDate))[0];
  return {
    travelling: !!current,
    destination: booking?.destination ?? null,
    supplier: booking?.vendor?.name ?? null,
  };
}

/** A TT-API client trip that ended, with the client to ask about it. */
export interface EndedTrip {
  id: string;
  name: string;
  endDate: string;
  client: { id: string; email: string; displayName: string; contactId: string | null };
}

const TRIPS = `query ServiceDeskEndedTrips($after: String) {
  clientTrips(first: 100, after: $after, orderBy: { field: START_DATE, direction: DESC }) {
    pageInfo { hasNextPage endCursor }
    nodes { id name status startDate endDate client { id email displayName contact { id } } } } }`;

/**
 * Trips whose end date falls in the last `lookbackDays` days up to today (not cancelled), newest
 * start first; pages until trips start before the window (less 60 days for long trips), at most 20 pages.
 */
export async function endedTrips(execute: GraphExecutor, now: Date, lookbackDays: number): Promise<EndedTrip[]> {
  const today = iso(now);
  const from = iso(addDays(now, -lookbackDays));
  const stopBefore = iso(addDays(now, -lookbackDays - 60));
  const found: EndedTrip[] = [];
  let after: string | null = null;
  for (let page = 0; page < 20; page++) {
    const data: {
      clientTrips: {
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: (Omit<TripNode, 'bookings'> & {
          name: string;
          client: { id: string; email: string; displayName: string; contact: { id: string } | null } | null;
        })[];
      } | null;
    } = await read(execute, TRIPS, { after }, `service-desk:ended-trips:${today}:${page}`);
    if (!data.clientTrips) throw new TravelUnavailable('client trips are unavailable');
    for (const t of data.clientTrips.nodes) {
      if (t.status === 'CANCELLED' || !t.endDate || !t.client?.email) continue;
      if (t.endDate <= today && t.endDate >= from)
        found.push({
          id: t.id,
          name: t.name,
          endDate: t.endDate,
          client: {
            id: t.client.id,
            email: t.client.email.toLowerCase(),
            displayName: t.client.displayName,
            contactId: t.client.contact?.id ?? null,
          },
        });
    }
    const last = data.clientTrips.nodes.at(-1);
    if (!data.clientTrips.pageInfo.hasNextPage || !last || (last.startDate && last.startDate < stopBefore)) break;
    after = data.clientTrips.pageInfo.endCursor;
  }
  return found;
}

export interface TravelAlertInfo {
  id: string;
  title: string;
  description: string;
  severity: string;
  alertType: string;
  destination: string | null;
  country: string | null;
}

const ALERTS = `query ServiceDeskAlerts($after: String, $severity: AlertSeverity) {
  travelAlerts(first: 100, after: $after, filter: { isActive: true, severity: $severity }) {
    pageInfo { hasNextPage endCursor }
    nodes { id title description severity alertType country destination { name } } } }`;

/** Active travel alerts (of one severity when given), at most 500. */
export async function activeAlerts(
  execute: GraphExecutor,
  severity: string | null,
  requestId: string,
): Promise<TravelAlertInfo[]> {
  const out: TravelAlertInfo[] = [];
  let after: string | null = null;
  for (let page = 0; page < 5; page++) {
    const data: {
      travelAlerts: {
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: (Omit<TravelAlertInfo, 'destination'> & { destination: { name: string } | null })[];
      } | null;
    } = await read(execute, ALERTS, { after, severity }, `${requestId}:${page}`);
    if (!data.travelAlerts) throw new TravelUnavailable('travel alerts are unavailable');
    out.push(...data.travelAlerts.nodes.map((a) => ({ ...a, destination: a.destination?.name ?? null })));
    if (!data.travelAlerts.pageInfo.hasNextPage) break;
    after = data.travelAlerts.pageInfo.endCursor;
  }
  return out;
}

/** A client there now or departing soon, with the booking that puts them there. */
export interface AffectedClient {
  clientId: string;
  email: string;
  displayName: string;
  contactId: string | null;
  bookingReference: string;
  departureDate: string;
  returnDate: string | null;
  supplier: string | null;
  travelling: boolean;
}

const BOOKINGS = `query ServiceDeskAffected($search: String!, $to: Date!, $after: String) {
  bookings(first: 100, after: $after, filter: { search: $search, departureTo: $to }) {
    pageInfo { hasNextPage endCursor }
    nodes { bookingReference status destination departureDate returnDate vendor { name }
      client { id email displayName contact { id } } } } }`;

/**
 * Clients with a live booking at the destination that is in progress today or departs within
 * `days` days (one entry per client, the soonest booking).
 */
export async function affectedClients(
  execute: GraphExecutor,
  destination: string,
  now: Date,
  days: number,
  requestId: string,
): Promise<AffectedClient[]> {
  const today = iso(now);
  const to = iso(addDays(now, days));
  const byClient = new Map<string, AffectedClient>();
  let after: string | null = null;
  for (let page = 0; page < 10; page++) {
    const data: {
      bookings: {
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: (BookingNode & {
          bookingReference: string;
          client: { id: string; email: string; displayName: string; contact: { id: string } | null } | null;
        })[];
      } | null;
    } = await read(execute, BOOKINGS, { search: destination, to, after }, `${requestId}:bookings:${page}`);
    if (!data.bookings) throw new TravelUnavailable('bookings are unavailable');
    for (const b of data.bookings.nodes) {
      if (!b.client?.email || b.destination.toLowerCase() !== destination.toLowerCase()) continue;
      if (['CANCELLED', 'REFUNDED', 'COMPLETED', 'INQUIRY', 'QUOTED'].includes(b.status)) continue;
      const end = b.returnDate ?? b.departureDate;
      if (end < today) continue;
      const travelling = b.departureDate <= today;
      const prev = byClient.get(b.client.id);
      if (prev && prev.departureDate <= b.departureDate) continue;
      byClient.set(b.client.id, {
        clientId: b.client.id,
        email: b.client.email.toLowerCase(),
        displayName: b.client.displayName,
        contactId: b.client.contact?.id ?? null,
        bookingReference: b.bookingReference,
        departureDate: b.departureDate,
        returnDate: b.returnDate,
        supplier: b.vendor?.name ?? null,
        travelling,
      });
    }
    if (!data.bookings.pageInfo.hasNextPage) break;
    after = data.bookings.pageInfo.endCursor;
  }
  return [...byClient.values()].sort(
    (a, b) => a.departureDate.localeCompare(b.departureDate) || a.clientId.localeCompare(b.clientId),
  );
}
