/**
 * The staff app's production bundle: the JavaScript a first visit downloads before anything shows
 * (the entry script and the chunks index.html preloads), gzipped, against the 250 KB budget; and
 * each lazily loaded route chunk, which a person downloads only when opening that domain.
 *
 *   npm run bench -- web-bundle            (builds web/dist first; BENCH_NO_BUILD=1 reads it as it is)
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { processEnv } from '@nexus/platform';
import { record } from './support.ts';

const BUDGET_KB = 250;
const root = resolve(import.meta.dirname, '..');
const dist = resolve(root, 'web/dist');

if (!processEnv().BENCH_NO_BUILD) {
  const built = spawnSync(process.execPath, [resolve(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: resolve(root, 'web'),
    stdio: 'inherit',
    env: { ...processEnv(), NODE_ENV: 'production' },
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const sizes = (file: string) => {
  const body = readFileSync(resolve(dist, file.replace(/^\//, '')));
  return { raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
};

// What index.html makes the browser fetch at once: the entry module and its modulepreloads.
const html = readFileSync(resolve(dist, 'index.html'), 'utf8');
const initialFiles = [
  ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+\.js)"/g),
  ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
].map((m) => m[1] ?? '');
const initial = initialFiles.map((file) => ({ file, ...sizes(file) }));
const initialGzip = initial.reduce((n, f) => n + f.gzip, 0);

const chunks = readdirSync(resolve(dist, 'assets'))
  .filter((f) => f.endsWith('.js'))
  .map((f) => ({ file: `/assets/${f}`, ...sizes(`assets/${f}`) }));
const routeChunk = (name: string) => chunks.find((c) => c.file.startsWith(`/assets/${name}-`));
const routes = Object.fromEntries(
  ['LoginPage', 'DashboardPage', 'CrmRoutes', 'TravelRoutes', 'subscriptionLink', 'SettingsRoutes', 'ReportsPage', 'BarChartCanvas'].map((name) => {
    const chunk = routeChunk(name);
    return [name, chunk ? { gzipKB: kb(chunk.gzip), rawKB: kb(chunk.raw) } : null];
  }),
);

record('web-bundle', {
  command: 'npm run bench -- web-bundle',
  initialJsGzipKB: kb(initialGzip),
  budgetKB: BUDGET_KB,
  withinBudget: kb(initialGzip) < BUDGET_KB,
  initialFiles: initial.map((f) => ({ file: f.file.replace(/-[\w-]{8}\.js$/, '.js'), gzipKB: kb(f.gzip), rawKB: kb(f.raw) })),
  lazyRouteChunks: routes,
  allJsGzipKB: kb(chunks.reduce((n, c) => n + c.gzip, 0)),
  jsChunkCount: chunks.length,
});
if (kb(initialGzip) >= BUDGET_KB) process.exitCode = 1;
