/**
 * Issue figures for the platform and its read path: a contacts-with-company-and-owner page through
 * the gateway, beside the same crm-only page sent to the crm subgraph directly, with CPU time per
 * request in each process (read from /proc), and the SQL statements one request costs for pages of
 * 10 and of 100 contacts. Before and after in one run: each round starts the stack with crm's
 * entity read path (`CRM_PLAIN_READS=0`, before) and with plain rows (after), alternating.
 * Viewer-token verification, cached per token in both arms, is measured on its own in-process.
 *
 *   npm run bench -- gateway-contacts   (BENCH_SECONDS=10, BENCH_ROUNDS=2, BENCH_CONNECTIONS=10)
 */
import { createLogger, noHttp, signViewerToken, verifyViewerToken, viewerFor, ViewerTokenCache } from '@nexus/platform';
import { loadCrmEnv } from '../subgraphs/crm/src/env.ts';
import { openCrm } from '../subgraphs/crm/src/runtime.ts';
import { createContext } from '../subgraphs/crm/src/context.ts';
import { createCrmServer } from '../subgraphs/crm/src/server.ts';
import { cpuPerRequest, load, record, round2, signIn, startStack } from './support.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const VIEWER_ID = '0b6f6f0e-0000-4000-8000-000000000005';
const PAGE = (n: number) =>
  `{ contacts(first: ${n}) { totalCount nodes { id firstName lastName email company { id name } owner { id name } } } }`;
const CRM_ONLY = (n: number) =>
  `{ contacts(first: ${n}) { totalCount nodes { id firstName lastName email company { id name } owner { id } } } }`;
const ARMS = [
  { arm: 'before (entities)', plain: '0' },
  { arm: 'after (plain rows)', plain: '1' },
] as const;

const runs: Record<string, unknown>[] = [];
let statementsPerPage: Record<string, Record<string, number>> = {};
for (let round = 1; round <= rounds; round++) {
  for (const { arm, plain } of ARMS) {
    // Merging identical in-flight subgraph requests is off: each gateway request then costs crm its own page.
    const stack = await startStack({ env: { CRM_PLAIN_READS: plain, GATEWAY_MERGE_REQUESTS: 'false' } });
    try {
      const token = await signIn(stack.gatewayUrl, 'viewer@nexus.test');
      const secret = stack.env.INTERNAL_TOKEN_SECRET;
      if (!secret) throw new Error('the bench stack has no INTERNAL_TOKEN_SECRET');
      // Viewer tokens live at most five minutes; one signed now covers the arm.
      const viewerToken = await signViewerToken(viewerFor(VIEWER_ID, 'VIEWER'), 'crm', secret, 300);
      const gatewayLoad = (s: number) =>
        load(
          `${stack.gatewayUrl}/graphql`,
          JSON.stringify({ query: PAGE(25) }),
          { authorization: `Bearer ${token}` },
          s,
          connections,
        );
      const directLoad = (s: number) =>
        load(
          `${stack.urls.crm}/graphql`,
          JSON.stringify({ query: CRM_ONLY(25) }),
          { 'x-nexus-viewer': viewerToken },
          s,
          connections,
        );
      await gatewayLoad(5);
      await directLoad(5);
      const gateway = await cpuPerRequest(stack.pids, () => gatewayLoad(seconds));
      const direct = await cpuPerRequest({ crm: stack.pids.crm ?? 0 }, () => directLoad(seconds));
      if (gateway.non2xx || direct.non2xx) throw new Error(`failed requests: ${JSON.stringify({ gateway, direct })}`);
      const figures = { round, arm, throughGateway: gateway, crmDirect: direct };
      console.log(JSON.stringify(figures));
      runs.push(figures);
      if (round === 1 && plain === '1') statementsPerPage = await countStatements(stack.env);
    } finally {
      await stack.stop();
    }
  }
}

/** Statements per request, counted at the ORM, for two page sizes on each path (same process, no HTTP). */
async function countStatements(stackEnv: Record<string, string | undefined>) {
  let statements = 0;
  const log = createLogger('bench');
  log.level = 'warn';
  const deps = await openCrm(loadCrmEnv({ ...stackEnv }), log, { seed: false, onQuery: () => void statements++ });
  const server = createCrmServer(deps, log).server;
  await server.start();
  const out: Record<string, Record<string, number>> = {};
  for (const plain of [false, true]) {
    deps.env.CRM_PLAIN_READS = plain;
    const perPage: Record<string, number> = {};
    for (const n of [10, 100]) {
      statements = 0;
      const ctx = createContext(deps)({
        viewer: viewerFor(VIEWER_ID, 'VIEWER'),
        requestId: 'bench',
        log,
        http: noHttp,
      });
      const res = await server.executeOperation({ query: CRM_ONLY(n) }, { contextValue: ctx });
      if (res.body.kind !== 'single' || res.body.singleResult.errors) throw new Error('page query failed');
      perPage[`page of ${n}`] = statements;
    }
    out[plain ? 'plain rows' : 'entities'] = perPage;
  }
  await server.stop();
  await deps.close();
  return out;
}

/** What verifying one viewer token costs a subgraph, signature checked every time vs cached per token. */
async function tokenVerification() {
  const secret = 'bench-secret-of-at-least-thirty-two-characters';
  const token = await signViewerToken(viewerFor(VIEWER_ID, 'VIEWER'), 'crm', secret, 60);
  const cache = new ViewerTokenCache();
  const n = 20_000;
  const measure = async (c: ViewerTokenCache | null) => {
    for (let i = 0; i < 1000; i++) await verifyViewerToken(token, 'crm', secret, c);
    const start = process.cpuUsage();
    for (let i = 0; i < n; i++) await verifyViewerToken(token, 'crm', secret, c);
    const used = process.cpuUsage(start);
    return round2((used.user + used.system) / n);
  };
  return { uncachedMicrosecondsPerCall: await measure(null), cachedMicrosecondsPerCall: await measure(cache) };
}

const mean = (arm: string, pick: (r: Record<string, unknown>) => number) => {
  const values = runs.filter((r) => r.arm === arm).map(pick);
  return round2(values.reduce((a, b) => a + b, 0) / Math.max(1, values.length));
};
type Cpu = { cpuMsPerRequest: Record<string, number>; requestsPerSecond: number };
const summary = Object.fromEntries(
  ARMS.map(({ arm }) => [
    arm,
    {
      gatewayPageCpuMsTotal: mean(arm, (r) => (r.throughGateway as Cpu).cpuMsPerRequest.total ?? 0),
      gatewayPageCpuMsAtCrm: mean(arm, (r) => (r.throughGateway as Cpu).cpuMsPerRequest.crm ?? 0),
      gatewayPageRequestsPerSecond: mean(arm, (r) => (r.throughGateway as Cpu).requestsPerSecond),
      crmOnlyPageCpuMsAtCrm: mean(arm, (r) => (r.crmDirect as Cpu).cpuMsPerRequest.crm ?? 0),
      crmOnlyPageRequestsPerSecond: mean(arm, (r) => (r.crmDirect as Cpu).requestsPerSecond),
    },
  ]),
);

record('gateway-contacts', {
  command: 'npm run bench -- gateway-contacts',
  load: { seconds, connections, pageSize: 25, rounds },
  summary,
  runs,
  sqlStatementsPerRequest: statementsPerPage,
  viewerTokenVerification: await tokenVerification(),
});
