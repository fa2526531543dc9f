/**
 * Issue figure for meetings: the open slots of one member over 60 days (p95), computed as the
 * booking page does it: their weekly hours and date overrides in their own time zone (luxon),
 * their booked meetings read from PostgreSQL, buffers, minimum notice. The member works
 * Monday to Friday 09:00-17:00 America/New_York (a daylight-saving change falls inside most
 * 60-day windows), offers 30-minute meetings every 15 minutes with 10-minute buffers, and has
 * 150 meetings booked in the window. No external calendar (reading one is network time,
 * bounded by SALES_CALENDAR_TIMEOUT_MS).
 *
 *   npm run bench -- sales-slots
 */
import { randomBytes } from 'node:crypto';
import { createLogger, loadSubgraphEnv, openSubgraph } from '@nexus/platform';
import { Availability, Meeting, MeetingType } from '../subgraphs/sales/src/entities/index.ts';
import { salesManifest } from '../subgraphs/sales/src/manifest.ts';
import { slotsOf } from '../subgraphs/sales/src/services/meetings.service.ts';
import { percentile, record, round2 } from './support.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 300);
const MEETINGS = 150;
const secret = () => randomBytes(32).toString('hex');
const log = createLogger('bench');
log.level = 'warn';

const env = loadSubgraphEnv(salesManifest, {
  ...process.env,
  DATABASE_PREFIX: 'nexus_benchsales_',
  REDIS_PREFIX: 'nexus-bench-sales',
  SEED_DEMO_DATA: 'false',
  JWT_SECRET: secret(),
  INTERNAL_TOKEN_SECRET: secret(),
  LOG_LEVEL: 'warn',
});
const deps = await openSubgraph(salesManifest, env, log, { seed: false });
const em = deps.orm.em.fork();
await em.getConnection().execute('truncate meeting, meeting_type, availability');

const hostId = '00000000-0000-4000-8000-000000000001';
em.create(Availability, {
  userId: hostId,
  displayName: 'Bench Host',
  email: 'bench@nexus.test',
  timeZone: 'America/New_York',
  weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
  overrides: [{ date: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10), ranges: [] }],
  icsFeedUrl: null,
});
const type = em.create(MeetingType, {
  slug: 'bench-slots',
  name: 'Bench',
  kind: 'ONE_PERSON',
  hostIds: [hostId],
  durationMinutes: 30,
  bufferBeforeMinutes: 10,
  bufferAfterMinutes: 10,
  minimumNoticeMinutes: 240,
  maxDaysAhead: 90,
  slotStepMinutes: 15,
});
await em.flush();
// Booked meetings spread over the window, on the hour during working hours (UTC 14:00-20:00).
for (let i = 0; i < MEETINGS; i++) {
  const day = new Date(Date.now() + (1 + (i % 58)) * 86_400_000);
  day.setUTCHours(14 + (i % 6), 0, 0, 0);
  const end = new Date(day.getTime() + 30 * 60_000);
  em.create(Meeting, {
    meetingTypeId: type.id,
    hostId,
    startsAt: day,
    endsAt: end,
    blockedFrom: new Date(day.getTime() - 10 * 60_000),
    blockedUntil: new Date(end.getTime() + 10 * 60_000),
    slotKey: `${hostId}|${day.toISOString()}|${i}`,
    visitorName: `Visitor ${i}`,
    visitorEmail: `v${i}@example.com`,
    visitorTimeZone: 'UTC',
    uid: `bench-${i}@nexus-sales`,
    manageTokenHash: randomBytes(32).toString('hex'),
  });
}
await em.flush();

const window = { from: new Date(), to: new Date(Date.now() + 60 * 86_400_000) };
const times: number[] = [];
let slots = 0;
for (let i = 0; i < RUNS + 20; i++) {
  const t0 = performance.now();
  const found = await slotsOf(deps.orm.em.fork(), deps, type, window);
  const ms = performance.now() - t0;
  if (i >= 20) times.push(ms); // the first runs warm the JIT and the connection pool
  slots = found.length;
}
await deps.close();

record('sales-slots', {
  runs: RUNS,
  days: 60,
  bookedMeetings: MEETINGS,
  openSlots: slots,
  p50Ms: round2(percentile(times, 50)),
  p95Ms: round2(percentile(times, 95)),
  maxMs: round2(Math.max(...times)),
});
