/**
 * Opt-in trip emails for portal travellers: a (re)published itinerary, a schedule change, an
 * installment due soon (payment access only). Identity holds each account's choices and address;
 * travel reads them through the graph as the `travel-portal-notices` principal. A change records
 * the notice in its own unit of work (a `portal-notice` job through the outbox); the job mails each
 * opted-in account through marketing's transactional queue, logged once per account and event, so
 * a retry sends nothing twice.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  QUEUES,
  SERVICES,
  TRANSACTIONAL_MAIL_JOB,
  enqueue,
  viewerOfService,
  type GraphExecutor,
  type JobData,
  type Logger,
} from '@nexus/platform';
import { PortalNotificationLog } from '../entities/index.ts';
import type { TtApiClient } from '../tt-api/client.ts';
import { MAX_PAGE_LIMIT } from '../tt-api/contract.ts';
import { allPages } from '../services/money.service.ts';

export type PortalMailKind = 'itinerary' | 'payment-due' | 'schedule-change';
export type PortalNoticeJob = JobData<'travel', 'portal-notice'>;
export const PORTAL_NOTICE_JOB = 'portal-notice';

/** A traveller account as identity lists it for notices. */
export interface NoticeAccount {
  id: string;
  email: string;
  name: string;
  ttClientId: string;
  ttTravelerId: string;
  access: 'VIEW_OWN' | 'PAY_FOR_PARTY' | 'MANAGE_FAMILY';
  status: 'INVITED' | 'ACTIVE' | 'DISABLED';
  notifyItineraryPublished: boolean;
  notifyPaymentDue: boolean;
  notifyScheduleChange: boolean;
}

const ACCOUNTS = `query PortalNoticeAccounts($after: String, $filter: TravelerAccountFilter) {
  travelerAccounts(first: 100, after: $after, filter: $filter) {
    pageInfo { hasNextPage endCursor }
    nodes { id email name ttClientId ttTravelerId access status notifyItineraryPublished notifyPaymentDue notifyScheduleChange }
  }
}`;

/** Traveller accounts matching the filter, every page (bounded), read from identity through the gateway. */
export async function noticeAccounts(
  graph: GraphExecutor,
  filter: Record<string, string>,
  requestId: string,
): Promise<NoticeAccount[]> {
  const viewer = viewerOfService(SERVICES.travelPortalNotices);
  const out: NoticeAccount[] = [];
  let after: string | null = null;
  for (let page = 0; page < 50; page++) {
    const res = await graph(viewer, { query: ACCOUNTS, variables: { after, filter } }, requestId);
    if (res.errors?.length)
      throw new Error(`traveller accounts could not be read: ${res.errors.map((e) => e.message).join('; ')}`);
    const conn = (
      res.data as
        | {
            travelerAccounts?: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: NoticeAccount[] };
          }
        | undefined
    )?.travelerAccounts;
    if (!conn) break;
    out.push(...conn.nodes.filter((a) => a.status !== 'DISABLED'));
    if (!conn.pageInfo.hasNextPage || !conn.pageInfo.endCursor) break;
    after = conn.pageInfo.endCursor;
  }
  return out;
}

/** Queues one portal email (in the caller's unit of work) unless this account already had it; true when queued. */
export async function queuePortalMail(
  em: EntityManager,
  m: { accountId: string; kind: PortalMailKind; dedupeKey: string; to: string; subject: string; text: string },
): Promise<boolean> {
  const key = `portal:${m.kind}:${m.dedupeKey}:${m.accountId}`.slice(0, 200);
  if (await em.findOne(PortalNotificationLog, { dedupeKey: key })) return false;
  em.create(PortalNotificationLog, {
    accountId: m.accountId,
    kind: m.kind,
    dedupeKey: key,
    email: m.to,
    subject: m.subject,
  });
  enqueue(em, QUEUES.mail, TRANSACTIONAL_MAIL_JOB, {
    to: m.to,
    subject: m.subject,
    text: m.text,
    category: `portal-${m.kind}`,
    dedupeKey: key,
  });
  return true;
}

export const portalTripUrl = (publicUrl: string, tripId: string) =>
  `${publicUrl.replace(/\/$/, '')}/portal/trips/${tripId}`;

/** Records a notice in the change's own unit of work (sent by the `portal-notice` job). */
export function recordPortalNotice(tx: EntityManager, notice: PortalNoticeJob) {
  enqueue(tx, QUEUES.travel, PORTAL_NOTICE_JOB, notice, { jobId: `portal-notice:${notice.key}` });
}

export interface NoticeDeps {
  em: EntityManager;
  tt: TtApiClient;
  graph: GraphExecutor;
  publicUrl: string;
  log: Logger;
}

/** The `portal-notice` job: the trip's travellers' accounts that opted in are mailed once each. */
export async function sendPortalNotice(deps: NoticeDeps, notice: PortalNoticeJob) {
  const trip = await deps.tt.getClientTrip(notice.clientTripId);
  const mailed = new Set(notice.alreadyMailed.map((a) => a.toLowerCase()));
  const accounts = (
    await Promise.all(
      trip.travelerIds.map((ttTravelerId) =>
        noticeAccounts(deps.graph, { ttTravelerId }, `portal-notice:${notice.key}`),
      ),
    )
  )
    .flat()
    .filter((a) => a.ttClientId === trip.clientId || trip.travelerIds.includes(a.ttTravelerId))
    .filter((a) => (notice.kind === 'itinerary' ? a.notifyItineraryPublished : a.notifyScheduleChange));
  let queued = 0;
  await deps.em.transactional(async (tx) => {
    for (const a of accounts) {
      if (mailed.has(a.email.toLowerCase())) continue;
      mailed.add(a.email.toLowerCase());
      const link = portalTripUrl(deps.publicUrl, trip.id);
      const sent = await queuePortalMail(tx, {
        accountId: a.id,
        kind: notice.kind,
        dedupeKey: notice.key,
        to: a.email,
        subject: notice.kind === 'itinerary' ? `Your itinerary: ${notice.title}` : `Schedule change: ${notice.title}`,
        text:
          `Hello ${a.name},\n\n` +
          (notice.kind === 'itinerary'
            ? `The itinerary for ${notice.title} was published. It is in your portal, and stays on your phone for use offline once opened:\n`
            : `${notice.detail ?? `A time on your trip ${notice.title} changed.`}\nYour portal shows the new time:\n`) +
          `${link}\n\nYou chose these emails in your portal; change that there at any time.\n\nTravel Tamers`,
      });
      if (sent) queued++;
    }
  });
  return { queued };
}

/**
 * Installments due within `days` (or overdue), mailed to accounts with payment access that opted
 * in: one reminder per account, installment and due date. The daily job; idempotent.
 */
export async function sendPaymentDueReminders(deps: NoticeDeps & { days: number }, now: Date = new Date()) {
  const accounts = (await noticeAccounts(deps.graph, {}, 'portal-payment-due')).filter(
    (a) => a.notifyPaymentDue && a.access !== 'VIEW_OWN',
  );
  const until = new Date(now.getTime() + deps.days * 86_400_000).toISOString().slice(0, 10);
  const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
  const byClient = new Map<string, NoticeAccount[]>();
  for (const a of accounts) byClient.set(a.ttClientId, [...(byClient.get(a.ttClientId) ?? []), a]);
  let queued = 0;
  for (const [clientId, members] of byClient) {
    const due = (
      await allPages(
        (page) =>
          deps.tt.listPaymentSchedules({
            clientId,
            dueBefore: until,
            page,
            limit: MAX_PAGE_LIMIT,
            sortBy: 'dueDate',
            sortOrder: 'asc',
          }),
        5,
      ).catch((e: unknown) => {
        // Identity's ids are free text; one that is not a TT-API client is skipped, not fatal.
        if (e instanceof Error && 'code' in e && e.code === 'BAD_USER_INPUT') return [];
        throw e;
      })
    ).filter((s) => s.deletedAt === null && ['upcoming', 'due', 'overdue'].includes(s.status));
    if (due.length === 0) continue;
    await deps.em.transactional(async (tx) => {
      for (const a of members)
        for (const s of due) {
          const amount = money.format(s.amountCents / 100);
          const sent = await queuePortalMail(tx, {
            accountId: a.id,
            kind: 'payment-due',
            dedupeKey: `${s.id}:${s.dueDate}`,
            to: a.email,
            subject: `Payment due ${s.dueDate}: ${amount}`,
            text:
              `Hello ${a.name},\n\nInstallment ${s.installmentNumber} of ${amount} is due on ${s.dueDate}.` +
              `\nSee what is due and how to pay in your portal:\n${deps.publicUrl.replace(/\/$/, '')}/portal/payments\n\nTravel Tamers`,
          });
          if (sent) queued++;
        }
    });
  }
  deps.log.info({ queued }, 'portal payment reminders queued');
  return { queued };
}
