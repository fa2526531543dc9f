import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { DateTime, IANAZone } from 'luxon';
import { createEvent } from 'ics';
import { UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  QUEUES,
  TRANSACTIONAL_MAIL_JOB,
  badInput,
  enqueue,
  findConnection,
  forbidden,
  notFound,
  parseInput,
  rankOf,
  zEmail,
  zId,
  zLine,
  zText,
  type ConnectionArgs,
  type FieldProblem,
  type Viewer,
} from '@nexus/platform';
import type { SalesDeps } from '../context.ts';
import {
  Availability,
  CALENDAR_PROVIDERS,
  MEETING_KINDS,
  Meeting,
  MeetingType,
  type MeetingStatus,
} from '../entities/index.ts';
import type { ExternalCalendar } from './external-calendars.ts';
import { openSlots, rangeProblems, type HostCalendar, type Slot, type SlotRules } from './slots.ts';
import { opt, zDate } from './validation.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const zTimeZone = z
  .string()
  .refine((tz) => IANAZone.isValidZone(tz), { message: 'must be an IANA time zone such as Europe/Lisbon' });
const zRange = z.object({ start: z.string(), end: z.string() });
const zMinutes = (max: number) =>
  z.number().int({ message: 'must be whole minutes' }).min(0, { message: 'must not be negative' }).max(max);

function throwIssues(issues: FieldProblem[]) {
  const first = issues[0];
  if (!first) return;
  throw badInput(issues.length === 1 ? `${first.path}: ${first.message}` : 'Some fields are not valid.', issues);
}

const isManager = (viewer: Viewer) => viewer.rank >= rankOf('MANAGER');

/** What the meeting rules need of the subgraph: its settings, its clock, its external calendars and log. */
export type MeetingDeps = Pick<SalesDeps, 'env' | 'clock' | 'calendars' | 'log'>;

/* ---------- availability ---------- */

const availabilityInput = z.object({
  userId: opt(zId),
  displayName: zLine(200).pipe(z.string().min(1, { message: 'is required' })),
  email: zEmail,
  timeZone: zTimeZone,
  weekly: z
    .array(
      zRange.extend({
        weekday: z
          .number()
          .int()
          .min(1, { message: 'must be 1 (Monday) to 7' })
          .max(7, { message: 'must be 1 (Monday) to 7' }),
      }),
    )
    .max(70),
  overrides: opt(z.array(z.object({ date: zDate, ranges: z.array(zRange).max(10) })).max(366)),
  externalCalendar: z
    .object({
      provider: z.enum(CALENDAR_PROVIDERS),
      address: z.string().trim().min(1, { message: 'is required' }).max(2000),
    })
    .superRefine((c, ctx) => {
      const ok =
        c.provider === 'GOOGLE'
          ? /^[^\s/]{1,254}$/.test(c.address)
          : z.url({ protocol: /^https?$/ }).safeParse(c.address).success;
      if (!ok)
        ctx.addIssue({
          code: 'custom',
          path: ['address'],
          message:
            c.provider === 'GOOGLE'
              ? 'must be a Google calendar id (such as name@example.com)'
              : c.provider === 'CALDAV'
                ? 'must be the http(s) URL of the CalDAV calendar'
                : "must be the feed's http(s) URL",
        });
    })
    .nullish(),
});

/** Sets a member's hours (their own; a manager may set anyone's). Overlapping ranges are refused. */
export async function setAvailability(em: EntityManager, viewer: Viewer, input: unknown): Promise<Availability> {
  const d = parseInput(availabilityInput, input);
  const userId = d.userId ?? viewer.id;
  if (!userId) throw forbidden('Only a staff member has availability.');
  if (userId !== viewer.id && !isManager(viewer)) throw forbidden("Only a manager may set another member's hours.");
  const issues: FieldProblem[] = [];
  for (let day = 1; day <= 7; day++) {
    const indexed = d.weekly.map((r, i) => ({ r, i })).filter((x) => x.r.weekday === day);
    issues.push(
      ...rangeProblems(
        indexed.map((x) => x.r),
        (i, f) => `input.weekly.${indexed[i]?.i ?? i}.${f}`,
      ),
    );
  }
  const overrides = d.overrides ?? [];
  const dates = new Set<string>();
  overrides.forEach((o, oi) => {
    if (dates.has(o.date)) issues.push({ path: `input.overrides.${oi}.date`, message: 'is given twice' });
    dates.add(o.date);
    issues.push(...rangeProblems(o.ranges, (i, f) => `input.overrides.${oi}.ranges.${i}.${f}`));
  });
  throwIssues(issues);
  const fields = {
    displayName: d.displayName,
    email: d.email,
    timeZone: d.timeZone,
    weekly: d.weekly,
    overrides,
    calendarProvider: d.externalCalendar?.provider ?? null,
    calendarAddress: d.externalCalendar?.address ?? null,
  };
  const existing = await em.findOne(Availability, { userId });
  const row = existing ? em.assign(existing, fields) : em.create(Availability, { userId, ...fields });
  await em.flush();
  return row;
}

export const availabilityOf = (em: EntityManager, userId: string) => em.findOne(Availability, { userId });

/* ---------- meeting types ---------- */

export const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/;
/** Slugs that are paths of the booking pages themselves. */
const RESERVED_SLUGS = new Set(['booking', 'assets', 'route']);

/** A public page's address part: lower-case letters, digits and dashes. */
export const zSlug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(SLUG, { message: 'must be lower-case letters, digits and dashes' })
  .refine((s) => !RESERVED_SLUGS.has(s), { message: 'is reserved' });

const typeFields = {
  slug: zSlug,
  name: zLine(200).pipe(z.string().min(1, { message: 'is required' })),
  description: opt(zText(5000)),
  kind: opt(z.enum(MEETING_KINDS)),
  hostIds: opt(z.array(zId).min(1, { message: 'needs at least one host' }).max(50)),
  durationMinutes: zMinutes(24 * 60).pipe(z.number().min(5, { message: 'must be at least 5 minutes' })),
  bufferBeforeMinutes: opt(zMinutes(240)),
  bufferAfterMinutes: opt(zMinutes(240)),
  minimumNoticeMinutes: opt(zMinutes(60 * 24 * 30)),
  maxDaysAhead: opt(
    z.number().int().min(1, { message: 'must be at least 1' }).max(730, { message: 'must be at most 730' }),
  ),
  slotStepMinutes: opt(zMinutes(24 * 60).pipe(z.number().min(5, { message: 'must be at least 5 minutes' }))),
  location: opt(zLine(500)),
  active: opt(z.boolean()),
};
const createTypeInput = z.object(typeFields);
const updateTypeInput = z.object(typeFields).partial().extend({ id: zId });

async function checkHosts(em: EntityManager, kind: string, hostIds: string[], issues: FieldProblem[]) {
  if (kind === 'ONE_PERSON' && hostIds.length !== 1)
    issues.push({ path: 'input.hostIds', message: 'a one-person meeting type has exactly one host' });
  if (kind === 'COLLECTIVE' && new Set(hostIds).size < 2)
    issues.push({ path: 'input.hostIds', message: 'a collective meeting type has at least two hosts' });
  const known = new Set((await em.find(Availability, { userId: { $in: hostIds } })).map((a) => a.userId));
  hostIds.forEach((id, i) => {
    if (!known.has(id)) issues.push({ path: `input.hostIds.${i}`, message: 'has not set their availability yet' });
  });
}

const mayEditType = (viewer: Viewer, type: MeetingType) =>
  isManager(viewer) || (viewer.id !== null && (type.ownerId === viewer.id || type.hostIds.includes(viewer.id)));

export async function createMeetingType(em: EntityManager, viewer: Viewer, input: unknown): Promise<MeetingType> {
  const d = parseInput(createTypeInput, input);
  const hostIds = d.hostIds ?? (viewer.id ? [viewer.id] : []);
  const kind = d.kind ?? 'ONE_PERSON';
  if (!isManager(viewer) && !hostIds.every((h) => h === viewer.id))
    throw forbidden('Only a manager may make booking pages for other members.');
  const issues: FieldProblem[] = [];
  await checkHosts(em, kind, hostIds, issues);
  if (await em.count(MeetingType, { slug: d.slug })) issues.push({ path: 'input.slug', message: 'is taken' });
  throwIssues(issues);
  const type = em.create(MeetingType, {
    slug: d.slug,
    name: d.name,
    description: d.description ?? null,
    kind,
    hostIds,
    durationMinutes: d.durationMinutes,
    bufferBeforeMinutes: d.bufferBeforeMinutes ?? 0,
    bufferAfterMinutes: d.bufferAfterMinutes ?? 0,
    minimumNoticeMinutes: d.minimumNoticeMinutes ?? 240,
    maxDaysAhead: d.maxDaysAhead ?? 60,
    slotStepMinutes: d.slotStepMinutes ?? null,
    location: d.location ?? null,
    active: d.active ?? true,
    ownerId: viewer.id,
  });
  try {
    await em.flush();
  } catch (e) {
    if (e instanceof UniqueConstraintViolationException)
      throw badInput('input.slug: is taken', [{ path: 'input.slug', message: 'is taken' }]);
    throw e;
  }
  return type;
}

export async function updateMeetingType(em: EntityManager, viewer: Viewer, input: unknown): Promise<MeetingType> {
  const d = parseInput(updateTypeInput, input);
  const type = await em.findOne(MeetingType, { id: d.id });
  if (!type) throw notFound('MeetingType', d.id);
  if (!mayEditType(viewer, type)) throw forbidden('Only its hosts or a manager may change this meeting type.');
  const issues: FieldProblem[] = [];
  const kind = d.kind ?? type.kind;
  const hostIds = d.hostIds ?? type.hostIds;
  if (d.hostIds && !isManager(viewer) && !d.hostIds.every((h) => h === viewer.id))
    throw forbidden('Only a manager may add other members as hosts.');
  if (d.kind || d.hostIds) await checkHosts(em, kind, hostIds, issues);
  if (d.slug && d.slug !== type.slug && (await em.count(MeetingType, { slug: d.slug })))
    issues.push({ path: 'input.slug', message: 'is taken' });
  throwIssues(issues);
  const { id: _id, ...rest } = d;
  em.assign(type, Object.fromEntries(Object.entries({ ...rest, kind, hostIds }).filter(([, v]) => v !== undefined)));
  await em.flush();
  return type;
}

export interface MeetingTypeListArgs extends ConnectionArgs {
  filter?: { search?: string | null; hostId?: string | null; active?: boolean | null } | null;
  orderBy?: { field: 'NAME' | 'CREATED_AT'; direction?: 'ASC' | 'DESC' | null } | null;
}
const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function listMeetingTypes(em: EntityManager, args: MeetingTypeListArgs) {
  const f = args.filter ?? {};
  const where: FilterQuery<MeetingType> = {};
  if (f.active !== null && f.active !== undefined) where.active = f.active;
  if (f.hostId) where.hostIds = { $contains: [parseInput(zId, f.hostId, 'filter.hostId')] };
  const search = f.search?.trim();
  if (search) where.$or = [{ name: { $ilike: like(search) } }, { slug: { $ilike: like(search) } }];
  const dir = args.orderBy?.direction === 'DESC' ? ('desc' as const) : ('asc' as const);
  const first = args.orderBy?.field === 'CREATED_AT' ? { createdAt: dir } : { name: dir };
  return findConnection(em, MeetingType, where, args, [first, { id: dir }]);
}

export interface MeetingListArgs extends ConnectionArgs {
  filter?: {
    hostId?: string | null;
    meetingTypeId?: string | null;
    status?: MeetingStatus[] | null;
    from?: Date | string | null;
    to?: Date | string | null;
  } | null;
  orderBy?: { field: 'STARTS_AT' | 'CREATED_AT'; direction?: 'ASC' | 'DESC' | null } | null;
}

export function listMeetings(em: EntityManager, args: MeetingListArgs) {
  const f = args.filter ?? {};
  const where: FilterQuery<Meeting> = {};
  if (f.hostId) {
    const hostId = parseInput(zId, f.hostId, 'filter.hostId');
    where.$or = [{ hostId }, { coHostIds: { $contains: [hostId] } }];
  }
  if (f.meetingTypeId) where.meetingTypeId = parseInput(zId, f.meetingTypeId, 'filter.meetingTypeId');
  if (f.status?.length) where.status = { $in: f.status };
  if (f.from || f.to)
    where.startsAt = { ...(f.from ? { $gte: new Date(f.from) } : {}), ...(f.to ? { $lt: new Date(f.to) } : {}) };
  const dir = args.orderBy?.direction === 'DESC' ? ('desc' as const) : ('asc' as const);
  const first = args.orderBy?.field === 'CREATED_AT' ? { createdAt: dir } : { startsAt: dir };
  return findConnection(em, Meeting, where, args, [first, { id: dir }]);
}

/* ---------- open slots ---------- */

/** Meetings any of `hostIds` attends: as the host or (collective) as a co-host. */
const attendedByAny = (hostIds: string[]): { $or: FilterQuery<Meeting>[] } => ({
  $or: [{ hostId: { $in: hostIds } }, ...hostIds.map((id) => ({ coHostIds: { $contains: [id] } }))],
});
const attends = (m: Meeting, userId: string) => m.hostId === userId || m.coHostIds.includes(userId);
/** Collective types need every host free; the others any one. */
const slotMode = (type: Pick<MeetingType, 'kind'>) => (type.kind === 'COLLECTIVE' ? 'all' : 'any');

/** A member's external calendar, when they have one. */
export const externalCalendarOf = (a: Availability): ExternalCalendar | null =>
  a.calendarProvider && a.calendarAddress ? { provider: a.calendarProvider, address: a.calendarAddress } : null;

/** The busy time of a member's external calendar over a window (none when they have no calendar). */
const externalBusy = async (deps: MeetingDeps, a: Availability, window: { from: Date; to: Date }) => {
  const cal = externalCalendarOf(a);
  return cal ? deps.calendars.busy({ userId: a.userId, displayName: a.displayName }, cal, window) : [];
};

/** Each host's calendar for [from, to): hours, booked meetings (with buffers) and external busy time. */
async function calendars(
  em: EntityManager,
  deps: MeetingDeps,
  type: MeetingType,
  window: { from: Date; to: Date },
  o: { exceptMeetingId?: string } = {},
): Promise<HostCalendar[]> {
  const avails = await em.find(Availability, { userId: { $in: type.hostIds } });
  const meetings = await em.find(Meeting, {
    ...attendedByAny(type.hostIds),
    status: 'BOOKED',
    blockedUntil: { $gt: new Date(window.from.getTime() - 86_400_000) },
    blockedFrom: { $lt: new Date(window.to.getTime() + 86_400_000) },
    ...(o.exceptMeetingId ? { id: { $ne: o.exceptMeetingId } } : {}),
  });
  return Promise.all(
    avails.map(async (a) => ({
      hostId: a.userId,
      timeZone: a.timeZone,
      weekly: a.weekly,
      overrides: a.overrides,
      busy: [
        ...meetings.filter((m) => attends(m, a.userId)).map((m) => ({ start: m.blockedFrom, end: m.blockedUntil })),
        ...(await externalBusy(deps, a, window)),
      ],
    })),
  );
}

const DEFAULT_WINDOW_DAYS = 14;
const MAX_WINDOW_DAYS = 62;

/** A window asked for: from now (or `from`) for two weeks by default, at most 62 days. */
export function slotWindow(from: Date | string | null | undefined, to: Date | string | null | undefined, now: Date) {
  const start = from ? new Date(from) : now;
  const end = to ? new Date(to) : new Date(start.getTime() + DEFAULT_WINDOW_DAYS * 86_400_000);
  if (end <= start) throw badInput('to: must be after from', [{ path: 'to', message: 'must be after from' }]);
  if (end.getTime() - start.getTime() > MAX_WINDOW_DAYS * 86_400_000)
    throw badInput(`to: at most ${MAX_WINDOW_DAYS} days after from`, [
      { path: 'to', message: `must be at most ${MAX_WINDOW_DAYS} days after from` },
    ]);
  return { from: start, to: end };
}

const rulesOf = (t: MeetingType): SlotRules => ({
  durationMinutes: t.durationMinutes,
  bufferBeforeMinutes: t.bufferBeforeMinutes ?? 0,
  bufferAfterMinutes: t.bufferAfterMinutes ?? 0,
  minimumNoticeMinutes: t.minimumNoticeMinutes ?? 0,
  maxDaysAhead: t.maxDaysAhead ?? 60,
  slotStepMinutes: t.slotStepMinutes ?? null,
});

export async function slotsOf(
  em: EntityManager,
  deps: MeetingDeps,
  type: MeetingType,
  window: { from: Date; to: Date },
  o: { exceptMeetingId?: string } = {},
): Promise<Slot[]> {
  const cals = await calendars(em, deps, type, window, o);
  return openSlots(cals, rulesOf(type), { now: deps.clock(), ...window }, slotMode(type));
}

/* ---------- booking ---------- */

const bookingInput = z.object({
  startsAt: z.date({ message: 'must be a date-time' }),
  name: zLine(200).pipe(z.string().min(1, { message: 'is required' })),
  email: zEmail,
  timeZone: opt(zTimeZone),
  notes: opt(zText(2000)),
});

/** Locks the hosts' calendars in one order (no deadlock), so overlapping bookings are decided one at a time. */
async function lockHosts(tx: EntityManager, hostIds: string[]) {
  for (const id of [...hostIds].sort())
    await tx.execute(`select pg_advisory_xact_lock(hashtext(?))`, [`sales:host:${id}`]);
}

const taken = () =>
  badInput('startsAt: that time is not available (taken, past, or outside the hours); pick another slot', [
    { path: 'input.startsAt', message: 'is not an open slot' },
  ]);

/**
 * Picks the host for a slot: the only one, or (round robin) the free host with the fewest bookings
 * of this type, then the one booked least recently, then the listed order.
 */
async function pickHost(tx: EntityManager, type: MeetingType, free: string[]): Promise<string> {
  if (free.length === 1) return free[0] ?? '';
  const rows = await tx.execute<{ host_id: string; n: string; last: Date | null }[]>(
    `select host_id, count(*) as n, max(created_at) as last from meeting where meeting_type_id = ? and status = 'BOOKED' group by host_id`,
    [type.id],
  );
  const stats = new Map(
    rows.map((r) => [r.host_id, { n: Number(r.n), last: r.last ? new Date(r.last).getTime() : 0 }]),
  );
  const ranked = [...free].sort((a, b) => {
    const sa = stats.get(a) ?? { n: 0, last: 0 };
    const sb = stats.get(b) ?? { n: 0, last: 0 };
    return sa.n - sb.n || sa.last - sb.last || type.hostIds.indexOf(a) - type.hostIds.indexOf(b);
  });
  return ranked[0] ?? '';
}

export async function typeBySlug(em: EntityManager, slug: string) {
  if (!SLUG.test(slug)) return null;
  return em.findOne(MeetingType, { slug, active: true });
}

/** Books a slot: checked again inside the transaction with the hosts locked; the unique slot key is the last guard. */
export async function bookMeeting(
  em: EntityManager,
  deps: MeetingDeps,
  type: MeetingType,
  input: unknown,
): Promise<{ meeting: Meeting; manageToken: string }> {
  const { env } = deps;
  const d = parseInput(bookingInput, input);
  if (d.startsAt.getTime() <= deps.clock().getTime())
    throw badInput('startsAt: is in the past', [{ path: 'input.startsAt', message: 'is in the past' }]);
  const token = randomBytes(24).toString('base64url');
  // External calendars are read before the transaction, so no lock is held across a network call.
  const window = { from: d.startsAt, to: new Date(d.startsAt.getTime() + 60_000) };
  const around = {
    from: new Date(d.startsAt.getTime() - 86_400_000),
    to: new Date(d.startsAt.getTime() + 2 * 86_400_000),
  };
  const feedBusy = new Map<string, { start: Date; end: Date }[]>();
  for (const a of await em.find(Availability, { userId: { $in: type.hostIds }, calendarProvider: { $ne: null } }))
    feedBusy.set(a.userId, await externalBusy(deps, a, around));
  try {
    const meeting = await em.transactional(async (tx) => {
      await lockHosts(tx, type.hostIds);
      const cals = await calendarsWithoutFeeds(tx, type, window);
      for (const c of cals) c.busy.push(...(feedBusy.get(c.hostId) ?? []));
      const slot = openSlots(cals, rulesOf(type), { now: deps.clock(), ...window }, slotMode(type)).find(
        (s) => s.startsAt.getTime() === d.startsAt.getTime(),
      );
      if (!slot) throw taken();
      // Collective: the first host organises and every other host attends.
      const hostId = type.kind === 'COLLECTIVE' ? (type.hostIds[0] ?? '') : await pickHost(tx, type, slot.hostIds);
      const coHostIds = type.kind === 'COLLECTIVE' ? type.hostIds.filter((h) => h !== hostId) : [];
      const m = tx.create(Meeting, {
        meetingTypeId: type.id,
        hostId,
        coHostIds,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        blockedFrom: new Date(slot.startsAt.getTime() - type.bufferBeforeMinutes * 60_000),
        blockedUntil: new Date(slot.endsAt.getTime() + type.bufferAfterMinutes * 60_000),
        slotKey: `${hostId}|${slot.startsAt.toISOString()}`,
        visitorName: d.name,
        visitorEmail: d.email,
        visitorTimeZone: d.timeZone ?? cals.find((c) => c.hostId === hostId)?.timeZone ?? 'UTC',
        notes: d.notes ?? null,
        uid: `${randomUUID()}@nexus-sales`,
        sequence: 0,
        manageTokenHash: sha256(token),
      });
      await sendInvitation(tx, deps, m, type, 'REQUEST', manageLinkOf(env, token));
      enqueue(tx, QUEUES.sales, 'meeting-crm-sync', { meetingId: m.id }, { jobId: `meeting-crm-sync:${m.id}` });
      return m;
    });
    return { meeting, manageToken: token };
  } catch (e) {
    if (e instanceof UniqueConstraintViolationException) throw taken();
    throw e;
  }
}

async function calendarsWithoutFeeds(tx: EntityManager, type: MeetingType, window: { from: Date; to: Date }) {
  const avails = await tx.find(Availability, { userId: { $in: type.hostIds } });
  const meetings = await tx.find(Meeting, {
    ...attendedByAny(type.hostIds),
    status: 'BOOKED',
    blockedUntil: { $gt: new Date(window.from.getTime() - 86_400_000) },
    blockedFrom: { $lt: new Date(window.to.getTime() + 86_400_000) },
  });
  return avails.map((a): HostCalendar => ({
    hostId: a.userId,
    timeZone: a.timeZone,
    weekly: a.weekly,
    overrides: a.overrides,
    busy: meetings.filter((m) => attends(m, a.userId)).map((m) => ({ start: m.blockedFrom, end: m.blockedUntil })),
  }));
}

/** Moves a booking to another open slot of the same host: same UID, SEQUENCE + 1, a new REQUEST. */
export async function rescheduleMeeting(
  em: EntityManager,
  deps: MeetingDeps,
  meetingId: string,
  startsAtInput: unknown,
  viewer: Viewer | null,
  manageLink?: string,
): Promise<Meeting> {
  const startsAt = parseInput(z.date({ message: 'must be a date-time' }), startsAtInput, 'input.startsAt');
  if (startsAt.getTime() <= deps.clock().getTime())
    throw badInput('startsAt: is in the past', [{ path: 'input.startsAt', message: 'is in the past' }]);
  try {
    return await em.transactional(async (tx) => {
      const m = await tx.findOne(Meeting, { id: meetingId });
      if (!m) throw notFound('Meeting', meetingId);
      if (viewer && !isManager(viewer) && !(viewer.id && attends(m, viewer.id)))
        throw forbidden('Only the host or a manager may move this meeting.');
      if (m.status !== 'BOOKED')
        throw badInput('id: the meeting is cancelled', [{ path: 'input.id', message: 'is cancelled' }]);
      const type = await tx.findOneOrFail(MeetingType, { id: m.meetingTypeId });
      const hosts = [m.hostId, ...m.coHostIds];
      await lockHosts(tx, hosts);
      const window = { from: startsAt, to: new Date(startsAt.getTime() + 60_000) };
      const cals = (await calendarsWithoutFeeds(tx, { ...type, hostIds: hosts } as MeetingType, window)).map((c) => ({
        ...c,
        busy: c.busy.filter(
          (b) => !(b.start.getTime() === m.blockedFrom.getTime() && b.end.getTime() === m.blockedUntil.getTime()),
        ),
      }));
      const slot = openSlots(
        cals,
        rulesOf(type),
        { now: deps.clock(), ...window },
        hosts.length > 1 ? 'all' : 'any',
      ).find((s) => s.startsAt.getTime() === startsAt.getTime());
      if (!slot) throw taken();
      m.startsAt = slot.startsAt;
      m.endsAt = slot.endsAt;
      m.blockedFrom = new Date(slot.startsAt.getTime() - type.bufferBeforeMinutes * 60_000);
      m.blockedUntil = new Date(slot.endsAt.getTime() + type.bufferAfterMinutes * 60_000);
      m.slotKey = `${m.hostId}|${slot.startsAt.toISOString()}`;
      m.sequence += 1;
      await sendInvitation(tx, deps, m, type, 'REQUEST', manageLink);
      return m;
    });
  } catch (e) {
    if (e instanceof UniqueConstraintViolationException) throw taken();
    throw e;
  }
}

/** Cancels: the slot opens again; both sides get METHOD:CANCEL with the same UID and a higher SEQUENCE. */
export async function cancelMeeting(
  em: EntityManager,
  deps: MeetingDeps,
  meetingId: string,
  reasonInput: unknown,
  viewer: Viewer | null,
): Promise<Meeting> {
  const reason = parseInput(opt(zText(1000)), reasonInput, 'input.reason');
  const m = await em.findOne(Meeting, { id: meetingId });
  if (!m) throw notFound('Meeting', meetingId);
  if (viewer && !isManager(viewer) && !(viewer.id && attends(m, viewer.id)))
    throw forbidden('Only the host or a manager may cancel this meeting.');
  if (m.status === 'CANCELLED') return m;
  const type = await em.findOneOrFail(MeetingType, { id: m.meetingTypeId });
  m.status = 'CANCELLED';
  m.slotKey = null;
  m.cancelledAt = deps.clock();
  m.cancelReason = reason ?? null;
  m.sequence += 1;
  await sendInvitation(em, deps, m, type, 'CANCEL');
  await em.flush();
  return m;
}

/** Whether a meeting has begun by the subgraph's clock (from then on it can be a no-show). */
export const hasStarted = (m: Pick<Meeting, 'startsAt'>, now: Date) => m.startsAt.getTime() <= now.getTime();

export async function markNoShow(em: EntityManager, deps: MeetingDeps, viewer: Viewer, id: string): Promise<Meeting> {
  const m = await em.findOne(Meeting, { id: parseInput(zId, id, 'id') });
  if (!m) throw notFound('Meeting', id);
  if (!isManager(viewer) && viewer.id !== m.hostId) throw forbidden('Only the host or a manager may mark a no-show.');
  if (m.status !== 'BOOKED' || !hasStarted(m, deps.clock()))
    throw badInput('id: only a booked meeting that has started can be a no-show', [
      { path: 'id', message: 'has not started or is cancelled' },
    ]);
  m.noShow = true;
  await em.flush();
  return m;
}

export async function meetingByToken(em: EntityManager, token: string): Promise<Meeting | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const hash = sha256(token);
  const m = await em.findOne(Meeting, { manageTokenHash: hash });
  if (!m || !timingSafeEqual(Buffer.from(m.manageTokenHash), Buffer.from(hash))) return null;
  return m;
}

/* ---------- invitations ---------- */

const toUtcArray = (d: Date): [number, number, number, number, number] => [
  d.getUTCFullYear(),
  d.getUTCMonth() + 1,
  d.getUTCDate(),
  d.getUTCHours(),
  d.getUTCMinutes(),
];

/** The iCalendar text of one state of a meeting (the UID never changes; SEQUENCE says which state). */
export function meetingIcs(m: Meeting, type: MeetingType, host: Availability, method: 'REQUEST' | 'CANCEL'): string {
  const { error, value } = createEvent({
    productId: 'nexus/sales',
    method,
    uid: m.uid,
    sequence: m.sequence,
    start: toUtcArray(m.startsAt),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: toUtcArray(m.endsAt),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: `${type.name} with ${host.displayName}`,
    description: type.description ?? undefined,
    location: type.location ?? undefined,
    status: method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED',
    organizer: { name: host.displayName, email: host.email },
    attendees: [
      { name: m.visitorName, email: m.visitorEmail, rsvp: true, partstat: 'ACCEPTED', role: 'REQ-PARTICIPANT' },
    ],
  });
  if (error || !value) throw new Error(`could not build the invitation: ${String(error)}`);
  return value;
}

/** Emails the invitation (or its update or cancellation) to the visitor and the host, through the outbox. */
export async function sendInvitation(
  em: EntityManager,
  deps: MeetingDeps,
  m: Meeting,
  type: MeetingType,
  method: 'REQUEST' | 'CANCEL',
  manageLink?: string,
) {
  const { env } = deps;
  const host = await em.findOne(Availability, { userId: m.hostId });
  if (!host) return;
  const content = meetingIcs(m, type, host, method);
  const when = DateTime.fromJSDate(m.startsAt).setZone(m.visitorTimeZone).toFormat("cccc d LLLL yyyy 'at' HH:mm ZZZZ");
  const verb = method === 'CANCEL' ? 'Cancelled' : m.sequence > 0 ? 'Updated' : 'Invitation';
  const subject = `${verb}: ${type.name} with ${host.displayName}, ${when}`;
  const coHosts = m.coHostIds.length ? await em.find(Availability, { userId: { $in: m.coHostIds } }) : [];
  for (const to of [m.visitorEmail, host.email, ...coHosts.map((c) => c.email)]) {
    enqueue(em, QUEUES.mail, TRANSACTIONAL_MAIL_JOB, {
      to,
      subject,
      text: [
        method === 'CANCEL' ? `This meeting is cancelled.` : `${type.name} on ${when}.`,
        type.location ? `Where: ${type.location}` : null,
        to === m.visitorEmail && manageLink ? `Reschedule or cancel: ${manageLink}` : null,
        `\n${env.SALES_AGENCY_NAME}`,
      ]
        .filter((l) => l !== null)
        .join('\n'),
      icalEvent: { method, content },
      category: 'meeting',
      dedupeKey: `meeting:${m.id}:${m.sequence}:${method}:${to}`,
    });
  }
  if (method === 'REQUEST') {
    const remindAt = m.startsAt.getTime() - env.SALES_MEETING_REMINDER_MINUTES * 60_000;
    enqueue(
      em,
      QUEUES.sales,
      'meeting-reminder',
      { bookingId: m.id, sequence: m.sequence },
      { jobId: `meeting-reminder:${m.id}:${m.sequence}`, delayMs: Math.max(0, remindAt - deps.clock().getTime()) },
    );
  }
}

/** The reminder, unless the meeting was moved (another sequence) or cancelled since it was planned. */
export async function sendReminder(em: EntityManager, deps: MeetingDeps, bookingId: string, sequence: number) {
  const { env } = deps;
  const m = await em.findOne(Meeting, { id: bookingId });
  if (!m || m.status !== 'BOOKED' || m.sequence !== sequence || hasStarted(m, deps.clock())) return false;
  const type = await em.findOne(MeetingType, { id: m.meetingTypeId });
  const host = await em.findOne(Availability, { userId: m.hostId });
  if (!type || !host) return false;
  const when = DateTime.fromJSDate(m.startsAt).setZone(m.visitorTimeZone).toFormat("cccc d LLLL 'at' HH:mm ZZZZ");
  enqueue(em, QUEUES.mail, TRANSACTIONAL_MAIL_JOB, {
    to: m.visitorEmail,
    subject: `Reminder: ${type.name} with ${host.displayName}, ${when}`,
    text: `A reminder of your meeting on ${when}.${type.location ? `\nWhere: ${type.location}` : ''}\n\n${env.SALES_AGENCY_NAME}`,
    category: 'meeting-reminder',
    dedupeKey: `meeting-reminder:${m.id}:${m.sequence}`,
  });
  await em.flush();
  return true;
}

export const manageLinkOf = (env: MeetingDeps['env'], token: string) => `${env.PUBLIC_URL}/meet/booking/${token}`;
