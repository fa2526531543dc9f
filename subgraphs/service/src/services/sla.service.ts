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
  TicketEvent,
  type SlaState,
  type WeeklyHours,
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

function checkCalendar(cal: { timeZone: string; alwaysOpen: boolean; hours: WeeklyHours[]; holidays: string[] }) {
  const problems = calendarProblems(cal);
  if (problems.length)
    throw badInput(
      `input.${problems[0]?.path}: ${problems[0]?.message}`,
      problems.map((p) => ({ ...p, path: `input.${p.path}` })),
    );
}

export async function createCalendar(em: EntityManager, input: unknown): Promise<SlaCalendar> {
  const d = parseInput(calendarInput, input);
  const cal = {
    timeZone: d.timeZone,
    alwaysOpen: d.alwaysOpen ?? false,
    hours: d.hours ?? [],
    holidays: d.holidays ?? [],
  };
  checkCalendar(cal);
  if (await em.count(SlaCalendar, { name: d.name }))
    throw badInput('input.name: is taken', [{ path: 'input.name', message: 'is taken' }]);
  const row = em.create(SlaCalendar, { name: d.name, ...cal });
  await em.flush();
  return row;
}

const updateCalendarInput = calendarInput.partial().extend({ id: zId, active: z.boolean().nullish() });

/**
 * Edits a calendar: the whole definition is checked again (overlapping hours refused, naming the
 * window). Deactivating one that an active policy uses is refused, naming those policies. Due
 * times already set stay; new tickets and clock moves from now on use the new hours.
 */
export async function updateCalendar(em: EntityManager, input: unknown): Promise<SlaCalendar> {
  const d = parseInput(updateCalendarInput, input);
  const row = await em.findOne(SlaCalendar, { id: d.id });
  if (!row) throw notFound('SLA calendar', d.id);
  const next = {
    timeZone: d.timeZone ?? row.timeZone,
    alwaysOpen: d.alwaysOpen ?? row.alwaysOpen,
    hours: d.hours ?? row.hours,
    holidays: d.holidays ?? row.holidays,
  };
  checkCalendar(next);
  if (d.name != null && d.name !== row.name && (await em.count(SlaCalendar, { name: d.name })))
    throw badInput('input.name: is taken', [{ path: 'input.name', message: 'is taken' }]);
  if (d.active === false && row.active) {
    const users = await em.find(SlaPolicy, { calendar: row.id, active: true }, { orderBy: { position: 'asc' } });
    if (users.length) {
      const message = `is used by the active ${users.length === 1 ? 'policy' : 'policies'} ${users.map((u) => u.name).join(', ')}: deactivate them or move them to another calendar first`;
      throw badInput(`input.active: ${message}`, [{ path: 'input.active', message }]);
    }
  }
  Object.assign(row, next);
  if (d.name != null) row.name = d.name;
  if (d.active != null) row.active = d.active;
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
  escalateAfterMinutes: minutes.nullish(),
});

async function activeCalendar(em: EntityManager, id: string): Promise<SlaCalendar> {
  const calendar = await em.findOne(SlaCalendar, { id });
  if (!calendar)
    throw badInput('input.calendarId: no such calendar', [{ path: 'input.calendarId', message: 'no such calendar' }]);
  if (!calendar.active)
    throw badInput('input.calendarId: the calendar is inactive', [
      { path: 'input.calendarId', message: 'the calendar is inactive' },
    ]);
  return calendar;
}

export async function createPolicy(em: EntityManager, input: unknown): Promise<SlaPolicy> {
  const d = parseInput(policyInput, input);
  const calendar = await activeCalendar(em, d.calendarId);
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
    escalateAfterMinutes: d.escalateAfterMinutes ?? 60,
  });
  await em.flush();
  return row;
}

const updatePolicyInput = policyInput.partial().extend({
  id: zId,
  anyTravelling: z.boolean().nullish(),
  active: z.boolean().nullish(),
});

/** Edits, reorders or (de)activates a policy; tickets that have it keep their due times. */
export async function updatePolicy(em: EntityManager, input: unknown): Promise<SlaPolicy> {
  const d = parseInput(updatePolicyInput, input);
  const row = await em.findOne(SlaPolicy, { id: d.id }, { populate: ['calendar'] });
  if (!row) throw notFound('SLA policy', d.id);
  if (d.name != null && d.name !== row.name && (await em.count(SlaPolicy, { name: d.name })))
    throw badInput('input.name: is taken', [{ path: 'input.name', message: 'is taken' }]);
  if (d.calendarId != null && d.calendarId !== row.calendar.id)
    row.calendar = (await activeCalendar(em, d.calendarId)) as never;
  if (d.active === true && !row.calendar.getEntity().active)
    throw badInput('input.active: its calendar is inactive', [
      { path: 'input.active', message: 'its calendar is inactive' },
    ]);
  const c = { ...row.conditions };
  const list = <T>(v: T[] | null | undefined, key: 'priorities' | 'sources' | 'companyIds') => {
    if (v === undefined || v === null) return;
    if (v.length) (c as Record<string, unknown>)[key] = v;
    else delete c[key];
  };
  list(d.priorities, 'priorities');
  list(d.sources, 'sources');
  list(d.vipCompanyIds, 'companyIds');
  if (d.anyTravelling) delete c.travelling;
  else if (d.travelling != null) c.travelling = d.travelling;
  row.conditions = c;
  for (const k of [
    'name',
    'position',
    'firstReplyMinutes',
    'nextReplyMinutes',
    'resolutionMinutes',
    'escalateAfterMinutes',
    'active',
  ] as const) {
    const v = d[k];
    if (v != null) Object.assign(row, { [k]: v });
  }
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
 * breached, each once, and escalates them level by level (see `escalate`). Every flag and level is
 * set with a conditional update, so two overlapping runs (or a run repeated after a crash) notify
 * once: only the run whose update changed the row notifies.
 */
export function checkSla(
  root: EntityManager,
  now: Date,
): Promise<{ atRisk: string[]; breached: string[]; escalated: { id: string; level: number }[] }> {
  // One transaction: a flag and its notifications commit together, and a second run waits on the
  // row locks of the first, then finds the flags already set.
  return root.fork().transactional((em) => runCheck(em as EntityManager, now));
}

/** Escalation levels: who hears of each, and why. */
export const ESCALATION = {
  1: 'near breach',
  2: 'breached',
  3: 'still breached',
} as const;
type Level = keyof typeof ESCALATION;

async function runCheck(em: EntityManager, now: Date) {
  const tickets = await em.find(
    Ticket,
    {
      status: { $in: [...ACTIVE_STATUSES] },
      slaPolicyId: { $ne: null },
      slaPausedAt: null,
      $or: [{ slaBreachedAt: null }, { escalationLevel: { $lt: 3 } }],
    },
    { orderBy: { createdAt: 'asc' }, limit: 5000 },
  );
  const policies = new Map<string, SlaPolicy>();
  const atRisk: string[] = [];
  const breached: string[] = [];
  const escalated: { id: string; level: number }[] = [];
  const raise = async (t: Ticket, level: Level) => {
    if (t.escalationLevel >= level) return;
    const n = await em.nativeUpdate(
      Ticket,
      { id: t.id, escalationLevel: { $lt: level } },
      { escalationLevel: level, escalatedAt: now },
    );
    if (n !== 1) return;
    const from = t.escalationLevel;
    t.escalationLevel = level;
    t.escalatedAt = now;
    escalated.push({ id: t.id, level });
    em.create(TicketEvent, {
      ticket: em.getReference(Ticket, t.id),
      actor: 'system',
      action: 'escalated',
      changes: { escalationLevel: { from, to: level }, reason: ESCALATION[level] },
      createdAt: now,
    });
    await notifyEscalation(em, t, level);
  };
  for (const t of tickets) {
    const pid = t.slaPolicyId ?? '';
    let policy = policies.get(pid);
    if (!policy) {
      const found = await em.findOne(SlaPolicy, { id: pid }, { populate: ['calendar'] });
      if (!found) continue;
      policy = found;
      policies.set(pid, policy);
    }
    const cal = policy.calendar.getEntity();
    if (t.slaBreachedAt) {
      // Level 3: still unresolved `escalateAfterMinutes` business minutes after the breach.
      if (addBusinessMinutes(cal, t.slaBreachedAt, policy.escalateAfterMinutes) <= now) await raise(t, 3);
      else await raise(t, 2);
      continue;
    }
    const target = nextTarget(t, policy);
    if (!target) continue;
    if (target.due <= now) {
      const n = await em.nativeUpdate(
        Ticket,
        { id: t.id, slaBreachedAt: null },
        { slaBreachedAt: now, slaState: 'BREACHED' },
      );
      if (n === 1) {
        breached.push(t.id);
        t.slaBreachedAt = now;
        await raise(t, 2);
      }
    } else if (!t.slaAtRiskAt && businessMinutesBetween(cal, now, target.due) <= target.minutes * 0.2) {
      const n = await em.nativeUpdate(
        Ticket,
        { id: t.id, slaAtRiskAt: null },
        { slaAtRiskAt: now, slaState: 'AT_RISK' },
      );
      if (n === 1) {
        atRisk.push(t.id);
        await raise(t, 1);
      }
    }
  }
  await em.flush();
  return { atRisk, breached, escalated };
}

/**
 * Who hears of an escalation: level 1 the assignee; level 2 the assignee and their team lead (the
 * `manager` of the assignee's agent profile); level 3 the team lead and the lead's own manager.
 * An unassigned ticket's team lead is the lead of its team (the manager named by the team's agent
 * profiles), so a breach in the queue still reaches someone. Notifications are `SLA_BREACH`,
 * deduplicated per ticket, level and person.
 */
async function notifyEscalation(em: EntityManager, t: Ticket, level: Level) {
  const managerOf = async (userId: string | null | undefined) =>
    userId ? ((await em.findOne(AgentProfile, { userId }))?.managerId ?? null) : null;
  let lead = await managerOf(t.assigneeId);
  if (!lead && t.team) {
    const teamLead = await em.findOne(
      AgentProfile,
      { team: t.team, active: true, managerId: { $ne: null } },
      { orderBy: { userId: 'asc' } },
    );
    lead = teamLead?.managerId ?? null;
  }
  const manager = await managerOf(lead);
  const recipients =
    level === 1 ? [t.assigneeId ?? lead] : level === 2 ? [t.assigneeId, lead] : [lead, manager ?? lead];
  const what = ESCALATION[level];
  if (level >= 2) {
    // The support channel in Slack hears of breaches (levels 2 and 3), once per ticket and level.
    const dedupeKey = `sla-breach:${t.id}:${level}`;
    enqueue(
      em,
      'slack',
      'slack-announce',
      {
        kind: 'SLA_BREACH',
        text: `SLA ${what} (level ${level}): SR-${t.number} ${t.subject}`.slice(0, 500),
        link: `/service/tickets/${t.id}`,
        ref: { type: 'Ticket', id: t.id },
        actions: [{ action: 'ticket-assign-me', label: 'Assign to me', value: t.id }],
        dedupeKey,
      },
      { jobId: dedupeKey },
    );
  }
  for (const userId of new Set(recipients.filter((x): x is string => !!x))) {
    enqueue(em, 'notifications', 'notify', {
      userId,
      type: 'SLA_BREACH',
      title: `SLA ${what} (level ${level}): SR-${t.number} ${t.subject}`.slice(0, 200),
      body: `Ticket SR-${t.number} is ${what}${level === 3 ? ' after the escalation delay' : ''}.`,
      link: `/service/tickets/${t.id}`,
      dedupeKey: `sla-level-${level}:${t.id}:${userId}`,
    });
  }
}

export async function policyById(em: EntityManager, id: string): Promise<SlaPolicy> {
  const p = await em.findOne(SlaPolicy, { id }, { populate: ['calendar'] });
  if (!p) throw notFound('SLA policy', id);
  return p;
}
