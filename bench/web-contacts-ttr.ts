/**
 * Time from navigation to the contacts table rendered with data, in headless Chromium (Debian's
 * chromium, driven by playwright-core) against a stack this benchmark starts (identity, crm and the
 * gateway serving web/dist, one process each). Each run is a cold visit by a signed-in person: a
 * new browser context holding only the refresh cookie, so it includes downloading the app, the
 * silent session restore, the CRM chunk and the contacts query. The moment is taken in the page
 * (`performance.now()`, which counts from navigation start) when the first row with data appears.
 *
 * Beside the total, each visit notes where the time went (medians per build): DOMContentLoaded,
 * when the CRM chunk arrived, and each GraphQL operation the page sent before the first row (when
 * it was sent and when its answer was in), so a request the table waits on, or a chunk that grew,
 * shows by name.
 *
 *   npm run bench -- web-contacts-ttr      (BENCH_RUNS=10; builds web/dist first unless BENCH_NO_BUILD=1;
 *                                           BENCH_WEB_DIST serves another build)
 *
 * Before and after in one run: BENCH_WEB_DIST_BEFORE=<another built web/dist> serves that build
 * from a second gateway on the same subgraphs, and the visits alternate by round (before, after,
 * before, after; BENCH_ROUNDS=2 rounds of BENCH_RUNS visits per build), so a machine that gets
 * busier or quieter during the run weighs on both alike.
 */
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { processEnv } from '@nexus/platform';
import { launchBrowser, record, signedInContext, startStack } from './support.ts';

const vars = processEnv();
const runs = Number(vars.BENCH_RUNS ?? 10);
const beforeDist = vars.BENCH_WEB_DIST_BEFORE ? resolve(vars.BENCH_WEB_DIST_BEFORE) : null;
const rounds = Number(vars.BENCH_ROUNDS ?? (beforeDist ? 2 : 1));
const root = resolve(import.meta.dirname, '..');
const PORT_BASE = 4400;
/** The second gateway (the before build), clear of the subgraph ports that follow PORT_BASE. */
const BEFORE_PORT = PORT_BASE + 50;

if (!vars.BENCH_NO_BUILD) {
  const built = spawnSync(
    process.execPath,
    [resolve(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: resolve(root, 'web'),
      stdio: 'inherit',
      env: { ...vars, NODE_ENV: 'production' },
    },
  );
  if (built.status !== 0) process.exit(built.status ?? 1);
}

// Records, inside the page, when the first contact row with data is in the DOM, and when each
// GraphQL operation was sent and answered (by operation name, from the request body).
const MARK_FIRST_ROW = `
  new MutationObserver((_, observer) => {
    if (document.querySelector('[data-testid="contacts-table"] tbody tr th[scope="row"]')) {
      window.__contactsRenderedAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { subtree: true, childList: true });
  window.__operations = [];
  const send = window.fetch;
  window.fetch = function (input, init) {
    let name = '?';
    try { name = JSON.parse(String(init && init.body)).operationName || '?'; } catch {}
    const entry = { name, sentAt: performance.now(), answeredAt: null };
    window.__operations.push(entry);
    return send.apply(this, arguments).then(async (res) => {
      await res.clone().arrayBuffer().catch(() => null);
      entry.answeredAt = performance.now();
      return res;
    });
  };
`;

interface Visit {
  firstRowMs: number;
  domContentLoadedMs: number;
  crmChunkMs: number;
  /** Operations sent before the first row, in the order sent. */
  operations: { name: string; sentAt: number; answeredAt: number | null }[];
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const round = (ms: number) => Math.round(ms);

async function visit(browser: Browser, gatewayUrl: string): Promise<Visit> {
  const context = await signedInContext(browser, gatewayUrl, { width: 1400, height: 900 });
  try {
    await context.addInitScript(MARK_FIRST_ROW);
    const page = await context.newPage();
    await page.goto(`${gatewayUrl}/crm/contacts`);
    await page.waitForFunction(() => '__contactsRenderedAt' in window, undefined, { timeout: 30_000 });
    return await page.evaluate(() => {
      const w = window as unknown as { __contactsRenderedAt: number; __operations: Visit['operations'] };
      const [nav] = performance.getEntriesByType('navigation');
      const crm = performance
        .getEntriesByType('resource')
        .find((r) => /\/assets\/CrmRoutes-[^/]*\.js$/.test(r.name)) as PerformanceResourceTiming | undefined;
      return {
        firstRowMs: Number(w.__contactsRenderedAt),
        domContentLoadedMs: nav instanceof PerformanceNavigationTiming ? nav.domContentLoadedEventEnd : 0,
        crmChunkMs: crm?.responseEnd ?? 0,
        operations: w.__operations.filter((o) => o.sentAt <= w.__contactsRenderedAt),
      };
    });
  } finally {
    await context.close();
  }
}

/** Medians of one build's visits, with each operation's medians where most visits sent it. */
function summary(visits: Visit[]) {
  const firstRow = visits.map((v) => v.firstRowMs);
  const names = [...new Set(visits.flatMap((v) => v.operations.map((o) => o.name)))];
  const beforeFirstRow = Object.fromEntries(
    names.map((name) => {
      const seen = visits.flatMap((v) => v.operations.filter((o) => o.name === name));
      const answered = seen.filter((o) => o.answeredAt !== null).map((o) => o.answeredAt ?? 0);
      return [
        name,
        {
          visits: visits.filter((v) => v.operations.some((o) => o.name === name)).length,
          sentMs: round(median(seen.map((o) => o.sentAt))),
          answeredMs: answered.length ? round(median(answered)) : null,
        },
      ];
    }),
  );
  return {
    runs: visits.length,
    medianMs: round(median(firstRow)),
    minMs: round(Math.min(...firstRow)),
    maxMs: round(Math.max(...firstRow)),
    medianDomContentLoadedMs: round(median(visits.map((v) => v.domContentLoadedMs))),
    medianCrmChunkMs: round(median(visits.map((v) => v.crmChunkMs))),
    operationsBeforeFirstRow: beforeFirstRow,
    samplesMs: firstRow.map(round),
  };
}

/** Waits until a gateway answers GraphQL (its /health also wants subgraphs this stack does not start). */
async function answering(url: string, alive: () => void) {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    alive();
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    }).catch(() => null);
    if (res?.status === 200) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no gateway answering at ${url}`);
}

// Own databases and Redis keys, so it can run beside the other benchmarks.
const stack = await startStack({
  env: { WEB_DIST: vars.BENCH_WEB_DIST ?? resolve(root, 'web/dist'), DATABASE_PREFIX: 'nexus_bench_web_' },
  portBase: PORT_BASE,
});
const builds: { name: 'before' | 'after'; url: string; visits: Visit[] }[] = [];
let beforeGateway: ReturnType<typeof spawn> | null = null;
let browser: Browser | null = null;
try {
  if (beforeDist) {
    beforeGateway = spawn(process.execPath, [resolve(root, 'gateway/src/main.ts')], {
      env: { ...stack.env, GATEWAY_PORT: String(BEFORE_PORT), WEB_DIST: beforeDist },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const started = beforeGateway;
    const url = `http://127.0.0.1:${BEFORE_PORT}`;
    await answering(url, () => {
      if (started.exitCode !== null) throw new Error(`the gateway for ${beforeDist} exited (${started.exitCode})`);
    });
    builds.push({ name: 'before', url, visits: [] });
  }
  builds.push({ name: 'after', url: stack.gatewayUrl, visits: [] });
  browser = await launchBrowser();
  // One unmeasured visit per gateway warms the servers (JIT, connection pools, ORM metadata), as production would be.
  for (const build of builds) await visit(browser, build.url);
  for (let r = 0; r < rounds; r++)
    for (const build of builds) for (let i = 0; i < runs; i++) build.visits.push(await visit(browser, build.url));

  const [before, after] = beforeDist ? builds : [null, builds[0]];
  if (!after) throw new Error('no build measured');
  record('web-contacts-ttr', {
    command: beforeDist
      ? `BENCH_WEB_DIST_BEFORE=${beforeDist} BENCH_ROUNDS=${rounds} BENCH_RUNS=${runs} npm run bench -- web-contacts-ttr`
      : 'npm run bench -- web-contacts-ttr',
    what: 'navigation start -> first contacts row with data in the DOM; cold context with a refresh cookie',
    ...(before
      ? {
          alternated: `${rounds} rounds of ${runs} visits per build, before then after`,
          before: summary(before.visits),
        }
      : {}),
    ...(before ? { after: summary(after.visits) } : summary(after.visits)),
  });
} finally {
  await browser?.close();
  if (beforeGateway && beforeGateway.exitCode === null) {
    const exited = new Promise((r) => beforeGateway?.once('exit', r));
    beforeGateway.kill('SIGTERM');
    await exited;
  }
  await stack.stop();
}
