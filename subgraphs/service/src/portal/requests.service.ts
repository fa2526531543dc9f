import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  actorOf,
  badInput,
  conflict,
  emptyConnection,
  findConnection,
  notFound,
  parseInput,
  zLine,
  zText,
  type ClientScope,
  type ConnectionArgs,
  type FieldProblem,
  type Viewer,
} from '@nexus/platform';
import { SurveyInvitation, Ticket, TicketEvent, TicketMessage } from '../entities/index.ts';
import type { ServiceDeps } from '../context.ts';
import { addCustomerMessage, createTicket, reference } from '../services/tickets.service.ts';
import { respond, surveyToken } from '../services/surveys.service.ts';
import { PortalThread } from './portal.entity.ts';
import { contactOfTraveller, partyContactIds } from './scope.ts';

const field = (path: string, message: string) => badInput(`${path}: ${message}`, [{ path, message }]);
const uuidOrNull = (id: unknown) => (typeof id === 'string' && z.uuid().safeParse(id).success ? id : null);

/* ---------- messages to the agency: portal threads are tickets ---------- */

/** The party's threads, most recently active first. */
export async function portalThreads(em: EntityManager, scope: ClientScope, args: ConnectionArgs) {
  const links = await em.find(PortalThread, { ttClientId: scope.ttClientId });
  if (!links.length) return emptyConnection<Ticket>();
  return findConnection(em, Ticket, { id: { $in: links.map((l) => l.ticketId) } }, args, [
    { updatedAt: 'desc' },
    { id: 'desc' },
  ]);
}

/** A thread of the traveller's party, or NOT_FOUND (as for a ticket that does not exist). */
export async function portalThread(em: EntityManager, scope: ClientScope, id: unknown, path = 'id'): Promise<Ticket> {
  const ticketId = uuidOrNull(id);
  if (!ticketId) throw field(path, 'must be a valid id');
  const link = await em.findOne(PortalThread, { ticketId, ttClientId: scope.ttClientId });
  const ticket = link ? await em.findOne(Ticket, { id: ticketId }) : null;
  if (!ticket) throw notFound('PortalThread', ticketId);
  return ticket;
}

/** What a traveller reads of a thread: their party's messages and the agency's replies, never internal notes. */
export const threadMessages = (em: EntityManager, ticket: Ticket, args: ConnectionArgs) =>
  findConnection(em, TicketMessage, { ticket: ticket.id, kind: { $in: ['CUSTOMER_MESSAGE', 'PUBLIC_REPLY'] } }, args, [
    { createdAt: 'asc' },
    { id: 'asc' },
  ]);

/** Where a thread stands, as a traveller needs to know it. */
export const threadStatus = (t: Ticket) =>
  t.status === 'PENDING'
    ? 'AWAITING_YOU'
    : t.status === 'SOLVED'
      ? 'RESOLVED'
      : t.status === 'CLOSED'
        ? 'CLOSED'
        : 'OPEN';

const sendInput = z.object({
  threadId: z.string().nullish(),
  subject: zLine(300).nullish(),
  body: zText(10_000).pipe(z.string().min(1, 'is required')),
});

/**
 * A traveller's message. Without `threadId` it opens a ticket (source PORTAL) with the traveller's
 * crm contact as requester; in a thread it is the requester's message on that ticket (a solved
 * ticket reopens). A closed thread takes no more messages: the traveller starts a new one.
 */
export async function sendPortalMessage(
  em: EntityManager,
  deps: ServiceDeps,
  viewer: Viewer,
  scope: ClientScope,
  input: unknown,
): Promise<Ticket> {
  const d = parseInput(sendInput, input);
  const a = { viewer, deps };
  if (d.threadId) {
    const ticket = await portalThread(em, scope, d.threadId, 'input.threadId');
    if (ticket.status === 'CLOSED')
      throw conflict('This conversation is closed; start a new message instead.', {
        fields: [{ path: 'input.threadId', message: 'is closed' }],
      });
    em.create(TicketEvent, { ticket, actor: actorOf(viewer), action: 'portal-message', changes: {} });
    const r = await addCustomerMessage(em, a, ticket, {
      body: d.body,
      from: null,
      messageId: null,
      subject: ticket.subject,
    });
    return r.ticket;
  }
  if (!d.subject) throw field('input.subject', 'is required for a new conversation');
  const contactId = await contactOfTraveller(em, scope);
  // The ticket and its portal link commit together: a thread is never lost to its party.
  const ticket = await em.transactional(async (tx) => {
    const t = await createTicket(
      tx,
      a,
      { subject: d.subject, description: d.body, source: 'PORTAL', requesterContactId: contactId },
      { actor: actorOf(viewer) },
    );
    tx.create(PortalThread, {
      ticketId: t.id,
      ttClientId: scope.ttClientId,
      ttTravelerId: scope.ttTravelerId,
      accountId: scope.accountId,
    });
    await tx.flush();
    return t;
  });
  return ticket;
}

export const threadReference = (t: Ticket) => reference(t);

/* ---------- surveys: the party's invitations, answered through the public answer path ---------- */

/** Survey invitations to the party's crm contacts, newest first; `answered` narrows them. */
export async function portalSurveys(
  em: EntityManager,
  scope: ClientScope,
  args: ConnectionArgs & { filter?: { answered?: boolean | null } | null },
) {
  const contacts = await partyContactIds(em, scope.ttClientId);
  if (!contacts.length) return emptyConnection<SurveyInvitation>();
  const answered = args.filter?.answered;
  const page = await findConnection(
    em,
    SurveyInvitation,
    {
      contactId: { $in: contacts },
      ...(answered === true ? { respondedAt: { $ne: null } } : answered === false ? { respondedAt: null } : {}),
    },
    args,
    [{ sentAt: 'desc' }, { id: 'desc' }],
  );
  await em.populate(page.nodes, ['survey']);
  return page;
}

/** An invitation to the traveller's party, or NOT_FOUND. */
export async function portalSurvey(em: EntityManager, scope: ClientScope, id: unknown, path = 'id') {
  const invitationId = uuidOrNull(id);
  if (!invitationId) throw field(path, 'must be a valid id');
  const contacts = await partyContactIds(em, scope.ttClientId);
  const inv = contacts.length
    ? await em.findOne(SurveyInvitation, { id: invitationId, contactId: { $in: contacts } }, { populate: ['survey'] })
    : null;
  if (!inv) throw notFound('PortalSurvey', invitationId);
  return inv;
}

const answerInput = z.object({
  id: z.string(),
  answers: z.array(z.object({ key: zLine(20), value: zText(5000) })).max(50, 'at most 50 answers'),
  comment: zText(5000).nullish(),
});

/**
 * Answers a survey of the party exactly as its emailed link would (same checks, same once-only
 * record, same reopening of a ticket after a bad rating); problems name `input.answers.<key>`.
 */
export async function answerPortalSurvey(em: EntityManager, deps: ServiceDeps, scope: ClientScope, input: unknown) {
  const d = parseInput(answerInput, input);
  const inv = await portalSurvey(em, scope, d.id, 'input.id');
  const questions = inv.survey.getEntity().questions;
  const unknown: FieldProblem[] = d.answers
    .filter((a) => !questions.some((q) => q.id === a.key))
    .map((a) => ({ path: `input.answers.${a.key}`, message: 'is not a question of this survey' }));
  if (unknown.length)
    throw badInput(
      unknown.length === 1 ? `${unknown[0]?.path}: ${unknown[0]?.message}` : 'Some fields are not valid.',
      unknown,
    );
  const form: Record<string, string> = Object.fromEntries(d.answers.map((a) => [a.key, a.value]));
  if (d.comment) form.comment = d.comment;
  const r = await respond(em, deps, surveyToken(deps.env.INTERNAL_TOKEN_SECRET, inv.id), form);
  if (r.ok) {
    await em.refresh(inv);
    return inv;
  }
  if (r.reason === 'used') throw conflict('This survey has already been answered.');
  if (r.reason === 'incomplete') {
    const problems = (r.problems ?? []).map((key) => {
      const q = questions.find((x) => x.id === key);
      const range = q?.type === 'NPS' ? '0 to 10' : q?.type === 'CES' ? '1 to 7' : '1 to 5';
      return { path: `input.answers.${key}`, message: `needs a whole number from ${range}` };
    });
    throw badInput(
      problems.length === 1
        ? `${problems[0]?.path}: ${problems[0]?.message}`
        : 'Some answers are missing or out of range.',
      problems,
    );
  }
  if (r.reason === 'reason-needed') throw field('input.comment', 'tell us what went wrong so we can put it right');
  throw notFound('PortalSurvey', inv.id);
}
