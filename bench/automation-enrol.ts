/**
 * Issue figures for automation: 10,000 contacts enrolled at once in a 3-step workflow (an email to
 * the real SMTP catcher, a wait, an addition to a static list), run by the worker's
 * marketing processors exactly as in production, triggers arriving on the automation queue:
 * - time until the first step (the email) has finished for every contact;
 * - the latency of the step after the wait, from the moment the wait expired to the moment that
 *   step started (p50, p95, max). Target: p95 under 2 s on this machine;
 * - jobs lost (enrolments that did not complete) and duplicate emails, both must be 0.
 *
 *   npm run bench -- automation-enrol        (BENCH_ENROLMENTS sets the count, default 10,000)
 */
import { randomUUID } from 'node:crypto';
import {
  AUTOMATION_TRIGGER_JOB,
  QUEUES,
  createLogger,
  createQueue,
  dropDatabase,
  loadSubgraphEnv,
  manifestWorker,
  openSubgraph,
  processEnv,
  randomSecret,
  startMailCatcher,
  startWorkerHost,
} from '@nexus/platform';
import { marketingManifest } from '../subgraphs/marketing/src/manifest.ts';
import { percentile, record, round2 } from './support.ts';

const COUNT = Number(processEnv().BENCH_ENROLMENTS ?? 10_000);
// Long enough that every first step is done before the first wait expires on this machine, so the
// figure is the wait machinery's latency, not the first steps' backlog (BENCH_WAIT_MINUTES).
const WAIT_MINUTES = Number(processEnv().BENCH_WAIT_MINUTES ?? 10);
const prefix = 'nexus_benchau_';
const log = createLogger('bench');
log.level = 'warn';

const catcher = await startMailCatcher({ keep: COUNT + 100 });
const vars = {
  ...processEnv(),
  NODE_ENV: 'development',
  LOG_LEVEL: 'warn',
  DATABASE_PREFIX: prefix,
  REDIS_PREFIX: `benchau-${Date.now().toString(36)}`,
  INTERNAL_TOKEN_SECRET: randomSecret(48),
  UNSUBSCRIBE_SECRET: randomSecret(48),
  SMTP_URL: catcher.smtpUrl,
  SEED_DEMO_DATA: 'false',
};
const env = loadSubgraphEnv(marketingManifest, vars);
await dropDatabase(env.DATABASE_URL, `${prefix}marketing`).catch(() => undefined);
const deps = await openSubgraph(marketingManifest, env, log, { seed: false, role: 'worker' });
const em = deps.orm.em.fork();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

try {
  await em.execute(
    `insert into audience_member (id, email, first_name, last_name, email_status, source_updated_at, created_at)
     select gen_random_uuid(), 'a' || g || '@d' || (g % 20) || '.bench.test', 'First' || g, 'Last' || g, 'SUBSCRIBED', now(), now()
     from generate_series(1, ?) g`,
    [COUNT],
  );
  const [list] = await em.execute<{ id: string }[]>(
    `insert into segment (id, name, kind, member_count, created_at, updated_at) values (gen_random_uuid(), 'Bench joined', 'STATIC', 0, now(), now()) returning id`,
  );
  const [joined] = await em.execute<{ id: string }[]>(
    `insert into segment (id, name, kind, member_count, created_at, updated_at) values (gen_random_uuid(), 'Bench trigger', 'STATIC', 0, now(), now()) returning id`,
  );
  const steps = [
    {
      id: 'welcome',
      type: 'SEND_EMAIL',
      config: { subject: 'Welcome, {{ contact.firstName }}', body: 'Kyoto in spring?' },
      next: 'pause',
    },
    { id: 'pause', type: 'WAIT', config: { mode: 'DURATION', minutes: WAIT_MINUTES }, next: 'list' },
    { id: 'list', type: 'ADD_TO_SEGMENT', config: { segmentId: list?.id } },
  ];
  const workflowId = randomUUID();
  const trigger = { type: 'SEGMENT_JOINED', segmentId: joined?.id };
  await em.execute(
    `insert into workflow (id, name, status, trigger, steps, reenrolment, version, created_at, updated_at)
     values (?, 'Bench workflow', 'ACTIVE', ?::jsonb, ?::jsonb, 'NEVER', 1, now(), now())`,
    [workflowId, JSON.stringify(trigger), JSON.stringify(steps)],
  );
  await em.execute(
    `insert into workflow_version (id, workflow_id, version, trigger, steps, created_at) values (gen_random_uuid(), ?, 1, ?::jsonb, ?::jsonb, now())`,
    [workflowId, JSON.stringify(trigger), JSON.stringify(steps)],
  );
  const contacts = await em.execute<{ id: string }[]>(`select id from audience_member order by email`);

  const module = await manifestWorker(marketingManifest, env, log);
  if (!module) throw new Error('marketing has no worker part');
  const host = await startWorkerHost([module], {
    redisUrl: env.REDIS_URL,
    prefix: env.REDIS_PREFIX,
    log,
    extraQueues: Object.values(QUEUES),
    relayIntervalMs: 50,
  });
  // The segment refresh's contract: one trigger per contact that joined, all at once.
  const queue = createQueue(QUEUES.automation, { redisUrl: env.REDIS_URL, prefix: env.REDIS_PREFIX, log });
  const occurredAt = new Date().toISOString();
  const started = performance.now();
  await queue.addBulk(
    contacts.map((c) => ({
      name: AUTOMATION_TRIGGER_JOB,
      data: {
        type: 'SEGMENT_JOINED',
        contactId: c.id,
        occurredAt,
        dedupeKey: `bench:${c.id}`,
        data: { segmentId: joined?.id ?? '' },
      },
      opts: { jobId: `trigger:bench:${c.id}` },
    })),
  );
  const count = async (sql: string) => Number((await em.execute<{ n: string }[]>(sql, [workflowId]))[0]?.n ?? 0);
  let firstStepSeconds = 0;
  for (;;) {
    const done = await count(
      `select count(*) as n from workflow_step_run where workflow_id = ? and seq = 0 and status in ('SUCCEEDED','SKIPPED')`,
    );
    if (done >= COUNT) {
      firstStepSeconds = (performance.now() - started) / 1000;
      break;
    }
    if (performance.now() - started > 1_800_000)
      throw new Error(`first step done for ${done} of ${COUNT} after 30 min`);
    await sleep(200);
  }
  // Every wait expires WAIT_MINUTES after it began; wait for the last step of all (or give up).
  const deadline = performance.now() + (WAIT_MINUTES * 60 + 600) * 1000;
  let completed = 0;
  while (performance.now() < deadline) {
    completed = await count(
      `select count(*) as n from workflow_enrolment where workflow_id = ? and status = 'COMPLETED'`,
    );
    if (completed >= COUNT) break;
    await sleep(500);
  }
  const totalSeconds = (performance.now() - started) / 1000;
  await sleep(2000);
  const latencies = (
    await em.execute<{ ms: string }[]>(
      `select extract(epoch from (r2.started_at - substring(r1.outcome from 7)::timestamptz)) * 1000 as ms
       from workflow_step_run r1 join workflow_step_run r2 on r2.enrolment_id = r1.enrolment_id and r2.seq = 2
       where r1.workflow_id = ? and r1.seq = 1`,
      [workflowId],
    )
  ).map((r) => Number(r.ms));
  const recipients = catcher.messages.flatMap((m) => m.envelopeTo);
  const [members] = await em.execute<{ n: string }[]>(`select count(*) as n from segment_member where segment_id = ?`, [
    list?.id,
  ]);
  const runs = await count(`select count(*) as n from workflow_step_run where workflow_id = ?`);
  await queue.close();
  await host.stop();
  record('automation-enrol', {
    command: 'npm run bench -- automation-enrol',
    enrolments: COUNT,
    workflow: `SEND_EMAIL -> WAIT ${WAIT_MINUTES} min -> ADD_TO_SEGMENT`,
    firstStepDoneForAllSeconds: round2(firstStepSeconds),
    firstStepsPerSecond: round2(COUNT / firstStepSeconds),
    allCompletedSeconds: round2(totalSeconds),
    stepAfterWaitLatencyMs: {
      samples: latencies.length,
      p50: round2(percentile(latencies, 50)),
      p95: round2(percentile(latencies, 95)),
      max: round2(Math.max(...latencies)),
      targetP95: 2000,
    },
    completed,
    jobsLost: COUNT - completed,
    emails: recipients.length,
    duplicateEmails: recipients.length - new Set(recipients).size,
    listMembers: Number(members?.n ?? 0),
    stepRuns: runs,
  });
} finally {
  await deps.close();
  await catcher.close();
  await dropDatabase(env.DATABASE_URL, `${prefix}marketing`).catch(() => undefined);
}
