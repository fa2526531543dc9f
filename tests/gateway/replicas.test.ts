import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICES, gatewayExecutor, viewerOfService } from '@nexus/platform';
import { bearer, gql } from '../support/client.ts';
import { startSystem, type System } from '../support/system.ts';
import { data, eventually, signInStaff, unique, type Staff } from '../support/staff.ts';
import { subscribe, wsClient } from '../support/ws.ts';
import { createDeal, createPipeline, stageId } from '../crm/kit.ts';

/**
 * Two gateways and two crm processes over the same databases and Redis, as `npm start` runs them
 * with GATEWAY_REPLICAS=2 and CRM_REPLICAS=2: live events cross gateways (the event bus is Redis),
 * each gateway spreads crm calls over both replicas, and one replica down fails no request.
 */
let system: System;
let staff: Staff;
/** GraphQL requests each crm replica has served. */
const served = [0, 0];
beforeAll(async () => {
  system = await startSystem({ replicas: { gateway: 2, crm: 2 } });
  staff = await signInStaff(system);
  for (const [k, replica] of (system.replicas.crm ?? []).entries()) {
    // Only GraphQL is POSTed to a subgraph here (Express has rewritten `req.url` by the time this runs).
    replica.httpServer.on('request', (req: IncomingMessage) => {
      if (req.method === 'POST') served[k] = (served[k] ?? 0) + 1;
    });
  }
});
afterAll(async () => system?.close());

const MOVE = `mutation($input: MoveDealInput!) { moveDeal(input: $input) { id stage { name } } }`;
const BOARD = `subscription($p: ID) { dealChanged(pipelineId: $p) { id title stage { name } owner { name } pipeline { id } } }`;
const CONTACTS = '{ contacts(first: 3) { totalCount nodes { id firstName } } }';

type DealEvent = {
  dealChanged: {
    id: string;
    title: string;
    stage: { name: string };
    owner: { name: string };
    pipeline: { id: string };
  };
};

/** A loopback port that was just free: connections to it are refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('two replicas', () => {
  it('runs two gateways and two crm processes', () => {
    expect(new Set(system.gatewayUrls).size).toBe(2);
    expect(new Set(system.replicas.crm?.map((r) => r.url)).size).toBe(2);
  });

  it('delivers a deal moved through gateway B to a subscriber on gateway A', async () => {
    const [a, b] = system.gatewayUrls;
    if (!a || !b) throw new Error('two gateways');
    const pipeline = await createPipeline(staff);
    const title = unique('Replicated deal');
    const deal = await createDeal(staff, { title, pipelineId: pipeline.id, ownerId: staff.id.advisor });

    const client = wsClient(a, staff.token.viewer);
    const board = subscribe<DealEvent>(client, BOARD, { p: pipeline.id });
    // The subscription is live once an event arrives: move the deal through B until A hears of it.
    const stages = ['Proposal', 'Verbal'];
    let moves = 0;
    const event = await eventually(async () => {
      const stage = stages[moves++ % 2] ?? 'Proposal';
      data(
        await gql(
          b,
          MOVE,
          { input: { dealId: deal.id, stageId: stageId(pipeline, stage) } },
          bearer(staff.token.advisor),
        ),
      );
      return board.next((e) => e.dealChanged.id === deal.id && e.dealChanged.stage.name === stage, 1_000);
    }, 20_000);
    expect(event.dealChanged).toMatchObject({ title, owner: { name: 'Avery Advisor' }, pipeline: { id: pipeline.id } });
    expect(board.errors).toEqual([]);
    board.dispose();
    await client.dispose();
  });

  it('spreads crm calls from each gateway over both crm replicas', async () => {
    const before = [...served];
    for (const gateway of system.gatewayUrls) {
      for (let i = 0; i < 10; i++) {
        const res = await gql<{ contacts: { totalCount: number } }>(gateway, CONTACTS, {}, bearer(staff.token.viewer));
        expect(data(res).contacts.totalCount).toBeGreaterThan(0);
      }
    }
    const calls = served.map((n, k) => n - (before[k] ?? 0));
    // Each gateway takes the replicas in turn: 20 one-fetch queries are 10 at each.
    expect(calls).toEqual([10, 10]);
  });

  it('spreads evenly when identical reads are merged, since only calls that go out take a turn', async () => {
    const [a] = system.gatewayUrls;
    if (!a) throw new Error('a gateway');
    const before = [...served];
    // Bursts of one viewer's identical reads: the gateway sends each burst once or a few times.
    for (let burst = 0; burst < 12; burst++) {
      const answers = await Promise.all(
        Array.from({ length: 4 }, () =>
          gql<{ contacts: { totalCount: number } }>(a, CONTACTS, {}, bearer(staff.token.viewer)),
        ),
      );
      for (const res of answers) expect(data(res).contacts.totalCount).toBeGreaterThan(0);
    }
    const [first = 0, second = 0] = served.map((n, k) => n - (before[k] ?? 0));
    expect(first + second).toBeGreaterThanOrEqual(12);
    expect(Math.abs(first - second)).toBeLessThanOrEqual(1);
  });

  it('keeps answering, mutations included, with one crm replica stopped, and /health names it', async () => {
    const [, second] = system.replicas.crm ?? [];
    if (!second) throw new Error('two crm replicas');
    await second.stop();
    const pipeline = await createPipeline(staff);
    const deal = await createDeal(staff, { title: unique('Survivor'), pipelineId: pipeline.id });
    const before = [...served];
    for (const gateway of system.gatewayUrls) {
      for (let i = 0; i < 6; i++) {
        const res = await gql<{ contacts: { totalCount: number } }>(gateway, CONTACTS, {}, bearer(staff.token.viewer));
        expect(res.errors).toBeUndefined();
        expect(res.data?.contacts.totalCount).toBeGreaterThan(0);
      }
      const moved = await gql<{ moveDeal: { stage: { name: string } } }>(
        gateway,
        MOVE,
        {
          input: { dealId: deal.id, stageId: stageId(pipeline, gateway === system.gatewayUrl ? 'Proposal' : 'Verbal') },
        },
        bearer(staff.token.advisor),
      );
      expect(moved.errors).toBeUndefined();
    }
    expect(served[1]).toBe(before[1]);
    expect((served[0] ?? 0) - (before[0] ?? 0)).toBeGreaterThanOrEqual(14);

    // The gateway still serves everything, so a load balancer keeps it; the status says what is missing.
    const health = await fetch(`${system.gatewayUrl}/health`);
    const body = (await health.json()) as { status: string; checks: Record<string, string> };
    expect(health.status).toBe(200);
    expect(body.status).toBe('degraded');
    expect(body.checks).toMatchObject({ 'subgraph:crm': 'ok', 'subgraph:crm#2': 'unreachable' });
  });

  it('lets a job reach the graph through GATEWAY_URL with one gateway refusing connections', async () => {
    // A worker's GATEWAY_URL lists every gateway; the first here refuses (a port nothing listens on).
    const closed = await closedPort();
    const run = gatewayExecutor({
      gatewayUrl: `http://127.0.0.1:${closed}/graphql,${system.gatewayUrl}/graphql`,
      secret: system.iso.vars.INTERNAL_TOKEN_SECRET ?? '',
    });
    for (let i = 0; i < 3; i++) {
      const res = await run(viewerOfService(SERVICES.slack), { query: CONTACTS }, `replica-job-${i}`);
      expect(res.errors).toBeUndefined();
      expect((res.data as { contacts: { totalCount: number } }).contacts.totalCount).toBeGreaterThan(0);
    }
  });
});
