/**
 * Issue figures for marketing:
 * - a 10,000-recipient campaign through the real SMTP catcher (platform's `startMailCatcher`), sent
 *   by the worker's marketing processors exactly as in production: total time, emails/s, the most
 *   emails any one-second window saw (the throttle's configured rate holds), duplicates and lost
 *   recipients (both must be 0), and the CPU each email cost (this process: worker and catcher; and
 *   the database's backends), steadier than wall time on a shared machine. Target: under 60 s on
 *   this machine.
 * - a dynamic segment's live count (`segmentCount`, nested AND/OR over tags, score, lifecycle and
 *   engagement) on 100,000 audience rows. Target: p95 under 200 ms.
 *
 *   npm run bench -- marketing-send        (BENCH_SEND_RATE sets MARKETING_SEND_RATE, default 400)
 */
import { randomSecret } from '@nexus/platform';
import {
  QUEUES,
  createLogger,
  dropDatabase,
  loadSubgraphEnv,
  manifestWorker,
  openSubgraph,
  processEnv,
  startMailCatcher,
  startWorkerHost,
} from '@nexus/platform';
import { marketingManifest } from '../subgraphs/marketing/src/manifest.ts';
import { checkCampaigns } from '../subgraphs/marketing/src/jobs/marketing.job.ts';
import { countCriteria } from '../subgraphs/marketing/src/services/segments.service.ts';
import { cpuMs, percentile, record, round2 } from './support.ts';

const RECIPIENTS = Number(processEnv().BENCH_RECIPIENTS ?? 10_000);
const AUDIENCE = 100_000;
const RATE = Number(processEnv().BENCH_SEND_RATE ?? 400);
const prefix = 'nexus_benchmk_';
const log = createLogger('bench');
log.level = 'warn';

const catcher = await startMailCatcher({ keep: RECIPIENTS + 100 });
const vars = {
  ...processEnv(),
  NODE_ENV: 'development',
  LOG_LEVEL: 'warn',
  DATABASE_PREFIX: prefix,
  REDIS_PREFIX: `benchmk-${Date.now().toString(36)}`,
  INTERNAL_TOKEN_SECRET: randomSecret(48),
  UNSUBSCRIBE_SECRET: randomSecret(48),
  SMTP_URL: catcher.smtpUrl,
  MARKETING_SEND_RATE: String(RATE),
  MARKETING_DOMAIN_RATE: String(RATE),
  SEED_DEMO_DATA: 'false',
};
const env = loadSubgraphEnv(marketingManifest, vars);
await dropDatabase(env.DATABASE_URL, `${prefix}marketing`).catch(() => undefined);
const deps = await openSubgraph(marketingManifest, env, log, { seed: false, role: 'worker' });
const em = deps.orm.em.fork();

try {
  // The audience: 100,000 members, the first 10,000 in the campaign's list, spread over 20 domains.
  await em.execute(
    `insert into audience_member (id, email, first_name, last_name, lifecycle_stage, tags, score, email_status, opens_count, clicks_count,
       last_open_at, source_updated_at, created_at)
     select gen_random_uuid(), 'r' || g || '@d' || (g % 20) || '.bench.test', 'First' || g, 'Last' || g,
       (array['LEAD','PROSPECT','CUSTOMER','EVANGELIST'])[1 + g % 4]::text,
       case when g % 3 = 0 then array['vip','asia'] when g % 3 = 1 then array['europe'] else array[]::text[] end,
       g % 100, 'SUBSCRIBED', g % 7, g % 5, case when g % 2 = 0 then now() - make_interval(days => g % 60) end, now(), now()
     from generate_series(1, ?) g`,
    [AUDIENCE],
  );
  await em.execute(`analyze audience_member`);
  const [segment] = await em.execute<{ id: string }[]>(
    `insert into segment (id, name, kind, member_count, created_at, updated_at) values (gen_random_uuid(), 'Bench list', 'STATIC', ?, now(), now()) returning id`,
    [RECIPIENTS],
  );
  await em.execute(
    `insert into segment_member (segment_id, contact_id, added_at) select ?, id, now() from audience_member where email ~ '^r([0-9]+)@' and substring(email from '^r([0-9]+)@')::int <= ?`,
    [segment?.id, RECIPIENTS],
  );
  const [template] = await em.execute<{ id: string }[]>(
    `insert into email_template (id, name, subject, preheader, body, version, created_at, updated_at)
     values (gen_random_uuid(), 'Bench', 'Spring for {{ contact.firstName }}', 'Kyoto', '<p>Hello {{ contact.firstName }} {{ contact.lastName }}</p><p><a href="https://traveltamers.example/kyoto">Kyoto</a></p>', 1, now(), now()) returning id`,
  );
  const [campaign] = await em.execute<{ id: string }[]>(
    `insert into campaign (id, name, status, template_id, segment_ids, promotional, send_at, variants, test_percent, test_window_minutes, created_at, updated_at)
     values (gen_random_uuid(), 'Bench campaign', 'SCHEDULED', ?, ?::text[], true, now(), '[]', 100, 240, now(), now()) returning id`,
    [template?.id, `{${segment?.id}}`],
  );

  // Segment count on 100,000 rows: the live count an editor sees while building criteria.
  const criteria = {
    and: [
      {
        or: [
          { field: 'tags', op: 'contains', value: 'vip' },
          { field: 'score', op: 'gte', value: 80 },
        ],
      },
      { field: 'lifecycleStage', op: 'in', value: ['CUSTOMER', 'EVANGELIST'] },
      {
        or: [
          { field: 'lastOpenAt', op: 'withinDays', value: 30 },
          { field: 'clicks', op: 'gte', value: 3 },
        ],
      },
    ],
  };
  const countTimes: number[] = [];
  let matched = 0;
  for (let i = 0; i < 60; i++) {
    const t0 = performance.now();
    matched = await countCriteria(deps.orm.em.fork(), criteria);
    if (i >= 10) countTimes.push(performance.now() - t0);
  }

  const module = await manifestWorker(marketingManifest, env, log);
  if (!module) throw new Error('marketing has no worker part');
  const host = await startWorkerHost([module], {
    redisUrl: env.REDIS_URL,
    prefix: env.REDIS_PREFIX,
    log,
    extraQueues: Object.values(QUEUES),
    relayIntervalMs: 50,
  });
  // CPU (user + system) of this process and of the database's backends while the campaign sends.
  const backends = async () =>
    new Map(
      (
        await em.execute<{ pid: number }[]>(`select pid from pg_stat_activity where datname = current_database()`)
      ).flatMap(({ pid }) => {
        try {
          return [[pid, cpuMs(pid)] as const];
        } catch {
          return [];
        }
      }),
    );
  const dbBefore = await backends();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await checkCampaigns(deps, log);
  await catcher.waitFor(RECIPIENTS, 600_000);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const dbAfter = await backends();
  const workerCpuMs = (cpu.user + cpu.system) / 1000;
  const databaseCpuMs = [...dbAfter].reduce((sum, [pid, ms]) => sum + ms - (dbBefore.get(pid) ?? 0), 0);
  // Let stragglers (a duplicate would arrive late) land before counting.
  await new Promise((r) => setTimeout(r, 2000));
  const recipients = catcher.messages.flatMap((m) => m.envelopeTo);
  const unique = new Set(recipients);
  const perSecond = new Map<number, number>();
  for (const m of catcher.messages) {
    const s = Math.floor(m.receivedAt.getTime() / 1000);
    perSecond.set(s, (perSecond.get(s) ?? 0) + 1);
  }
  const [status] = await em.execute<{ status: string; total_sent: number }[]>(
    `select status, total_sent from campaign where id = ?`,
    [campaign?.id],
  );
  await host.stop();

  record('marketing-send', {
    command: 'npm run bench -- marketing-send',
    campaign: {
      recipients: RECIPIENTS,
      configuredRatePerSecond: RATE,
      seconds: round2(seconds),
      emailsPerSecond: round2(RECIPIENTS / seconds),
      busiestSecond: Math.max(...perSecond.values()),
      duplicates: recipients.length - unique.size,
      lost: RECIPIENTS - unique.size,
      cpuMsPerEmail: {
        worker: round2(workerCpuMs / RECIPIENTS),
        database: round2(databaseCpuMs / RECIPIENTS),
        total: round2((workerCpuMs + databaseCpuMs) / RECIPIENTS),
      },
      campaignStatus: status?.status,
      totalSent: status?.total_sent,
      targetSeconds: 60,
    },
    segmentCount: {
      audienceRows: AUDIENCE,
      matched,
      runs: countTimes.length,
      p50: round2(percentile(countTimes, 50)),
      p95: round2(percentile(countTimes, 95)),
      targetP95Ms: 200,
    },
  });
} finally {
  await deps.close();
  await catcher.close();
  await dropDatabase(env.DATABASE_URL, `${prefix}marketing`).catch(() => undefined);
}
