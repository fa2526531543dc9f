import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  badInput,
  enqueue,
  findConnection,
  notFound,
  parseInput,
  zId,
  zLine,
  type ConnectionArgs,
} from '@nexus/platform';
import {
  ACTIVE_STATUSES,
  AgentProfile,
  SlaCalendar,
  SlaPolicy,
  TICKET_PRIORITIES,
  TICKET_SOURCES,
  Ticket,
  type SlaState,
} from '../entities/index.ts';
import { addBusinessMinutes, businessMinutesBetween, calendarProblems } from './business-hours.ts';

const calendarInput = z.object({
  name: zLine(120).pipe(z.string().min(1, 'is required')),
  timeZone: zLine(64),
  alwaysOpen: z.boolean().nullish(),
  hours: z
    .array(z.object({ weekday: z.number().int(), start: z.string(), end: z.string() }))
    .max(50)
    .nullish(),
  holidays: z.array(z.string()).max(400).nullish(),
});

export async function createCalendar(em: EntityManager, input: unknown): Promise<SlaCalendar> {
  const d = parseInput(calendarInput, input);
  const cal = {
    timeZone: d.timeZone,
    alwaysOpen: d.alwaysOpen ?? false,
    hours: d.hours ?? [],
    holidays: d.holidays ?? [],
  };
  const problems = calendarProblems(cal);
  if (problems.length)
    throw badInput(
      `input.${problems[0]?.path}: ${problems[0]?.message}`,
      problems.map((p) => ({ ...p, path: `input.${p.path}` })),
    );
  if (await em.count(SlaCalendar, { name: d.name }))
    throw badInput('input.name: is taken', [{ path: 'input.name', message: 'is taken' }]);
  const row = em.create(SlaCalendar, { name: d.name, ...cal });
  await em.flush();
  return row;
}

const minutes = z.number().int().min(1, 'must be at least 1 minute').max(525_600);
const policyInput = z.object({
  name: zLine(120).pipe(z.string().min(1, 'is required')),
  position: z.number().int().min(0).max(10_000),
  calendarId: zId,
  priorities: z.array(z.enum(TICKET_PRIORITIES)).nullish(),
  sources: z.array(z.enum(TICKET_SOURCES)).nullish(),
  vipCompanyIds: z.array(zId).max(500).nullish(),
  travelling: z.boolean().nullish(),
  firstReplyMinutes: minutes,
  nextReplyMinutes: minutes,
  resolutionMinutes: minutes,
});

export async function createPolicy(em: EntityManager, input: unknown): Promise<SlaPolicy> {
  const d = parseInput(policyInput, input);
  const calendar = await em.findOne(SlaCalendar, { id: d.calendarId });
  if (!calendar)
    throw badInput('input.calendarId: no such calendar', [{ path: 'input.calendarId', message: 'no such calendar' }]);
  if (await em.count(SlaPolicy, { name: d.name }))
    throw badInput('input.name: is taken', [{ path: 'input.name', message: 'is taken' }]);
  const row = em.create(SlaPolicy, {
    name: d.name,
    position: d.position,
    calendar,
    conditions: {
      ...(d.priorities?.length ? { priorities: d.priorities } : {}),
      ...(d.sources?.length ? { sources: d.sources } : {}),
      ...(d.vipCompanyIds?.length ? { companyIds: d.vipCompanyIds } : {}),
      ...(d.travelling != null ? { travelling: d.travelling } : {}),
    },
    firstReplyMinutes: d.firstReplyMinutes,
    nextReplyMinutes: d.nextReplyMinutes,
    resolutionMinutes: d.resolutionMinutes,
  });
  await em.flush();
  return row;
}

export const listCalendars = (em: EntityManager, args: ConnectionArgs) =>
  findConnection(em, SlaCalendar, {}, args, [{ name: 'asc' }, { id: 'asc' }]);
export const listPolicies = (em: EntityManager, args: ConnectionArgs) =>
  findConnection(em, SlaPolicy, {}, args, [{ position: 'asc' }, { id: 'asc' }], { populate: ['calendar'] as never });

type PolicyTicket = Pick<Ticket, 'priority' | 'source' | 'companyId' | 'requesterTravelling'>;

/** The first active policy (by position) whose every condition holds for the ticket. */
export async function choosePolicy(em: EntityManager, t: PolicyTicket): Promise<SlaPolicy | null> {
  const policies = await em.find(
    SlaPolicy,
    { active: true },
    { orderBy: [{ position: 'asc' }, { id: 'asc' }], populate: ['calendar'] },
  );
  return (
    policies.find((p) => {
      const c = p.conditions;
      if (c.priorities?.length && !c.priorities.includes(t.priority)) return false;
      if (c.sources?.length && !c.sources.includes(t.source)) return false;
      if (c.companyIds?.length && !(t.companyId && c.companyIds.includes(t.companyId))) return false;
      if (c.travelling != null && c.travelling !== t.requesterTravelling) return false;
      return true;
    }) ?? null
  );
}

/** Sets the policy and first-reply and resolution due times of a new ticket. */
export async function startSla(em: EntityManager, t: Ticket, now: Date): Promise<void> {
  const policy = await choosePolicy(em, t);
  if (!policy) return;
  const cal = policy.calendar.getEntity();
  t.slaPolicyId = policy.id;
  t.firstReplyDueAt = addBusinessMinutes(cal, now, policy.firstReplyMinutes);
  t.resolutionDueAt = addBusinessMinutes(cal, now, policy.resolutionMinutes);
  t.slaState = 'ON_TRACK';
}

async function policyOf(em: EntityManager, t: Ticket): Promise<SlaPolicy | null> {
  return t.slaPolicyId ? em.findOne(SlaPolicy, { id: t.slaPolicyId }, { populate: ['calendar'] }) : null;
}

/**
 * Moves the SLA clock for a status change: PENDING (waiting on the requester) stops it; leaving
 * PENDING pushes every open due time out by the business time spent paused (ON_HOLD, waiting on a
 * supplier, does not stop it); SOLVED/CLOSED ends it.
 */
export async function slaOnStatus(em: EntityManager, t: Ticket, from: string, now: Date): Promise<void> {
  const policy = await policyOf(em, t);
  if (!policy) return;
  const cal = policy.calendar.getEntity();
  if (t.status === 'PENDING' && from !== 'PENDING') {
    t.slaPausedAt = now;
  } else if (from === 'PENDING' && t.status !== 'PENDING' && t.slaPausedAt) {
    const pausedAt = t.slaPausedAt;
    const shift = (due: Date | null | undefined) =>
      due ? addBusinessMinutes(cal, now, businessMinutesBetween(cal, pausedAt, due)) : due;
    t.firstReplyDueAt = t.firstRepliedAt ? t.firstReplyDueAt : shift(t.firstReplyDueAt);
    t.nextReplyDueAt = shift(t.nextReplyDueAt);
    t.resolutionDueAt = shift(t.resolutionDueAt);
    t.slaPausedAt = null;
  }
  t.slaState = slaStateOf(t);
}

/** A staff reply: the first reply is met, and nothing is owed until the requester writes again. */
export function slaOnStaffReply(t: Ticket, now: Date): void {
  t.firstRepliedAt ??= now;
  t.nextReplyDueAt = null;
}

/** The requester wrote: the next reply is due within the policy's next-reply target. */
export async function slaOnCustomerMessage(em: EntityManager, t: Ticket, now: Date): Promise<void> {
  const policy = await policyOf(em, t);
  if (!policy || !t.firstRepliedAt) return;
  t.nextReplyDueAt = addBusinessMinutes(policy.calendar.getEntity(), now, policy.nextReplyMinutes);
}

export function slaStateOf(t: Ticket): SlaState {
  if (!t.slaPolicyId) return 'NONE';
  if (t.slaBreachedAt) return 'BREACHED';
  if (t.status === 'SOLVED' || t.status === 'CLOSED') return 'MET';
  if (t.slaPausedAt) return 'PAUSED';
  if (t.slaAtRiskAt) return 'AT_RISK';
  return 'ON_TRACK';
}

/** The target that falls due first, with its size in business minutes. */
function nextTarget(t: Ticket, p: SlaPolicy): { due: Date; minutes: number } | null {
  const targets = [
    !t.firstRepliedAt && t.firstReplyDueAt ? { due: t.firstReplyDueAt, minutes: p.firstReplyMinutes } : null,
    t.nextReplyDueAt ? { due: t.nextReplyDueAt, minutes: p.nextReplyMinutes } : null,
    t.resolutionDueAt ? { due: t.resolutionDueAt, minutes: p.resolutionMinutes } : null,
  ].filter((x): x is { due: Date; minutes: number } => x !== null);
  targets.sort((a, b) => a.due.getTime() - b.due.getTime());
  return targets[0] ?? null;
}

/**
 * The repeatable SLA check: flags tickets at risk (80% of a target's business time used) and
 * breached, each once. The flag is set with a conditional update, so two overlapping runs (or a
 * run repeated after a crash) notify once: only the run whose update changed the row notifies the
 * assignee and their manager (`SLA_BREACH`, through identity's notify contract).
 */
export function checkSla(root: EntityManager, now: Date): Promise<{ atRisk: string[]; breached: string[] }> {
  // One transaction: a flag and its notifications commit together, and a second run waits on the
  // row locks of the first, then finds the flags already set.
  return root.fork().transactional((em) => runCheck(em as EntityManager, now));
}

async function runCheck(em: EntityManager, now: Date): Promise<{ atRisk: string[]; breached: string[] }> {
  const tickets = await em.find(
    Ticket,
    { status: { $in: [...ACTIVE_STATUSES] }, slaPolicyId: { $ne: null }, slaPausedAt: null, slaBreachedAt: null },
    { orderBy: { createdAt: 'asc' }, limit: 5000 },
  );
  const policies = new Map<string, SlaPolicy>();
  const atRisk: string[] = [];
  const breached: string[] = [];
  for (const t of tickets) {
    const pid = t.slaPolicyId ?? '';
    let policy = policies.get(pid);
    if (!policy) {
      const found = await em.findOne(SlaPolicy, { id: pid }, { populate: ['calendar'] });
      if (!found) continue;
      policy = found;
      policies.set(pid, policy);
    }
    const target = nextTarget(t, policy);
    if (!target) continue;
    const cal = policy.calendar.getEntity();
    if (target.due <= now) {
      const n = await em.nativeUpdate(
        Ticket,
        { id: t.id, slaBreachedAt: null },
        { slaBreachedAt: now, slaState: 'BREACHED' },
      );
      if (n === 1) breached.push(t.id);
    } else if (!t.slaAtRiskAt && businessMinutesBetween(cal, now, target.due) <= target.minutes * 0.2) {
      const n = await em.nativeUpdate(
        Ticket,
        { id: t.id, slaAtRiskAt: null },
        { slaAtRiskAt: now, slaState: 'AT_RISK' },
      );
      if (n === 1) atRisk.push(t.id);
    }
  }
  for (const [ids, kind] of [
    [atRisk, 'at risk'],
    [breached, 'breached'],
  ] as const) {
    for (const id of ids) {
      const t = tickets.find((x) => x.id === id);
      if (!t?.assigneeId) continue;
      const profile = await em.findOne(AgentProfile, { userId: t.assigneeId });
      const recipients = [t.assigneeId, profile?.managerId].filter((x): x is string => !!x);
      for (const userId of new Set(recipients)) {
        enqueue(em, 'notifications', 'notify', {
          userId,
          type: 'SLA_BREACH',
          title: `SLA ${kind}: SR-${t.number} ${t.subject}`.slice(0, 200),
          body: `Ticket SR-${t.number} is ${kind}.`,
          link: `/service/tickets/${t.id}`,
          dedupeKey: `sla-${kind === 'breached' ? 'breach' : 'risk'}:${t.id}:${userId}`,
        });
      }
    }
  }
  await em.flush();
  return { atRisk, breached };
}

export async function policyById(em: EntityManager, id: string): Promise<SlaPolicy> {
  const p = await em.findOne(SlaPolicy, { id }, { populate: ['calendar'] });
  if (!p) throw notFound('SLA policy', id);
  return p;
}
