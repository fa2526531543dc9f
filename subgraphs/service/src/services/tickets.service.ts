import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import {
  actorOf,
  badInput,
  enqueue,
  findConnection,
  forbidden,
  notFound,
  parseInput,
  publishSafely,
  QUEUES,
  RANK_OF,
  WEBHOOK_EVENT_JOB,
  webhookEvent,
  zEmail,
  zId,
  zLine,
  zTags,
  zText,
  type ConnectionArgs,
  type Viewer,
} from '@nexus/platform';
import {
  AgentProfile,
  Macro,
  TICKET_CATEGORIES,
  TICKET_PRIORITIES,
  TICKET_SOURCES,
  TICKET_STATUSES,
  Ticket,
  TicketEvent,
  TicketMessage,
  type TicketStatus,
} from '../entities/index.ts';
import type { ServiceDeps } from '../context.ts';
import { slaOnCustomerMessage, slaOnStaffReply, slaOnStatus, slaStateOf, startSla } from './sla.service.ts';
import { suggestForTicket } from './triage.service.ts';
import { travelContextByEmail, travelContextOf, type TravelContext } from './travel-graph.ts';

/** What a service function needs besides the unit of work. */
export interface Actor {
  viewer: Viewer;
  deps: ServiceDeps;
}

export const reference = (t: Pick<Ticket, 'number'>) => `SR-${t.number}`;
const isAgentOnly = (v: Viewer) => v.rank === RANK_OF.AGENT;
const field = (path: string, message: string) => badInput(`${path}: ${message}`, [{ path, message }]);

/** Agents see the unassigned queue and their own tickets; everyone else reads all. */
export const visibleTo = (v: Viewer): FilterQuery<Ticket> =>
  isAgentOnly(v) ? { $or: [{ assigneeId: null }, { assigneeId: v.id ?? '' }] } : {};

/** A ticket the viewer may read, or NOT_FOUND. */
export async function readableTicket(em: EntityManager, v: Viewer, id: string): Promise<Ticket> {
  const t = z.uuid().safeParse(id).success ? await em.findOne(Ticket, { $and: [{ id }, visibleTo(v)] }) : null;
  if (!t) throw notFound('Ticket', id);
  return t;
}

/** A ticket the viewer may change: agents only their own (or, to take it, an unassigned one). */
export async function writableTicket(em: EntityManager, v: Viewer, id: string, path = 'input.id'): Promise<Ticket> {
  if (!z.uuid().safeParse(id).success) throw field(path, 'must be a valid id');
  const t = await em.findOne(Ticket, { id });
  if (!t) throw notFound('Ticket', id);
  if (isAgentOnly(v) && t.assigneeId !== v.id) throw forbidden('Agents change only tickets assigned to them.');
  return t;
}

function history(em: EntityManager, t: Ticket, actor: string, action: string, changes: Record<string, unknown> = {}) {
  em.create(TicketEvent, { ticket: t, actor, action, changes });
}

export async function publishTicket(deps: ServiceDeps, ids: string[]) {
  for (const id of new Set(ids)) await publishSafely(deps.bus, 'ticketChanged', { id, ticketId: id }, deps.log);
}

async function nextNumber(em: EntityManager): Promise<number> {
  const [row] = await em.getConnection().execute<{ n: number }[]>(`select nextval('ticket_number_seq')::int as n`);
  if (!row) throw new Error('ticket_number_seq returned nothing');
  return row.n;
}

const createInput = z.object({
  subject: zLine(300).pipe(z.string().min(1, 'is required')),
  description: zText(20_000).pipe(z.string().min(1, 'is required')),
  priority: z.enum(TICKET_PRIORITIES, { message: 'is not a known priority' }).nullish(),
  category: z.enum(TICKET_CATEGORIES, { message: 'is not a known category' }).nullish(),
  source: z.enum(TICKET_SOURCES).nullish(),
  requesterEmail: zEmail.nullish(),
  requesterName: zLine(200).nullish(),
  requesterContactId: zId.nullish(),
  companyId: zId.nullish(),
  requesterTravelling: z.boolean().nullish(),
  destination: zLine(200).nullish(),
  supplier: zLine(200).nullish(),
  team: zLine(80).nullish(),
  skills: zTags.nullish(),
  tags: zTags.nullish(),
  parentId: zId.nullish(),
  assigneeId: zId.nullish(),
});

/**
 * The requester's trip context from TT-API (through travel), when the ticket names a contact and
 * the caller did not say: null when the contact has no linked client; `unavailable` when TT-API or
 * the gateway could not answer in time (the ticket opens anyway, without it).
 */
async function travelContext(
  deps: ServiceDeps,
  who: { contactId: string | null; email: string | null },
): Promise<{ contactId: string | null; context: TravelContext | null } | 'unavailable'> {
  let timer: NodeJS.Timeout | undefined;
  const lookup = async () => {
    if (who.contactId)
      return { contactId: who.contactId, context: await travelContextOf(deps.graph, who.contactId, deps.clock()) };
    const found = who.email ? await travelContextByEmail(deps.graph, who.email, deps.clock()) : null;
    return found ?? { contactId: null, context: null };
  };
  try {
    return await Promise.race([
      lookup(),
      new Promise<'unavailable'>((resolve) => {
        timer = setTimeout(() => resolve('unavailable'), deps.env.TRAVEL_LOOKUP_TIMEOUT_MS);
      }),
    ]);
  } catch (err) {
    deps.log.warn({ err, ...who }, 'travel context unavailable; the ticket opens without it');
    return 'unavailable';
  } finally {
    clearTimeout(timer);
  }
}

/** Creates a ticket: its number, SLA, triage suggestion and history, in one unit of work. */
export async function createTicket(
  em: EntityManager,
  a: Actor,
  input: unknown,
  o: { actor?: string; messageId?: string | null } = {},
): Promise<Ticket> {
  const d = parseInput(createInput, input);
  if (isAgentOnly(a.viewer) && d.assigneeId && d.assigneeId !== a.viewer.id)
    throw forbidden('Agents assign tickets only to themselves.', { fields: [{ path: 'input.assigneeId' }] });
  const parent = d.parentId ? await em.findOne(Ticket, { id: d.parentId }) : null;
  if (d.parentId && !parent) throw field('input.parentId', 'no such ticket');
  // The requester's trip context from TT-API, unless the caller gave it: by the crm contact, else
  // (an emailed ticket) by the contact with the requester's email.
  const needsTravel =
    !!(d.requesterContactId ?? d.requesterEmail) &&
    (d.requesterTravelling == null || (d.destination == null && d.supplier == null));
  const travel = needsTravel
    ? await travelContext(a.deps, { contactId: d.requesterContactId ?? null, email: d.requesterEmail ?? null })
    : null;
  const trip = travel && travel !== 'unavailable' ? travel.context : null;
  const contactId = d.requesterContactId ?? (travel && travel !== 'unavailable' ? travel.contactId : null);
  const now = a.deps.clock();
  const t = em.create(Ticket, {
    number: await nextNumber(em),
    subject: d.subject,
    description: d.description,
    priority: d.priority ?? 'NORMAL',
    category: d.category ?? 'GENERAL',
    source: d.source ?? 'WEB',
    requesterEmail: d.requesterEmail ?? null,
    requesterName: d.requesterName ?? null,
    requesterContactId: contactId,
    companyId: d.companyId ?? null,
    requesterTravelling: d.requesterTravelling ?? trip?.travelling ?? false,
    tripDestination: d.destination ?? trip?.destination ?? null,
    tripSupplier: d.supplier ?? trip?.supplier ?? null,
    team: d.team ?? null,
    skills: d.skills ?? [],
    tags: d.tags ?? [],
    parent,
    assigneeId: d.assigneeId ?? null,
    status: d.assigneeId ? 'OPEN' : 'NEW',
    lastMessageId: o.messageId ?? null,
    createdAt: now,
    updatedAt: now,
  });
  await startSla(em, t, now);
  enqueue(em, QUEUES.webhooks, WEBHOOK_EVENT_JOB, webhookEvent('ticket.created', { ticketId: t.id }));
  em.create(TicketMessage, {
    ticket: t,
    kind: 'CUSTOMER_MESSAGE',
    body: d.description,
    authorEmail: d.requesterEmail ?? null,
    messageId: o.messageId ?? null,
    createdAt: now,
  });
  history(em, t, o.actor ?? actorOf(a.viewer), 'created', {
    status: t.status,
    priority: t.priority,
    category: t.category,
    ...(needsTravel
      ? {
          travel:
            travel === 'unavailable'
              ? 'unavailable'
              : trip
                ? { travelling: trip.travelling, destination: trip.destination, supplier: trip.supplier }
                : travel?.contactId
                  ? 'no linked TT-API client'
                  : 'no crm contact',
        }
      : {}),
  });
  await em.flush();
  await suggestForTicket(em, t);
  await publishTicket(a.deps, [t.id]);
  return t;
}

const updateInput = z.object({
  id: z.string(),
  subject: zLine(300).pipe(z.string().min(1, 'is required')).nullish(),
  status: z.enum(TICKET_STATUSES).nullish(),
  priority: z.enum(TICKET_PRIORITIES, { message: 'is not a known priority' }).nullish(),
  category: z.enum(TICKET_CATEGORIES, { message: 'is not a known category' }).nullish(),
  team: zLine(80).nullish(),
  tags: zTags.nullish(),
  skills: zTags.nullish(),
});

/** Applies field changes (with SLA clock moves and history); the caller flushes. */
async function applyChanges(
  em: EntityManager,
  a: Actor,
  t: Ticket,
  c: {
    status?: TicketStatus | null;
    priority?: Ticket['priority'] | null;
    category?: Ticket['category'] | null;
    subject?: string | null;
    team?: string | null;
    tags?: string[] | null;
    skills?: string[] | null;
  },
  actor: string,
) {
  const changes: Record<string, unknown> = {};
  const now = a.deps.clock();
  for (const k of ['subject', 'priority', 'category', 'team'] as const) {
    const v = c[k];
    if (v != null && v !== t[k]) {
      changes[k] = { from: t[k], to: v };
      Object.assign(t, { [k]: v });
    }
  }
  for (const k of ['tags', 'skills'] as const) {
    const v = c[k];
    if (v && v.join('\u0000') !== t[k].join('\u0000')) {
      changes[k] = { from: t[k], to: v };
      t[k] = v;
    }
  }
  if (c.status && c.status !== t.status) {
    const from = t.status;
    changes.status = { from, to: c.status };
    t.status = c.status;
    if (c.status === 'SOLVED') {
      t.solvedAt = now;
      scheduleSurvey(em, a.deps, t);
      enqueue(em, QUEUES.webhooks, WEBHOOK_EVENT_JOB, webhookEvent('ticket.solved', { ticketId: t.id }, ['status']));
    }
    if (c.status === 'CLOSED') t.closedAt = now;
    if (from === 'SOLVED' || from === 'CLOSED') {
      t.solvedAt = null;
      t.closedAt = null;
    }
    await slaOnStatus(em, t, from, now);
  }
  if (Object.keys(changes).length) {
    t.updatedAt = now;
    history(em, t, actor, 'updated', changes);
  }
}

function scheduleSurvey(em: EntityManager, deps: ServiceDeps, t: Ticket) {
  if (!t.requesterEmail) return;
  enqueue(
    em,
    'service',
    'survey-send',
    { ticketId: t.id },
    { jobId: `survey:${t.id}`, delayMs: deps.env.SURVEY_DELAY_MS },
  );
}

export async function updateTicket(em: EntityManager, a: Actor, input: unknown): Promise<Ticket> {
  const d = parseInput(updateInput, input);
  const t = await writableTicket(em, a.viewer, d.id);
  await applyChanges(em, a, t, d, actorOf(a.viewer));
  await em.flush();
  await publishTicket(a.deps, [t.id]);
  return t;
}

const assignInput = z.object({ id: z.string(), assigneeId: zId.nullish() });

export async function assignTicket(em: EntityManager, a: Actor, input: unknown): Promise<Ticket> {
  const d = parseInput(assignInput, input);
  if (!z.uuid().safeParse(d.id).success) throw field('input.id', 'must be a valid id');
  const t = await em.findOne(Ticket, { id: d.id });
  if (!t) throw notFound('Ticket', d.id);
  if (isAgentOnly(a.viewer)) {
    const taking = t.assigneeId === null && d.assigneeId === a.viewer.id;
    const releasing = t.assigneeId === a.viewer.id && d.assigneeId == null;
    if (!taking && !releasing)
      throw forbidden('Agents may take unassigned tickets for themselves or give back their own.');
  }
  const from = t.assigneeId;
  t.assigneeId = d.assigneeId ?? null;
  if (t.status === 'NEW' && t.assigneeId) t.status = 'OPEN';
  t.updatedAt = a.deps.clock();
  history(em, t, actorOf(a.viewer), 'assigned', { assigneeId: { from, to: t.assigneeId } });
  if (t.assigneeId && t.assigneeId !== a.viewer.id) notifyAssigned(em, t);
  if (t.assigneeId) announceAssigned(em, t);
  await em.flush();
  await publishTicket(a.deps, [t.id]);
  return t;
}

/** Tells the support channel in Slack (through ops, via the outbox in this unit of work); once per assignment. */
function announceAssigned(em: EntityManager, t: Ticket) {
  const dedupeKey = `ticket-assigned:${t.id}:${t.assigneeId ?? ''}:${t.updatedAt.getTime()}`;
  enqueue(
    em,
    'slack',
    'slack-announce',
    {
      kind: 'TICKET_ASSIGNED',
      text: `${reference(t)} assigned: ${t.subject}`.slice(0, 500),
      link: `/service/tickets/${t.id}`,
      ref: { type: 'Ticket', id: t.id },
      dedupeKey,
    },
    { jobId: dedupeKey },
  );
}

function notifyAssigned(em: EntityManager, t: Ticket) {
  if (!t.assigneeId) return;
  enqueue(em, 'notifications', 'notify', {
    userId: t.assigneeId,
    type: 'TICKET_ASSIGNED',
    title: `${reference(t)} assigned to you: ${t.subject}`.slice(0, 200),
    link: `/service/tickets/${t.id}`,
    dedupeKey: `ticket-assigned:${t.id}:${t.assigneeId}:${t.updatedAt.getTime()}`,
  });
}

/** The Message-ID of a reply: its ticket's reference is in it, so threading survives stripped headers. */
export const messageIdFor = (deps: ServiceDeps, t: Ticket, messageId: string) =>
  `<sr-${t.number}.${messageId}@${deps.env.SERVICE_MAIL_FROM.split('@')[1] ?? 'nexus.local'}>`;

/** Queues a public reply to the requester through the transactional mail contract, threaded. */
function mailReply(em: EntityManager, deps: ServiceDeps, t: Ticket, m: TicketMessage, body: string) {
  if (!t.requesterEmail) return;
  const messageId = messageIdFor(deps, t, m.id);
  m.messageId = messageId;
  enqueue(em, 'mail', 'transactional', {
    to: t.requesterEmail,
    contactId: t.requesterContactId,
    subject: `[${reference(t)}] ${t.subject}`.slice(0, 300),
    text: body,
    replyTo: deps.env.SERVICE_MAIL_FROM,
    messageId,
    inReplyTo: t.lastMessageId,
    references: t.lastMessageId ? [t.lastMessageId] : null,
    headers: { 'X-Nexus-Ticket': reference(t) },
    category: 'ticket-reply',
    dedupeKey: `ticket-reply:${m.id}`,
  });
  t.lastMessageId = messageId;
}

const replyInput = z.object({
  ticketId: z.string(),
  body: zText(20_000).pipe(z.string().min(1, 'is required')),
  status: z.enum(TICKET_STATUSES).nullish(),
});

/** A staff public reply: emailed to the requester, the first-reply target met, status moved (default PENDING). */
export async function addReply(em: EntityManager, a: Actor, input: unknown): Promise<TicketMessage> {
  const d = parseInput(replyInput, input);
  const t = await writableTicket(em, a.viewer, d.ticketId, 'input.ticketId');
  if (t.status === 'CLOSED') throw field('input.ticketId', 'the ticket is closed; open a follow-up instead');
  const m = await staffReply(em, a, t, d.body, d.status ?? 'PENDING');
  await em.flush();
  await publishTicket(a.deps, [t.id]);
  return m;
}

async function staffReply(
  em: EntityManager,
  a: Actor,
  t: Ticket,
  body: string,
  status: TicketStatus,
): Promise<TicketMessage> {
  const now = a.deps.clock();
  const m = em.create(TicketMessage, { ticket: t, kind: 'PUBLIC_REPLY', body, authorId: a.viewer.id, createdAt: now });
  mailReply(em, a.deps, t, m, body);
  slaOnStaffReply(t, now);
  history(em, t, actorOf(a.viewer), 'replied', { messageId: m.id });
  await applyChanges(em, a, t, { status }, actorOf(a.viewer));
  t.updatedAt = now;
  return m;
}

export async function addNote(em: EntityManager, a: Actor, input: unknown): Promise<TicketMessage> {
  const d = parseInput(
    z.object({ ticketId: z.string(), body: zText(20_000).pipe(z.string().min(1, 'is required')) }),
    input,
  );
  const t = await writableTicket(em, a.viewer, d.ticketId, 'input.ticketId');
  const m = em.create(TicketMessage, {
    ticket: t,
    kind: 'INTERNAL_NOTE',
    body: d.body,
    authorId: a.viewer.id,
    createdAt: a.deps.clock(),
  });
  history(em, t, actorOf(a.viewer), 'noted', { messageId: m.id });
  await em.flush();
  await publishTicket(a.deps, [t.id]);
  return m;
}

/**
 * A message from the requester (inbound email). On a closed ticket it opens a linked follow-up
 * instead; on a solved one it reopens it.
 */
export async function addCustomerMessage(
  em: EntityManager,
  a: Actor,
  t: Ticket,
  m: { body: string; from: string | null; messageId: string | null; subject: string },
): Promise<{ ticket: Ticket; followUp: boolean }> {
  if (t.status === 'CLOSED') {
    const follow = await createTicket(
      em,
      a,
      {
        subject: m.subject.slice(0, 300) || `Follow-up to ${reference(t)}`,
        description: m.body.slice(0, 20_000) || '(empty message)',
        priority: t.priority,
        category: t.category,
        source: 'EMAIL',
        requesterEmail: m.from,
        requesterName: t.requesterName,
        requesterContactId: t.requesterContactId,
        companyId: t.companyId,
        tags: t.tags,
      },
      { actor: 'requester', messageId: m.messageId },
    );
    follow.linkedIds = [t.id];
    t.linkedIds = [...new Set([...t.linkedIds, follow.id])];
    history(em, follow, 'requester', 'follow-up', { of: t.id });
    await em.flush();
    return { ticket: follow, followUp: true };
  }
  const now = a.deps.clock();
  em.create(TicketMessage, {
    ticket: t,
    kind: 'CUSTOMER_MESSAGE',
    body: m.body,
    authorEmail: m.from,
    messageId: m.messageId,
    createdAt: now,
  });
  if (m.messageId) t.lastMessageId = m.messageId;
  history(em, t, 'requester', 'customer-replied', {});
  // Resume the clock first, so the new next-reply target is not shifted by the pause.
  if (t.status === 'PENDING' || t.status === 'SOLVED') await applyChanges(em, a, t, { status: 'OPEN' }, 'requester');
  await slaOnCustomerMessage(em, t, now);
  t.updatedAt = now;
  await em.flush();
  await publishTicket(a.deps, [t.id]);
  return { ticket: t, followUp: false };
}

export async function mergeTickets(em: EntityManager, a: Actor, input: unknown): Promise<Ticket> {
  const d = parseInput(z.object({ sourceId: zId, targetId: zId }), input);
  if (d.sourceId === d.targetId) throw field('input.targetId', 'must differ from sourceId');
  const [source, target] = await Promise.all([
    em.findOne(Ticket, { id: d.sourceId }),
    em.findOne(Ticket, { id: d.targetId }),
  ]);
  if (!source) throw field('input.sourceId', 'no such ticket');
  if (!target) throw field('input.targetId', 'no such ticket');
  if (source.mergedInto) throw field('input.sourceId', 'is already merged');
  const messages = await em.find(TicketMessage, { ticket: source });
  for (const m of messages) m.ticket = em.getReference(Ticket, target.id) as never;
  target.tags = [...new Set([...target.tags, ...source.tags])];
  const actor = actorOf(a.viewer);
  source.mergedInto = target as never;
  await applyChanges(em, a, source, { status: 'CLOSED' }, actor);
  history(em, source, actor, 'merged', { into: target.id });
  history(em, target, actor, 'merged-in', { from: source.id, messages: messages.length });
  await em.flush();
  await publishTicket(a.deps, [source.id, target.id]);
  return target;
}

export async function linkTickets(em: EntityManager, a: Actor, input: unknown): Promise<Ticket> {
  const d = parseInput(
    z.object({ ticketId: zId, parentId: zId.nullish(), linkedIds: z.array(zId).max(100).nullish() }),
    input,
  );
  const t = await em.findOne(Ticket, { id: d.ticketId });
  if (!t) throw field('input.ticketId', 'no such ticket');
  if (d.parentId !== undefined) {
    if (d.parentId === t.id) throw field('input.parentId', 'a ticket cannot be its own parent');
    const parent = d.parentId ? await em.findOne(Ticket, { id: d.parentId }) : null;
    if (d.parentId && !parent) throw field('input.parentId', 'no such ticket');
    t.parent = parent as never;
  }
  if (d.linkedIds?.length) {
    const found = await em.find(Ticket, { id: { $in: d.linkedIds } });
    if (found.length !== new Set(d.linkedIds).size)
      throw field('input.linkedIds', 'names a ticket that does not exist');
    t.linkedIds = [...new Set([...t.linkedIds, ...d.linkedIds.filter((x) => x !== t.id)])];
    for (const o of found) if (o.id !== t.id) o.linkedIds = [...new Set([...o.linkedIds, t.id])];
  }
  history(em, t, actorOf(a.viewer), 'linked', { parentId: d.parentId ?? null, linkedIds: d.linkedIds ?? [] });
  await em.flush();
  await publishTicket(a.deps, [t.id]);
  return t;
}

/** One airline strike, one parent incident: status, priority, tags and a public reply for every child, all or nothing. */
export async function updateChildren(em: EntityManager, a: Actor, input: unknown) {
  const d = parseInput(
    z.object({
      parentId: zId,
      status: z.enum(TICKET_STATUSES).nullish(),
      priority: z.enum(TICKET_PRIORITIES).nullish(),
      addTags: zTags.nullish(),
      reply: zText(20_000).pipe(z.string().min(1, 'must not be empty')).nullish(),
    }),
    input,
  );
  const parent = await em.findOne(Ticket, { id: d.parentId });
  if (!parent) throw field('input.parentId', 'no such ticket');
  const children = await em.find(Ticket, { parent: parent.id }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  const actor = actorOf(a.viewer);
  await em.transactional(async (tx) => {
    for (const c of children) {
      const child = tx.merge(c);
      if (d.reply && child.status !== 'CLOSED')
        await staffReply(tx as EntityManager, a, child, d.reply, d.status ?? child.status);
      await applyChanges(
        tx as EntityManager,
        a,
        child,
        {
          status: d.status,
          priority: d.priority,
          tags: d.addTags ? [...new Set([...child.tags, ...d.addTags])] : null,
        },
        actor,
      );
    }
    history(tx as EntityManager, tx.merge(parent), actor, 'children-updated', { count: children.length });
  });
  await publishTicket(a.deps, [parent.id, ...children.map((c) => c.id)]);
  return { updatedCount: children.length, parentId: parent.id };
}

export interface TicketListArgs extends ConnectionArgs {
  filter?: {
    view?: 'MINE' | 'UNASSIGNED' | 'AT_RISK' | 'BREACHED' | null;
    statuses?: TicketStatus[] | null;
    priorities?: Ticket['priority'][] | null;
    categories?: Ticket['category'][] | null;
    assigneeId?: string | null;
    parentId?: string | null;
    tag?: string | null;
    search?: string | null;
    destination?: string | null;
    supplier?: string | null;
    minEscalationLevel?: number | null;
  } | null;
  orderBy?: { field: 'CREATED_AT' | 'NUMBER' | 'RESOLUTION_DUE_AT'; direction?: 'ASC' | 'DESC' | null } | null;
}

export async function listTickets(em: EntityManager, v: Viewer, args: TicketListArgs) {
  const f = args.filter ?? {};
  const and: FilterQuery<Ticket>[] = [visibleTo(v)];
  if (f.view === 'MINE') and.push({ assigneeId: v.id ?? '00000000-0000-0000-0000-000000000000' });
  if (f.view === 'UNASSIGNED') and.push({ assigneeId: null, status: { $nin: ['SOLVED', 'CLOSED'] } });
  if (f.view === 'AT_RISK') and.push({ slaState: 'AT_RISK', status: { $nin: ['SOLVED', 'CLOSED'] } });
  if (f.view === 'BREACHED') and.push({ slaBreachedAt: { $ne: null }, status: { $nin: ['SOLVED', 'CLOSED'] } });
  if (f.statuses?.length) and.push({ status: { $in: f.statuses } });
  if (f.priorities?.length) and.push({ priority: { $in: f.priorities } });
  if (f.categories?.length) and.push({ category: { $in: f.categories } });
  if (f.assigneeId) {
    if (!z.uuid().safeParse(f.assigneeId).success) throw field('filter.assigneeId', 'must be a valid id');
    and.push({ assigneeId: f.assigneeId });
  }
  if (f.parentId) {
    if (!z.uuid().safeParse(f.parentId).success) throw field('filter.parentId', 'must be a valid id');
    and.push({ parent: f.parentId });
  }
  if (f.tag) and.push({ tags: { $contains: [f.tag] } });
  const exact = (v: string) => ({ $ilike: v.trim().replace(/[\\%_]/g, (c) => `\\${c}`) });
  if (f.destination?.trim()) and.push({ tripDestination: exact(f.destination) });
  if (f.supplier?.trim()) and.push({ tripSupplier: exact(f.supplier) });
  if (f.minEscalationLevel != null) {
    if (!Number.isInteger(f.minEscalationLevel) || f.minEscalationLevel < 1 || f.minEscalationLevel > 3)
      throw field('filter.minEscalationLevel', 'must be 1, 2 or 3');
    and.push({ escalationLevel: { $gte: f.minEscalationLevel } });
  }
  const search = f.search?.trim();
  if (search) {
    const ref = /^(?:SR-)?(\d{1,9})$/i.exec(search);
    const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    and.push({
      $or: [
        ...(ref ? [{ number: Number(ref[1]) }] : []),
        { subject: { $ilike: like } },
        { description: { $ilike: like } },
      ],
    });
  }
  const dir = args.orderBy?.direction === 'DESC' ? ('desc' as const) : ('asc' as const);
  const first: QueryOrderMap<Ticket> =
    args.orderBy?.field === 'NUMBER'
      ? { number: dir }
      : args.orderBy?.field === 'RESOLUTION_DUE_AT'
        ? { resolutionDueAt: dir }
        : { createdAt: dir };
  return findConnection(em, Ticket, { $and: and }, args, [first, { id: dir }]);
}

/**
 * Assigns the unassigned queue, oldest first: each ticket goes to an active agent who has every
 * skill it needs and is under their cap; round robin takes the one assigned longest ago, balanced
 * the one with the fewest open tickets. An advisory lock keeps two runs from over-filling a cap.
 */
export async function autoAssign(root: EntityManager, a: Actor, mode: 'ROUND_ROBIN' | 'BALANCED') {
  const assigned: Ticket[] = [];
  await root.fork().transactional(async (tx) => {
    const em = tx as EntityManager;
    await em
      .getConnection()
      .execute(`select pg_advisory_xact_lock(hashtext('service:auto-assign'))`, [], 'all', em.getTransactionContext());
    const queue = await em.find(
      Ticket,
      { assigneeId: null, status: { $in: ['NEW', 'OPEN'] } },
      { orderBy: { createdAt: 'asc', id: 'asc' }, limit: 500 },
    );
    const agents = await em.find(AgentProfile, { active: true });
    const counts = new Map<string, number>();
    if (agents.length) {
      const rows = await em.getConnection().execute<{ assignee_id: string; n: number }[]>(
        `select assignee_id, count(*)::int as n from ticket where assignee_id in (${agents.map(() => '?').join(', ')}) and status not in ('SOLVED', 'CLOSED') group by assignee_id`,
        agents.map((x) => x.userId),
        'all',
        em.getTransactionContext(),
      );
      for (const r of rows) counts.set(r.assignee_id, r.n);
    }
    const now = a.deps.clock();
    for (const t of queue) {
      const eligible = agents.filter(
        (g) => (counts.get(g.userId) ?? 0) < g.maxOpenTickets && t.skills.every((s) => g.skills.includes(s)),
      );
      if (!eligible.length) continue;
      const since = (g: AgentProfile) => g.lastAssignedAt?.getTime() ?? 0;
      eligible.sort((x, y) =>
        mode === 'BALANCED'
          ? (counts.get(x.userId) ?? 0) - (counts.get(y.userId) ?? 0) ||
            since(x) - since(y) ||
            x.userId.localeCompare(y.userId)
          : since(x) - since(y) || x.userId.localeCompare(y.userId),
      );
      const g = eligible[0];
      if (!g) continue;
      t.assigneeId = g.userId;
      t.status = 'OPEN';
      t.updatedAt = now;
      // Strictly increasing, so round robin moves on even when the clock stands still (tests).
      g.lastAssignedAt = new Date(Math.max(now.getTime(), ...agents.map((x) => since(x) + 1)));
      counts.set(g.userId, (counts.get(g.userId) ?? 0) + 1);
      history(em, t, actorOf(a.viewer), 'auto-assigned', { assigneeId: g.userId, mode });
      notifyAssigned(em, t);
      assigned.push(t);
    }
  });
  const stillUnassigned = await root.count(Ticket, { assigneeId: null, status: { $in: ['NEW', 'OPEN'] } });
  await publishTicket(
    a.deps,
    assigned.map((t) => t.id),
  );
  return { assignedCount: assigned.length, stillUnassigned };
}

export async function upsertAgentProfile(em: EntityManager, input: unknown): Promise<AgentProfile> {
  const d = parseInput(
    z.object({
      userId: zId,
      skills: zTags.nullish(),
      maxOpenTickets: z.number().int().min(0).max(1000).nullish(),
      active: z.boolean().nullish(),
      managerId: zId.nullish(),
      team: zLine(80).nullish(),
    }),
    input,
  );
  let p = await em.findOne(AgentProfile, { userId: d.userId });
  p ??= em.create(AgentProfile, { userId: d.userId });
  if (d.skills) p.skills = d.skills;
  if (d.maxOpenTickets != null) p.maxOpenTickets = d.maxOpenTickets;
  if (d.active != null) p.active = d.active;
  if (d.managerId !== undefined) p.managerId = d.managerId;
  if (d.team !== undefined) p.team = d.team;
  await em.flush();
  return p;
}

export async function createMacro(em: EntityManager, input: unknown): Promise<Macro> {
  const d = parseInput(
    z.object({
      name: zLine(120).pipe(z.string().min(1, 'is required')),
      body: zText(20_000).pipe(z.string().min(1, 'is required')),
      setStatus: z.enum(TICKET_STATUSES).nullish(),
      setPriority: z.enum(TICKET_PRIORITIES).nullish(),
      addTags: zTags.nullish(),
    }),
    input,
  );
  if (await em.count(Macro, { name: d.name })) throw field('input.name', 'is taken');
  const m = em.create(Macro, {
    name: d.name,
    body: d.body,
    setStatus: d.setStatus ?? null,
    setPriority: d.setPriority ?? null,
    addTags: d.addTags ?? [],
  });
  await em.flush();
  return m;
}

export async function applyMacro(em: EntityManager, a: Actor, input: unknown): Promise<Ticket> {
  const d = parseInput(z.object({ ticketId: z.string(), macroId: zId }), input);
  const t = await writableTicket(em, a.viewer, d.ticketId, 'input.ticketId');
  const m = await em.findOne(Macro, { id: d.macroId });
  if (!m) throw field('input.macroId', 'no such macro');
  if (t.status === 'CLOSED') throw field('input.ticketId', 'the ticket is closed; open a follow-up instead');
  await staffReply(em, a, t, m.body, m.setStatus ?? 'PENDING');
  await applyChanges(
    em,
    a,
    t,
    { priority: m.setPriority, tags: m.addTags.length ? [...new Set([...t.tags, ...m.addTags])] : null },
    actorOf(a.viewer),
  );
  await em.flush();
  await publishTicket(a.deps, [t.id]);
  return t;
}

export async function dashboard(em: EntityManager, v: Viewer) {
  const open = { status: { $nin: ['SOLVED', 'CLOSED'] as TicketStatus[] } };
  const scope = visibleTo(v);
  const [openTickets, unassignedTickets, atRiskTickets, breachedTickets] = await Promise.all([
    em.count(Ticket, { $and: [scope, open] }),
    em.count(Ticket, { $and: [scope, open, { assigneeId: null }] }),
    em.count(Ticket, { $and: [scope, open, { slaState: 'AT_RISK' }] }),
    em.count(Ticket, { $and: [scope, open, { slaBreachedAt: { $ne: null } }] }),
  ]);
  return { openTickets, unassignedTickets, atRiskTickets, breachedTickets };
}

export { slaStateOf };
