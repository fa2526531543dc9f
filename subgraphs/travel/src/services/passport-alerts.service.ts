import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import {
  NOTIFY_JOB,
  QUEUES,
  enqueue,
  findConnection,
  parseInput,
  zId,
  type ConnectionArgs,
  type ContactOwnerJob,
  type Logger,
  type NotifyJob,
} from '@nexus/platform';
import { ContactOwner, PassportAlert } from '../entities/index.ts';
import type { TtApiClient } from '../tt-api/client.ts';
import { MAX_PAGE_LIMIT } from '../tt-api/contract.ts';
import type { TravelDocument, Traveler } from '../tt-api/contract.ts';
import { daysUntil } from './people.service.ts';
import { passportFailures, type PassportFailure } from './readiness.service.ts';

export const PASSPORT_DOCUMENT_TYPE = 'passport';
const DAY_MS = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

export interface PassportAlertDeps {
  orm: MikroORM;
  tt: TtApiClient;
  log: Logger;
  /** Days ahead to look (PASSPORT_ALERT_WINDOW_DAYS). */
  windowDays: number;
  /**
   * Who is told when nobody owns the client. TT-API keeps no owner on clients or travelers: the
   * owner is the one of the CRM contact linked to the client (else to the traveler), which travel
   * learns through crm's `contact-owner` feed (ContactOwner). Without one, this configured advisor
   * (PASSPORT_ALERT_DEFAULT_USER_ID, the demo advisor by default) hears.
   */
  advisorUserId: string;
}

export interface PassportAlertOutcome {
  /** Passports found expiring between today and the end of the window. */
  expiring: number;
  /**
   * Passports on an upcoming trip that fail its destination's rule (expired, or expiring before
   * the return date plus the rule's months), whether or not they also expire within the window.
   */
  failingTrips: number;
  /** Alerts raised by this run (one notification each). */
  raised: number;
  /** Passports that already had their alert. */
  alreadyAlerted: number;
}

/** Why a passport is alerted: expiring soon, failing an upcoming trip's entry rule, or both. */
interface Candidate {
  doc: TravelDocument;
  failure: PassportFailure | null;
}

/**
 * Raises one alert per passport that needs attention, by two rules: it expires within the window
 * (today included), or it fails an upcoming client trip's entry rule, checked against that trip's
 * return date plus its destination's rule (six months beyond return for many countries, three for
 * the Schengen area), already expired passports included. For each passport not alerted before,
 * records the alert and queues the notification in the same transaction (outbox). "Once per
 * document" holds twice over: the alert table is unique per document (a concurrent run loses the
 * insert and skips), and the queued job carries the id `passport:<documentId>` plus the same
 * dedupe key for identity's notification.
 */
export async function raisePassportAlerts(
  deps: PassportAlertDeps,
  now: Date = new Date(),
): Promise<PassportAlertOutcome> {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const window = { expiresAfter: isoDay(today), expiresBefore: isoDay(today + deps.windowDays * DAY_MS) };
  const outcome: PassportAlertOutcome = { expiring: 0, failingTrips: 0, raised: 0, alreadyAlerted: 0 };
  const candidates = new Map<string, Candidate>();
  for (let page = 1; ; page++) {
    const res = await deps.tt.listTravelDocuments({
      documentType: PASSPORT_DOCUMENT_TYPE,
      ...window,
      sortBy: 'expiryDate',
      sortOrder: 'asc',
      page,
      limit: MAX_PAGE_LIMIT,
    });
    outcome.expiring += res.data.length;
    for (const doc of res.data) candidates.set(doc.id, { doc, failure: null });
    if (page >= res.pagination.totalPages) break;
  }
  const failures = await passportFailures(deps.tt, deps.orm.em.fork(), now);
  outcome.failingTrips = failures.length;
  for (const failure of failures) candidates.set(failure.document.id, { doc: failure.document, failure });

  const all = [...candidates.values()];
  for (let i = 0; i < all.length; i += MAX_PAGE_LIMIT) {
    const batch = all.slice(i, i + MAX_PAGE_LIMIT);
    const known = new Set(
      (await deps.orm.em.fork().find(PassportAlert, { travelDocumentId: { $in: batch.map((c) => c.doc.id) } })).map(
        (a) => a.travelDocumentId,
      ),
    );
    const fresh = batch.filter((c) => !known.has(c.doc.id));
    outcome.alreadyAlerted += batch.length - fresh.length;
    if (fresh.length === 0) continue;
    const travelerIds = [...new Set(fresh.map((c) => c.doc.travelerId))];
    const travelers = new Map(
      (await deps.tt.listTravelers({ ids: travelerIds, limit: MAX_PAGE_LIMIT })).data.map((t) => [t.id, t]),
    );
    const owners = await ownersOf(deps.orm.em.fork(), [...travelers.values()]);
    for (const { doc, failure } of fresh) {
      const traveler = travelers.get(doc.travelerId) ?? null;
      const advisor =
        (traveler?.clientId ? owners.byClient.get(traveler.clientId) : undefined) ??
        owners.byTraveler.get(doc.travelerId) ??
        deps.advisorUserId;
      if (await raiseOne(deps, doc, traveler, advisor, failure, now)) outcome.raised++;
      else outcome.alreadyAlerted++;
    }
  }
  deps.log.info({ ...outcome, ...window }, 'passport alerts checked');
  return outcome;
}

/** The owners of the CRM contacts linked to these travelers and their clients. */
async function ownersOf(em: EntityManager, travelers: readonly Traveler[]) {
  const clientIds = [...new Set(travelers.flatMap((t) => (t.clientId ? [t.clientId] : [])))];
  const rows = await em.find(
    ContactOwner,
    {
      ownerId: { $ne: null },
      $or: [{ ttClientId: { $in: clientIds } }, { ttTravelerId: { $in: travelers.map((t) => t.id) } }],
    },
    { orderBy: { updatedAt: 'desc', contactId: 'asc' } },
  );
  const byClient = new Map<string, string>();
  const byTraveler = new Map<string, string>();
  // Newest first: when two contacts link the same client, the latest change wins.
  for (const r of rows) {
    const owner = r.ownerId;
    if (!owner) continue;
    if (r.ttClientId && !byClient.has(r.ttClientId)) byClient.set(r.ttClientId, owner);
    if (r.ttTravelerId && !byTraveler.has(r.ttTravelerId)) byTraveler.set(r.ttTravelerId, owner);
  }
  return { byClient, byTraveler };
}

/** crm's `contact-owner` message applied to the projection: newer wins; no links or deleted clears. */
export async function applyContactOwner(orm: MikroORM, job: ContactOwnerJob): Promise<void> {
  const em = orm.em.fork();
  await em.transactional(async (tx) => {
    const row = await tx.findOne(ContactOwner, { contactId: job.contactId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const at = new Date(job.updatedAt);
    if (row && row.updatedAt >= at) return;
    if (job.deleted || (job.ttClientId === null && job.ttTravelerId === null)) {
      if (row) tx.remove(row);
      return;
    }
    const fields = { ttClientId: job.ttClientId, ttTravelerId: job.ttTravelerId, ownerId: job.ownerId, updatedAt: at };
    if (row) tx.assign(row, fields);
    else tx.create(ContactOwner, { contactId: job.contactId, ...fields });
  });
}

async function raiseOne(
  deps: PassportAlertDeps,
  doc: TravelDocument,
  traveler: Traveler | null,
  advisorUserId: string,
  failure: PassportFailure | null,
  now: Date,
): Promise<boolean> {
  const expiryDate = doc.expiryDate;
  if (expiryDate === null) return false;
  const name = traveler ? `${traveler.firstName} ${traveler.lastName}` : 'A traveler';
  const days = daysUntil(expiryDate, now) ?? 0;
  const expires =
    days < 0 ? `expired on ${expiryDate}` : `expires on ${expiryDate}, in ${days} day${days === 1 ? '' : 's'}`;
  const neededUntil = failure?.rule.passportValidUntil ?? null;
  const why = failure
    ? ` ${failure.trip.name} returns on ${failure.returnDate ?? 'an unset date'}` +
      `${failure.destination ? ` from ${failure.destination.name} (${failure.destination.country})` : ''}, ` +
      `which needs it valid until ${neededUntil ?? 'the return'} (${failure.rule.label.toLowerCase()}).`
    : ' Many countries refuse entry with less than six months left.';
  const notification: NotifyJob = {
    userId: advisorUserId,
    type: 'PASSPORT_EXPIRING',
    title: `Passport ${days < 0 ? 'expired' : 'expiring'}: ${name}`,
    body: `${name}'s passport${doc.issuingCountry ? ` (${doc.issuingCountry})` : ''} ${expires}.${why}`,
    link: `/travel/travelers/${doc.travelerId}`,
    dedupeKey: `passport:${doc.id}`,
  };
  try {
    await deps.orm.em.fork().transactional(async (em) => {
      em.create(PassportAlert, {
        travelDocumentId: doc.id,
        travelerId: doc.travelerId,
        advisorUserId,
        documentType: doc.documentType,
        expiryDate,
        clientTripId: failure?.trip.id ?? null,
        neededUntil,
        notifiedAt: now,
      });
      enqueue(em, QUEUES.notifications, NOTIFY_JOB, { ...notification }, { jobId: `passport:${doc.id}` });
    });
    return true;
  } catch (e) {
    // Another run raised it first: that run's notification is the one.
    if (e instanceof UniqueConstraintViolationException) return false;
    throw e;
  }
}

/** Newest first, keyset-paged (the id breaks ties), so pages stay put while the job raises alerts. */
export function listPassportAlerts(
  em: EntityManager,
  args: ConnectionArgs & { filter?: { travelerId?: string | null } | null },
) {
  const travelerId = args.filter?.travelerId;
  const where = travelerId ? { travelerId: parseInput(zId, travelerId, 'filter.travelerId') } : {};
  return findConnection(em, PassportAlert, where, args, [{ createdAt: 'desc', id: 'desc' }]);
}
