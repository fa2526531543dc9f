import { z } from 'zod';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  CLIENT_AGENT_HEADER,
  CLIENT_IP_HEADER,
  NOTIFY_JOB,
  QUEUES,
  badInput,
  conflict,
  emptyConnection,
  enqueue,
  findConnection,
  notFound,
  parseInput,
  zLine,
  zText,
  type ClientScope,
  type ConnectionArgs,
  type ContactOwnerJob,
  type FieldProblem,
} from '@nexus/platform';
import { Quote, type QuoteStatus } from '../entities/index.ts';
import type { SalesEnv } from '../env.ts';
import { expireIfDue, quoteReference, recordAcceptance } from '../services/quotes.service.ts';
import { PortalContact, QuoteChangeRequest } from './portal.entity.ts';

const field = (path: string, message: string) => badInput(`${path}: ${message}`, [{ path, message }]);

/**
 * crm's `contact-owner` message applied to the projection: a newer change wins; a contact that
 * lost its TT-API links, or was deleted, leaves it.
 */
export async function applyContactLink(
  em: EntityManager,
  m: ContactOwnerJob,
): Promise<'applied' | 'stale' | 'removed'> {
  const at = new Date(m.updatedAt);
  const row = await em.findOne(PortalContact, { contactId: m.contactId });
  if (row && row.updatedAt > at) return 'stale';
  if (m.deleted || (!m.ttClientId && !m.ttTravelerId)) {
    if (row) {
      em.remove(row);
      await em.flush();
    }
    return 'removed';
  }
  if (row) {
    row.ttClientId = m.ttClientId;
    row.ttTravelerId = m.ttTravelerId;
    row.updatedAt = at;
  } else
    em.create(PortalContact, {
      contactId: m.contactId,
      ttClientId: m.ttClientId,
      ttTravelerId: m.ttTravelerId,
      updatedAt: at,
    });
  await em.flush();
  return 'applied';
}

async function partyContactIds(em: EntityManager, scope: ClientScope): Promise<string[]> {
  const rows = await em.find(PortalContact, { ttClientId: scope.ttClientId });
  return rows.map((r) => r.contactId);
}

/** What a traveller ever sees: quotes that were sent (never drafts or ones awaiting approval). */
const LISTED: QuoteStatus[] = ['SENT', 'VIEWED', 'ACCEPTED', 'DECLINED', 'EXPIRED'];
const SHOWN: QuoteStatus[] = [...LISTED, 'SUPERSEDED'];
const LIVE: QuoteStatus[] = ['SENT', 'VIEWED'];

/** The party's proposals (quotes to its crm contacts), latest versions only, newest first. */
export async function portalProposals(em: EntityManager, scope: ClientScope, args: ConnectionArgs) {
  const contacts = await partyContactIds(em, scope);
  if (!contacts.length) return emptyConnection<Quote>();
  return findConnection(
    em,
    Quote,
    { contactId: { $in: contacts }, status: { $in: LISTED }, supersededById: null },
    args,
    [{ number: 'desc' }, { version: 'desc' }, { id: 'desc' }],
  );
}

/** A proposal of the traveller's party (an older version shows as replaced), or NOT_FOUND. */
export async function portalProposal(em: EntityManager, scope: ClientScope, id: unknown, path = 'id'): Promise<Quote> {
  const quoteId = typeof id === 'string' && z.uuid().safeParse(id).success ? id : null;
  if (!quoteId) throw field(path, 'must be a valid id');
  const contacts = await partyContactIds(em, scope);
  const quote = contacts.length
    ? await em.findOne(Quote, { id: quoteId, contactId: { $in: contacts }, status: { $in: SHOWN } })
    : null;
  if (!quote) throw notFound('PortalProposal', quoteId);
  return quote;
}

/** A proposal the traveller can still answer: sent, not expired, not replaced, not answered. */
async function liveProposal(em: EntityManager, scope: ClientScope, id: unknown): Promise<Quote> {
  const quote = await portalProposal(em, scope, id, 'input.id');
  if (expireIfDue(quote)) await em.flush();
  if (!LIVE.includes(quote.status) || quote.supersededById || quote.linkRevokedAt) {
    const why =
      quote.status === 'ACCEPTED'
        ? 'has already been approved'
        : quote.status === 'DECLINED'
          ? 'was declined'
          : quote.status === 'EXPIRED'
            ? 'has expired; ask your advisor for an updated proposal'
            : quote.status === 'SUPERSEDED' || quote.supersededById
              ? 'has been replaced by a newer version'
              : 'was withdrawn by your advisor';
    throw conflict(`Proposal ${quoteReference(quote)} ${why}.`, { fields: [{ path: 'input.id', message: why }] });
  }
  return quote;
}

export const portalStatus = (q: Quote) => {
  expireIfDue(q);
  switch (q.status) {
    case 'ACCEPTED':
      return 'APPROVED';
    case 'DECLINED':
      return 'DECLINED';
    case 'EXPIRED':
      return 'EXPIRED';
    case 'SUPERSEDED':
      return 'REPLACED';
    default:
      return q.linkRevokedAt ? 'WITHDRAWN' : 'AWAITING_YOU';
  }
};

const approveInput = z.object({
  id: z.string(),
  fullName: zLine(200).pipe(z.string().min(2, 'type your full name')),
  agree: z.literal(true, { message: 'must be true: tick that you have read and accept the terms' }),
  options: z
    .array(z.object({ group: zLine(60), lineId: z.string() }))
    .max(100)
    .nullish(),
  addons: z.array(z.string()).max(100).nullish(),
});

/**
 * The traveller approves the proposal: the same acceptance as the emailed link's (evidence, signed
 * PDF, deal moved, deposit scheduled), the signed-in portal session standing in for the emailed code.
 */
export async function approveProposal(
  em: EntityManager,
  env: SalesEnv,
  scope: ClientScope,
  input: unknown,
  origin: { ip: string; userAgent: string },
): Promise<Quote> {
  const d = parseInput(approveInput, input);
  // The quote's row stays locked until the acceptance commits: two approvals at once accept once.
  return em.transactional(async (tx) => {
    const seen = await portalProposal(tx, scope, d.id, 'input.id');
    await tx.findOne(Quote, { id: seen.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    return approveLocked(tx, env, scope, d, origin);
  });
}

async function approveLocked(
  em: EntityManager,
  env: SalesEnv,
  scope: ClientScope,
  d: z.infer<typeof approveInput>,
  origin: { ip: string; userAgent: string },
): Promise<Quote> {
  const quote = await liveProposal(em, scope, d.id);
  // Without choices, the options and add-ons stay as the advisor sent them.
  const options = d.options
    ? Object.fromEntries(d.options.map((o) => [o.group, o.lineId]))
    : Object.fromEntries(
        quote.lines.filter((l) => l.optionGroup && l.selected).map((l) => [l.optionGroup ?? '', l.id]),
      );
  const addons = d.addons ?? quote.lines.filter((l) => l.optional && l.selected).map((l) => l.id);
  const problems: FieldProblem[] = [];
  (d.options ?? []).forEach((o, i) => {
    if (!quote.lines.some((l) => l.optionGroup === o.group && l.id === o.lineId))
      problems.push({ path: `input.options.${i}.lineId`, message: 'is not an option of this group' });
  });
  (d.addons ?? []).forEach((id, i) => {
    if (!quote.lines.some((l) => l.id === id && l.optional))
      problems.push({ path: `input.addons.${i}`, message: 'is not an add-on of this proposal' });
  });
  const first = problems[0];
  if (first)
    throw badInput(problems.length === 1 ? `${first.path}: ${first.message}` : 'Some choices are not valid.', problems);
  return recordAcceptance(em, env, quote, {
    name: d.fullName,
    choices: { options, addons },
    ip: origin.ip,
    userAgent: origin.userAgent,
    now: new Date(),
    codeUsed: false,
  });
}

const changesInput = z.object({
  id: z.string(),
  comment: zText(5000).pipe(z.string().min(1, 'tell your advisor what to change')),
});

/** The traveller asks for changes: recorded on the proposal, and its owner is notified. */
export async function requestProposalChanges(em: EntityManager, scope: ClientScope, input: unknown) {
  const d = parseInput(changesInput, input);
  const quote = await liveProposal(em, scope, d.id);
  const request = em.create(QuoteChangeRequest, {
    quoteId: quote.id,
    comment: d.comment,
    ttClientId: scope.ttClientId,
    ttTravelerId: scope.ttTravelerId,
    accountId: scope.accountId,
  });
  if (quote.ownerId)
    enqueue(em, QUEUES.notifications, NOTIFY_JOB, {
      userId: quote.ownerId,
      type: 'SYSTEM',
      title: `Changes asked for on quote ${quoteReference(quote)}`,
      body: d.comment.slice(0, 500),
      link: `/sales/quotes/${quote.id}`,
      dedupeKey: `quote-changes:${request.id}`,
    });
  await em.flush();
  return quote;
}

export const changeRequestsOf = (em: EntityManager, quoteId: string, args: ConnectionArgs) =>
  findConnection(em, QuoteChangeRequest, { quoteId }, args, [{ createdAt: 'desc' }, { id: 'desc' }]);

/** The address and browser a portal write came from, as the gateway forwards them on a traveller's writes. */
export const portalOrigin = (http: { header(name: string): string | undefined }) => ({
  ip: (http.header(CLIENT_IP_HEADER) ?? '').slice(0, 100) || 'unknown',
  userAgent: (http.header(CLIENT_AGENT_HEADER) ?? '').slice(0, 500) || 'unknown',
});
