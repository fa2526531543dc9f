/**
 * Two replicas: a pair of gateways against one, and live events across gateways. One identity,
 * two crm processes (CRM_URL lists both) and two gateways over the same databases and Redis, as
 * `GATEWAY_REPLICAS=2 CRM_REPLICAS=2 npm start` runs them.
 *
 * - Throughput: the contacts-with-company-and-owner page (25 rows), the same load (20 connections)
 *   all on gateway A, or split 10 + 10 over A and B; alternated in rounds, with CPU per request of
 *   every process. Once with request merging on (the default: one signed-in viewer's identical
 *   reads in flight are sent once per gateway) and once on a second pair of gateways with it off,
 *   closer to many different users.
 * - Cross-replica event latency: a `dealChanged` subscriber on A; `moveDeal` sent through B, or
 *   (for comparison, alternated move by move) through A itself; mutation response -> event on A.
 *
 *   npm run bench -- replicas     (BENCH_SECONDS=15, BENCH_ROUNDS=5, BENCH_CONNECTIONS=20, BENCH_MOVES=200)
 */
import type { ChildProcess } from 'node:child_process';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { replicaPorts } from '../subgraphs/registry.ts';
import {
  cpuMs,
  healthy,
  load,
  percentile,
  record,
  round2,
  signIn,
  spawnScript,
  startStack,
  waitForGateway,
  type LoadFigures,
} from './support.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const moves = Number(process.env.BENCH_MOVES ?? 200);
const base = 4760;
const [gatewayAPort = 0, gatewayBPort = 0, gatewayCPort = 0, gatewayDPort = 0] = replicaPorts(base, 4);
const [crmAPort = 0, crmBPort = 0] = replicaPorts(base + 2, 2);

const PAGE = JSON.stringify({
  query:
    '{ contacts(first: 25) { totalCount nodes { id firstName lastName email company { id name } owner { id name } } } }',
});

const stack = await startStack({
  portBase: base,
  gateway: false,
  env: {
    DATABASE_PREFIX: 'nexus_benchrep_',
    CRM_URL: [crmAPort, crmBPort].map((p) => `http://127.0.0.1:${p}/graphql`).join(','),
  },
});
const children: ChildProcess[] = [];
const run = (script: string, env: Record<string, string>) => spawnScript(children, script, { ...stack.env, ...env });
const answers = (gateway: string) => waitForGateway(gateway);

try {
  const pids: Record<string, number> = { identity: stack.pids.identity ?? 0, crmA: stack.pids.crm ?? 0 };
  pids.crmB = run('subgraphs/crm/src/main.ts', { CRM_PORT: String(crmBPort) });
  await healthy(`http://127.0.0.1:${crmBPort}/health`);
  pids.gatewayA = run('gateway/src/main.ts', { GATEWAY_PORT: String(gatewayAPort) });
  pids.gatewayB = run('gateway/src/main.ts', { GATEWAY_PORT: String(gatewayBPort) });
  // The same pair with request merging off.
  const unmerged: Record<string, number> = {
    gatewayA: run('gateway/src/main.ts', { GATEWAY_PORT: String(gatewayCPort), GATEWAY_MERGE_REQUESTS: 'false' }),
    gatewayB: run('gateway/src/main.ts', { GATEWAY_PORT: String(gatewayDPort), GATEWAY_MERGE_REQUESTS: 'false' }),
  };
  const a = `http://127.0.0.1:${gatewayAPort}`;
  const b = `http://127.0.0.1:${gatewayBPort}`;
  const c = `http://127.0.0.1:${gatewayCPort}`;
  const d = `http://127.0.0.1:${gatewayDPort}`;
  // Only identity and crm run here, so a gateway's /health (every subgraph) stays 503: ask it GraphQL.
  for (const gateway of [a, b, c, d]) await answers(gateway);

  const viewer = await signIn(a, 'viewer@nexus.test');
  const advisor = await signIn(a, 'advisor@nexus.test');
  const auth = { authorization: `Bearer ${viewer}` };

  // Throughput: one gateway, then the pair with the same connections split, alternated.
  type Round = { requestsPerSecond: number; p95: number; errors: number; cpuMsPerRequest: Record<string, number> };
  const measure = async (pair: [string, string], loads: () => Promise<LoadFigures[]>): Promise<Round> => {
    const processes: Record<string, number> = {
      identity: pids.identity ?? 0,
      crmA: pids.crmA ?? 0,
      crmB: pids.crmB ?? 0,
      ...(pair[0] === a ? { gatewayA: pids.gatewayA ?? 0, gatewayB: pids.gatewayB ?? 0 } : unmerged),
    };
    const before = Object.fromEntries(Object.entries(processes).map(([k, pid]) => [k, cpuMs(pid)]));
    const figures = await loads();
    const requests = figures.reduce((n, f) => n + f.requests, 0);
    const cpu = Object.fromEntries(
      Object.entries(processes).map(([k, pid]) => [k, round2((cpuMs(pid) - (before[k] ?? 0)) / Math.max(1, requests))]),
    );
    cpu.total = round2(Object.values(cpu).reduce((x, y) => x + y, 0));
    return {
      requestsPerSecond: round2(requests / seconds),
      p95: Math.max(...figures.map((f) => f.p95)),
      errors: figures.reduce((n, f) => n + f.timeouts + f.non2xx, 0),
      cpuMsPerRequest: cpu,
    };
  };
  const one = (p: [string, string]) =>
    measure(p, async () => [await load(`${p[0]}/graphql`, PAGE, auth, seconds, connections)]);
  const pair = (p: [string, string]) =>
    measure(p, () =>
      Promise.all([
        load(`${p[0]}/graphql`, PAGE, auth, seconds, Math.ceil(connections / 2)),
        load(`${p[1]}/graphql`, PAGE, auth, seconds, Math.floor(connections / 2)),
      ]),
    );
  // Warm every gateway and both crm replicas before measuring.
  for (const gateway of [a, b, c, d]) await load(`${gateway}/graphql`, PAGE, auth, 3, 4);
  const merged: [string, string] = [a, b];
  const plain: [string, string] = [c, d];
  const oneRounds: Round[] = [];
  const pairRounds: Round[] = [];
  const onePlainRounds: Round[] = [];
  const pairPlainRounds: Round[] = [];
  for (let r = 0; r < rounds; r++) {
    oneRounds.push(await one(merged));
    pairRounds.push(await pair(merged));
    onePlainRounds.push(await one(plain));
    pairPlainRounds.push(await pair(plain));
    console.log(
      `round ${r + 1}: merging on: one gateway ${oneRounds[r]?.requestsPerSecond} req/s, pair ${pairRounds[r]?.requestsPerSecond}; ` +
        `merging off: one ${onePlainRounds[r]?.requestsPerSecond}, pair ${pairPlainRounds[r]?.requestsPerSecond}`,
    );
  }
  const median = (values: number[]) => percentile(values, 50);
  const summary = (rs: Round[]) => ({
    requestsPerSecondMedian: median(rs.map((r) => r.requestsPerSecond)),
    p95MsMedian: median(rs.map((r) => r.p95)),
    errors: rs.reduce((n, r) => n + r.errors, 0),
    cpuMsPerRequestMedian: Object.fromEntries(
      Object.keys(rs[0]?.cpuMsPerRequest ?? {}).map((k) => [k, median(rs.map((r) => r.cpuMsPerRequest[k] ?? 0))]),
    ),
    rounds: rs.map((r) => r.requestsPerSecond),
  });
  const oneGateway = summary(oneRounds);
  const twoGateways = summary(pairRounds);
  const oneGatewayMergingOff = summary(onePlainRounds);
  const twoGatewaysMergingOff = summary(pairPlainRounds);
  const ratio = (x: { requestsPerSecondMedian: number }, y: { requestsPerSecondMedian: number }) =>
    round2(x.requestsPerSecondMedian / Math.max(1, y.requestsPerSecondMedian));

  // Events across gateways: a subscriber on A; moves through B and through A, alternated.
  const gql = async <T>(gateway: string, query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const res = await fetch(`${gateway}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${advisor}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: unknown };
    if (body.errors || !body.data) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const { pipelines } = await gql<{
    pipelines: { nodes: { id: string; pipelineType: string; stages: { nodes: { id: string; outcome: string }[] } }[] };
  }>(a, '{ pipelines { nodes { id pipelineType stages(first: 30) { nodes { id outcome } } } } }');
  const pipeline = pipelines.nodes.find((p) => p.pipelineType === 'CORPORATE');
  const [s1, s2] = pipeline?.stages.nodes.filter((s) => s.outcome === 'OPEN') ?? [];
  if (!pipeline || !s1 || !s2) throw new Error('no corporate pipeline with two open stages');
  const { createDeal: deal } = await gql<{ createDeal: { id: string } }>(
    a,
    'mutation($p: ID!) { createDeal(input: { title: "Replica latency bench", pipelineId: $p, amountCents: 100000 }) { id } }',
    { p: pipeline.id },
  );
  const waiting = new Map<string, (at: number) => void>();
  const client = createClient({
    url: `${a.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${viewer}` },
    retryAttempts: 0,
  });
  const dispose = client.subscribe<{ dealChanged: { id: string; stage: { id: string } } }>(
    {
      query:
        'subscription($p: ID) { dealChanged(pipelineId: $p) { id title stage { id name } weightedAmountCents owner { name } } }',
      variables: { p: pipeline.id },
    },
    {
      next: (msg) => {
        const at = performance.now();
        const stageId = msg.data?.dealChanged.stage.id;
        if (msg.data?.dealChanged.id === deal.id && stageId) waiting.get(stageId)?.(at);
      },
      error: (e) => console.error('subscription error', e),
      complete: () => undefined,
    },
  );
  const move = async (via: string, i: number, timeoutMs: number) => {
    const to = i % 2 === 0 ? s2 : s1;
    const received = new Promise<number>((done, fail) => {
      const t = setTimeout(() => fail(new Error(`move ${i}: no event within ${timeoutMs} ms`)), timeoutMs);
      waiting.set(to.id, (at) => (clearTimeout(t), done(at)));
    });
    // Handled now: under load the timeout may fire while the mutation is still answering.
    received.catch(() => undefined);
    const sent = performance.now();
    await gql(via, 'mutation($d: ID!, $s: ID!) { moveDeal(input: { dealId: $d, stageId: $s }) { id } }', {
      d: deal.id,
      s: to.id,
    });
    const responded = performance.now();
    const at = await received.finally(() => waiting.delete(to.id));
    // The event can beat the response home: it is published before the mutation answers.
    return { fromResponse: Math.max(0, at - responded), fromRequest: at - sent };
  };
  // The subscription is live once a move's event arrives. Every move goes to the other stage.
  let step = 0;
  while (
    !(await move(b, step++, 3000).then(
      () => true,
      () => false,
    ))
  ) {
    if (step > 30) throw new Error('the subscriber on A never heard of a move through B');
  }
  const cross = { fromResponse: [] as number[], fromRequest: [] as number[] };
  const same = { fromResponse: [] as number[], fromRequest: [] as number[] };
  for (let i = 0; i < moves * 2; i++) {
    const viaB = i % 2 === 0;
    const t = await move(viaB ? b : a, step++, 5000);
    const into = viaB ? cross : same;
    into.fromResponse.push(t.fromResponse);
    into.fromRequest.push(t.fromRequest);
  }
  dispose();
  await client.dispose();
  const latency = (values: number[]) => ({
    p50: round2(percentile(values, 50)),
    p95: round2(percentile(values, 95)),
    max: round2(Math.max(...values)),
  });

  record('replicas', {
    command: 'npm run bench -- replicas',
    load: { seconds, rounds, connections, page: 'contacts(first: 25) with company (crm) and owner (identity)' },
    processes: 'identity, crm x2 (CRM_URL lists both), gateway x2',
    mergingOn: { oneGateway, twoGateways, pairVsOneThroughput: ratio(twoGateways, oneGateway) },
    mergingOff: {
      oneGateway: oneGatewayMergingOff,
      twoGateways: twoGatewaysMergingOff,
      pairVsOneThroughput: ratio(twoGatewaysMergingOff, oneGatewayMergingOff),
    },
    events: {
      moves,
      crossReplica: {
        msFromMoveDealResponseOnBToSubscriberOnA: latency(cross.fromResponse),
        msFromMoveDealRequestOnBToSubscriberOnA: latency(cross.fromRequest),
      },
      sameGateway: {
        msFromMoveDealResponseOnAToSubscriberOnA: latency(same.fromResponse),
        msFromMoveDealRequestOnAToSubscriberOnA: latency(same.fromRequest),
      },
    },
  });
} finally {
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(
    children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : null)),
  );
  await stack.stop();
}
