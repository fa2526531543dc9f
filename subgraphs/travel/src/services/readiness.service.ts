/**
 * Ready to travel: for each traveler on each client trip, a computed state over six items
 * (passport valid for the destination's rule beyond the return date, visa needed or held, forms
 * signed, balance paid before the supplier's deadline, final documents delivered, emergency
 * contact on file), each with its state and what is missing. Everything but the two hand-ticked
 * items (ReadinessCheck) is read from TT-API, in batches for a whole set of trips.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { badInput, parseInput, type ConnectionArgs, type Viewer } from '@nexus/platform';
import { z } from 'zod';
import { ContactOwner, READINESS_CHECK_ITEMS, ReadinessCheck, type ReadinessCheckItem } from '../entities/index.ts';
import { known } from '../graphql-enums.ts';
import type { TtApiClient } from '../tt-api/client.ts';
import {
  MAX_IDS_PER_QUERY,
  MAX_PAGE_LIMIT,
  supplierTypes,
  type Booking,
  type ClientTrip,
  type Destination,
  type ListResult,
  type TravelDocument,
  type Traveler,
  type TripOffering,
  type Vendor,
} from '../tt-api/contract.ts';
import { checkId, memoryConnection } from './lists.ts';
import {
  DOCUMENTS_DUE_DAYS_BEFORE_DEPARTURE,
  OTHER_SUPPLIER_FINAL_PAYMENT_DAYS,
  SUPPLIER_FINAL_PAYMENT_DAYS,
  entryRuleFor,
  passportNeededUntil,
  type EntryRule,
} from './readiness-rules.ts';

export const READINESS_ITEM_KINDS = [
  'PASSPORT',
  'VISA',
  'FORMS_SIGNED',
  'BALANCE_PAID',
  'DOCUMENTS_DELIVERED',
  'EMERGENCY_CONTACT',
] as const;
export type ReadinessItemKind = (typeof READINESS_ITEM_KINDS)[number];
/** DONE and NOT_NEEDED are fine; PENDING is not due yet; MISSING puts the trip at risk. */
export type ReadinessItemState = 'DONE' | 'NOT_NEEDED' | 'PENDING' | 'MISSING';
export type ReadinessState = 'READY' | 'IN_PROGRESS' | 'AT_RISK';

export interface ReadinessItemSource {
  kind: ReadinessItemKind;
  state: ReadinessItemState;
  /** What satisfied the item, or what is missing, in words an advisor acts on. */
  detail: string;
  /** When it has to be done by, where a date applies. */
  dueDate: string | null;
}

export interface TravelerReadinessSource {
  travelerId: string;
  traveler: Traveler | null;
  state: ReadinessState;
  items: ReadinessItemSource[];
}

export interface EntryRuleSource extends EntryRule {
  country: string | null;
  visaRequired: boolean;
  passportValidUntil: string | null;
}

export interface TripReadinessSource {
  id: string;
  clientTrip: ClientTrip;
  departureDate: string | null;
  returnDate: string | null;
  destination: Destination | null;
  entryRule: EntryRuleSource;
  state: ReadinessState;
  travelers: TravelerReadinessSource[];
}

/** Bookings that commit money: quotes and cancelled or refunded bookings do not count. */
const LIVE_BOOKING = new Set(['hold', 'deposit_paid', 'confirmed', 'ticketed', 'in_progress', 'completed']);
/** Trips still ahead of the traveler. */
const UPCOMING_TRIP = new Set(['planning', 'quoted', 'booked', 'deposited', 'paid']);
const VISA_DOCUMENTS = new Set(['visa', 'esta', 'eta']);
const MAX_SCAN_PAGES = 10;
const DAY_MS = 86_400_000;

const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const cents = (c: number) => money.format(c / 100);
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (date: string, days: number) => isoDay(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS));
const todayOf = (now: Date) => isoDay(now);

/** Every row of a filtered TT-API list over many ids: 100 ids a call, paged to the end (bounded). */
async function allOf<T>(
  ids: readonly string[],
  fetch: (ids: string[], page: number) => Promise<ListResult<T>>,
): Promise<T[]> {
  const unique = [...new Set(ids)];
  const rows: T[] = [];
  for (let i = 0; i < unique.length; i += MAX_IDS_PER_QUERY) {
    const chunk = unique.slice(i, i + MAX_IDS_PER_QUERY);
    for (let page = 1; page <= MAX_SCAN_PAGES; page++) {
      const res = await fetch(chunk, page);
      rows.push(...res.data);
      if (page >= res.pagination.totalPages) break;
    }
  }
  return rows;
}

function groupBy<T>(rows: readonly T[], keysOf: (row: T) => readonly (string | null)[]) {
  const map = new Map<string, T[]>();
  for (const row of rows)
    for (const key of keysOf(row)) {
      if (key === null) continue;
      const list = map.get(key);
      if (list) list.push(row);
      else map.set(key, [row]);
    }
  return map;
}

/** What the six items are computed from, for a set of trips, in one batch of TT-API calls. */
interface Facts {
  travelers: Map<string, Traveler>;
  documents: Map<string, TravelDocument[]>;
  emergency: Map<string, { fullName: string; relationship: string }[]>;
  bookings: Map<string, Booking[]>;
  offerings: Map<string, TripOffering>;
  destinations: Map<string, Destination>;
  vendors: Map<string, Vendor>;
  checks: Map<string, ReadinessCheck>;
}

const checkKey = (tripId: string, travelerId: string, item: ReadinessCheckItem) => `${tripId}:${travelerId}:${item}`;

async function gatherFacts(tt: TtApiClient, em: EntityManager, trips: readonly ClientTrip[]): Promise<Facts> {
  const travelerIds = trips.flatMap((t) => t.travelerIds);
  const tripIds = trips.map((t) => t.id);
  const offeringIds = trips.flatMap((t) => (t.tripOfferingId ? [t.tripOfferingId] : []));
  const limit = MAX_PAGE_LIMIT;
  const [travelers, documents, emergency, bookings, offerings, checks] = await Promise.all([
    allOf(travelerIds, (ids, page) => tt.listTravelers({ ids, page, limit })),
    allOf(travelerIds, (ids, page) => tt.listTravelDocuments({ travelerIds: ids, page, limit })),
    allOf(travelerIds, (ids, page) => tt.listEmergencyContacts({ travelerIds: ids, page, limit })),
    allOf(tripIds, (ids, page) => tt.listBookings({ clientTripIds: ids, page, limit })),
    allOf(offeringIds, (ids, page) => tt.listTripOfferings({ ids, page, limit })),
    tripIds.length ? em.find(ReadinessCheck, { clientTripId: { $in: tripIds } }) : Promise.resolve([]),
  ]);
  const destinationIds = offerings.flatMap((o) => (o.destinationId ? [o.destinationId] : []));
  const vendorIds = bookings.flatMap((b) => (b.vendorId ? [b.vendorId] : []));
  const [destinations, vendors] = await Promise.all([
    allOf(destinationIds, (ids, page) => tt.listDestinations({ ids, page, limit })),
    allOf(vendorIds, (ids, page) => tt.listVendors({ ids, page, limit })),
  ]);
  return {
    travelers: new Map(travelers.map((t) => [t.id, t])),
    documents: groupBy(documents, (d) => [d.travelerId]),
    emergency: groupBy(emergency, (e) => [e.travelerId]),
    bookings: groupBy(bookings, (b) => [b.clientTripId]),
    offerings: new Map(offerings.map((o) => [o.id, o])),
    destinations: new Map(destinations.map((d) => [d.id, d])),
    vendors: new Map(vendors.map((v) => [v.id, v])),
    checks: new Map(checks.map((c) => [checkKey(c.clientTripId, c.travelerId, c.item), c])),
  };
}

/** The trip's dates: its own, else its live bookings', else its catalogue offering's. */
function tripDates(trip: ClientTrip, bookings: readonly Booking[], offering: TripOffering | null) {
  const live = bookings.filter((b) => LIVE_BOOKING.has(b.status));
  const departures = live.map((b) => b.departureDate).sort();
  const returns = live.flatMap((b) => (b.returnDate ? [b.returnDate] : [])).sort();
  const departureDate = trip.startDate ?? departures[0] ?? offering?.departureDate ?? null;
  const returnDate = trip.endDate ?? returns.at(-1) ?? offering?.returnDate ?? departureDate;
  return { departureDate, returnDate };
}

/** The passport a traveler travels on: the passport document valid longest, else the traveler's fields. */
export function passportOf(traveler: Traveler | null, documents: readonly TravelDocument[]) {
  const passports = documents
    .filter((d) => d.documentType === 'passport' && d.deletedAt === null)
    .sort((a, b) => (b.expiryDate ?? '').localeCompare(a.expiryDate ?? ''));
  const doc = passports[0] ?? null;
  if (doc) return { document: doc, expiryDate: doc.expiryDate, issuingCountry: doc.issuingCountry };
  if (traveler?.passportNumber)
    return { document: null, expiryDate: traveler.passportExpiryDate, issuingCountry: traveler.passportCountry };
  return null;
}

export function passportItem(
  passport: ReturnType<typeof passportOf>,
  rule: EntryRuleSource,
  dates: { departureDate: string | null; returnDate: string | null },
  today: string,
): ReadinessItemSource {
  const item = (state: ReadinessItemState, detail: string): ReadinessItemSource => ({
    kind: 'PASSPORT',
    state,
    detail,
    dueDate: dates.departureDate,
  });
  const needed = rule.passportValidUntil;
  if (!passport) return item('MISSING', `No passport on file. ${rule.label}.`);
  if (!passport.expiryDate) return item('MISSING', 'The passport on file has no expiry date.');
  if (passport.expiryDate < today) return item('MISSING', `Passport expired on ${passport.expiryDate}.`);
  if (!needed) return item('PENDING', `Passport valid until ${passport.expiryDate}; the trip has no dates yet.`);
  if (passport.expiryDate < needed)
    return item(
      'MISSING',
      `Passport expires on ${passport.expiryDate}; it must be valid until ${needed} (${rule.label.toLowerCase()}).`,
    );
  return item('DONE', `Passport valid until ${passport.expiryDate} (needed until ${needed}).`);
}

function visaItem(
  traveler: Traveler | null,
  documents: readonly TravelDocument[],
  rule: EntryRuleSource,
  destination: Destination | null,
  dates: { departureDate: string | null; returnDate: string | null },
): ReadinessItemSource {
  const item = (state: ReadinessItemState, detail: string): ReadinessItemSource => ({
    kind: 'VISA',
    state,
    detail,
    dueDate: dates.departureDate,
  });
  if (!destination) return item('PENDING', 'The trip has no destination yet: check whether a visa is needed.');
  const place = `${destination.name} (${destination.country})`;
  if (!destination.visaRequired) return item('NOT_NEEDED', `No visa needed for ${place}.`);
  if (traveler?.nationality === destination.country) return item('NOT_NEEDED', `Citizen of ${destination.country}.`);
  const area = new Set([destination.country, ...rule.visaArea]);
  const through = dates.returnDate ?? dates.departureDate;
  const visa = documents.find(
    (d) =>
      d.deletedAt === null &&
      VISA_DOCUMENTS.has(d.documentType) &&
      d.issuingCountry !== null &&
      area.has(d.issuingCountry) &&
      (d.expiryDate === null || through === null || d.expiryDate >= through),
  );
  if (visa)
    return item('DONE', `Visa for ${visa.issuingCountry}${visa.expiryDate ? ` valid until ${visa.expiryDate}` : ''}.`);
  return item('MISSING', `${place} needs a visa; none on file valid through ${through ?? 'the trip'}.`);
}

function balanceItem(
  travelerId: string,
  bookings: readonly Booking[],
  vendors: Map<string, Vendor>,
  today: string,
): ReadinessItemSource {
  const mine = bookings.filter(
    (b) =>
      LIVE_BOOKING.has(b.status) && (b.travelers.length === 0 || b.travelers.some((t) => t.travelerId === travelerId)),
  );
  if (mine.length === 0)
    return { kind: 'BALANCE_PAID', state: 'PENDING', detail: 'Nothing booked yet.', dueDate: null };
  const owing = mine
    .filter((b) => b.paymentStatus !== 'paid' && b.amountPaidCents < b.totalPriceCents)
    .map((b) => {
      const vendor = b.vendorId ? (vendors.get(b.vendorId) ?? null) : null;
      const days = vendor
        ? SUPPLIER_FINAL_PAYMENT_DAYS[known(supplierTypes, vendor.vendorType, 'other')]
        : OTHER_SUPPLIER_FINAL_PAYMENT_DAYS;
      return { booking: b, vendor, deadline: addDays(b.departureDate, -days) };
    })
    .sort((a, b) => a.deadline.localeCompare(b.deadline));
  const first = owing[0];
  if (!first) return { kind: 'BALANCE_PAID', state: 'DONE', detail: 'Paid in full.', dueDate: null };
  const owed = first.booking.totalPriceCents - first.booking.amountPaidCents;
  const supplier = first.vendor?.name ?? 'the supplier';
  const more = owing.length > 1 ? ` (and ${owing.length - 1} more booking${owing.length > 2 ? 's' : ''})` : '';
  if (first.deadline < today)
    return {
      kind: 'BALANCE_PAID',
      state: 'MISSING',
      detail: `${first.booking.bookingReference}: ${cents(owed)} still owed; ${supplier} wanted the balance by ${first.deadline}${more}.`,
      dueDate: first.deadline,
    };
  return {
    kind: 'BALANCE_PAID',
    state: 'PENDING',
    detail: `${first.booking.bookingReference}: ${cents(owed)} owed, due to ${supplier} by ${first.deadline}${more}.`,
    dueDate: first.deadline,
  };
}

function checkedItem(
  kind: ReadinessCheckItem,
  check: ReadinessCheck | undefined,
  departureDate: string | null,
  today: string,
): ReadinessItemSource {
  if (check) {
    const on = isoDay(check.completedAt);
    const what = kind === 'FORMS_SIGNED' ? 'Forms signed' : 'Final documents delivered';
    return { kind, state: 'DONE', detail: `${what} (recorded ${on}).`, dueDate: null };
  }
  if (kind === 'FORMS_SIGNED')
    return { kind, state: 'MISSING', detail: 'Booking and travel forms not signed yet.', dueDate: departureDate };
  const due = departureDate ? addDays(departureDate, -DOCUMENTS_DUE_DAYS_BEFORE_DEPARTURE) : null;
  if (due && due < today)
    return { kind, state: 'MISSING', detail: `Final documents not delivered (due ${due}).`, dueDate: due };
  return {
    kind,
    state: 'PENDING',
    detail: due ? `Final documents due with the client by ${due}.` : 'Final documents not delivered yet.',
    dueDate: due,
  };
}

const worst = (states: readonly ReadinessItemState[]): ReadinessState =>
  states.includes('MISSING') ? 'AT_RISK' : states.includes('PENDING') ? 'IN_PROGRESS' : 'READY';

function tripReadiness(trip: ClientTrip, facts: Facts, now: Date): TripReadinessSource {
  const today = todayOf(now);
  const bookings = facts.bookings.get(trip.id) ?? [];
  const offering = trip.tripOfferingId ? (facts.offerings.get(trip.tripOfferingId) ?? null) : null;
  const destination = offering?.destinationId ? (facts.destinations.get(offering.destinationId) ?? null) : null;
  const dates = tripDates(trip, bookings, offering);
  const rule = entryRuleFor(destination?.country);
  const entryRule: EntryRuleSource = {
    ...rule,
    country: destination?.country ?? null,
    visaRequired: destination?.visaRequired ?? false,
    passportValidUntil: dates.returnDate ? passportNeededUntil(dates.returnDate, rule) : null,
  };
  const travelers = trip.travelerIds.map((travelerId): TravelerReadinessSource => {
    const traveler = facts.travelers.get(travelerId) ?? null;
    const documents = facts.documents.get(travelerId) ?? [];
    const contacts = facts.emergency.get(travelerId) ?? [];
    const contact = contacts[0];
    const items: ReadinessItemSource[] = [
      passportItem(passportOf(traveler, documents), entryRule, dates, today),
      visaItem(traveler, documents, entryRule, destination, dates),
      checkedItem(
        'FORMS_SIGNED',
        facts.checks.get(checkKey(trip.id, travelerId, 'FORMS_SIGNED')),
        dates.departureDate,
        today,
      ),
      balanceItem(travelerId, bookings, facts.vendors, today),
      checkedItem(
        'DOCUMENTS_DELIVERED',
        facts.checks.get(checkKey(trip.id, travelerId, 'DOCUMENTS_DELIVERED')),
        dates.departureDate,
        today,
      ),
      contact
        ? {
            kind: 'EMERGENCY_CONTACT',
            state: 'DONE',
            detail: `${contact.fullName} (${contact.relationship}).`,
            dueDate: null,
          }
        : { kind: 'EMERGENCY_CONTACT', state: 'MISSING', detail: 'No emergency contact on file.', dueDate: null },
    ];
    return { travelerId, traveler, state: worst(items.map((i) => i.state)), items };
  });
  const state: ReadinessState = travelers.some((t) => t.state === 'AT_RISK')
    ? 'AT_RISK'
    : travelers.length === 0 || travelers.some((t) => t.state === 'IN_PROGRESS')
      ? 'IN_PROGRESS'
      : 'READY';
  return { id: trip.id, clientTrip: trip, ...dates, destination, entryRule, state, travelers };
}

/** Readiness of each trip, in the order given, from one batch of TT-API calls. */
export async function readinessOf(
  tt: TtApiClient,
  em: EntityManager,
  trips: readonly ClientTrip[],
  now: Date = new Date(),
): Promise<TripReadinessSource[]> {
  if (trips.length === 0) return [];
  const facts = await gatherFacts(tt, em, trips);
  return trips.map((t) => tripReadiness(t, facts, now));
}

/** Client trips still ahead (departing today or later, not cancelled), soonest first. */
export async function upcomingTrips(tt: TtApiClient, now: Date = new Date()): Promise<ClientTrip[]> {
  const today = todayOf(now);
  const trips: ClientTrip[] = [];
  for (let page = 1; page <= MAX_SCAN_PAGES; page++) {
    const res = await tt.listClientTrips({ sortBy: 'startDate', sortOrder: 'asc', page, limit: MAX_PAGE_LIMIT });
    trips.push(...res.data.filter((t) => UPCOMING_TRIP.has(t.status) && t.startDate !== null && t.startDate >= today));
    if (page >= res.pagination.totalPages) break;
  }
  return trips.sort((a, b) => (a.startDate ?? '').localeCompare(b.startDate ?? '') || a.name.localeCompare(b.name));
}

const atRiskFilter = z
  .object({
    departingWithinDays: z.int().min(1).max(730).nullish(),
    item: z.enum(READINESS_ITEM_KINDS).nullish(),
    mine: z.boolean().nullish(),
  })
  .nullish();

/**
 * Upcoming trips with at least one traveler missing something, soonest departure first (then
 * name). `item` keeps trips missing that item; `mine` keeps trips of clients whose linked CRM
 * contact the viewer owns; `departingWithinDays` keeps trips leaving within that many days.
 */
export async function tripsAtRisk(
  tt: TtApiClient,
  em: EntityManager,
  viewer: Viewer,
  args: ConnectionArgs & { filter?: unknown },
  now: Date = new Date(),
) {
  const filter = parseInput(atRiskFilter, args.filter, 'filter');
  const today = todayOf(now);
  let trips = await upcomingTrips(tt, now);
  if (filter?.departingWithinDays) {
    const until = addDays(today, filter.departingWithinDays);
    trips = trips.filter((t) => (t.startDate ?? '') <= until);
  }
  if (filter?.mine) {
    const owned = !viewer.id
      ? []
      : await em.find(ContactOwner, {
          ownerId: viewer.id,
          ttClientId: { $in: [...new Set(trips.map((t) => t.clientId))] },
        });
    const clients = new Set(owned.map((o) => o.ttClientId));
    trips = trips.filter((t) => clients.has(t.clientId));
  }
  const item = filter?.item;
  const rows = (await readinessOf(tt, em, trips, now)).filter((r) =>
    item
      ? r.travelers.some((t) => t.items.some((i) => i.kind === item && i.state === 'MISSING'))
      : r.state === 'AT_RISK',
  );
  return memoryConnection(rows, args);
}

const checkInput = z.object({
  clientTripId: z.string(),
  travelerId: z.string(),
  item: z.enum(READINESS_CHECK_ITEMS),
  done: z.boolean(),
});

/** Ticks (or unticks) a traveler's signed forms or delivered documents; returns the trip's readiness. */
export async function setReadinessCheck(
  tt: TtApiClient,
  em: EntityManager,
  viewer: Viewer,
  raw: unknown,
  now: Date = new Date(),
): Promise<TripReadinessSource> {
  const input = parseInput(checkInput, raw, 'input');
  const tripId = checkId(input.clientTripId, 'input.clientTripId');
  const travelerId = checkId(input.travelerId, 'input.travelerId');
  const trip = await tt.getClientTrip(tripId);
  if (!trip.travelerIds.includes(travelerId))
    throw badInput('That traveler is not on this trip.', [{ path: 'input.travelerId', message: 'not on the trip' }]);
  const where = { clientTripId: tripId, travelerId, item: input.item };
  if (!input.done) await em.nativeDelete(ReadinessCheck, where);
  else if (!(await em.findOne(ReadinessCheck, where))) {
    try {
      const fork = em.fork();
      fork.create(ReadinessCheck, { ...where, completedById: viewer.id, completedAt: now });
      await fork.flush();
    } catch (e) {
      // Ticked by someone else a moment ago: it is ticked either way.
      if (!(e instanceof UniqueConstraintViolationException)) throw e;
    }
  }
  em.clear();
  const [readiness] = await readinessOf(tt, em, [trip], now);
  if (!readiness) throw new Error('readiness of one trip came back empty');
  return readiness;
}

/** A passport document that fails an upcoming trip's entry rule (expired ones included). */
export interface PassportFailure {
  document: TravelDocument;
  traveler: Traveler | null;
  trip: ClientTrip;
  destination: Destination | null;
  rule: EntryRuleSource;
  returnDate: string | null;
}

/**
 * Every passport on an upcoming trip that is expired or expires before the trip's return date
 * plus its destination's rule, with the first such trip by departure. Travelers with no passport
 * document at all are left to ready-to-travel (there is no document to alert about).
 */
export async function passportFailures(
  tt: TtApiClient,
  em: EntityManager,
  now: Date = new Date(),
): Promise<PassportFailure[]> {
  const today = todayOf(now);
  const trips = await upcomingTrips(tt, now);
  if (trips.length === 0) return [];
  const facts = await gatherFacts(tt, em, trips);
  const found = new Map<string, PassportFailure>();
  for (const trip of trips) {
    const readiness = tripReadiness(trip, facts, now);
    for (const t of readiness.travelers) {
      const passport = passportOf(t.traveler, facts.documents.get(t.travelerId) ?? []);
      if (!passport?.document?.expiryDate || found.has(passport.document.id)) continue;
      const item = passportItem(passport, readiness.entryRule, readiness, today);
      if (item.state !== 'MISSING') continue;
      found.set(passport.document.id, {
        document: passport.document,
        traveler: t.traveler,
        trip,
        destination: readiness.destination,
        rule: readiness.entryRule,
        returnDate: readiness.returnDate,
      });
    }
  }
  return [...found.values()];
}
