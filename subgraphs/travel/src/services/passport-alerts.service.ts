import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import {
  NOTIFY_JOB,
  QUEUES,
  enqueue,
  findConnection,
  parseInput,
  zId,
  type ConnectionArgs,
  type Logger,
  type NotifyJob,
} from '@nexus/platform';
import { PassportAlert } from '../entities/index.ts';
import type { TtApiClient } from '../tt-api/client.ts';
import { MAX_PAGE_LIMIT } from '../tt-api/contract.ts';
import type { TravelDocument, Traveler } from '../tt-api/contract.ts';
import { daysUntil } from './people.service.ts';

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
   * Who is told. TT-API keeps no owner on clients or travelers, and the CRM contact's owner lives in
   * the crm subgraph, which travel never reads, so every alert goes to one configured advisor
   * (PASSPORT_ALERT_DEFAULT_USER_ID, the demo advisor by default).
   */
  advisorUserId: string;
}

export interface PassportAlertOutcome {
  /** Passports found expiring between today and the end of the window. */
  expiring: number;
  /** Alerts raised by this run (one notification each). */
  raised: number;
  /** Passports that already had their alert. */
  alreadyAlerted: number;
}

/**
 * Finds passports expiring within the window (today included, already expired ones excluded: they
 * are past warning) and, for each one not alerted before, records the alert and queues the
 * notification in the same transaction (outbox). "Once per document" holds twice over: the alert
 * table is unique per document (a concurrent run loses the insert and skips), and the queued job
 * carries the id `passport:<documentId>` plus the same dedupe key for identity's notification.
 */
export async function raisePassportAlerts(
  deps: PassportAlertDeps,
  now: Date = new Date(),
): Promise<PassportAlertOutcome> {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const window = { expiresAfter: isoDay(today), expiresBefore: isoDay(today + deps.windowDays * DAY_MS) };
  const outcome: PassportAlertOutcome = { expiring: 0, raised: 0, alreadyAlerted: 0 };
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
    const known = new Set(
      (await deps.orm.em.fork().find(PassportAlert, { travelDocumentId: { $in: res.data.map((d) => d.id) } })).map(
        (a) => a.travelDocumentId,
      ),
    );
    const fresh = res.data.filter((d) => !known.has(d.id));
    outcome.alreadyAlerted += res.data.length - fresh.length;
    if (fresh.length > 0) {
      const travelerIds = [...new Set(fresh.map((d) => d.travelerId))];
      const travelers = new Map(
        (await deps.tt.listTravelers({ ids: travelerIds, limit: MAX_PAGE_LIMIT })).data.map((t) => [t.id, t]),
      );
      for (const doc of fresh) {
        if (await raiseOne(deps, doc, travelers.get(doc.travelerId) ?? null, now)) outcome.raised++;
        else outcome.alreadyAlerted++;
      }
    }
    if (page >= res.pagination.totalPages) break;
  }
  deps.log.info({ ...outcome, ...window }, 'passport alerts checked');
  return outcome;
}

async function raiseOne(
  deps: PassportAlertDeps,
  doc: TravelDocument,
  traveler: Traveler | null,
  now: Date,
): Promise<boolean> {
  const expiryDate = doc.expiryDate;
  if (expiryDate === null) return false;
  const name = traveler ? `${traveler.firstName} ${traveler.lastName}` : 'A traveler';
  const days = daysUntil(expiryDate, now) ?? 0;
  const notification: NotifyJob = {
    userId: deps.advisorUserId,
    type: 'PASSPORT_EXPIRING',
    title: `Passport expiring: ${name}`,
    body:
      `${name}'s passport${doc.issuingCountry ? ` (${doc.issuingCountry})` : ''} expires on ${expiryDate}, ` +
      `in ${days} day${days === 1 ? '' : 's'}. Many countries refuse entry with less than six months left.`,
    link: `/travel/travelers/${doc.travelerId}`,
    dedupeKey: `passport:${doc.id}`,
  };
  try {
    await deps.orm.em.fork().transactional(async (em) => {
      em.create(PassportAlert, {
        travelDocumentId: doc.id,
        travelerId: doc.travelerId,
        advisorUserId: deps.advisorUserId,
        documentType: doc.documentType,
        expiryDate,
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
