/**
 * A job that always fails, after its attempts, raises exactly one JOB_FAILED notification per
 * admin, through the real worker host (every registered subgraph's worker module) and Redis, and
 * the dead letter is logged with its queue and job id.
 */
import { Writable } from 'node:stream';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES, databaseUrl, loadSubgraphEnv, openSubgraph, startWorkerHost } from '@nexus/platform';
import { workerModules } from '../../scripts/worker-modules.ts';
import { SUBGRAPHS, loadManifest } from '../../subgraphs/registry.ts';
import { isolate, type Isolation } from '../support/isolation.ts';
import { testEnv } from '../support/env.ts';

let iso: Isolation;
let host: Awaited<ReturnType<typeof startWorkerHost>>;
let identityDb: pg.Client;
const logLines: Record<string, unknown>[] = [];

const until = async <T>(probe: () => Promise<T | undefined>, what: string): Promise<T> => {
  for (let i = 0; i < 600; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
};

beforeAll(async () => {
  iso = await isolate();
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        logLines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const log = pino({ level: 'info' }, sink);
  // The demo users (admins among them), as the identity subgraph seeds them; the worker seeds nothing.
  const identityEntry = SUBGRAPHS.find((s) => s.name === 'identity');
  if (!identityEntry) throw new Error('the registry has no identity subgraph');
  const identity = await loadManifest(identityEntry);
  await (
    await openSubgraph(identity, loadSubgraphEnv(identity, iso.vars), log.child({ subgraph: 'identity' }), {
      seed: true,
    })
  ).close();
  host = await startWorkerHost(await workerModules(log, iso.vars), {
    redisUrl: iso.vars.REDIS_URL ?? testEnv.REDIS_URL,
    prefix: iso.redisPrefix,
    log,
    extraQueues: Object.values(QUEUES),
    relayIntervalMs: 100,
  });
  identityDb = new pg.Client({ connectionString: databaseUrl(testEnv.DATABASE_URL, `${iso.dbPrefix}identity`) });
  await identityDb.connect();
});

afterAll(async () => {
  await identityDb?.end();
  await host?.stop();
  await iso?.dispose();
});

describe('dead-lettered jobs', () => {
  it('notify every admin once, and are logged with their queue and job', async () => {
    const admins = (
      await identityDb.query<{ id: string }>("select id from app_user where role = 'ADMIN' and active")
    ).rows.map((r) => r.id);
    expect(admins.length).toBeGreaterThan(0);

    // crm's lead-score job refuses a contact id that is not a UUID, on every attempt.
    const crm = host.queues.get(QUEUES.crm);
    if (!crm) throw new Error('the worker runs no crm queue');
    const job = await crm.add(
      'lead-score-recalculate',
      { contactId: 'not-a-contact' },
      { attempts: 2, backoff: { type: 'fixed', delay: 10 } },
    );

    const alertJobId = `job-failed:${QUEUES.crm}:${String(job.id)}`;
    const notifications = host.queues.get(QUEUES.notifications);
    if (!notifications) throw new Error('the worker runs no notifications queue');
    await until(
      async () => ((await (await notifications.getJob(alertJobId))?.isCompleted()) ? true : undefined),
      'the admin alert job',
    );

    const rows = (
      await identityDb.query<{ user_id: string; title: string; body: string }>(
        "select user_id, title, body from notification where type = 'JOB_FAILED'",
      )
    ).rows;
    expect(rows.map((r) => r.user_id).sort()).toEqual([...admins].sort());
    for (const r of rows) {
      expect(r.title).toBe(`Job lead-score-recalculate on ${QUEUES.crm} failed`);
      expect(r.body).toContain(
        `Job ${String(job.id)} (lead-score-recalculate) on queue ${QUEUES.crm} failed after 2 attempts`,
      );
    }

    // The same dead letter reported again (a repeated 'failed' event) alerts nobody twice.
    const alert = await notifications.add(
      'notify-admins',
      { type: 'JOB_FAILED', title: 'again', dedupeKey: alertJobId },
      { jobId: `${alertJobId}:again` },
    );
    await until(async () => ((await alert.isCompleted()) ? true : undefined), 'the repeated alert');
    const again = await identityDb.query("select 1 from notification where type = 'JOB_FAILED'");
    expect(again.rowCount).toBe(admins.length);

    const dead = logLines.find((l) => l.msg === 'job dead-lettered');
    expect(dead).toMatchObject({ queue: QUEUES.crm, jobId: job.id, jobName: 'lead-score-recalculate' });
  });
});
