/**
 * Schedule changes: a supplier retimes a booked item (a flight, a transfer). Staff enter the change,
 * or the flight-status provider reports it when one is configured (P-08: otherwise the check only
 * logs what it would do). Applying a change updates the itinerary's draft and, once published, its
 * live version behind the same link, then tells the advisor (a notification) and the travellers
 * (an email each), in the same transaction through the outbox.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  NOTIFY_JOB,
  QUEUES,
  TRANSACTIONAL_MAIL_JOB,
  badInput,
  enqueue,
  findConnection,
  notFound,
  parseInput,
  zId,
  type ConnectionArgs,
  type Logger,
} from '@nexus/platform';
import {
  ContactOwner,
  Itinerary,
  ItineraryVersion,
  ScheduleChange,
  type EntryTiming,
  type ItineraryEntryData,
  type ScheduleChangeSource,
} from '../entities/index.ts';
import type { TtApiClient } from '../tt-api/client.ts';
import { MAX_PAGE_LIMIT } from '../tt-api/contract.ts';
import { hhmm, ordered, publicLink, zone } from './itinerary.service.ts';
import { recordPortalNotice } from '../portal/notifications.service.ts';

const changeSchema = z.object({
  itineraryId: zId,
  entryId: zId,
  day: z.int().min(1).max(366).nullish(),
  startTime: hhmm.nullish(),
  endTime: hhmm.nullish(),
  timeZone: zone.nullish(),
  reason: z.string().trim().max(500).nullish(),
});

export interface ScheduleChangeDeps {
  tt: TtApiClient;
  publicUrl: string;
  /** Who hears about it when the client has no owning advisor and nobody started the itinerary. */
  defaultAdvisorId: string;
}

const timingOf = (e: ItineraryEntryData): EntryTiming => ({
  day: e.day,
  startTime: e.startTime,
  endTime: e.endTime,
  timeZone: e.timeZone,
});

const describe = (t: EntryTiming) =>
  `day ${t.day}${t.startTime ? `, ${t.startTime}${t.endTime ? `–${t.endTime}` : ''}` : ''}${t.timeZone ? ` (${t.timeZone})` : ''}`;

/**
 * Applies a schedule change to one itinerary entry. `input` fields left out keep their value; a
 * change that changes nothing is BAD_USER_INPUT. `recordedById` is null for the provider.
 */
export async function recordScheduleChange(
  em: EntityManager,
  deps: ScheduleChangeDeps,
  recordedById: string | null,
  input: unknown,
  source: ScheduleChangeSource = 'STAFF',
): Promise<ScheduleChange> {
  const parsed = parseInput(changeSchema, input, 'input');
  const it = await em.findOne(Itinerary, { id: parsed.itineraryId });
  if (!it) throw notFound('Itinerary', parsed.itineraryId);
  const entry = it.entries.find((e) => e.id === parsed.entryId);
  if (!entry)
    throw badInput('No such entry in this itinerary.', [{ path: 'input.entryId', message: 'not in this itinerary' }]);
  if (entry.kind === 'NOTE')
    throw badInput('Notes have no schedule to change.', [{ path: 'input.entryId', message: 'is a note' }]);
  const before = timingOf(entry);
  const after: EntryTiming = {
    day: parsed.day ?? before.day,
    startTime: parsed.startTime !== undefined ? parsed.startTime : before.startTime,
    endTime: parsed.endTime !== undefined ? parsed.endTime : before.endTime,
    timeZone: parsed.timeZone !== undefined ? parsed.timeZone : before.timeZone,
  };
  if (JSON.stringify(before) === JSON.stringify(after))
    throw badInput('The new schedule is the same as the current one.', [
      { path: 'input.startTime', message: 'give a new day, time or time zone' },
    ]);

  const trip = await deps.tt.getClientTrip(it.clientTripId);
  const client = await deps.tt.getClient(trip.clientId).catch(() => null);
  const travelers = trip.travelerIds.length
    ? (await deps.tt.listTravelers({ ids: trip.travelerIds, limit: MAX_PAGE_LIMIT })).data
    : [];
  const owner = await em.findOne(
    ContactOwner,
    { ttClientId: trip.clientId, ownerId: { $ne: null } },
    { orderBy: { updatedAt: 'desc' } },
  );
  const advisorId = owner?.ownerId ?? it.createdById ?? deps.defaultAdvisorId;
  const link = publicLink(deps.publicUrl, it.token);

  const change = await em.transactional(async (tx) => {
    const row = await tx.findOneOrFail(Itinerary, { id: it.id });
    const apply = (entries: ItineraryEntryData[]) =>
      ordered(entries.map((e) => (e.id === entry.id ? { ...e, ...after } : e)));
    row.entries = apply(row.entries);
    let publishedVersion: number | null = null;
    if (row.publishedVersion > 0) {
      const live = await tx.findOneOrFail(ItineraryVersion, { itineraryId: row.id, version: row.publishedVersion });
      if (live.entries.some((e) => e.id === entry.id)) {
        publishedVersion = row.publishedVersion + 1;
        tx.create(ItineraryVersion, {
          itineraryId: row.id,
          version: publishedVersion,
          title: live.title,
          clientName: live.clientName,
          travelerNames: live.travelerNames,
          startDate: live.startDate,
          entries: apply(live.entries),
          publishedById: recordedById,
          publishedAt: new Date(),
        });
        row.publishedVersion = publishedVersion;
        row.publishedAt = new Date();
      }
    }
    // Travellers by address, the client too: each person once.
    const people = new Map<string, string>();
    for (const t of travelers) if (t.email) people.set(t.email.toLowerCase(), `${t.firstName} ${t.lastName}`);
    if (client?.email && !people.has(client.email.toLowerCase()))
      people.set(client.email.toLowerCase(), client.displayName);
    const changed = tx.create(ScheduleChange, {
      itineraryId: row.id,
      entryId: entry.id,
      bookingId: entry.bookingId,
      entryTitle: entry.title,
      source,
      before,
      after,
      reason: parsed.reason || null,
      recordedById,
      publishedVersion,
      travelersNotified: people.size,
      advisorId,
    });
    await tx.flush();
    const what = `${entry.title}${entry.flightNumber ? ` (${entry.flightNumber})` : ''}`;
    const why = changed.reason ? `\nReason: ${changed.reason}\n` : '';
    for (const [to, name] of people)
      enqueue(tx, QUEUES.mail, TRANSACTIONAL_MAIL_JOB, {
        to,
        subject: `Schedule change: ${what}`,
        text:
          `Hello ${name},\n\nThe schedule of ${what} on your trip ${row.title} has changed.\n` +
          `Was: ${describe(before)}\nNow: ${describe(after)}\n${why}` +
          (publishedVersion ? `\nYour itinerary shows the new time:\n${link}\n` : '') +
          `\nTravel Tamers`,
        category: 'schedule-change',
        dedupeKey: `schedule-change:${changed.id}:${to}`,
      });
    // Portal travellers who opted in hear of it at their portal address too (unless mailed above).
    recordPortalNotice(tx, {
      kind: 'schedule-change',
      clientTripId: row.clientTripId,
      key: `schedule-change:${changed.id}`,
      title: what,
      detail: `The schedule of ${what} on your trip ${row.title} changed. Was: ${describe(before)}. Now: ${describe(after)}.${changed.reason ? ` ${changed.reason}` : ''}`,
      alreadyMailed: [...people.keys()],
    });
    enqueue(
      tx,
      QUEUES.notifications,
      NOTIFY_JOB,
      {
        userId: advisorId,
        type: 'SYSTEM',
        title: `Schedule change: ${what}`,
        body: `${row.title}: ${describe(before)} → ${describe(after)}.${changed.reason ? ` ${changed.reason}` : ''} ${people.size} traveller${people.size === 1 ? '' : 's'} emailed.`,
        link: `/travel/trips/${row.clientTripId}/itinerary`,
        dedupeKey: `schedule-change:${changed.id}`,
      },
      { jobId: `schedule-change:${changed.id}` },
    );
    return changed;
  });
  await em.refresh(it);
  return change;
}

/** An itinerary's schedule changes, newest first (keyset). */
export const listScheduleChanges = (em: EntityManager, itineraryId: string, args: ConnectionArgs) =>
  findConnection(em, ScheduleChange, { itineraryId }, args, [{ createdAt: 'desc', id: 'desc' }]);

// ---------------------------------------------------------------------------------------------
// The flight-status provider (optional, P-08)
// ---------------------------------------------------------------------------------------------

/**
 * The provider's answer for one flight on one local date (AeroDataBox's flight-by-number shape,
 * reduced to what Nexus reads): times are local (`2026-12-10 09:40+01:00`); `revisedTime` is present
 * once the airline has retimed the flight.
 */
const flightTime = z.object({ local: z.string().regex(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}/) });
const flightEnd = z.object({
  scheduledTime: flightTime.optional(),
  revisedTime: flightTime.optional(),
  airport: z.object({ iata: z.string().optional(), timeZone: z.string().optional() }).partial().optional(),
});
export const flightStatusSchema = z.array(
  z.object({ number: z.string(), status: z.string().optional(), departure: flightEnd, arrival: flightEnd }),
);

export interface FlightStatusConfig {
  /** Base URL of the provider; unset: the check only logs what it would do. */
  url: string | undefined;
  apiKey: string | undefined;
  /** Flights departing within this many days are checked. */
  lookaheadDays: number;
}

const hhmmOf = (t: { local: string } | undefined) => (t ? t.local.slice(11, 16) : null);
const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export interface FlightCheckOutcome {
  flights: number;
  checked: number;
  changes: number;
  failed: number;
  /** True when no provider is configured: nothing was asked, the flights were only logged. */
  dryRun: boolean;
}

/**
 * Checks every flight of a published itinerary departing within the lookahead window. With a
 * provider, a revised departure or arrival time becomes a schedule change (source FLIGHT_STATUS);
 * without one, each flight is logged with what would be asked.
 */
export async function checkFlightStatuses(
  em: EntityManager,
  deps: ScheduleChangeDeps,
  config: FlightStatusConfig,
  log: Logger,
  now: Date,
  fetcher: typeof fetch = fetch,
): Promise<FlightCheckOutcome> {
  const today = now.toISOString().slice(0, 10);
  const until = addDays(today, config.lookaheadDays);
  const outcome: FlightCheckOutcome = { flights: 0, checked: 0, changes: 0, failed: 0, dryRun: !config.url };
  const itineraries = await em.find(Itinerary, { publishedVersion: { $gt: 0 } });
  for (const it of itineraries) {
    const live = await em.findOne(ItineraryVersion, { itineraryId: it.id, version: it.publishedVersion });
    if (!live?.startDate) continue;
    const start =
      typeof live.startDate === 'string' ? live.startDate : new Date(live.startDate).toISOString().slice(0, 10);
    for (const entry of it.entries) {
      if (entry.kind !== 'FLIGHT' || !entry.flightNumber) continue;
      const date = addDays(start, entry.day - 1);
      if (date < today || date > until) continue;
      outcome.flights++;
      const number = entry.flightNumber.replace(/\s+/g, '');
      if (!config.url) {
        log.info(
          { itineraryId: it.id, entryId: entry.id, flight: entry.flightNumber, date },
          'flight-status provider not configured (FLIGHT_STATUS_URL): would check this flight for a schedule change',
        );
        continue;
      }
      try {
        const res = await fetcher(
          `${config.url.replace(/\/$/, '')}/flights/number/${encodeURIComponent(number)}/${date}`,
          {
            headers: { accept: 'application/json', ...(config.apiKey ? { 'x-api-key': config.apiKey } : {}) },
            signal: AbortSignal.timeout(10_000),
          },
        );
        if (res.status === 204 || res.status === 404) {
          outcome.checked++;
          continue;
        }
        if (!res.ok) throw new Error(`flight-status provider answered ${res.status}`);
        const [flight] = flightStatusSchema.parse(await res.json());
        outcome.checked++;
        if (!flight) continue;
        const departs = hhmmOf(flight.departure.revisedTime ?? flight.departure.scheduledTime);
        const arrives = hhmmOf(flight.arrival.revisedTime ?? flight.arrival.scheduledTime);
        const startTime = departs ?? entry.startTime;
        const endTime = arrives ?? entry.endTime;
        if (startTime === entry.startTime && endTime === entry.endTime) continue;
        const parts = [
          startTime !== entry.startTime ? `departs ${startTime} (was ${entry.startTime ?? 'unset'})` : null,
          endTime !== entry.endTime ? `arrives ${endTime} (was ${entry.endTime ?? 'unset'})` : null,
        ].filter(Boolean);
        await recordScheduleChange(
          em.fork(),
          deps,
          null,
          {
            itineraryId: it.id,
            entryId: entry.id,
            startTime,
            endTime,
            reason: `${entry.flightNumber} ${flight.status ? `(${flight.status}) ` : ''}now ${parts.join(', ')}, per the flight-status provider.`,
          },
          'FLIGHT_STATUS',
        );
        outcome.changes++;
      } catch (e) {
        outcome.failed++;
        log.warn({ err: e, flight: entry.flightNumber, date }, 'flight status check failed');
      }
    }
  }
  log.info({ ...outcome }, 'flight statuses checked');
  return outcome;
}
