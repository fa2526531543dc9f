/**
 * A traveller's trips in the client portal: upcoming and past trips, their bookings (no money), the
 * published itinerary (never the draft) with its PDF, the ready-to-travel checklist, the numbers to
 * call, what the phone keeps offline, and the trip as an iCalendar file.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { type ClientScope, type ConnectionArgs } from '@nexus/platform';
import { createEvents, type EventAttributes } from 'ics';
import { z } from 'zod';
import { Itinerary, ItineraryVersion, type ItineraryEntryData } from '../entities/index.ts';
import { readinessOf, type TripReadinessSource } from '../services/readiness.service.ts';
import { ordered, publicLink } from '../services/itinerary.service.ts';
import { memoryConnection } from '../services/lists.ts';
import { allPages } from '../services/money.service.ts';
import { parseInput } from '@nexus/platform';
import type { TtApiClient } from '../tt-api/client.ts';
import { MAX_PAGE_LIMIT, type Booking, type ClientTrip } from '../tt-api/contract.ts';
import { familyAccess, familyTravelers, payerAccess, visibleTrip, visibleTrips } from './scope.service.ts';

const DAY_MS = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (date: string, days: number) => isoDay(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS));

/** What the portal's trip resolvers work from: the trip, whose view it is, and per-request lazy reads. */
export interface PortalTripSource {
  trip: ClientTrip;
  scope: ClientScope;
  now: Date;
  /** Readiness of the whole trip, read once per request when a field needs it. */
  readiness?: Promise<TripReadinessSource | null>;
  published?: Promise<{ itinerary: Itinerary; version: ItineraryVersion } | null>;
  bookings?: Promise<Booking[]>;
}

export interface PortalTripDeps {
  tt: TtApiClient;
  em: EntityManager;
  publicUrl: string;
  /** The agency's line for travellers on the road (PORTAL_EMERGENCY_PHONE); optional. */
  agencyPhone: string | null;
}

const CANCELLED = new Set(['cancelled']);
const OVER = new Set(['completed', 'cancelled']);

/** Upcoming: not over or cancelled, and not ended before today (a trip without dates is upcoming). */
export function isUpcoming(trip: ClientTrip, now: Date): boolean {
  if (OVER.has(trip.status)) return false;
  const last = trip.endDate ?? trip.startDate;
  return last === null || last >= isoDay(now);
}

const tripFilter = z.object({ when: z.enum(['UPCOMING', 'PAST']).nullish() }).nullish();

export async function portalTrips(
  tt: TtApiClient,
  scope: ClientScope,
  args: ConnectionArgs & { filter?: unknown },
  now: Date = new Date(),
) {
  const filter = parseInput(tripFilter, args.filter, 'filter');
  const trips = await visibleTrips(tt, scope);
  const upcoming = trips
    .filter((t) => isUpcoming(t, now))
    .sort((a, b) => (a.startDate ?? '9999').localeCompare(b.startDate ?? '9999') || a.name.localeCompare(b.name));
  const past = trips
    .filter((t) => !isUpcoming(t, now))
    .sort((a, b) => (b.startDate ?? '').localeCompare(a.startDate ?? '') || a.name.localeCompare(b.name));
  const rows = filter?.when === 'UPCOMING' ? upcoming : filter?.when === 'PAST' ? past : [...upcoming, ...past];
  return memoryConnection(
    rows.map((trip): PortalTripSource => ({ trip, scope, now })),
    args,
  );
}

export async function portalTrip(tt: TtApiClient, scope: ClientScope, id: unknown, now: Date = new Date()) {
  const trip = await visibleTrip(tt, scope, id);
  return { trip, scope, now } satisfies PortalTripSource;
}

export function tripBookings(tt: TtApiClient, src: PortalTripSource): Promise<Booking[]> {
  src.bookings ??= allPages(
    (page) =>
      tt.listBookings({
        clientTripId: src.trip.id,
        page,
        limit: MAX_PAGE_LIMIT,
        sortBy: 'departureDate',
        sortOrder: 'asc',
      }),
    5,
  ).then((rows) => rows.filter((b) => b.deletedAt === null));
  return src.bookings;
}

export async function portalBookings(tt: TtApiClient, src: PortalTripSource) {
  const bookings = await tripBookings(tt, src);
  const vendorIds = [...new Set(bookings.flatMap((b) => (b.vendorId ? [b.vendorId] : [])))];
  const vendors = vendorIds.length
    ? new Map((await tt.listVendors({ ids: vendorIds, limit: MAX_PAGE_LIMIT })).data.map((v) => [v.id, v.name]))
    : new Map<string, string>();
  return bookings.map((b) => ({
    id: b.id,
    reference: b.bookingReference,
    status: b.status,
    destination: b.destination,
    departureDate: b.departureDate,
    returnDate: b.returnDate,
    confirmationNumber: CANCELLED.has(b.status) ? null : b.vendorConfirmationNumber,
    supplier: b.vendorId ? (vendors.get(b.vendorId) ?? null) : null,
  }));
}

export function publishedItinerary(em: EntityManager, src: PortalTripSource) {
  src.published ??= (async () => {
    const itinerary = await em.findOne(Itinerary, { clientTripId: src.trip.id });
    if (!itinerary || itinerary.publishedVersion === 0) return null;
    const version = await em.findOne(ItineraryVersion, {
      itineraryId: itinerary.id,
      version: itinerary.publishedVersion,
    });
    return version ? { itinerary, version } : null;
  })();
  return src.published;
}

export async function portalItinerary(deps: PortalTripDeps, src: PortalTripSource) {
  const found = await publishedItinerary(deps.em, src);
  if (!found) return null;
  const { itinerary, version } = found;
  const pageUrl = publicLink(deps.publicUrl, itinerary.token);
  const start = version.startDate ?? src.trip.startDate;
  return {
    title: version.title,
    version: version.version,
    publishedAt: version.publishedAt,
    entries: ordered(version.entries).map((e) => ({
      day: e.day,
      date: start ? addDays(start, e.day - 1) : null,
      kind: e.kind,
      title: e.title,
      description: e.description,
      location: e.location,
      startTime: e.startTime,
      endTime: e.endTime,
      timeZone: e.timeZone,
      supplier: e.supplier,
      confirmationNumber: e.confirmationNumber,
      flightNumber: e.flightNumber ?? null,
    })),
    pageUrl,
    pdfUrl: `${pageUrl}/pdf`,
  };
}

export function tripReadiness(deps: PortalTripDeps, src: PortalTripSource) {
  src.readiness ??= readinessOf(deps.tt, deps.em, [src.trip], src.now).then((r) => r[0] ?? null);
  return src.readiness;
}

/** The balance item in words for a traveller who does not see the money. */
const BALANCE_WITHOUT_MONEY: Record<string, string> = {
  DONE: 'Paid in full.',
  NOT_NEEDED: 'Nothing to pay.',
  PENDING: 'A payment is still to be made; whoever pays for the trip has the details.',
  MISSING: 'A payment is overdue; whoever pays for the trip has the details.',
};

/** The checklist of the signed-in traveller, and of their family on the trip for a family manager. */
export async function portalChecklist(deps: PortalTripDeps, src: PortalTripSource) {
  const readiness = await tripReadiness(deps, src);
  if (!readiness) return [];
  const family = familyAccess(src.scope)
    ? new Set((await familyTravelers(deps.tt, src.scope)).map((t) => t.id))
    : new Set<string>();
  const seesMoney = payerAccess(src.scope);
  return readiness.travelers
    .filter((t) => t.travelerId === src.scope.ttTravelerId || family.has(t.travelerId))
    .sort((a, b) => Number(b.travelerId === src.scope.ttTravelerId) - Number(a.travelerId === src.scope.ttTravelerId))
    .map((t) => ({
      travelerId: t.travelerId,
      name: t.traveler ? `${t.traveler.firstName} ${t.traveler.lastName}` : 'Traveller',
      state: t.state,
      items: t.items.map((i) =>
        i.kind === 'BALANCE_PAID' && !seesMoney
          ? { ...i, detail: BALANCE_WITHOUT_MONEY[i.state] ?? i.detail, dueDate: null }
          : i,
      ),
    }));
}

/** Everyone on the trip by name; co-travellers outside the family by first name and initial. */
export async function portalTripTravelers(deps: PortalTripDeps, src: PortalTripSource) {
  const ids = src.trip.travelerIds;
  if (ids.length === 0) return [];
  const travelers = new Map(
    (await deps.tt.listTravelers({ ids: ids.slice(0, 100), limit: MAX_PAGE_LIMIT })).data.map((t) => [t.id, t]),
  );
  return ids.flatMap((id) => {
    const t = travelers.get(id);
    if (!t) return [];
    const ownFamily = t.clientId === src.scope.ttClientId;
    return [
      {
        travelerId: t.id,
        firstName: t.firstName,
        lastName: ownFamily ? t.lastName : `${t.lastName.charAt(0)}.`,
        isSelf: t.id === src.scope.ttTravelerId,
      },
    ];
  });
}

/**
 * The emergency number of a destination (the police, ambulance and fire line), by ISO country.
 * 112 works on every GSM network in Europe and most of the world, so it is the fallback.
 */
const LOCAL_EMERGENCY: Record<string, string> = {
  US: '911',
  CA: '911',
  MX: '911',
  GB: '999 or 112',
  AU: '000 or 112',
  NZ: '111',
  JP: '110 (police), 119 (fire and ambulance)',
  CN: '110 (police), 120 (ambulance)',
  IN: '112',
  ZA: '10111 (police), 10177 (ambulance)',
  BR: '190 (police), 192 (ambulance)',
  AR: '911',
  TH: '191 (police), 1669 (ambulance)',
  EG: '122 (police), 123 (ambulance)',
};

/** The numbers to call on a trip: the agency's line (when configured) and the destination's emergency services. */
export async function emergencyNumbersFor(tt: TtApiClient, trip: ClientTrip, agencyPhone: string | null) {
  const numbers: { label: string; phone: string }[] = [];
  if (agencyPhone) numbers.push({ label: 'Travel Tamers, 24 hours', phone: agencyPhone });
  const destination = await (async () => {
    if (!trip.tripOfferingId) return null;
    const offering = await tt.getTripOffering(trip.tripOfferingId);
    return offering.destinationId ? tt.getDestination(offering.destinationId) : null;
  })().catch(() => null);
  if (destination)
    numbers.push({
      label: `Emergency services, ${destination.name}`,
      phone: LOCAL_EMERGENCY[destination.country] ?? '112',
    });
  else numbers.push({ label: 'Emergency services (most countries)', phone: '112' });
  return numbers;
}

export const portalEmergencyNumbers = (deps: PortalTripDeps, src: PortalTripSource) =>
  emergencyNumbersFor(deps.tt, src.trip, deps.agencyPhone);

export async function portalOffline(deps: PortalTripDeps, src: PortalTripSource) {
  const itinerary = await portalItinerary(deps, src);
  return {
    version: itinerary?.version ?? null,
    // Paths, not PUBLIC_URL links: what the phone keeps must be on the portal's own origin.
    urls: itinerary ? [new URL(itinerary.pageUrl).pathname, new URL(itinerary.pdfUrl).pathname] : [],
    emergencyNumbers: await portalEmergencyNumbers(deps, src),
  };
}

// ---------------------------------------------------------------------------------------------
// iCalendar
// ---------------------------------------------------------------------------------------------

type DateArray = [number, number, number] | [number, number, number, number, number];
const dayArray = (date: string): DateArray => {
  const [y, m, d] = date.split('-').map(Number);
  return [y ?? 1970, m ?? 1, d ?? 1];
};

/** Minutes the zone is ahead of UTC at an instant. */
function zoneOffsetMinutes(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((asUtc - instant) / 60_000);
}

/** A local wall-clock time in an IANA zone, as a UTC instant (DST-aware). */
export function zonedToUtc(date: string, hhmm: string, timeZone: string): Date {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = hhmm.split(':').map(Number);
  const wall = Date.UTC(y ?? 1970, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0);
  let instant = wall - zoneOffsetMinutes(wall, timeZone) * 60_000;
  // Once more at the guess: the offset can differ across a DST change.
  instant = wall - zoneOffsetMinutes(instant, timeZone) * 60_000;
  return new Date(instant);
}

const utcArray = (d: Date): DateArray => [
  d.getUTCFullYear(),
  d.getUTCMonth() + 1,
  d.getUTCDate(),
  d.getUTCHours(),
  d.getUTCMinutes(),
];

function entryEvent(tripId: string, start: string, e: ItineraryEntryData): EventAttributes | null {
  const date = addDays(start, e.day - 1);
  const description = [
    e.description,
    e.supplier,
    e.flightNumber ? `Flight ${e.flightNumber}` : null,
    e.confirmationNumber ? `Confirmation ${e.confirmationNumber}` : null,
  ]
    .filter((x): x is string => Boolean(x))
    .join('\n');
  const common = {
    uid: `${tripId}-${e.id}@nexus.traveltamers.com`,
    title: e.title,
    ...(description ? { description } : {}),
    ...(e.location ? { location: e.location } : {}),
    productId: 'nexus/travel',
  };
  if (e.startTime) {
    const zone = e.timeZone ?? 'UTC';
    const begin = zonedToUtc(date, e.startTime, zone);
    let end = e.endTime ? zonedToUtc(date, e.endTime, zone) : new Date(begin.getTime() + 60 * 60_000);
    // An overnight leg (a flight landing after midnight) ends the next day.
    if (end.getTime() <= begin.getTime()) end = new Date(end.getTime() + DAY_MS);
    return {
      ...common,
      start: utcArray(begin),
      startInputType: 'utc',
      startOutputType: 'utc',
      end: utcArray(end),
      endInputType: 'utc',
      endOutputType: 'utc',
    };
  }
  if (e.kind === 'NOTE') return null;
  return { ...common, start: dayArray(date), end: dayArray(addDays(date, 1)) };
}

/** The trip (all day, first to last day), then the itinerary's entries, else its bookings, as iCalendar. */
export async function portalCalendar(deps: PortalTripDeps, src: PortalTripSource): Promise<string> {
  const { trip } = src;
  const events: EventAttributes[] = [];
  if (trip.startDate) {
    events.push({
      uid: `${trip.id}@nexus.traveltamers.com`,
      title: trip.name,
      start: dayArray(trip.startDate),
      end: dayArray(addDays(trip.endDate ?? trip.startDate, 1)),
      productId: 'nexus/travel',
    });
  }
  const published = await publishedItinerary(deps.em, src);
  const start = published?.version.startDate ?? trip.startDate;
  if (published && start) {
    for (const e of ordered(published.version.entries)) {
      const ev = entryEvent(trip.id, start, e);
      if (ev) events.push(ev);
    }
  } else {
    for (const b of await tripBookings(deps.tt, src)) {
      if (CANCELLED.has(b.status)) continue;
      events.push({
        uid: `${b.id}@nexus.traveltamers.com`,
        title: `${b.destination} (${b.bookingReference})`,
        start: dayArray(b.departureDate),
        end: dayArray(addDays(b.returnDate ?? b.departureDate, 1)),
        productId: 'nexus/travel',
      });
    }
  }
  if (events.length === 0) {
    return [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:nexus/travel',
      `X-WR-CALNAME:${trip.name}`,
      'END:VCALENDAR',
      '',
    ].join('\r\n');
  }
  const { error, value } = createEvents(events, { calName: trip.name });
  if (error || !value) throw new Error(`could not build the trip calendar: ${String(error)}`);
  return value;
}
