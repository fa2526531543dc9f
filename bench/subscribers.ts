/**
 * Issue figure for live updates at scale: 1,000 `dealChanged` subscribers (one socket each) from 50
 * users, ten of each of the five roles, all on one gateway with the same board document; one
 * `moveDeal` at a time. Per move: mutation response -> the last subscriber receiving the moved deal,
 * and the CPU each process spent; per round: the gateway's peak RSS. Every subscriber must receive
 * every change. Before (GATEWAY_SHARED_HYDRATION=0: one re-read per subscriber) and after (one per
 * group) alternate in one run over the same identity and crm processes, rounds before/after/...
 * Targets: p95 under 100 ms, gateway RSS under 512 MB.
 *
 *   npm run bench -- subscribers    (BENCH_MOVES=20 per round, BENCH_ROUNDS=2 of each by default)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { cpuMs, percentile, record, round2, signIn, startStack } from './support.ts';

const MOVES = Number(process.env.BENCH_MOVES ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const USERS_PER_ROLE = 10;
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1000);
const ROLES = ['ADMIN', 'MANAGER', 'ADVISOR', 'AGENT', 'VIEWER'] as const;
const PASSWORD = 'bench-subscribers-password';
const root = resolve(import.meta.dirname, '..');

const DOC =
  'subscription($p: ID) { dealChanged(pipelineId: $p) { id title stage { id name } weightedAmountCents owner { name } } }';

const stack = await startStack({ env: { DATABASE_PREFIX: 'nexus_benchsubs_' }, portBase: 4640, gateway: false });
const rssKb = (pid: number, field: 'VmRSS' | 'VmHWM') =>
  Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`${field}:\\s+(\\d+)`))?.[1] ?? 0);

async function startGateway(shared: boolean): Promise<{ pid: number; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, [resolve(root, 'gateway/src/main.ts')], {
    env: { ...stack.env, GATEWAY_SHARED_HYDRATION: shared ? '1' : '0', WS_MAX_SUBSCRIPTIONS_PER_USER: '100' },
    // BENCH_GATEWAY_LOG=<file> keeps the gateway's log (it is dropped otherwise).
    stdio: [
      'ignore',
      process.env.BENCH_GATEWAY_LOG ? openSync(process.env.BENCH_GATEWAY_LOG, 'a') : 'ignore',
      'inherit',
    ],
  });
  let exited = false;
  child.once('exit', (code, signal) => {
    exited = true;
    if (code || signal) console.error(`gateway exited (${code ?? signal})`);
  });
  // Only identity and crm run, so /health says 503; the graph answering is what counts here.
  const until = Date.now() + 120_000;
  for (;;) {
    if (exited) throw new Error('gateway exited during start');
    if (Date.now() > until) {
      child.kill('SIGTERM');
      throw new Error('gateway did not start');
    }
    const up = await fetch(`${stack.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (up) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    pid: child.pid ?? 0,
    stop: async () => {
      if (exited) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await gone;
    },
  };
}

async function gql<T>(
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ data?: T; errors?: { extensions?: { code?: string } }[] }> {
  const res = await fetch(`${stack.gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: T; errors?: { extensions?: { code?: string } }[] };
}

async function login(email: string, password: string): Promise<string> {
  const res = await fetch(`${stack.gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
      variables: { e: email, p: password },
    }),
  });
  const body = (await res.json()) as { data?: { login?: { accessToken: string } } };
  const token = body.data?.login?.accessToken;
  if (!token) throw new Error(`sign-in failed for ${email}: ${JSON.stringify(body)}`);
  return token;
}

interface Round {
  mode: 'before' | 'after';
  latencies: number[];
  cpu: Record<string, number>;
  rssAfterSubscribeMb: number;
  peakRssMb: number;
  missed: number;
}

const rounds: Round[] = [];
let pipelineId = '';
let stages: string[] = [];
let dealId = '';
const emails: string[] = [];

try {
  for (let r = 0; r < ROUNDS * 2; r++) {
    const shared = r % 2 === 1;
    const gateway = await startGateway(shared);
    try {
      const admin = await signIn(stack.gatewayUrl, 'admin@nexus.test');
      const advisor = await signIn(stack.gatewayUrl, 'advisor@nexus.test');
      if (!dealId) {
        // Fifty users, ten per role (created once; the bench database keeps them between runs).
        for (const role of ROLES) {
          for (let n = 0; n < USERS_PER_ROLE; n++) {
            const email = `bench-subs-${role.toLowerCase()}-${n}@nexus.test`;
            const res = await gql(admin, 'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', {
              i: { email, name: `Bench ${role.toLowerCase()} ${n}`, role, password: PASSWORD },
            });
            if (res.errors && !res.errors.every((e) => e.extensions?.code === 'CONFLICT'))
              throw new Error(`createUser: ${JSON.stringify(res.errors)}`);
            emails.push(email);
          }
        }
        const { data } = await gql<{
          pipelines: {
            nodes: { id: string; pipelineType: string; stages: { nodes: { id: string; outcome: string }[] } }[];
          };
        }>(advisor, '{ pipelines { nodes { id pipelineType stages(first: 30) { nodes { id outcome } } } } }');
        const pipeline = data?.pipelines.nodes.find((p) => p.pipelineType === 'CORPORATE');
        stages = pipeline?.stages.nodes.filter((s) => s.outcome === 'OPEN').map((s) => s.id) ?? [];
        if (!pipeline || stages.length < 2) throw new Error('no corporate pipeline with two open stages');
        pipelineId = pipeline.id;
        const created = await gql<{ createDeal: { id: string } }>(
          advisor,
          'mutation($p: ID!) { createDeal(input: { title: "Subscribers bench", pipelineId: $p, amountCents: 100000 }) { id } }',
          { p: pipelineId },
        );
        dealId = created.data?.createDeal.id ?? '';
        if (!dealId) throw new Error(`createDeal: ${JSON.stringify(created.errors)}`);
      }
      // One at a time: password hashing is meant to be slow.
      const tokens: string[] = [];
      for (const e of emails) tokens.push(await login(e, PASSWORD));

      // 1,000 sockets, twenty per user, each with the board subscription.
      const waiting = new Map<string, { left: number; last: number; done: () => void }>();
      const receivedBy = new Array<string>(SUBSCRIBERS).fill('');
      const clients: Client[] = [];
      let connected = 0;
      for (let i = 0; i < SUBSCRIBERS; i++) {
        const client = createClient({
          url: `${stack.gatewayUrl.replace(/^http/, 'ws')}/graphql`,
          webSocketImpl: WebSocket,
          connectionParams: { authorization: `Bearer ${tokens[i % tokens.length]}` },
          retryAttempts: 0,
          lazy: false,
          onNonLazyError: () => undefined,
          on: { connected: () => void (connected += 1) },
        });
        clients.push(client);
        client.subscribe<{ dealChanged: { id: string; stage: { id: string } } }>(
          { query: DOC, variables: { p: pipelineId } },
          {
            next: (msg) => {
              const at = performance.now();
              const d = msg.data?.dealChanged;
              if (!d || d.id !== dealId) return;
              const tag = `${d.stage.id}`;
              const w = waiting.get(tag);
              if (!w || receivedBy[i] === tag) return;
              receivedBy[i] = tag;
              w.last = at;
              if (--w.left === 0) w.done();
            },
            error: (e) => console.error('subscription error', e),
            complete: () => undefined,
          },
        );
      }

      let stageIndex = 0;
      const move = async (timeoutMs: number) => {
        stageIndex = (stageIndex + 1) % stages.length;
        const to = stages[stageIndex] ?? '';
        let resolveAll: () => void = () => undefined;
        const all = new Promise<void>((r) => (resolveAll = r));
        const w = { left: SUBSCRIBERS, last: 0, done: resolveAll };
        waiting.clear();
        receivedBy.fill('');
        waiting.set(to, w);
        const res = await gql(
          advisor,
          'mutation($d: ID!, $s: ID!) { moveDeal(input: { dealId: $d, stageId: $s }) { id } }',
          {
            d: dealId,
            s: to,
          },
        );
        const responded = performance.now();
        if (res.errors) throw new Error(`moveDeal: ${JSON.stringify(res.errors)}`);
        let timer: NodeJS.Timeout | undefined;
        const ok = await Promise.race([
          all.then(() => true),
          new Promise<boolean>((r) => (timer = setTimeout(() => r(false), timeoutMs))),
        ]);
        clearTimeout(timer);
        return { ok, ms: w.last - responded, missed: w.left };
      };
      // Subscriptions are open once a move reaches all of them (the server does not ack them).
      while (connected < SUBSCRIBERS) await new Promise((r) => setTimeout(r, 100));
      for (let attempt = 0; ; attempt++) {
        const warm = await move(shared ? 10_000 : 60_000);
        console.log(`round ${r + 1}: warm-up move ${warm.ok ? 'reached every subscriber' : `missed ${warm.missed}`}`);
        if (warm.ok) break;
        if (attempt > 10) throw new Error('subscribers never all received a move');
      }
      const rssAfterSubscribeMb = round2(rssKb(gateway.pid, 'VmRSS') / 1024);
      const pids = { gateway: gateway.pid, crm: stack.pids.crm ?? 0, identity: stack.pids.identity ?? 0 };
      const cpuBefore = Object.fromEntries(Object.entries(pids).map(([k, p]) => [k, cpuMs(p)]));
      const latencies: number[] = [];
      let missed = 0;
      for (let m = 0; m < MOVES; m++) {
        const result = await move(60_000);
        if (!result.ok) missed += result.missed;
        else latencies.push(result.ms);
      }
      const cpu = Object.fromEntries(
        Object.entries(pids).map(([k, p]) => [k, round2((cpuMs(p) - (cpuBefore[k] ?? 0)) / MOVES)]),
      );
      const round: Round = {
        mode: shared ? 'after' : 'before',
        latencies,
        cpu,
        rssAfterSubscribeMb,
        peakRssMb: round2(rssKb(gateway.pid, 'VmHWM') / 1024),
        missed,
      };
      rounds.push(round);
      console.log(
        `round ${r + 1} ${round.mode}: p50 ${round2(percentile(latencies, 50))} ms, p95 ${round2(percentile(latencies, 95))} ms, ` +
          `cpu/move ${JSON.stringify(cpu)} ms, rss ${rssAfterSubscribeMb} MB (peak ${round.peakRssMb}), missed ${missed}`,
      );
      await Promise.all(clients.map((c) => c.dispose()));
    } finally {
      await gateway.stop();
    }
  }

  const summary = (mode: 'before' | 'after') => {
    const rs = rounds.filter((r) => r.mode === mode);
    const latencies = rs.flatMap((r) => r.latencies);
    const cpu = (k: string) => round2(rs.reduce((a, r) => a + (r.cpu[k] ?? 0), 0) / Math.max(1, rs.length));
    return {
      moves: latencies.length,
      missedDeliveries: rs.reduce((a, r) => a + r.missed, 0),
      responseToLastSubscriberMs: { p50: round2(percentile(latencies, 50)), p95: round2(percentile(latencies, 95)) },
      cpuMsPerMove: { gateway: cpu('gateway'), crm: cpu('crm'), identity: cpu('identity') },
      gatewayRssMb: {
        afterSubscribing: Math.max(...rs.map((r) => r.rssAfterSubscribeMb)),
        peak: Math.max(...rs.map((r) => r.peakRssMb)),
      },
    };
  };
  record('subscribers', {
    subscribers: SUBSCRIBERS,
    users: USERS_PER_ROLE * ROLES.length,
    movesPerRound: MOVES,
    rounds: rounds.map((r) => r.mode),
    before: summary('before'),
    after: summary('after'),
  });
} finally {
  await stack.stop();
}
