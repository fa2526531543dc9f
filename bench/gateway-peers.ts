/**
 * The gateway against its peers over the same subgraph processes (identity and crm, started once):
 * Nexus, Nexus with request merging off (`GATEWAY_MERGE_REQUESTS=false`), stock `@apollo/gateway` +
 * `@apollo/server` with no Nexus plugins (bench/peers/apollo-stock.ts) and Hive Gateway with its
 * defaults (bench/peers/hive.ts), alternated in rounds on the cross-subgraph contacts page (company
 * from crm, owner from identity) and a crm-only page. Throughput, and CPU per request of each
 * gateway process (and of the subgraphs) from /proc. Every peer is a pinned devDependency: nothing
 * is installed at run time.
 *
 *   npm run bench -- gateway-peers
 *   (BENCH_SECONDS=15, BENCH_ROUNDS=5, BENCH_CONNECTIONS=20, BENCH_WARMUP_SECONDS=3, BENCH_PORT_BASE=4400)
 */
import { existsSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { cpuPerRequest, load, record, round2, signIn, spawnScript, startStack, waitForGateway } from './support.ts';

const env = process.env;
const seconds = Number(env.BENCH_SECONDS ?? 15);
const rounds = Number(env.BENCH_ROUNDS ?? 5);
const connections = Number(env.BENCH_CONNECTIONS ?? 20);
const warmup = Number(env.BENCH_WARMUP_SECONDS ?? 3);
const base = Number(env.BENCH_PORT_BASE ?? 4400);

const QUERIES = {
  'cross-subgraph':
    '{ contacts(first: 25) { totalCount nodes { id firstName lastName email company { id name } owner { id name } } } }',
  'crm-only': '{ contacts(first: 25) { totalCount nodes { id firstName lastName email company { id name } } } }',
} as const;
type QueryName = keyof typeof QUERIES;

const ARMS = ['nexus', 'stock', 'hive', 'nexus (merging off)'] as const;

// Hive Gateway lives in its own folder with its own pinned lockfile (bench/peers/hive).
if (!existsSync(new URL('./peers/hive/node_modules/@graphql-hive/gateway/package.json', import.meta.url))) {
  console.error('Hive Gateway is not installed for this bench: run `npm run bench:peers-setup` once.');
  process.exit(2);
}
type Arm = (typeof ARMS)[number];

const children: ChildProcess[] = [];
const start = (script: string, extra: Record<string, string>, stackEnv: Record<string, string | undefined>) =>
  spawnScript(children, script, { ...stackEnv, ...extra }, (code, signal) => {
    if (!stopping) {
      console.error(`${script} exited (${code ?? signal}) during the benchmark`);
      process.exitCode = 1;
    }
  });
let stopping = false;

async function post(url: string, query: string, token: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: unknown[] } };
}

/** `url` is a GraphQL endpoint (Nexus, stock Apollo or Hive): ready once it answers a query. */
const ready = (url: string) => waitForGateway(url.replace(/\/graphql$/, ''));

const stack = await startStack({ gateway: false, portBase: base, env: { DATABASE_PREFIX: 'nexus_peers_' } });
const runs: {
  round: number;
  query: QueryName;
  arm: Arm;
  requestsPerSecond: number;
  p95: number;
  cpuMsPerRequest: Record<string, number>;
}[] = [];
try {
  const urls: Record<Arm, string> = {
    nexus: `http://127.0.0.1:${base + 20}/graphql`,
    'nexus (merging off)': `http://127.0.0.1:${base + 21}/graphql`,
    stock: `http://127.0.0.1:${base + 22}/graphql`,
    hive: `http://127.0.0.1:${base + 23}/graphql`,
  };
  const pids = {} as Record<Arm, number>;
  pids.nexus = start(
    'gateway/src/main.ts',
    { GATEWAY_PORT: String(base + 20), GATEWAY_MERGE_REQUESTS: 'true' },
    stack.env,
  );
  pids['nexus (merging off)'] = start(
    'gateway/src/main.ts',
    { GATEWAY_PORT: String(base + 21), GATEWAY_MERGE_REQUESTS: 'false' },
    stack.env,
  );
  await ready(urls.nexus);
  await ready(urls['nexus (merging off)']);
  let token = await signIn(`http://127.0.0.1:${base + 20}`, 'viewer@nexus.test');
  const me = await post(urls.nexus, '{ me { id role } }', token);
  const viewer = (me.body.data as { me?: { id: string; role: string } } | undefined)?.me;
  if (!viewer) throw new Error(`no viewer: ${JSON.stringify(me.body)}`);
  const peerEnv = { PEER_VIEWER_ID: viewer.id, PEER_VIEWER_ROLE: viewer.role };
  pids.stock = start('bench/peers/apollo-stock.ts', { ...peerEnv, PEER_PORT: String(base + 22) }, stack.env);
  pids.hive = start('bench/peers/hive/gateway.ts', { ...peerEnv, PEER_PORT: String(base + 23) }, stack.env);
  await ready(urls.stock);
  await ready(urls.hive);

  // Every gateway must answer the same data before it is timed.
  for (const [name, query] of Object.entries(QUERIES)) {
    const answers = await Promise.all(ARMS.map(async (arm) => [arm, await post(urls[arm], query, token)] as const));
    for (const [arm, answer] of answers) {
      if (answer.status !== 200 || answer.body.errors)
        throw new Error(`${arm} failed ${name}: ${JSON.stringify(answer.body)}`);
      if (JSON.stringify(answer.body.data) !== JSON.stringify(answers[0]?.[1].body.data)) {
        throw new Error(`${arm} answered ${name} differently from ${answers[0]?.[0]}`);
      }
    }
  }

  const measure = async (arm: Arm, query: QueryName, s: number) =>
    cpuPerRequest({ gateway: pids[arm], identity: stack.pids.identity ?? 0, crm: stack.pids.crm ?? 0 }, () =>
      load(urls[arm], JSON.stringify({ query: QUERIES[query] }), { authorization: `Bearer ${token}` }, s, connections),
    );
  for (const query of Object.keys(QUERIES) as QueryName[]) for (const arm of ARMS) await measure(arm, query, warmup);

  for (let round = 1; round <= rounds; round++) {
    // Access tokens live 15 minutes: a fresh one per round.
    token = await signIn(`http://127.0.0.1:${base + 20}`, 'viewer@nexus.test');
    for (const query of Object.keys(QUERIES) as QueryName[]) {
      for (const arm of ARMS) {
        const r = await measure(arm, query, seconds);
        if (r.non2xx || r.timeouts) throw new Error(`${arm} ${query}: ${r.non2xx} non-2xx, ${r.timeouts} timeouts`);
        const row = {
          round,
          query,
          arm,
          requestsPerSecond: r.requestsPerSecond,
          p95: r.p95,
          cpuMsPerRequest: r.cpuMsPerRequest,
        };
        console.log(JSON.stringify(row));
        runs.push(row);
      }
    }
  }
} finally {
  stopping = true;
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(
    children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : null)),
  );
  await stack.stop();
}

const mean = (values: number[]) => round2(values.reduce((a, b) => a + b, 0) / Math.max(1, values.length));
const summary = Object.fromEntries(
  (Object.keys(QUERIES) as QueryName[]).map((query) => {
    const of = (arm: Arm) => runs.filter((r) => r.query === query && r.arm === arm);
    const perArm = Object.fromEntries(
      ARMS.map((arm) => [
        arm,
        {
          requestsPerSecond: mean(of(arm).map((r) => r.requestsPerSecond)),
          gatewayCpuMsPerRequest: mean(of(arm).map((r) => r.cpuMsPerRequest.gateway ?? 0)),
          subgraphsCpuMsPerRequest: mean(
            of(arm).map((r) => (r.cpuMsPerRequest.identity ?? 0) + (r.cpuMsPerRequest.crm ?? 0)),
          ),
          p95: mean(of(arm).map((r) => r.p95)),
        },
      ]),
    ) as unknown as Record<Arm, { requestsPerSecond: number; gatewayCpuMsPerRequest: number }>;
    const ratio = (a: number, b: number) => (b ? round2(a / b) : null);
    return [
      query,
      {
        ...perArm,
        ratios: {
          throughputNexusOverStock: ratio(perArm.nexus.requestsPerSecond, perArm.stock.requestsPerSecond),
          throughputNexusOverHive: ratio(perArm.nexus.requestsPerSecond, perArm.hive.requestsPerSecond),
          gatewayCpuNexusOverStock: ratio(perArm.nexus.gatewayCpuMsPerRequest, perArm.stock.gatewayCpuMsPerRequest),
          gatewayCpuNexusOverHive: ratio(perArm.nexus.gatewayCpuMsPerRequest, perArm.hive.gatewayCpuMsPerRequest),
          mergingOffThroughputOverHive: ratio(
            perArm['nexus (merging off)'].requestsPerSecond,
            perArm.hive.requestsPerSecond,
          ),
          mergingOffGatewayCpuOverStock: ratio(
            perArm['nexus (merging off)'].gatewayCpuMsPerRequest,
            perArm.stock.gatewayCpuMsPerRequest,
          ),
        },
      },
    ];
  }),
);

record('gateway-peers', {
  command: 'npm run bench -- gateway-peers',
  load: {
    seconds,
    rounds,
    connections,
    warmupSeconds: warmup,
    order: 'per round: each query, arms nexus, stock, hive, nexus (merging off)',
  },
  summary,
  runs,
});
