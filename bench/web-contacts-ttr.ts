/**
 * Time from navigation to the contacts table rendered with data, in headless Chromium (Debian's
 * chromium, driven by playwright-core) against a stack this benchmark starts (identity, crm and the
 * gateway serving web/dist, one process each). Each run is a cold visit by a signed-in person: a
 * new browser context holding only the refresh cookie, so it includes downloading the app, the
 * silent session restore, the CRM chunk and the contacts query. The moment is taken in the page
 * (`performance.now()`, which counts from navigation start) when the first row with data appears.
 *
 *   npm run bench -- web-contacts-ttr      (BENCH_RUNS=10; builds web/dist first unless BENCH_NO_BUILD=1)
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { processEnv } from '@nexus/platform';
import { record, signedInContext, startStack } from './support.ts';

const vars = processEnv();
const runs = Number(vars.BENCH_RUNS ?? 10);
const root = resolve(import.meta.dirname, '..');

if (!vars.BENCH_NO_BUILD) {
  const built = spawnSync(process.execPath, [resolve(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: resolve(root, 'web'),
    stdio: 'inherit',
    env: { ...vars, NODE_ENV: 'production' },
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

// Records, inside the page, when the first contact row with data is in the DOM.
const MARK_FIRST_ROW = `
  new MutationObserver((_, observer) => {
    if (document.querySelector('[data-testid="contacts-table"] tbody tr th[scope="row"]')) {
      window.__contactsRenderedAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { subtree: true, childList: true });
`;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const round = (ms: number) => Math.round(ms);

// Own databases and Redis keys, so it can run beside the other benchmarks.
const stack = await startStack({
  env: { WEB_DIST: resolve(root, 'web/dist'), DATABASE_PREFIX: 'nexus_bench_web_' },
  portBase: 4400,
});
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
});
try {
  const cold: number[] = [];
  const domContentLoaded: number[] = [];
  // One unmeasured visit warms the servers (JIT, connection pools, ORM metadata), as production would be.
  for (let i = 0; i <= runs; i++) {
    const context = await signedInContext(browser, stack.gatewayUrl, { width: 1400, height: 900 });
    await context.addInitScript(MARK_FIRST_ROW);
    const page = await context.newPage();
    await page.goto(`${stack.gatewayUrl}/crm/contacts`);
    await page.waitForFunction(() => '__contactsRenderedAt' in window, undefined, { timeout: 30_000 });
    const at = await page.evaluate(() => Number((window as unknown as { __contactsRenderedAt: number }).__contactsRenderedAt));
    const dcl = await page.evaluate(() => {
      const [nav] = performance.getEntriesByType('navigation');
      return nav instanceof PerformanceNavigationTiming ? nav.domContentLoadedEventEnd : 0;
    });
    if (i > 0) {
      cold.push(at);
      domContentLoaded.push(dcl);
    }
    await context.close();
  }

  record('web-contacts-ttr', {
    command: 'npm run bench -- web-contacts-ttr',
    runs,
    what: 'navigation start -> first contacts row with data in the DOM; cold context with a refresh cookie',
    medianMs: round(median(cold)),
    minMs: round(Math.min(...cold)),
    maxMs: round(Math.max(...cold)),
    medianDomContentLoadedMs: round(median(domContentLoaded)),
    samplesMs: cold.map(round),
  });
} finally {
  await browser.close();
  await stack.stop();
}
