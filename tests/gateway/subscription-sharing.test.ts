import diagnostics_channel from 'node:diagnostics_channel';
import {
  parse,
  type GraphQLSchema,
  buildSchema,
  type OperationDefinitionNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
} from 'graphql';
import { readFileSync } from 'node:fs';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeEvent, EventBus, Viewer } from '@nexus/platform';
import {
  HYDRATION_CHANNEL,
  SubscriptionGroups,
  readScopeOf,
  type GroupSpec,
  type HydrationMessage,
  type SubscriberConnection,
} from '../../gateway/src/subscription-groups.ts';
import { bearer, gql, signIn } from '../support/client.ts';
import { data, eventually, signInStaff, unique, type Role, type Staff } from '../support/staff.ts';
import { startSystem, type System } from '../support/system.ts';
import { subscribe, wsClient, type Received } from '../support/ws.ts';

/**
 * Subscribers whose answer must be identical share one re-read per event: by rank where the
 * subscription field is declared rank-scoped (deals), by viewer where rows depend on who asks
 * (tickets: an agent reads only unassigned tickets and their own). Every payload is compared with
 * the subscriber's own query for the same data.
 */

const ROLES: Role[] = ['admin', 'manager', 'advisor', 'agent', 'viewer'];
const PASSWORD = 'sharing-test-password';

const DEAL_SELECTION = `id title amountCents status stage { id name } pipeline { id name }
  company { id name } owner { id name } stageHistory(first: 3) { nodes { id } } deletedAt`;
const DEAL_DOC = `subscription { dealChanged { ${DEAL_SELECTION} } }`;
const DEAL_READ = `query($id: ID!) { deal(id: $id, includeDeleted: true) { ${DEAL_SELECTION} } }`;
// Tasks are outside the declaration (agents work their own), so this document is read per viewer.
const DEAL_TASKS_SELECTION = 'id title tasks(first: 5) { nodes { id title } }';
const DEAL_TASKS_DOC = `subscription { deal: dealChanged { ${DEAL_TASKS_SELECTION} } }`;
const DEAL_TASKS_READ = `query($id: ID!) { deal(id: $id, includeDeleted: true) { ${DEAL_TASKS_SELECTION} } }`;
const TICKET_SELECTION = 'id subject status priority assignee { id name } company { id name } tags';
const TICKET_DOC = `subscription { ticketChanged { ${TICKET_SELECTION} } }`;
const TICKET_READ = `query($id: ID!) { ticket(id: $id) { ${TICKET_SELECTION} } }`;

interface Deal {
  id: string;
  title: string;
  stage: { id: string };
}
interface Ticket {
  id: string;
}
interface User {
  role: Role;
  id: string;
  token: string;
  client: Client;
  deals: Received<{ dealChanged: Deal }>;
  dealTasks: Received<{ deal: Deal }>;
  tickets: Received<{ ticketChanged: Ticket }>;
}

let system: System;
let staff: Staff;
const users: User[] = [];
const hydrations: HydrationMessage[] = [];
const onHydration = (m: unknown) => void hydrations.push(m as HydrationMessage);

const asUser = <T>(u: User, query: string, variables: Record<string, unknown>) =>
  gql<T>(system.gatewayUrl, query, variables, bearer(u.token));

/** Re-reads of one event that have finished delivering. */
const doneFor = (topic: string, eventId: string) =>
  hydrations.filter((h) => h.topic === topic && h.eventId === eventId);

beforeAll(async () => {
  system = await startSystem({ env: { LOGIN_RATE_LIMIT: '1000' } });
  staff = await signInStaff(system);
  diagnostics_channel.subscribe(HYDRATION_CHANNEL, onHydration);
  // Three users of each role (four agents): the demo staff, plus new accounts.
  const accounts: { role: Role; email: string }[] = [
    ...['admin', 'manager', 'advisor', 'agent', 'viewer', 'sam.rivera', 'jo.chen', 'kai.patel'].map((name, i) => ({
      role: (i < 5 ? name : i < 7 ? 'advisor' : 'agent') as Role,
      email: `${name}@nexus.test`,
    })),
  ];
  for (const role of ROLES) {
    const have = accounts.filter((a) => a.role === role).length;
    for (let n = have; n < 3; n++) {
      const email = `${unique(`share-${role}`).replace(/\W+/g, '-')}@nexus.test`.toLowerCase();
      data(
        await staff.as.admin('mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', {
          i: { email, name: `Share ${role} ${n}`, role: role.toUpperCase(), password: PASSWORD },
        }),
      );
      accounts.push({ role, email });
    }
  }
  for (const a of accounts) {
    const s = await signIn(system.gatewayUrl, a.email, a.email.startsWith('share-') ? PASSWORD : undefined);
    const client = wsClient(system.gatewayUrl, s.accessToken);
    users.push({
      role: a.role,
      id: s.user.id,
      token: s.accessToken,
      client,
      deals: subscribe(client, DEAL_DOC),
      dealTasks: subscribe(client, DEAL_TASKS_DOC),
      tickets: subscribe(client, TICKET_DOC),
    });
  }
}, 120_000);

afterAll(async () => {
  diagnostics_channel.unsubscribe(HYDRATION_CHANNEL, onHydration);
  for (const u of users) {
    u.deals.dispose();
    u.dealTasks.dispose();
    u.tickets.dispose();
    await u.client.dispose();
  }
  await system?.close();
});

describe('shared hydration for subscriptions', () => {
  it('re-reads a deal change once per rank and gives each role exactly what its own read returns', async () => {
    expect(new Set(users.map((u) => u.role)).size).toBe(5);
    expect(users.filter((u) => u.role === 'viewer').length).toBeGreaterThanOrEqual(3);
    const board = data(
      await staff.as.advisor<{
        deals: { nodes: { id: string; stage: { id: string }; pipeline: { stages: { nodes: { id: string }[] } } }[] };
      }>('{ deals(first: 2) { nodes { id stage { id } pipeline { stages(first: 30) { nodes { id } } } } } }'),
    );
    const [warm, target] = board.deals.nodes;
    if (!warm || !target) throw new Error('seed has deals');

    // Every subscription is open once a change reaches all of them (the server does not ack them).
    await eventually(async () => {
      const title = unique('Warm');
      data(
        await staff.as.advisor('mutation($id: ID!, $t: String!) { updateDeal(input: { id: $id, title: $t }) { id } }', {
          id: warm.id,
          t: title,
        }),
      );
      await Promise.all(users.map((u) => u.deals.next((e) => e.dealChanged.title === title, 2000)));
      await Promise.all(users.map((u) => u.dealTasks.next((e) => e.deal.title === title, 2000)));
    }, 30_000);

    const stageId = target.pipeline.stages.nodes.find((s) => s.id !== target.stage.id)?.id;
    if (!stageId) throw new Error('pipeline has two stages');
    data(
      await staff.as.advisor('mutation($d: ID!, $s: ID!) { moveDeal(input: { dealId: $d, stageId: $s }) { id } }', {
        d: target.id,
        s: stageId,
      }),
    );

    const moved = await Promise.all(
      users.map((u) =>
        u.deals.next((e) => e.dealChanged.id === target.id && e.dealChanged.stage.id === stageId, 10_000),
      ),
    );
    const movedTasks = await Promise.all(users.map((u) => u.dealTasks.next((e) => e.deal.id === target.id, 10_000)));
    for (const [i, u] of users.entries()) {
      const own = await asUser<{ deal: unknown }>(u, DEAL_READ, { id: target.id });
      expect(own.errors).toBeUndefined();
      expect(moved[i]?.dealChanged, `${u.role} ${u.id}`).toEqual(own.data?.deal);
      const ownTasks = await asUser<{ deal: unknown }>(u, DEAL_TASKS_READ, { id: target.id });
      expect(movedTasks[i]?.deal, `${u.role} ${u.id}`).toEqual(ownTasks.data?.deal);
    }

    // One re-read per group: five ranks for the rank-scoped document, one per user for the other.
    await eventually(async () => expect(doneFor('dealChanged', target.id)).toHaveLength(5 + users.length));
    const reads = doneFor('dealChanged', target.id);
    const byRank = reads.filter((h) => h.scope === 'rank');
    const byViewer = reads.filter((h) => h.scope === 'viewer');
    expect(byRank).toHaveLength(ROLES.length);
    expect(byRank.map((h) => h.subscribers).sort()).toEqual(
      ROLES.map((r) => users.filter((u) => u.role === r).length).sort(),
    );
    expect(byViewer).toHaveLength(users.length);
    expect(byViewer.every((h) => h.subscribers === 1 && h.delivered === 1)).toBe(true);
  });

  it('reads a row-scoped type per viewer: an agent never receives a ticket assigned to another agent', async () => {
    const agents = users.filter((u) => u.role === 'agent');
    const [assignee] = agents;
    if (!assignee || agents.length < 2) throw new Error('needs two agents');
    const created = data(
      await staff.as.manager<{ createTicket: { id: string } }>(
        'mutation($i: CreateTicketInput!) { createTicket(input: $i) { id } }',
        { i: { subject: unique('Shared live'), description: 'Seat change', assigneeId: assignee.id, tags: ['live'] } },
      ),
    );
    const id = created.createTicket.id;
    // Every subscriber's group has delivered its re-read (or found nothing to deliver).
    const served = () => doneFor('ticketChanged', id).reduce((n, h) => n + h.subscribers, 0);
    await eventually(async () => expect(served()).toBe(users.length));

    let hidden = 0;
    for (const u of users) {
      const own = await asUser<{ ticket: unknown }>(u, TICKET_READ, { id });
      if (own.data?.ticket === null || own.data?.ticket === undefined) {
        hidden += 1;
        expect(u.role).toBe('agent');
        expect(
          u.tickets.values.filter((e) => e.ticketChanged.id === id),
          `${u.role} ${u.id}`,
        ).toEqual([]);
      } else {
        const got = await u.tickets.next((e) => e.ticketChanged.id === id);
        expect(got.ticketChanged, `${u.role} ${u.id}`).toEqual(own.data.ticket);
      }
    }
    // The other agents could not read it, and received nothing.
    expect(hidden).toBe(agents.length - 1);
    // One re-read per viewer.
    expect(doneFor('ticketChanged', id)).toHaveLength(users.length);
    expect(doneFor('ticketChanged', id).every((h) => h.scope === 'viewer' && h.subscribers === 1)).toBe(true);
  });
});

describe('subscription groups', () => {
  const viewer = (id: string, rank: number): Viewer => ({
    kind: 'user',
    id,
    role: null,
    rank,
    apiKeyId: null,
    requestId: null,
    service: null,
    client: null,
  });
  const fakeBus = () => {
    const handlers = new Set<(e: ChangeEvent) => void>();
    const bus = {
      publish: async () => undefined,
      subscribe: async (_topic: string, h: (e: ChangeEvent) => void) => {
        handlers.add(h);
        return async () => void handlers.delete(h);
      },
      close: async () => undefined,
    } as unknown as EventBus;
    return { bus, emit: (e: ChangeEvent) => handlers.forEach((h) => h(e)), handlers };
  };
  const spec = (key: string): GroupSpec => ({ topic: 'dealChanged', key, scope: 'rank', query: 'q', variables: {} });

  it('refuses subscribers beyond the caps with LIMIT_EXCEEDED, and frees the slots on leave', async () => {
    const { bus, handlers } = fakeBus();
    const groups = new SubscriptionGroups<SubscriberConnection>({
      bus,
      log: { warn: () => undefined } as never,
      maxGroups: 2,
      maxSubscribers: 3,
      hydrate: async () => null,
      recheck: async () => ({ ok: true }),
      unavailable: (e) => e,
    });
    const member = () => ({
      conn: { viewer: viewer('u', 0), ip: 'x', closed: false },
      filters: {},
      responseKey: 'dealChanged',
      push: () => undefined,
    });
    const a = groups.join(spec('a'), member());
    const b = groups.join(spec('b'), member());
    await Promise.all([a.ready, b.ready]);
    let refused: unknown;
    try {
      groups.join(spec('c'), member());
    } catch (e) {
      refused = e;
    }
    expect(refused).toMatchObject({ extensions: { code: 'LIMIT_EXCEEDED', limit: 2 } });
    const a2 = groups.join(spec('a'), member());
    expect(() => groups.join(spec('a'), member())).toThrow(/3 subscriptions/);
    expect(groups.stats()).toEqual({ groups: 2, subscribers: 3 });
    await a.leave();
    await a2.leave();
    await a2.leave();
    expect(groups.stats()).toEqual({ groups: 1, subscribers: 1 });
    await b.leave();
    expect(groups.stats()).toEqual({ groups: 0, subscribers: 0 });
    expect(handlers.size).toBe(0);
  });

  it('re-reads once per group and delivers only to members the filters and audience match', async () => {
    const { bus, emit } = fakeBus();
    const reads: string[] = [];
    const groups = new SubscriptionGroups<SubscriberConnection>({
      bus,
      log: { warn: () => undefined } as never,
      maxGroups: 10,
      maxSubscribers: 10,
      hydrate: async (s, v, _ip, eventId) => (
        reads.push(`${s.key}:${eventId}`),
        { data: { node: { id: eventId, readAs: v.rank } } }
      ),
      recheck: async (conn) => (conn.viewer.id === 'revoked' ? { ok: false, revoked: true } : { ok: true }),
      unavailable: (e) => e,
    });
    const got: Record<string, unknown[]> = {};
    const member = (name: string, rank: number, filters: Record<string, unknown> = {}) => ({
      conn: { viewer: viewer(name, rank), ip: 'x', closed: false },
      filters,
      responseKey: 'live',
      push: (v: unknown) => void (got[name] ??= []).push(v),
    });
    const joined = [
      groups.join(spec('rank0'), member('v1', 0)),
      groups.join(spec('rank0'), member('v2', 0, { pipelineId: 'p1' })),
      groups.join(spec('rank0'), member('revoked', 0)),
      groups.join(spec('rank3'), member('m1', 3, { pipelineId: 'p2' })),
    ];
    await Promise.all(joined.map((j) => j.ready));
    const before = hydrations.length;
    emit({ id: 'd1', pipelineId: 'p1' });
    await eventually(async () => expect(hydrations.length - before).toBe(1));
    // The rank 3 group's only member filters on another pipeline: no re-read for it.
    expect(reads).toEqual(['rank0:d1']);
    expect(got).toEqual({
      v1: [{ data: { live: { id: 'd1', readAs: 0 } } }],
      v2: [{ data: { live: { id: 'd1', readAs: 0 } } }],
    });
    expect(hydrations.at(-1)).toMatchObject({ subscribers: 3, delivered: 2 });
    for (const j of joined) await j.leave();
  });

  it('declares rank scope only for selections inside the declared types', () => {
    const schema: GraphQLSchema = buildSchema(
      readFileSync(new URL('../../gateway/supergraph-api.graphql', import.meta.url), 'utf8'),
    );
    const scopeOf = (doc: string) => {
      const d = parse(doc);
      const op = d.definitions[0] as OperationDefinitionNode;
      const field = op.selectionSet.selections[0] as FieldNode;
      const fragments = d.definitions.filter((x): x is FragmentDefinitionNode => x.kind === 'FragmentDefinition');
      const topic = field.name.value as 'dealChanged';
      const entity = schema.getSubscriptionType()?.getFields()[topic]?.type as unknown as { ofType: GraphQLObjectType };
      return readScopeOf(schema, topic, entity.ofType, field.selectionSet, fragments);
    };
    expect(
      scopeOf('subscription { dealChanged { id owner { name } company { contacts(first: 2) { nodes { id } } } } }'),
    ).toBe('rank');
    expect(scopeOf('subscription { dealChanged { id tasks { nodes { id } } } }')).toBe('viewer');
    expect(scopeOf('subscription { dealChanged { ...F } } fragment F on Deal { quotes { nodes { id } } }')).toBe(
      'viewer',
    );
    expect(
      scopeOf('subscription { dealChanged { company { ... on Company { contacts { nodes { traveler { id } } } } } } }'),
    ).toBe('viewer');
    expect(scopeOf('subscription { contactChanged { id owner { id } } }')).toBe('rank');
  });
});
