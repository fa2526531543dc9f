import {
  AUDIENCE_TRAVEL_JOB,
  QUEUES,
  enqueue,
  type AudienceTravelJob,
  type Logger,
  type QueueProcessors,
} from '@nexus/platform';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { TravelDeps } from '../context.ts';
import { ContactOwner, Itinerary, ItineraryVersion, type ItineraryEntryData } from '../entities/index.ts';
import { zonedToUtc } from '../portal/trips.service.ts';
import type { TtApiClient } from '../tt-api/client.ts';
import { MAX_PAGE_LIMIT, type Booking, type CommissionEntry, type TravelDocument } from '../tt-api/contract.ts';
import { PASSPORT_DOCUMENT_TYPE } from './passport-alerts.service.ts';

/**
 * travel's side of marketing's audience projection: for crm contacts linked to a TT-API client or
 * traveler (the `contact_owner` projection), the travel summary marketing segments on and its trip
 * quiet period reads (destinations booked, the trip under way or the next one, booking value,
 * passport expiry, and the expected commission on those bookings), sent through the outbox on marketing's `audience-travel` contract. Sent when
 * crm links or unlinks a contact, and for every linked contact when marketing asks (hourly and on
 * its rebuild). A TT-API outage fails the job and bull retries it.
 */

/** Bookings that do not count: nothing was or will be travelled. */
const DEAD_BOOKINGS = new Set(['cancelled', 'refunded']);
const PAGE = MAX_PAGE_LIMIT;

async function listAll<T>(
  fetchPage: (page: number) => Promise<{ data: T[]; pagination: { totalPages: number } }>,
): Promise<T[]> {
  const rows: T[] = [];
  for (let page = 1; ; page++) {
    const res = await fetchPage(page);
    rows.push(...res.data);
    if (page >= res.pagination.totalPages || res.data.length === 0) return rows;
  }
}

/**
 * The summary of one contact's bookings and passports, as of `today` (YYYY-MM-DD). The commission is
 * the gross commission of the TT-API commission entries of the bookings that count.
 */
export function summariseTravel(
  contactId: string,
  bookings: readonly Booking[],
  passports: readonly TravelDocument[],
  now: Date,
  commissions: readonly Pick<CommissionEntry, 'bookingId' | 'grossCommissionCents'>[] = [],
): AudienceTravelJob {
  const today = now.toISOString().slice(0, 10);
  const live = bookings
    .filter((b) => !DEAD_BOOKINGS.has(b.status))
    .sort((a, b) => a.departureDate.localeCompare(b.departureDate));
  // The trip under way (departed, not yet back) or else the next departure.
  const next = live.find((b) => b.status !== 'completed' && (b.returnDate ?? b.departureDate) >= today) ?? null;
  const expiries = passports.flatMap((d) => (d.expiryDate ? [d.expiryDate] : [])).sort();
  return {
    contactId,
    destinations: [...new Set(live.map((b) => b.destination.trim()).filter(Boolean))],
    nextDepartureOn: next?.departureDate ?? null,
    nextReturnOn: next ? (next.returnDate ?? next.departureDate) : null,
    bookingValueCents: live.reduce((sum, b) => sum + b.totalPriceCents, 0),
    commissionCents: (() => {
      const counted = new Set(live.map((b) => b.id));
      return commissions.reduce((sum, c) => (counted.has(c.bookingId) ? sum + c.grossCommissionCents : sum), 0);
    })(),
    passportExpiresOn: expiries[0] ?? null,
    travelTimeZone: null,
    computedAt: now.toISOString(),
  };
}

/**
 * Where a traveller is, by the clock, on a trip that began on `startDate`: the time zone of the
 * latest itinerary entry (with a zone) that has begun by `now`, or of the first one before any has.
 */
export function zoneOnTrip(startDate: string, entries: readonly ItineraryEntryData[], now: Date): string | null {
  const start = Date.parse(`${startDate}T00:00:00Z`);
  if (Number.isNaN(start)) return null;
  const zoned = entries
    .filter((e): e is ItineraryEntryData & { timeZone: string } => !!e.timeZone)
    .map((e) => {
      const day = new Date(start + (Math.max(1, e.day) - 1) * 86_400_000).toISOString().slice(0, 10);
      return { zone: e.timeZone, at: zonedToUtc(day, e.startTime ?? '00:00', e.timeZone).getTime() };
    })
    .sort((a, b) => a.at - b.at);
  const begun = zoned.filter((e) => e.at <= now.getTime());
  return (begun.at(-1) ?? zoned[0])?.zone ?? null;
}

/**
 * The zone each summary's traveller is in, for those whose trip is under way (a live booking that
 * has departed and not returned, on a client trip with a published itinerary).
 */
async function addTravelZones(
  em: EntityManager,
  summaries: AudienceTravelJob[],
  bookingsOf: (contactId: string) => readonly Booking[],
  now: Date,
): Promise<void> {
  const today = now.toISOString().slice(0, 10);
  const underWay = new Map<string, Booking>();
  for (const s of summaries) {
    const trip = bookingsOf(s.contactId).find(
      (b) =>
        !DEAD_BOOKINGS.has(b.status) &&
        b.clientTripId &&
        b.departureDate <= today &&
        (b.returnDate ?? b.departureDate) >= today,
    );
    if (trip) underWay.set(s.contactId, trip);
  }
  const tripIds = [...new Set([...underWay.values()].flatMap((b) => (b.clientTripId ? [b.clientTripId] : [])))];
  if (tripIds.length === 0) return;
  const itineraries = await em.find(Itinerary, { clientTripId: { $in: tripIds }, publishedVersion: { $gt: 0 } });
  const versions = itineraries.length
    ? await em.find(ItineraryVersion, {
        $or: itineraries.map((i) => ({ itineraryId: i.id, version: i.publishedVersion })),
      })
    : [];
  const byTrip = new Map(
    itineraries.flatMap((i) => {
      const v = versions.find((x) => x.itineraryId === i.id);
      return v ? [[i.clientTripId, v] as const] : [];
    }),
  );
  for (const s of summaries) {
    const booking = underWay.get(s.contactId);
    const version = booking?.clientTripId ? byTrip.get(booking.clientTripId) : undefined;
    if (!booking || !version) continue;
    const startDate = version.startDate ? String(version.startDate).slice(0, 10) : booking.departureDate;
    s.travelTimeZone = zoneOnTrip(startDate, version.entries, now);
  }
}

/** Summaries for a page (at most 100) of linked contacts: a few TT-API lists, not one per contact. */
async function summarise(
  tt: TtApiClient,
  em: EntityManager,
  links: readonly ContactOwner[],
  now: Date,
): Promise<AudienceTravelJob[]> {
  const clientIds = [...new Set(links.flatMap((l) => (l.ttClientId ? [l.ttClientId] : [])))];
  const linkedTravelerIds = [
    ...new Set(links.flatMap((l) => (!l.ttClientId && l.ttTravelerId ? [l.ttTravelerId] : []))),
  ];
  const byClient = clientIds.length ? await listAll((page) => tt.listBookings({ clientIds, page, limit: PAGE })) : [];
  const byTraveler = linkedTravelerIds.length
    ? await listAll((page) => tt.listBookings({ travelerIds: linkedTravelerIds, page, limit: PAGE }))
    : [];
  const clientTravelers = clientIds.length
    ? await listAll((page) => tt.listTravelers({ clientIds, page, limit: PAGE }))
    : [];
  const travelerIds = [...new Set([...clientTravelers.map((t) => t.id), ...linkedTravelerIds])];
  const passports: TravelDocument[] = [];
  for (let i = 0; i < travelerIds.length; i += PAGE) {
    const ids = travelerIds.slice(i, i + PAGE);
    passports.push(
      ...(await listAll((page) =>
        tt.listTravelDocuments({ travelerIds: ids, documentType: PASSPORT_DOCUMENT_TYPE, page, limit: PAGE }),
      )),
    );
  }
  const bookingIds = [
    ...new Set([...byClient, ...byTraveler].filter((b) => !DEAD_BOOKINGS.has(b.status)).map((b) => b.id)),
  ];
  const commissions: CommissionEntry[] = [];
  for (let i = 0; i < bookingIds.length; i += PAGE) {
    const ids = bookingIds.slice(i, i + PAGE);
    commissions.push(...(await listAll((page) => tt.listCommissions({ bookingIds: ids, page, limit: PAGE }))));
  }
  const bookingsOf = new Map<string, Booking[]>();
  const summaries = links.map((link) => {
    const travelers = link.ttClientId
      ? new Set(clientTravelers.filter((t) => t.clientId === link.ttClientId).map((t) => t.id))
      : new Set(link.ttTravelerId ? [link.ttTravelerId] : []);
    const bookings = link.ttClientId
      ? byClient.filter((b) => b.clientId === link.ttClientId)
      : byTraveler.filter((b) => b.travelers.some((t) => travelers.has(t.travelerId)));
    bookingsOf.set(link.contactId, bookings);
    return summariseTravel(
      link.contactId,
      bookings,
      passports.filter((d) => travelers.has(d.travelerId)),
      now,
      commissions,
    );
  });
  await addTravelZones(em, summaries, (id) => bookingsOf.get(id) ?? [], now);
  return summaries;
}

/**
 * Sends marketing the travel summary of these contacts (`null`: every linked contact, a page at a
 * time, each page in one transaction with its outbox rows). A listed contact that is no longer
 * linked gets an empty summary, so marketing forgets its trips.
 */
export async function publishAudienceTravel(
  deps: Pick<TravelDeps, 'orm' | 'tt'>,
  log: Logger,
  contactIds: readonly string[] | null,
  now: Date = new Date(),
): Promise<number> {
  let sent = 0;
  let after: string | null = null;
  for (;;) {
    const em = deps.orm.em.fork();
    let links: ContactOwner[];
    let unlinked: string[] = [];
    if (contactIds) {
      const ids = contactIds.slice(sent, sent + PAGE);
      if (ids.length === 0) break;
      links = await em.find(ContactOwner, { contactId: { $in: ids } });
      const linked = new Set(links.map((l) => l.contactId));
      unlinked = ids.filter((id) => !linked.has(id));
      sent += ids.length;
    } else {
      links = await em.find(ContactOwner, after ? { contactId: { $gt: after } } : {}, {
        orderBy: { contactId: 'asc' },
        limit: PAGE,
      });
      if (links.length === 0) break;
      after = links.at(-1)?.contactId ?? null;
      sent += links.length;
    }
    const summaries = [
      ...(await summarise(deps.tt, em, links, now)),
      ...unlinked.map((id) => summariseTravel(id, [], [], now)),
    ];
    await em.transactional(async (tx) => {
      for (const s of summaries) enqueue(tx, QUEUES.marketing, AUDIENCE_TRAVEL_JOB, s);
    });
    if (!contactIds && links.length < PAGE) break;
  }
  log.info({ contacts: sent }, 'audience travel summaries sent to marketing');
  return sent;
}

/** travel's processor for marketing's requests (spread into the `travel` queue's processors). */
export const audienceTravelProcessors = (
  deps: TravelDeps,
  log: Logger,
): Pick<QueueProcessors<'travel'>, 'audience-travel-publish'> => ({
  'audience-travel-publish': async (job) => ({ sent: await publishAudienceTravel(deps, log, job.data.contactIds) }),
});
