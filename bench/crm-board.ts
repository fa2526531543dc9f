/**
 * Issue figures for the deal board: `deals(filter: { pipelineId }, orderBy: { field: STAGE }, first: 100)` with each deal's
 * company, primary contact, owner and last activity.
 * - SQL statements per request at the crm subgraph (ORM onQuery), for board pages of 20, 50 and 100
 *   deals: constant, because every per-deal link goes through a batching DataLoader;
 * - requests/s and latency through the gateway at 50 connections (owner names come from identity).
 *
 *   npm run bench -- crm-board          (BENCH_SECONDS=20 by default)
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
import { cpuPerRequest, load, record, signIn, startStack } from './support.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const BOARD_NAME = 'Bench board (200 deals)';
const VIEWER_ID = '0b6f6f0e-0000-4000-8000-000000000005';

const BOARD = (pipelineId: string, first: number, ownerName: boolean) => `{
  deals(filter: { pipelineId: "${pipelineId}" }, orderBy: { field: STAGE }, first: ${first}) {
    totalCount
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

const stack = await startStack({ env: { DATABASE_PREFIX: 'nexus_benchcrm_' }, portBase: 4200 });
try {
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

  // Statements per request, counted at the ORM (same process, no HTTP).
  const server = createCrmServer(deps, log).server;
  await server.start();
  const perBoard: Record<string, number> = {};
  for (const n of [20, 50, 100]) {
    statements = 0;
    const ctx = createContext(deps)({ viewer: viewerFor(VIEWER_ID, 'VIEWER'), requestId: 'bench', log, http: noHttp });
    const res = await server.executeOperation({ query: BOARD(pipelineId, n, false) }, { contextValue: ctx });
    if (res.body.kind !== 'single' || res.body.singleResult.errors)
      throw new Error(`board query failed: ${JSON.stringify(res.body)}`);
    const nodes = (res.body.singleResult.data as { deals: { nodes: unknown[] } }).deals.nodes;
    if (nodes.length !== n) throw new Error(`expected ${n} deals, got ${nodes.length}`);
    perBoard[`board of ${n} deals`] = statements;
  }
  await server.stop();
  await deps.close();

  const token = await signIn(stack.gatewayUrl, 'viewer@nexus.test');
  // Where the CPU goes (on a shared 2-vCPU machine, latency moves with other load; CPU per request barely does).
  const gateway = await cpuPerRequest(stack.pids, () =>
    load(
      `${stack.gatewayUrl}/graphql`,
      JSON.stringify({ query: BOARD(pipelineId, 100, true) }),
      { authorization: `Bearer ${token}` },
      seconds,
      50,
    ),
  );
  if (gateway.non2xx) throw new Error(`load run had failed requests: ${JSON.stringify(gateway)}`);

  record('crm-board', {
    command: 'npm run bench -- crm-board',
    query:
      'deals(filter: { pipelineId }, orderBy: { field: STAGE }, first: 100) with stage, company, primaryContact, owner { name }, lastActivity',
    sqlStatementsPerRequest: perBoard,
    throughGateway: { seconds, connections: 50, deals: 100, ...gateway },
  });
} finally {
  await stack.stop();
}
