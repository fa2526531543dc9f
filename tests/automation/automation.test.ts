import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseDue } from '../../subgraphs/marketing/src/automation/engine.ts';
import { releaseDueSequenceSteps } from '../../subgraphs/marketing/src/automation/sequences.service.ts';
import { applyAudienceTravel } from '../../subgraphs/marketing/src/jobs/marketing.job.ts';
import { zoneOnTrip } from '../../subgraphs/travel/src/services/audience-travel.ts';
import { codes, data, eventually, fieldPaths, unique } from '../support/staff.ts';
import { INBOUND_SECRET, WEBHOOK_SECRET, startAutomationWorld, type AutomationWorld } from './harness.ts';

/**
 * Workflows and sequences end to end, through the gateway, with real PostgreSQL, Redis and SMTP and
 * the clock held by the test: a contact created in crm enters a workflow, waits, branches, gets its
 * email, a task and a property change; a killed worker loses and repeats nothing; trip data that
 * cannot be read holds a branch; sequences stop on a reply and on unsubscribe and keep their send
 * window; bad definitions are refused whole.
 */

const HISTORY = `query($id: ID!) { workflowEnrolment(id: $id) { id status stepId lastError
  history { seq stepId stepType status outcome error } } }`;
const ENROLMENTS = `query($id: ID!) { workflow(id: $id) { totals { enrolled active completed }
  stepCounts { stepId completed waiting failed }
  enrolments(first: 10) { nodes { id status contact { id } } } } }`;
const CREATE = `mutation($i: CreateWorkflowInput!) { createWorkflow(input: $i) { id status version } }`;
const ACTIVATE = `mutation($id: ID!) { activateWorkflow(id: $id) { id status version } }`;

type Run = {
  seq: number;
  stepId: string;
  stepType: string;
  status: string;
  outcome: string | null;
  error: string | null;
};
type Enrolment = { id: string; status: string; stepId: string | null; lastError: string | null; history: Run[] };

describe('automation: workflows and sequences', () => {
  let world: AutomationWorld;
  let worker: { stop(): Promise<void> };
  const minutes = (n: number) => {
    world.clock.now = new Date((world.clock.now ?? new Date()).getTime() + n * 60_000);
  };

  beforeAll(async () => {
    world = await startAutomationWorld();
    // Held from here on: waits and send windows are crossed by moving it.
    world.clock.now = new Date();
    worker = await world.startWorkers();
  }, 120_000);
  afterAll(async () => {
    await world?.close();
  });

  const as = () => world.staff.as;
  const createContact = async (email: string, extra: Record<string, unknown> = {}) =>
    data(
      await as().advisor<{ createContact: { id: string } }>(
        'mutation($i: CreateContactInput!) { createContact(input: $i) { id } }',
        {
          i: { firstName: 'Robin', lastName: 'Auto', email, ...extra },
        },
      ),
    ).createContact.id;
  const enrolmentsOf = async (workflowId: string) =>
    data(
      await as().viewer<{
        workflow: {
          totals: { enrolled: number };
          enrolments: { nodes: { id: string; status: string; contact: { id: string } }[] };
        };
      }>(ENROLMENTS, { id: workflowId }),
    ).workflow;
  const enrolment = async (id: string) =>
    data(await as().viewer<{ workflowEnrolment: Enrolment }>(HISTORY, { id })).workflowEnrolment;
  const activeWorkflow = async (input: Record<string, unknown>) => {
    const wf = data(
      await as().advisor<{ createWorkflow: { id: string; status: string } }>(CREATE, { i: input }),
    ).createWorkflow;
    expect(wf.status).toBe('DRAFT');
    const active = data(
      await as().advisor<{ activateWorkflow: { status: string; version: number } }>(ACTIVATE, { id: wf.id }),
    );
    expect(active.activateWorkflow).toMatchObject({ status: 'ACTIVE', version: 1 });
    return wf.id;
  };

  it('runs a new crm contact through wait, branch, email, task and property update; a killed worker loses and repeats nothing', async () => {
    const tag = unique('wf').replace(/\W/g, '');
    const workflowId = await activeWorkflow({
      name: `Welcome ${tag}`,
      trigger: {
        type: 'CONTACT_CREATED',
        conditions: { match: 'ALL', conditions: [{ source: 'CONTACT', field: 'tags', op: 'CONTAINS', value: tag }] },
      },
      steps: [
        { id: 'wait', type: 'WAIT', config: { mode: 'DURATION', minutes: 60 * 24 }, next: 'tier' },
        {
          id: 'tier',
          type: 'BRANCH',
          config: { match: 'ALL', conditions: [{ source: 'CONTACT', field: 'custom.tier', op: 'EQ', value: 'gold' }] },
          yes: 'mail',
          no: 'plain',
        },
        {
          id: 'mail',
          type: 'SEND_EMAIL',
          config: { subject: 'Welcome aboard, {{ contact.firstName }}', body: 'Your gold concierge will call.' },
          next: 'task',
        },
        { id: 'task', type: 'CREATE_TASK', config: { title: `Call the new gold client ${tag}` }, next: 'stage' },
        { id: 'stage', type: 'UPDATE_PROPERTY', config: { field: 'lifecycleStage', value: 'MARKETING_QUALIFIED' } },
        { id: 'plain', type: 'UPDATE_PROPERTY', config: { field: 'addTag', value: 'not-gold' } },
      ],
    });
    const email = `${tag}@auto.example.test`;
    const contactId = await createContact(email, { tags: [tag], customFields: { tier: 'gold' } });

    // Enrolled by crm's trigger; waiting a day after the wait step.
    const enrolmentId = await eventually(async () => {
      const e = (await enrolmentsOf(workflowId)).enrolments.nodes[0];
      expect(e?.contact.id).toBe(contactId);
      return e?.id ?? '';
    }, 20_000);
    await eventually(async () => {
      const e = await enrolment(enrolmentId);
      expect(e.history).toEqual([expect.objectContaining({ seq: 0, stepId: 'wait', status: 'WAITING' })]);
      expect(e).toMatchObject({ status: 'ACTIVE', stepId: 'tier' });
    });

    // The worker dies during the wait; another takes over. The wait's delayed job is a day away on
    // the real clock, so the clock moves past it and the due sweep runs.
    await worker.stop();
    worker = await world.startWorkers();
    minutes(60 * 24 + 1);
    expect(await releaseDue(world.deps)).toBeGreaterThanOrEqual(1);

    const done = await eventually(async () => {
      const e = await enrolment(enrolmentId);
      expect(e.status).toBe('COMPLETED');
      return e;
    }, 20_000);
    expect(done.history.map((r) => [r.seq, r.stepId, r.status])).toEqual([
      [0, 'wait', 'SUCCEEDED'],
      [1, 'tier', 'SUCCEEDED'],
      [2, 'mail', 'SUCCEEDED'],
      [3, 'task', 'SUCCEEDED'],
      [4, 'stage', 'SUCCEEDED'],
    ]);
    expect(done.history[1]?.outcome).toBe('yes');

    // The email reached the SMTP server with the compliance footer's unsubscribe header.
    const mail = await eventually(async () => {
      const m = world.catcher.messages.filter((x) => x.envelopeTo.includes(email));
      expect(m).toHaveLength(1);
      return m[0];
    });
    expect(mail?.subject).toBe('Welcome aboard, Robin');
    expect(mail?.raw.replace(/\r?\n(?=[ \t])/g, '')).toMatch(
      /^List-Unsubscribe: <http:\/\/nexus\.test\/unsubscribe\/[A-Za-z0-9_.-]+>\r?$/m,
    );

    // The task and the stage were written through the graph.
    const contact = data(
      await as().advisor<{ contact: { lifecycleStage: string; tasks: { nodes: { title: string }[] } } }>(
        'query($id: ID!) { contact(id: $id) { lifecycleStage tasks(first: 5) { nodes { title } } } }',
        { id: contactId },
      ),
    ).contact;
    expect(contact.lifecycleStage).toBe('MARKETING_QUALIFIED');
    expect(contact.tasks.nodes.map((t) => t.title)).toEqual([`Call the new gold client ${tag}`]);

    // A second sweep and a restarted worker repeat nothing.
    await worker.stop();
    worker = await world.startWorkers();
    minutes(5);
    await releaseDue(world.deps);
    await new Promise((r) => setTimeout(r, 500));
    expect(world.catcher.messages.filter((x) => x.envelopeTo.includes(email))).toHaveLength(1);
    expect((await enrolment(enrolmentId)).history).toHaveLength(5);
    const counts = data(
      await as().viewer<{ workflow: { stepCounts: { stepId: string; completed: number }[] } }>(ENROLMENTS, {
        id: workflowId,
      }),
    ).workflow.stepCounts;
    expect(counts.find((c) => c.stepId === 'mail')?.completed).toBe(1);
    expect(counts.find((c) => c.stepId === 'plain')?.completed).toBe(0);
  }, 90_000);

  it('holds a branch on trip data while TT-API is down and takes the right path when it is back', async () => {
    const db = world.system.simulator.control.db;
    const today = (world.clock.now ?? new Date()).toISOString().slice(0, 10);
    const trip = [...db.clientTrips.values()].find(
      (t) =>
        t.startDate &&
        t.startDate > today &&
        !['cancelled', 'completed', 'inquiry', 'CANCELLED', 'COMPLETED', 'INQUIRY'].includes(String(t.status)),
    );
    expect(trip).toBeDefined();
    const contactId = await createContact(`${unique('trip').replace(/\W/g, '')}@auto.example.test`);
    const crm = world.system.deps.crm as {
      orm: { em: { fork(): { execute(sql: string, p: unknown[]): Promise<unknown> } } };
    };
    await crm.orm.em.fork().execute(`update contact set tt_client_id = ? where id = ?`, [trip?.clientId, contactId]);
    const workflowId = await activeWorkflow({
      name: unique('Trip branch'),
      trigger: { type: 'MANUAL' },
      steps: [
        {
          id: 'trip',
          type: 'BRANCH',
          config: { match: 'ALL', conditions: [{ source: 'TRIP', field: 'hasUpcomingTrip', op: 'EQ', value: true }] },
          yes: 'upcoming',
          no: 'none',
        },
        { id: 'upcoming', type: 'UPDATE_PROPERTY', config: { field: 'addTag', value: 'trip-upcoming' } },
        { id: 'none', type: 'UPDATE_PROPERTY', config: { field: 'addTag', value: 'trip-none' } },
      ],
    });
    // Marketing must know the contact before a manual enrolment.
    await eventually(async () => {
      const [row] = await world.deps.orm.em.fork().execute(`select 1 from audience_member where id = ?`, [contactId]);
      expect(row).toBeDefined();
    });
    await world.system.simulator.control.outage();
    try {
      const [e] = data(
        await as().advisor<{ enrolInWorkflow: { id: string }[] }>(
          'mutation($i: EnrolInWorkflowInput!) { enrolInWorkflow(input: $i) { id } }',
          { i: { workflowId, contactIds: [contactId] } },
        ),
      ).enrolInWorkflow;
      await eventually(async () => {
        const x = await enrolment(e?.id ?? '');
        expect(x.status).toBe('ACTIVE');
        expect(x.history).toEqual([
          expect.objectContaining({
            stepId: 'trip',
            status: 'WAITING',
            outcome: expect.stringMatching(/trip data unavailable/),
          }),
        ]);
      }, 30_000);
      await world.system.simulator.control.restore();
      world.system.travelBreaker.reset();
      minutes(3);
      await releaseDue(world.deps);
      const x = await eventually(async () => {
        const y = await enrolment(e?.id ?? '');
        expect(y.status).toBe('COMPLETED');
        return y;
      }, 20_000);
      expect(x.history.map((r) => [r.stepId, r.outcome])).toEqual([
        ['trip', 'yes'],
        ['upcoming', 'addTag = trip-upcoming'],
      ]);
    } finally {
      await world.system.simulator.control.restore();
    }
  }, 90_000);

  it('calls a signed webhook on an allow-listed address and refuses loopback ones', async () => {
    const refused = await as().advisor(CREATE, {
      i: {
        name: unique('Hook'),
        trigger: { type: 'MANUAL' },
        steps: [
          { id: 'hook', type: 'CALL_WEBHOOK', config: { url: world.receiver.url.replace('127.0.0.2', '127.0.0.1') } },
        ],
      },
    });
    expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(fieldPaths(refused)).toEqual(['input.steps.0.config.url']);
    expect(refused.errors?.[0]?.message).toMatch(/private, loopback/);

    const contactId = await createContact(`${unique('hook').replace(/\W/g, '')}@auto.example.test`);
    const workflowId = await activeWorkflow({
      name: unique('Hook'),
      trigger: { type: 'MANUAL' },
      steps: [{ id: 'hook', type: 'CALL_WEBHOOK', config: { url: world.receiver.url, payload: { source: 'test' } } }],
    });
    await eventually(async () => {
      const r = data(
        await as().advisor<{ enrolInWorkflow: { id: string }[] }>(
          'mutation($i: EnrolInWorkflowInput!) { enrolInWorkflow(input: $i) { id } }',
          {
            i: { workflowId, contactIds: [contactId] },
          },
        ),
      );
      expect(r.enrolInWorkflow).toHaveLength(1);
    });
    const got = await eventually(async () => {
      const r = world.receiver.received.find((x) => x.body.includes(contactId));
      expect(r).toBeDefined();
      return r;
    });
    const [t, v1] = String(got?.headers['x-nexus-signature'])
      .split(',')
      .map((p) => p.split('=')[1]);
    expect(v1).toBe(createHmac('sha256', WEBHOOK_SECRET).update(`${t}.${got?.body}`).digest('hex'));
    expect(JSON.parse(got?.body ?? '{}')).toMatchObject({ contactId, workflowId, stepId: 'hook', source: 'test' });
  }, 60_000);

  it('refuses bad definitions whole, naming the field, and writes nothing', async () => {
    const before = data(
      await as().viewer<{ workflows: { totalCount: number } }>('{ workflows(first: 1) { totalCount } }'),
    ).workflows.totalCount;
    const attempt = (steps: unknown[]) =>
      as().advisor(CREATE, { i: { name: unique('Bad'), trigger: { type: 'MANUAL' }, steps } });
    const upd = { type: 'UPDATE_PROPERTY', config: { field: 'addTag', value: 'x' } };
    const cases: [unknown[], string][] = [
      [
        [
          { id: 'a', ...upd, next: 'b' },
          { id: 'b', ...upd, next: 'a' },
        ],
        'input.steps.0.id',
      ],
      [
        [
          {
            id: 'a',
            type: 'BRANCH',
            config: { conditions: [{ source: 'CONTACT', field: 'score', op: 'GT', value: 5 }] },
            yes: 'b',
          },
          { id: 'b', ...upd },
        ],
        'input.steps.0.no',
      ],
      [[{ id: 'a', type: 'WAIT', config: { mode: 'DURATION', minutes: 0 } }], 'input.steps.0.config.minutes'],
      [
        [{ id: 'a', type: 'WAIT', config: { mode: 'DURATION', minutes: 366 * 24 * 60 } }],
        'input.steps.0.config.minutes',
      ],
      [[{ id: 'a', type: 'CALL_WEBHOOK', config: { url: 'ftp://hooks.example.com/x' } }], 'input.steps.0.config.url'],
      [[{ id: 'a', type: 'CALL_WEBHOOK', config: { url: 'https://10.1.2.3/x' } }], 'input.steps.0.config.url'],
    ];
    for (const [steps, path] of cases) {
      const res = await attempt(steps);
      expect(codes(res), path).toEqual(['BAD_USER_INPUT']);
      expect(fieldPaths(res)).toContain(path);
    }
    const after = data(
      await as().viewer<{ workflows: { totalCount: number } }>('{ workflows(first: 1) { totalCount } }'),
    ).workflows.totalCount;
    expect(after).toBe(before);
    // Agents and viewers read only; a manager deletes.
    expect(
      codes(await as().agent(CREATE, { i: { name: 'x', trigger: { type: 'MANUAL' }, steps: [{ id: 'a', ...upd }] } })),
    ).toEqual(['FORBIDDEN']);
  });

  const SEQ = `mutation($i: CreateSequenceInput!) { createSequence(input: $i) { id } }`;
  const SEQ_ON = `mutation($i: UpdateSequenceInput!) { updateSequence(input: $i) { id status } }`;
  const ENROL = `mutation($i: EnrolInSequenceInput!) { enrolInSequence(input: $i) }`;
  const SEQ_READ = `query($id: ID!) { sequence(id: $id) { stats { enrolled replied unsubscribed emailsSent }
    enrolments(first: 10) { nodes { id status stepIndex nextRunAt lastError contact { id } } } } }`;
  type SeqRead = {
    sequence: {
      stats: { enrolled: number; replied: number; unsubscribed: number; emailsSent: number };
      enrolments: {
        nodes: {
          id: string;
          status: string;
          stepIndex: number;
          nextRunAt: string | null;
          lastError: string | null;
          contact: { id: string };
        }[];
      };
    };
  };
  const readSequence = async (id: string) => data(await as().viewer<SeqRead>(SEQ_READ, { id })).sequence;
  const newSequence = async (window: Record<string, unknown>) => {
    const id = data(
      await as().advisor<{ createSequence: { id: string } }>(SEQ, {
        i: {
          name: unique('Drip'),
          window,
          steps: [
            {
              key: 'one',
              type: 'EMAIL',
              delayMinutes: 0,
              subject: 'Your trip ideas',
              body: 'Hello {{ contact.firstName }}, shall we plan Kyoto?',
            },
            {
              key: 'two',
              type: 'EMAIL',
              delayMinutes: 2 * 24 * 60,
              subject: 'Still dreaming of Kyoto?',
              body: 'Just checking in.',
            },
          ],
        },
      }),
    ).createSequence.id;
    data(await as().advisor(SEQ_ON, { i: { id, status: 'ACTIVE' } }));
    return id;
  };
  const known = async (contactId: string) =>
    eventually(async () => {
      const [row] = await world.deps.orm.em.fork().execute(`select 1 from audience_member where id = ?`, [contactId]);
      expect(row).toBeDefined();
    });

  it('stops a sequence when the contact replies to its Reply-To address or unsubscribes', async () => {
    const alwaysOpen = { days: [1, 2, 3, 4, 5, 6, 7], startHour: 0, endHour: 24, timezone: 'UTC' };
    // The worker's clock a little ahead of the servers', so steps enrolled now are due for it.
    world.clock.now = new Date(Date.now() + 60_000);
    const sequenceId = await newSequence(alwaysOpen);
    const a = `${unique('reply').replace(/\W/g, '')}@auto.example.test`;
    const b = `${unique('unsub').replace(/\W/g, '')}@auto.example.test`;
    const [ida, idb] = [await createContact(a), await createContact(b)];
    await known(ida);
    await known(idb);
    expect(
      data(await as().advisor<{ enrolInSequence: number }>(ENROL, { i: { sequenceId, contactIds: [ida, idb] } }))
        .enrolInSequence,
    ).toBe(2);
    const [ma, mb] = await eventually(async () => {
      const got = [a, b].map((x) => world.catcher.messages.find((m) => m.envelopeTo.includes(x)));
      expect(got.every(Boolean)).toBe(true);
      return got;
    }, 20_000);
    const replyTo = ma?.parsed.replyTo?.value[0]?.address ?? '';
    expect(replyTo).toMatch(/^reply\+[a-f0-9]{24}@reply\.traveltamers\.test$/);

    // A's reply arrives through the inbound-parse webhook; it is logged on the contact.
    const res = await fetch(`${world.system.gatewayUrl}/webhooks/sequence-replies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-inbound-secret': INBOUND_SECRET },
      body: JSON.stringify({ to: [replyTo], from: a, subject: 'Re: Your trip ideas', text: 'Yes please, call me.' }),
    });
    expect(res.status).toBe(200);
    const wrong = await fetch(`${world.system.gatewayUrl}/webhooks/sequence-replies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-inbound-secret': 'nope-nope-nope-nope' },
      body: '{}',
    });
    expect(wrong.status).toBe(401);
    // B unsubscribes with the one-click link of its email.
    const unsubscribe = /^List-Unsubscribe: <([^>]+)>/m.exec(mb?.raw.replace(/\r?\n(?=[ \t])/g, '') ?? '')?.[1] ?? '';
    const un = await fetch(unsubscribe.replace('http://nexus.test', world.system.gatewayUrl), { method: 'POST' });
    expect(un.status).toBe(200);

    minutes(2 * 24 * 60 + 5);
    await releaseDueSequenceSteps(world.deps);
    const seq = await eventually(async () => {
      const s = await readSequence(sequenceId);
      const by = Object.fromEntries(s.enrolments.nodes.map((n) => [n.contact.id, n.status]));
      expect(by).toEqual({ [ida]: 'REPLIED', [idb]: 'UNSUBSCRIBED' });
      return s;
    }, 20_000);
    expect(seq.stats).toMatchObject({ enrolled: 2, replied: 1, unsubscribed: 1, emailsSent: 2 });
    expect(world.catcher.messages.filter((m) => m.envelopeTo.includes(a) || m.envelopeTo.includes(b))).toHaveLength(2);
    const activities = data(
      await as().advisor<{ contact: { activities: { nodes: { subject: string; direction: string | null }[] } } }>(
        'query($id: ID!) { contact(id: $id) { activities(first: 5) { nodes { subject direction } } } }',
        { id: ida },
      ),
    ).contact.activities.nodes;
    expect(activities).toContainEqual({ subject: 'Re: Your trip ideas', direction: 'INBOUND' });
  }, 90_000);

  it("moves a step due at 02:00 in the contact's time zone to the send window's opening", async () => {
    const sequenceId = await newSequence({ days: [1, 2, 3, 4, 5], startHour: 9, endHour: 17, timezone: 'UTC' });
    const email = `${unique('tokyo').replace(/\W/g, '')}@auto.example.test`;
    const id = await createContact(email, { customFields: { timezone: 'Asia/Tokyo' } });
    await known(id);
    // Wednesday 02:00 in Tokyo (Tuesday 17:00 UTC): the window opens at 09:00 Tokyo, 00:00 UTC.
    world.clock.now = new Date('2027-03-09T17:00:00Z');
    data(await as().advisor(ENROL, { i: { sequenceId, contactIds: [id] } }));
    const moved = await eventually(async () => {
      const n = (await readSequence(sequenceId)).enrolments.nodes[0];
      expect(n?.nextRunAt).toBe('2027-03-10T00:00:00.000Z');
      return n;
    }, 20_000);
    expect(moved?.lastError).toMatch(/outside the send window/);
    expect(world.catcher.messages.filter((m) => m.envelopeTo.includes(email))).toHaveLength(0);
    world.clock.now = new Date('2027-03-10T00:01:30Z');
    await releaseDueSequenceSteps(world.deps);
    await eventually(async () => {
      expect(world.catcher.messages.filter((m) => m.envelopeTo.includes(email))).toHaveLength(1);
      expect((await readSequence(sequenceId)).enrolments.nodes[0]?.stepIndex).toBe(1);
    }, 20_000);
  }, 60_000);

  it('keeps the send window by the clock of the place the itinerary puts a travelling contact', async () => {
    const sequenceId = await newSequence({ days: [1, 2, 3, 4, 5], startHour: 9, endHour: 17, timezone: 'UTC' });
    const email = `${unique('abroad').replace(/\W/g, '')}@auto.example.test`;
    const id = await createContact(email, { customFields: { timezone: 'America/New_York' } });
    await known(id);
    // Tuesday 12:00 in New York, where they live, but Wednesday 02:00 in Tokyo, where their trip is.
    world.clock.now = new Date('2027-03-09T17:00:00Z');
    await applyAudienceTravel(world.deps, {
      contactId: id,
      destinations: ['Tokyo'],
      nextDepartureOn: '2027-03-06',
      nextReturnOn: '2027-03-20',
      bookingValueCents: 0,
      passportExpiresOn: null,
      travelTimeZone: 'Asia/Tokyo',
      computedAt: new Date().toISOString(),
    });
    data(await as().advisor(ENROL, { i: { sequenceId, contactIds: [id] } }));
    const moved = await eventually(async () => {
      const n = (await readSequence(sequenceId)).enrolments.nodes[0];
      expect(n?.nextRunAt).toBe('2027-03-10T00:00:00.000Z');
      return n;
    }, 20_000);
    expect(moved?.lastError).toMatch(/outside the send window/);
    expect(world.catcher.messages.filter((m) => m.envelopeTo.includes(email))).toHaveLength(0);
  }, 60_000);
});

describe("a travelling contact's clock", () => {
  // Day 1: the evening flight out of New York; day 2: the hotel in Tokyo from 15:00 local time.
  const entries = [
    { day: 1, startTime: '18:00', timeZone: 'America/New_York' },
    { day: 2, startTime: '15:00', timeZone: 'Asia/Tokyo' },
    { day: 2, startTime: null, timeZone: null },
  ].map((e, i) => ({
    id: `e${i}`,
    kind: 'NOTE' as const,
    title: 'x',
    description: null,
    location: null,
    endTime: null,
    supplier: null,
    confirmationNumber: null,
    bookingId: null,
    ...e,
  }));

  it('reads the zone of the latest itinerary entry that has begun, or the first before any has', () => {
    expect(zoneOnTrip('2027-03-08', entries, new Date('2027-03-08T12:00:00Z'))).toBe('America/New_York');
    expect(zoneOnTrip('2027-03-08', entries, new Date('2027-03-08T23:30:00Z'))).toBe('America/New_York');
    // 15:00 on the 9th in Tokyo is 06:00 UTC.
    expect(zoneOnTrip('2027-03-08', entries, new Date('2027-03-09T05:59:00Z'))).toBe('America/New_York');
    expect(zoneOnTrip('2027-03-08', entries, new Date('2027-03-09T06:00:00Z'))).toBe('Asia/Tokyo');
    expect(zoneOnTrip('2027-03-08', [], new Date('2027-03-09T06:00:00Z'))).toBeNull();
  });
});
