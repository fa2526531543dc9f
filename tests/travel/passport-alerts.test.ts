/**
 * The daily passport-expiry job, run for real in this process: bull queues on this file's Redis
 * prefix, travel's processor against the simulator, the outbox relay, then identity's
 * notification processor. An advisor hears once, and only once, about each expiring passport:
 * across reruns, concurrent runs and a notification job relayed twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_USERS,
  NOTIFY_JOB,
  OutboxMessage,
  QUEUES,
  createLogger,
  createQueue,
  processJobs,
  relayOutbox,
  type Processor,
  type Queue,
} from '@nexus/platform';
import { startSimulator, type RunningSimulator } from '../../subgraphs/travel/simulator/index.ts';
import { PassportAlert } from '../../subgraphs/travel/src/entities/index.ts';
import { loadTravelEnv } from '../../subgraphs/travel/src/env.ts';
import { PASSPORT_ALERTS_JOB, travelProcessors } from '../../subgraphs/travel/src/jobs/travel.job.ts';
import { openTravel } from '../../subgraphs/travel/src/runtime.ts';
import { createContext } from '../../subgraphs/travel/src/context.ts';
import { createTravelServer } from '../../subgraphs/travel/src/server.ts';
import { applyContactOwner, raisePassportAlerts } from '../../subgraphs/travel/src/services/passport-alerts.service.ts';
import { entryRuleFor } from '../../subgraphs/travel/src/services/readiness-rules.ts';
import { Notification } from '../../subgraphs/identity/src/entities/index.ts';
import { loadIdentityEnv } from '../../subgraphs/identity/src/env.ts';
import { notificationProcessors } from '../../subgraphs/identity/src/jobs/notifications.job.ts';
import { openIdentity } from '../../subgraphs/identity/src/runtime.ts';
import { isolate, type Isolation } from '../support/isolation.ts';
import { noHttp } from '@nexus/platform';
import { as } from './harness.ts';

const advisor = DEMO_USERS.find((u) => u.email === 'advisor@nexus.test');
const log = createLogger('passport-test');
log.level = 'silent';
const DAY_MS = 86_400_000;

let sim: RunningSimulator;
let iso: Isolation;
let travel: Awaited<ReturnType<typeof openTravel>>;
let identity: Awaited<ReturnType<typeof openIdentity>>;
let travelQueue: Queue;
let notifications: Queue;

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  iso = await isolate({ TT_API_URL: sim.url, TT_PROXY_RETRY_COUNT: '0' });
  travel = await openTravel(loadTravelEnv(iso.vars), log);
  identity = await openIdentity(loadIdentityEnv(iso.vars), log);
  const q = { redisUrl: iso.vars.REDIS_URL ?? '', prefix: iso.redisPrefix, log };
  travelQueue = createQueue(QUEUES.travel, q);
  notifications = createQueue(QUEUES.notifications, q);
  // Typed by the job contracts; bull's processor map is untyped (the worker host casts the same way).
  processJobs(travelQueue, travelProcessors(travel, log) as Record<string, Processor>);
  processJobs(notifications, notificationProcessors(identity, log));
});
afterAll(async () => {
  await travelQueue?.close();
  await notifications?.close();
  await travel?.close();
  await identity?.close();
  await sim?.close();
  await iso?.dispose();
});

/** Passports the simulator holds that expire from today through the window. */
function expiringPassports(windowDays: number) {
  const today = new Date(new Date().toISOString().slice(0, 10)).getTime();
  const from = new Date(today).toISOString().slice(0, 10);
  const to = new Date(today + windowDays * DAY_MS).toISOString().slice(0, 10);
  return [...sim.control.db.travelDocuments.values()].filter(
    (d) =>
      d.documentType === 'passport' &&
      d.deletedAt === null &&
      d.expiryDate !== null &&
      d.expiryDate >= from &&
      d.expiryDate <= to,
  );
}

/**
 * Passports on upcoming client trips (departing today or later, not cancelled, under way or done)
 * that are expired or expire before the trip's return date plus its destination's rule: worked
 * out here from the simulator's rows and the rules table, independently of the job.
 */
function tripFailingPassports() {
  const db = sim.control.db;
  const today = new Date().toISOString().slice(0, 10);
  const failing = new Set<string>();
  for (const trip of db.clientTrips.values()) {
    if (trip.deletedAt !== null || !['planning', 'quoted', 'booked', 'deposited', 'paid'].includes(trip.status))
      continue;
    if (trip.startDate === null || trip.startDate < today || trip.endDate === null) continue;
    const offering = trip.tripOfferingId ? db.trips.get(trip.tripOfferingId) : undefined;
    const destination = offering?.destinationId ? db.destinations.get(offering.destinationId) : undefined;
    const rule = entryRuleFor(destination?.country);
    const end = new Date(`${trip.endDate}T00:00:00Z`);
    const needed = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + rule.passportMonthsBeyondReturn, 1));
    const last = new Date(Date.UTC(needed.getUTCFullYear(), needed.getUTCMonth() + 1, 0)).getUTCDate();
    needed.setUTCDate(Math.min(end.getUTCDate(), last));
    const neededUntil = needed.toISOString().slice(0, 10);
    for (const travelerId of trip.travelerIds) {
      const passport = [...db.travelDocuments.values()]
        .filter((d) => d.travelerId === travelerId && d.documentType === 'passport' && d.deletedAt === null)
        .sort((a, b) => (b.expiryDate ?? '').localeCompare(a.expiryDate ?? ''))[0];
      if (passport?.expiryDate && passport.expiryDate < neededUntil) failing.add(passport.id);
    }
  }
  return failing;
}

const runJob = async () =>
  (await (await travelQueue.add(PASSPORT_ALERTS_JOB, {})).finished()) as {
    expiring: number;
    failingTrips: number;
    raised: number;
    alreadyAlerted: number;
  };
const relay = () => relayOutbox(travel.orm, new Map([[QUEUES.notifications, notifications]]));
const passportNotifications = () =>
  identity.orm.em.fork().find(Notification, { type: 'PASSPORT_EXPIRING' }, { orderBy: { createdAt: 'asc' } });
/** Waits until identity has processed every notification job queued so far, then reads them. */
const afterDelivery = async () => {
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    const counts = await notifications.getJobCounts();
    if (counts.waiting + counts.active + counts.delayed === 0) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  return passportNotifications();
};

describe('passport-expiry alerts', () => {
  it('alerts the advisor once per passport expiring within 180 days or failing an upcoming trip', async () => {
    const window = expiringPassports(180);
    expect(window.length).toBeGreaterThan(5);
    const failing = tripFailingPassports();
    // The demo data holds passports that fail a trip's rule but expire after the window.
    expect([...failing].filter((id) => !window.some((d) => d.id === id)).length).toBeGreaterThan(0);
    const expected = [...new Set([...window.map((d) => d.id), ...failing])];

    const first = await runJob();
    expect(first).toEqual({
      expiring: window.length,
      failingTrips: failing.size,
      raised: expected.length,
      alreadyAlerted: 0,
    });
    const alerts = await travel.orm.em.fork().find(PassportAlert, {});
    expect(alerts.map((a) => a.travelDocumentId).sort()).toEqual(expected.sort());
    // A trip-rule alert names its trip and the day the rule needs the passport valid until.
    expect(alerts.filter((a) => failing.has(a.travelDocumentId)).every((a) => a.clientTripId && a.neededUntil)).toBe(
      true,
    );
    expect(alerts.every((a) => a.advisorUserId === advisor?.id)).toBe(true);

    const outbox = await travel.orm.em.fork().find(OutboxMessage, {});
    expect(outbox).toHaveLength(expected.length);
    expect(
      outbox.every(
        (m) =>
          m.queue === QUEUES.notifications &&
          m.jobName === NOTIFY_JOB &&
          m.jobId === `passport:${String(m.payload.dedupeKey).slice('passport:'.length)}`,
      ),
    ).toBe(true);

    expect(await relay()).toBe(expected.length);
    const sent = await afterDelivery();
    expect(sent).toHaveLength(expected.length);
    expect(
      sent.every(
        (n) =>
          n.userId === advisor?.id &&
          /^Passport (expiring|expired): /.test(n.title) &&
          n.link?.startsWith('/travel/travelers/'),
      ),
    ).toBe(true);
  });

  it('raises nothing new when it runs again', async () => {
    const before = (await passportNotifications()).length;
    const again = await runJob();
    expect(again).toMatchObject({ raised: 0 });
    expect(again.alreadyAlerted).toBe(await travel.orm.em.fork().count(PassportAlert, {}));
    expect(await relay()).toBe(0);
    expect(await afterDelivery()).toHaveLength(before);
  });

  it('raises one alert when two runs race for a new passport', async () => {
    const traveler = [...sim.control.db.travelers.values()][5];
    const docId = '3f1b6a52-7d8e-4c1a-9b2e-000000000001';
    const now = new Date().toISOString();
    sim.control.db.travelDocuments.set(docId, {
      id: docId,
      travelerId: traveler?.id ?? '',
      documentType: 'passport',
      documentNumber: 'P99887766',
      issuingCountry: 'US',
      issueDate: '2017-01-01',
      expiryDate: new Date(Date.now() + 20 * DAY_MS).toISOString().slice(0, 10),
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    });
    const deps = { orm: travel.orm, tt: travel.tt, log, windowDays: 180, advisorUserId: advisor?.id ?? '' };
    const [a, b] = await Promise.all([raisePassportAlerts(deps), raisePassportAlerts(deps)]);
    expect(a.raised + b.raised).toBe(1);
    expect(await travel.orm.em.fork().count(PassportAlert, { travelDocumentId: docId })).toBe(1);
    expect(await travel.orm.em.fork().count(OutboxMessage, { jobId: `passport:${docId}` })).toBe(1);
  });

  it('notifies once even when the same notification job is relayed twice', async () => {
    const before = (await passportNotifications()).length;
    // A relay that crashed after queueing but before marking its row leaves it to be sent again.
    const em = travel.orm.em.fork();
    const row = await em.findOneOrFail(OutboxMessage, { jobId: { $like: 'passport:%' }, relayedAt: null });
    em.create(OutboxMessage, {
      queue: row.queue,
      jobName: row.jobName,
      payload: row.payload,
      jobId: row.jobId,
      delayMs: 0,
    });
    await em.flush();
    expect(await relay()).toBe(2);
    expect(await afterDelivery()).toHaveLength(before + 1);
  });

  it("alerts the client's own advisor (from the linked CRM contact), else the configured one", async () => {
    const manager = DEMO_USERS.find((u) => u.email === 'manager@nexus.test');
    if (!manager || !advisor) throw new Error('demo users missing');
    // Three travelers on three different clients.
    const byClient = new Map([...sim.control.db.travelers.values()].map((t) => [t.clientId, t]));
    const [owned, travelerOwned, unowned] = [...byClient.values()].filter((t) => t.clientId).slice(3, 6);
    if (!owned?.clientId || !travelerOwned || !unowned) throw new Error('demo travelers missing');
    const expiry = new Date(Date.now() + 40 * DAY_MS).toISOString().slice(0, 10);
    const docs = await Promise.all(
      [owned, travelerOwned, unowned].map((t, k) =>
        travel.tt.createTravelDocument({
          travelerId: t.id,
          documentType: 'passport',
          documentNumber: `OWN${k}4455667`,
          expiryDate: expiry,
        }),
      ),
    );
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    // crm's feed: the owned client's contact belongs to the manager; an older message is skipped.
    await applyContactOwner(travel.orm, {
      contactId: '00000000-0000-4000-8000-00000000c001',
      ttClientId: owned.clientId,
      ttTravelerId: null,
      ownerId: manager.id,
      deleted: false,
      updatedAt: at(0),
    });
    await applyContactOwner(travel.orm, {
      contactId: '00000000-0000-4000-8000-00000000c001',
      ttClientId: owned.clientId,
      ttTravelerId: null,
      ownerId: advisor.id,
      deleted: false,
      updatedAt: at(-60_000),
    });
    // A traveler linked to a contact of their own, on a client nobody owns.
    await applyContactOwner(travel.orm, {
      contactId: '00000000-0000-4000-8000-00000000c002',
      ttClientId: null,
      ttTravelerId: travelerOwned.id,
      ownerId: manager.id,
      deleted: false,
      updatedAt: at(0),
    });
    await raisePassportAlerts({ orm: travel.orm, tt: travel.tt, log, windowDays: 180, advisorUserId: advisor.id });
    const alerted = async (docId: string | undefined) =>
      (await travel.orm.em.fork().findOneOrFail(PassportAlert, { travelDocumentId: docId ?? '' })).advisorUserId;
    expect(await alerted(docs[0]?.id)).toBe(manager.id);
    expect(await alerted(docs[1]?.id)).toBe(manager.id);
    expect(await alerted(docs[2]?.id)).toBe(advisor.id);
  });

  it("alerts by the trip's rule: a passport valid past the window but not six months beyond return, and an expired one", async () => {
    if (!advisor) throw new Error('demo advisor missing');
    const day = (n: number) => new Date(Date.now() + n * DAY_MS).toISOString().slice(0, 10);
    const maldives = [...sim.control.db.trips.values()].find((o) => o.name === 'Maldives Overwater Escape');
    const clientId = [...sim.control.db.clients.values()][7]?.id ?? null;
    const [late, expired] = await Promise.all(
      ['Late', 'Expired'].map((lastName) => travel.tt.createTraveler({ clientId, firstName: 'Zoë', lastName })),
    );
    if (!late || !expired || !maldives) throw new Error('setup failed');
    // Outside the 180-day window, but the Maldives want it valid six months after a return 100 days out.
    const lateDoc = await travel.tt.createTravelDocument({
      travelerId: late.id,
      documentType: 'passport',
      documentNumber: 'LATE200',
      expiryDate: day(200),
    });
    const expiredDoc = await travel.tt.createTravelDocument({
      travelerId: expired.id,
      documentType: 'passport',
      documentNumber: 'GONE010',
      expiryDate: day(-10),
    });
    const trip = await travel.tt.createClientTrip({
      clientId: clientId ?? '',
      tripOfferingId: maldives.id,
      name: 'Zoë and friends: Maldives',
      tripType: maldives.tripType,
      status: 'booked',
      startDate: day(93),
      endDate: day(100),
      travelerIds: [late.id, expired.id],
    });
    // Earlier tests leave notifications queued but not relayed: send those first.
    await relay();
    const before = (await afterDelivery()).length;
    const outcome = await raisePassportAlerts({
      orm: travel.orm,
      tt: travel.tt,
      log,
      windowDays: 180,
      advisorUserId: advisor.id,
    });
    expect(outcome.raised).toBe(2);
    const em = travel.orm.em.fork();
    const lateAlert = await em.findOneOrFail(PassportAlert, { travelDocumentId: lateDoc.id });
    expect(lateAlert).toMatchObject({ clientTripId: trip.id, advisorUserId: advisor.id });
    expect(lateAlert.neededUntil).not.toBeNull();
    expect(String(lateAlert.neededUntil) > day(200)).toBe(true);
    expect(await em.findOneOrFail(PassportAlert, { travelDocumentId: expiredDoc.id })).toMatchObject({
      clientTripId: trip.id,
    });

    expect(await relay()).toBe(2);
    const sent = (await afterDelivery()).slice(before);
    expect(sent.map((n) => n.title).sort()).toEqual(['Passport expired: Zoë Expired', 'Passport expiring: Zoë Late']);
    const lateNote = sent.find((n) => n.title.endsWith('Late'));
    expect(lateNote?.body).toContain(`expires on ${day(200)}`);
    expect(lateNote?.body).toContain('Zoë and friends: Maldives returns on');
    expect(lateNote?.body).toContain('valid 6 months beyond the return date');
    expect(lateNote?.link).toBe(`/travel/travelers/${late.id}`);
  });

  it('honours the configured window', async () => {
    const em = travel.orm.em.fork();
    await em.nativeDelete(PassportAlert, {});
    const outcome = await raisePassportAlerts({
      orm: travel.orm,
      tt: travel.tt,
      log,
      windowDays: 30,
      advisorUserId: advisor?.id ?? '',
    });
    expect(outcome.expiring).toBe(expiringPassports(30).length);
    expect(outcome.expiring).toBeLessThan(expiringPassports(180).length);
  });

  it('shows the alerts through the schema', async () => {
    const { server } = createTravelServer(travel, log);
    await server.start();
    try {
      const res = await server.executeOperation<{
        passportAlerts: {
          totalCount: number;
          nodes: { advisor: { id: string }; traveler: { id: string }; expiryDate: string }[];
        };
      }>(
        {
          query: `{ passportAlerts(first: 5) { totalCount nodes { travelDocumentId expiryDate notifiedAt advisor { id } traveler { id lastName } } }
                    travelDocuments(filter: { documentType: PASSPORT }, first: 3) { nodes { expiryDate passportAlert { id } } } }`,
        },
        { contextValue: createContext(travel)({ viewer: as.viewer, requestId: 'test', log, http: noHttp }) },
      );
      if (res.body.kind !== 'single') throw new Error('expected a single result');
      const data = res.body.singleResult.data;
      expect(res.body.singleResult.errors).toBeUndefined();
      expect(data?.passportAlerts.totalCount).toBeGreaterThan(0);
      expect(data?.passportAlerts.nodes[0]?.advisor.id).toBe(advisor?.id);
    } finally {
      await server.stop();
    }
  });
});
