/**
 * Issue figures for the deal board: the whole board of a 200-deal pipeline in one request (two
 * pages of 100 of `deals(filter: { pipelineId }, orderBy: { field: STAGE })`, the second after the
 * first's end cursor) with each deal's stage, company, primary contact, owner and last activity.
 * - SQL statements per request at the crm subgraph (ORM onQuery), for board pages of 20, 50 and 100
 *   deals, on the entity path and on plain rows: constant, because every per-deal link goes
 *   through a batching DataLoader;
 * - requests/s through the gateway at 10 connections and CPU time per request in each process
 *   (from /proc), before and after in one run: rounds alternate crm's entity read path
 *   (`CRM_PLAIN_READS=0`, before), plain rows run by graphql-js (`SUBGRAPH_COMPILED_QUERIES=false`)
 *   and plain rows run as compiled queries (after).
 *
 *   npm run bench -- crm-board          (BENCH_SECONDS=15, BENCH_ROUNDS=2, BENCH_CONNECTIONS=10)
 */
import { QueryOrder } from '@mikro-orm/core';
import { createLogger, noHttp, viewerFor } from '@nexus/platform';
import { createContext } from '../subgraphs/crm/src/context.ts';
import {
  Activity,
  Company,
  Contact,
  Deal,
  DealStageChange,
  Pipeline,
  PipelineStage,
} from '../subgraphs/crm/src/entities/index.ts';
import { loadCrmEnv } from '../subgraphs/crm/src/env.ts';
import { openCrm } from '../subgraphs/crm/src/runtime.ts';
import { createCrmServer } from '../subgraphs/crm/src/server.ts';
import { cpuPerRequest, load, record, round2, signIn, startStack, type Stack } from './support.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
// Merging identical in-flight subgraph requests is off: each board request then costs crm its own read.
const STACK = { env: { DATABASE_PREFIX: 'nexus_benchcrm_', GATEWAY_MERGE_REQUESTS: 'false' }, portBase: 4200 };
const BOARD_NAME = 'Bench board (200 deals)';
const VIEWER_ID = '0b6f6f0e-0000-4000-8000-000000000005';

const BOARD = (pipelineId: string, first: number, ownerName: boolean, after?: string, alias = 'deals') => `{
  ${alias}: deals(filter: { pipelineId: "${pipelineId}" }, orderBy: { field: STAGE }, first: ${first}${after ? `, after: "${after}"` : ''}) {
    totalCount
    pageInfo { endCursor }
    nodes {
      id title amountCents weightedAmountCents stageEnteredAt
      stage { id name }
      company { id name }
      primaryContact { id firstName lastName }
      owner { id${ownerName ? ' name' : ''} }
      lastActivity { id type subject occurredAt }
    }
  }
}`;

const board = await (async () => {
  const stack = await startStack(STACK);
  try {
    return await prepare(stack);
  } finally {
    await stack.stop();
  }
})();

/** The 200-deal pipeline (made once), and statements per request on each read path. */
async function prepare(stack: Stack) {
  const log = createLogger('bench');
  log.level = 'warn';
  let statements = 0;
  const deps = await openCrm(loadCrmEnv({ ...stack.env }), log, { seed: false, onQuery: () => void statements++ });

  // A pipeline of exactly 200 deals, each with a company, a contact and a few activities (made once).
  const em = deps.orm.em.fork();
  const existing = await em.findOne(Pipeline, { name: BOARD_NAME });
  const pipeline = existing ?? em.create(Pipeline, { name: BOARD_NAME, pipelineType: 'CORPORATE', position: 99 });
  if (!existing) {
    const stages = ['Lead', 'Qualified', 'Proposal', 'Negotiating', 'Won', 'Lost'].map((name, i) =>
      em.create(PipelineStage, {
        pipeline,
        name,
        position: i + 1,
        probability: [10, 25, 50, 70, 100, 0][i] ?? 0,
        outcome: name === 'Won' ? 'WON' : name === 'Lost' ? 'LOST' : 'OPEN',
      }),
    );
    const companies = await em.find(Company, {}, { limit: 60, orderBy: { id: QueryOrder.ASC } });
    const contacts = await em.find(
      Contact,
      { company: { $ne: null } },
      { limit: 400, orderBy: { id: QueryOrder.ASC } },
    );
    for (let i = 0; i < 200; i++) {
      const contact = contacts[i % contacts.length] ?? null;
      const company = companies.find((c) => c.id === contact?.company?.id) ?? companies[i % companies.length] ?? null;
      const stage = stages[i % stages.length];
      if (!stage) continue;
      const deal = em.create(Deal, {
        title: `Bench deal ${i + 1}`,
        pipeline,
        stage,
        status: stage.outcome,
        amountCents: (10 + (i % 90)) * 1000_00,
        company,
        primaryContact: contact,
        ownerId: VIEWER_ID,
      });
      em.create(DealStageChange, { deal, fromStage: null, toStage: stage });
      for (let k = 0; k < 3; k++) {
        em.create(Activity, {
          type: 'CALL',
          subject: `Call ${k + 1}`,
          occurredAt: new Date(Date.now() - (i * 3 + k) * 3_600_000),
          deal,
          contact,
          company,
        });
      }
    }
    await em.flush();
  }
  const pipelineId = pipeline.id;

  // Statements per request, counted at the ORM (same process, no HTTP), on each read path.
  const server = createCrmServer(deps, log).server;
  await server.start();
  const perBoard: Record<string, Record<string, number>> = {};
  let secondPage = '';
  for (const plain of [false, true]) {
    deps.env.CRM_PLAIN_READS = plain;
    const counts: Record<string, number> = {};
    for (const n of [20, 50, 100]) {
      statements = 0;
      const ctx = createContext(deps)({
        viewer: viewerFor(VIEWER_ID, 'VIEWER'),
        requestId: 'bench',
        log,
        http: noHttp,
      });
      const res = await server.executeOperation({ query: BOARD(pipelineId, n, false) }, { contextValue: ctx });
      if (res.body.kind !== 'single' || res.body.singleResult.errors)
        throw new Error(`board query failed: ${JSON.stringify(res.body)}`);
      const deals = (res.body.singleResult.data as { deals: { nodes: unknown[]; pageInfo: { endCursor: string } } })
        .deals;
      if (deals.nodes.length !== n) throw new Error(`expected ${n} deals, got ${deals.nodes.length}`);
      counts[`board of ${n} deals`] = statements;
      if (n === 100) secondPage = deals.pageInfo.endCursor;
    }
    perBoard[plain ? 'plain rows' : 'entities'] = counts;
  }
  await server.stop();
  await deps.close();
  return { pipelineId, perBoard, secondPage };
}

/** The whole 200-deal board in one request: both pages of 100. */
const WHOLE_BOARD = `{ ${BOARD(board.pipelineId, 100, true, undefined, 'first').slice(1, -1)} ${BOARD(board.pipelineId, 100, true, board.secondPage, 'second').slice(1, -1)} }`;
const ARMS = [
  { arm: 'before (entities)', plain: '0', compiled: 'false' },
  { arm: 'plain rows, graphql-js', plain: '1', compiled: 'false' },
  { arm: 'after (plain rows, compiled queries)', plain: '1', compiled: 'true' },
] as const;
const runs: { round: number; arm: string; throughGateway: Awaited<ReturnType<typeof measure>> }[] = [];

async function measure(stack: Stack) {
  const token = await signIn(stack.gatewayUrl, 'viewer@nexus.test');
  const body = JSON.stringify({ query: WHOLE_BOARD });
  const check = await fetch(`${stack.gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });
  const answer = (await check.json()) as {
    data?: { first: { nodes: unknown[] }; second: { nodes: unknown[] } };
    errors?: unknown;
  };
  if (answer.errors || answer.data?.first.nodes.length !== 100 || answer.data.second.nodes.length !== 100)
    throw new Error(`the board did not answer 200 deals: ${JSON.stringify(answer).slice(0, 500)}`);
  const run = (s: number) =>
    load(`${stack.gatewayUrl}/graphql`, body, { authorization: `Bearer ${token}` }, s, connections);
  await run(5);
  // Where the CPU goes (on a shared 2-vCPU machine, latency moves with other load; CPU per request barely does).
  const figures = await cpuPerRequest(stack.pids, () => run(seconds));
  if (figures.non2xx) throw new Error(`load run had failed requests: ${JSON.stringify(figures)}`);
  return figures;
}

for (let round = 1; round <= rounds; round++) {
  for (const { arm, plain, compiled } of ARMS) {
    const stack = await startStack({
      ...STACK,
      env: { ...STACK.env, CRM_PLAIN_READS: plain, SUBGRAPH_COMPILED_QUERIES: compiled },
    });
    try {
      const throughGateway = await measure(stack);
      console.log(JSON.stringify({ round, arm, throughGateway }));
      runs.push({ round, arm, throughGateway });
    } finally {
      await stack.stop();
    }
  }
}

const mean = (arm: string, pick: (r: (typeof runs)[number]) => number) => {
  const values = runs.filter((r) => r.arm === arm).map(pick);
  return round2(values.reduce((a, b) => a + b, 0) / Math.max(1, values.length));
};
const summary = Object.fromEntries(
  ARMS.map(({ arm }) => [
    arm,
    {
      crmCpuMsPerBoard: mean(arm, (r) => r.throughGateway.cpuMsPerRequest.crm ?? 0),
      totalCpuMsPerBoard: mean(arm, (r) => r.throughGateway.cpuMsPerRequest.total ?? 0),
      requestsPerSecond: mean(arm, (r) => r.throughGateway.requestsPerSecond),
      p95: mean(arm, (r) => r.throughGateway.p95),
    },
  ]),
);

record('crm-board', {
  command: 'npm run bench -- crm-board',
  query:
    'the whole 200-deal board per request: two pages of deals(filter: { pipelineId }, orderBy: { field: STAGE }, first: 100) with stage, company, primaryContact, owner { name }, lastActivity',
  load: { seconds, connections, rounds },
  sqlStatementsPerRequest: board.perBoard,
  summary,
  runs,
});
