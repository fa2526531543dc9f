import {
  AUDIENCE_TRAVEL_JOB,
  QUEUES,
  enqueue,
  type AudienceTravelJob,
  type Logger,
  type QueueProcessors,
} from '@nexus/platform';
import type { TravelDeps } from '../context.ts';
import { ContactOwner } from '../entities/index.ts';
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
    computedAt: now.toISOString(),
  };
}

/** Summaries for a page (at most 100) of linked contacts: a few TT-API lists, not one per contact. */
async function summarise(tt: TtApiClient, links: readonly ContactOwner[], now: Date): Promise<AudienceTravelJob[]> {
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
  return links.map((link) => {
    const travelers = link.ttClientId
      ? new Set(clientTravelers.filter((t) => t.clientId === link.ttClientId).map((t) => t.id))
      : new Set(link.ttTravelerId ? [link.ttTravelerId] : []);
    const bookings = link.ttClientId
      ? byClient.filter((b) => b.clientId === link.ttClientId)
      : byTraveler.filter((b) => b.travelers.some((t) => travelers.has(t.travelerId)));
    return summariseTravel(
      link.contactId,
      bookings,
      passports.filter((d) => travelers.has(d.travelerId)),
      now,
      commissions,
    );
  });
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
      ...(await summarise(deps.tt, links, now)),
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
