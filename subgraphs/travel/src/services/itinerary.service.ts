/**
 * The itinerary builder's store (T-07): a draft per client trip, published as numbered versions
 * behind one stable public link, with the client mailed on each publish (marketing's transactional
 * queue, through the outbox).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  QUEUES,
  TRANSACTIONAL_MAIL_JOB,
  badInput,
  conflict,
  enqueue,
  notFound,
  parseInput,
  zId,
  type Viewer,
} from '@nexus/platform';
import {
  ITINERARY_ENTRY_KINDS,
  Itinerary,
  ItineraryVersion,
  type ItineraryEntryData,
  type ItineraryEntryKind,
} from '../entities/index.ts';
import type { TtApiClient } from '../tt-api/client.ts';
import { MAX_PAGE_LIMIT, supplierTypes, type Booking } from '../tt-api/contract.ts';
import { known } from '../graphql-enums.ts';
import { recordPortalNotice } from '../portal/notifications.service.ts';

export const MAX_ENTRIES = 500;
export const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM (24-hour)');
export const zone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'Unknown time zone (use an IANA name like Europe/Warsaw)');
const text = (max: number) => z.string().trim().max(max);
const optional = (max: number) =>
  text(max)
    .nullish()
    .transform((v) => (v ? v : null));

const entrySchema = z.object({
  id: zId.nullish(),
  day: z.int().min(1).max(366),
  kind: z.enum(ITINERARY_ENTRY_KINDS),
  title: text(200).min(1),
  description: optional(2000),
  location: optional(200),
  startTime: hhmm.nullish().transform((v) => v ?? null),
  endTime: hhmm.nullish().transform((v) => v ?? null),
  timeZone: zone.nullish().transform((v) => v ?? null),
  supplier: optional(120),
  confirmationNumber: optional(60),
  flightNumber: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{2}\s?\d{1,4}[A-Z]?$/, 'Use the airline code and number, e.g. LO 281')
    .nullish()
    .transform((v) => (v ? v.replace(/\s+/, ' ') : null)),
  bookingId: zId.nullish().transform((v) => v ?? null),
});
const saveSchema = z.object({ id: zId, entries: z.array(entrySchema).max(MAX_ENTRIES) });

/** Entries in their order: by day, keeping the order given within a day (drag and keyboard moves). */
export const ordered = (entries: readonly ItineraryEntryData[]) =>
  entries
    .map((e, k) => ({ e, k }))
    .sort((a, b) => a.e.day - b.e.day || a.k - b.k)
    .map(({ e }) => e);

/** An entry counts as booked only with the supplier's confirmation number. */
export const isBooked = (e: ItineraryEntryData) => e.kind !== 'NOTE' && e.confirmationNumber !== null;

export const getItinerary = (em: EntityManager, clientTripId: string) =>
  em.findOne(Itinerary, { clientTripId: parseInput(zId, clientTripId, 'clientTripId') });

async function load(em: EntityManager, id: string) {
  const it = await em.findOne(Itinerary, { id: parseInput(zId, id, 'id') });
  if (!it) throw notFound('Itinerary', id);
  return it;
}

const KIND_BY_SUPPLIER: Partial<Record<(typeof supplierTypes)[number], ItineraryEntryKind>> = {
  airline: 'FLIGHT',
  hotel: 'HOTEL',
  cruise_line: 'CRUISE',
  rail: 'TRANSFER',
  car_rental: 'TRANSFER',
};

/** A new itinerary for a client trip, drafted from its bookings (one entry each, on its departure day). */
export async function createItinerary(
  em: EntityManager,
  tt: TtApiClient,
  viewer: Viewer,
  input: { clientTripId: string; title?: string | null },
) {
  const clientTripId = parseInput(zId, input.clientTripId, 'input.clientTripId');
  const trip = await tt.getClientTrip(clientTripId).catch((e: unknown) => {
    if (e instanceof Error && 'code' in e && e.code === 'NOT_FOUND')
      throw badInput('No such client trip.', [{ path: 'input.clientTripId', message: 'not found in TT-API' }]);
    throw e;
  });
  if (await em.findOne(Itinerary, { clientTripId }))
    throw conflict(`Client trip ${clientTripId} already has an itinerary.`);
  const bookings: Booking[] = (
    await tt.listBookings({
      clientTripIds: [clientTripId],
      limit: MAX_PAGE_LIMIT,
      sortBy: 'departureDate',
      sortOrder: 'asc',
    })
  ).data;
  const vendors = new Map(
    (
      await tt.listVendors({
        ids: [...new Set(bookings.flatMap((b) => (b.vendorId ? [b.vendorId] : [])))],
        limit: MAX_PAGE_LIMIT,
      })
    ).data.map((v) => [v.id, v]),
  );
  const start = trip.startDate ?? bookings[0]?.departureDate ?? null;
  const dayOf = (date: string) =>
    start ? Math.max(1, Math.round((Date.parse(date) - Date.parse(start)) / 86_400_000) + 1) : 1;
  const entries: ItineraryEntryData[] = bookings.map((b) => {
    const vendor = b.vendorId ? vendors.get(b.vendorId) : undefined;
    return {
      id: randomUUID(),
      day: dayOf(b.departureDate),
      kind: (vendor && KIND_BY_SUPPLIER[known(supplierTypes, vendor.vendorType, 'other')]) ?? 'ACTIVITY',
      title: `${b.destination} (${b.bookingReference})`,
      description: null,
      location: b.destination,
      startTime: null,
      endTime: null,
      timeZone: null,
      supplier: vendor?.name ?? null,
      confirmationNumber: b.vendorConfirmationNumber,
      flightNumber: null,
      bookingId: b.id,
    };
  });
  const title = input.title?.trim() || trip.name;
  const it = em.create(Itinerary, {
    clientTripId,
    title: parseInput(text(200).min(1), title, 'input.title'),
    token: randomBytes(32).toString('base64url'),
    entries: ordered(entries),
    publishedVersion: 0,
    publishedAt: null,
    createdById: viewer.id,
  });
  await em.flush();
  return it;
}

/** Replaces the draft's entries (their order is the order given within each day). */
export async function saveItineraryEntries(em: EntityManager, input: unknown) {
  const { id, entries } = parseInput(saveSchema, input, 'input');
  const problems = entries.flatMap((e, k) =>
    e.endTime && e.startTime && e.endTime < e.startTime && e.kind !== 'FLIGHT'
      ? [{ path: `input.entries.${k}.endTime`, message: 'ends before it starts' }]
      : [],
  );
  // Booked means confirmed: a confirmation number names one booking with its supplier.
  const seen = new Map<string, number>();
  entries.forEach((e, k) => {
    if (!e.confirmationNumber) return;
    const key = `${(e.supplier ?? '').toLowerCase()}|${e.confirmationNumber.toLowerCase()}`;
    const first = seen.get(key);
    if (first !== undefined)
      problems.push({
        path: `input.entries.${k}.confirmationNumber`,
        message: `already used by entry ${first + 1} with this supplier`,
      });
    else seen.set(key, k);
  });
  if (problems.length > 0) throw badInput('Some itinerary entries need attention.', problems);
  const it = await load(em, id);
  it.entries = ordered(entries.map((e) => ({ ...e, id: e.id ?? randomUUID() })));
  await em.flush();
  return it;
}

export interface PublishDeps {
  tt: TtApiClient;
  publicUrl: string;
}

export const publicLink = (publicUrl: string, token: string) => `${publicUrl.replace(/\/$/, '')}/i/${token}`;

/**
 * Freezes the draft as the next version behind the same link and mails the client (the link and
 * what changed) in the same transaction, through the outbox.
 */
export async function publishItinerary(em: EntityManager, deps: PublishDeps, viewer: Viewer, id: string) {
  const it = await load(em, id);
  if (it.entries.length === 0) throw conflict('An itinerary needs at least one entry before it is published.');
  const trip = await deps.tt.getClientTrip(it.clientTripId);
  const client = await deps.tt.getClient(trip.clientId);
  const travelers = trip.travelerIds.length
    ? (await deps.tt.listTravelers({ ids: trip.travelerIds, limit: MAX_PAGE_LIMIT })).data
    : [];
  const version = it.publishedVersion + 1;
  const now = new Date();
  const link = publicLink(deps.publicUrl, it.token);
  await em.transactional(async (tx) => {
    tx.create(ItineraryVersion, {
      itineraryId: it.id,
      version,
      title: it.title,
      clientName: client.displayName,
      travelerNames: travelers.map((t) => `${t.firstName} ${t.lastName}`),
      startDate: trip.startDate,
      entries: it.entries,
      publishedById: viewer.id,
      publishedAt: now,
    });
    const row = await tx.findOneOrFail(Itinerary, { id: it.id });
    row.publishedVersion = version;
    row.publishedAt = now;
    const updated = version > 1;
    enqueue(tx, QUEUES.mail, TRANSACTIONAL_MAIL_JOB, {
      to: client.email,
      subject: updated ? `Your itinerary was updated: ${it.title}` : `Your itinerary: ${it.title}`,
      text:
        `Hello ${client.displayName},\n\n` +
        (updated
          ? `We have updated your itinerary for ${it.title} (version ${version}). The same link always shows the latest:\n`
          : `Your day-by-day itinerary for ${it.title} is ready:\n`) +
        `${link}\nA PDF copy: ${link}/pdf\n\nTravel Tamers`,
      category: 'itinerary',
      dedupeKey: `itinerary:${it.id}:v${version}`,
    });
    recordPortalNotice(tx, {
      kind: 'itinerary',
      clientTripId: trip.id,
      key: `itinerary:${it.id}:v${version}`,
      title: it.title,
      detail: null,
      alreadyMailed: [client.email],
    });
  });
  await em.refresh(it);
  return it;
}

/** The latest published version behind a public token, or null. */
export async function publishedByToken(em: EntityManager, token: string) {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const it = await em.findOne(Itinerary, { token });
  if (!it || it.publishedVersion === 0) return null;
  const version = await em.findOne(ItineraryVersion, { itineraryId: it.id, version: it.publishedVersion });
  return version ? { itinerary: it, version } : null;
}
