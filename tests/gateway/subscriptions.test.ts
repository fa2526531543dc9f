import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, gql, signIn } from '../support/client.ts';
import { startSystem, type System } from '../support/system.ts';
import { testEnv } from '../support/env.ts';
import { closeCode, subscribe, wsClient } from '../support/ws.ts';

let system: System;
beforeAll(async () => {
  system = await startSystem({ worker: true });
});
afterAll(async () => system?.close());

const CONTACT_CHANGED = `subscription($companyId: ID) {
  contactChanged(companyId: $companyId) { id firstName lastName company { id name } owner { id name } deletedAt }
}`;

interface ContactEvent {
  contactChanged: {
    id: string;
    firstName: string;
    company: { id: string; name: string } | null;
    owner: { id: string; name: string } | null;
    deletedAt: string | null;
  };
}

describe('subscriptions over graphql-ws', () => {
  it("delivers another client's change, hydrated with fields from both subgraphs, for the right company only", async () => {
    const viewer = await signIn(system.gatewayUrl, 'viewer@nexus.test');
    const advisor = await signIn(system.gatewayUrl, 'advisor@nexus.test');
    const companies = await gql<{ companies: { nodes: { id: string; name: string }[] } }>(
      system.gatewayUrl,
      '{ companies(first: 2) { nodes { id name } } }',
      {},
      bearer(advisor.accessToken),
    );
    const [watched, other] = companies.data?.companies.nodes ?? [];
    if (!watched || !other) throw new Error('seed has companies');

    const client = wsClient(system.gatewayUrl, viewer.accessToken);
    const events = subscribe<ContactEvent>(client, CONTACT_CHANGED, { companyId: watched.id });
    await new Promise((r) => setTimeout(r, 300));

    const elsewhere = await gql(
      system.gatewayUrl,
      'mutation($c: ID!) { createContact(input: { firstName: "Not", lastName: "Mine", companyId: $c }) { id } }',
      { c: other.id },
      bearer(advisor.accessToken),
    );
    expect(elsewhere.errors).toBeUndefined();
    const created = await gql<{ createContact: { id: string } }>(
      system.gatewayUrl,
      'mutation($c: ID!) { createContact(input: { firstName: "Wren", lastName: "Live", email: "wren.live@example.com", companyId: $c }) { id } }',
      { c: watched.id },
      bearer(advisor.accessToken),
    );
    const id = created.data?.createContact.id;
    const event = await events.next((e) => e.contactChanged.id === id);
    expect(event.contactChanged).toMatchObject({
      firstName: 'Wren',
      company: { id: watched.id, name: watched.name },
      owner: { id: advisor.user.id, name: 'Avery Advisor' },
      deletedAt: null,
    });
    expect(events.values.every((e) => e.contactChanged.company?.id === watched.id)).toBe(true);

    // A deletion arrives too, with deletedAt set, so boards can drop the row.
    const manager = await signIn(system.gatewayUrl, 'manager@nexus.test');
    const deleted = await gql(
      system.gatewayUrl,
      'mutation($id: ID!) { deleteContact(id: $id) { id } }',
      { id },
      bearer(manager.accessToken),
    );
    expect(deleted.errors).toBeUndefined();
    const gone = await events.next((e) => e.contactChanged.id === id && e.contactChanged.deletedAt !== null);
    expect(gone.contactChanged.deletedAt).toEqual(expect.any(String));
    events.dispose();
    await client.dispose();
  });

  it("refuses a subscription selecting a field above the subscriber's rank, even through a fragment", async () => {
    const viewer = await signIn(system.gatewayUrl, 'viewer@nexus.test');
    const client = wsClient(system.gatewayUrl, viewer.accessToken);
    // User.lastLoginAt is team oversight (MANAGER and above).
    const direct = subscribe(client, 'subscription { contactChanged { id owner { lastLoginAt } } }');
    const viaFragment = subscribe(
      client,
      'subscription { contactChanged { id ...F } } fragment F on Contact { owner { name lastLoginAt } }',
    );
    await Promise.all([direct.closed, viaFragment.closed]);
    for (const sub of [direct, viaFragment]) {
      expect(sub.values).toEqual([]);
      expect(JSON.stringify(sub.errors)).toContain('FORBIDDEN');
      expect(JSON.stringify(sub.errors)).toContain('User.lastLoginAt');
    }
    // A manager may select it.
    const manager = await signIn(system.gatewayUrl, 'manager@nexus.test');
    const managerClient = wsClient(system.gatewayUrl, manager.accessToken);
    const allowed = subscribe(managerClient, 'subscription { contactChanged { id owner { lastLoginAt } } }');
    await new Promise((r) => setTimeout(r, 300));
    expect(allowed.errors).toEqual([]);
    allowed.dispose();
    await client.dispose();
    await managerClient.dispose();
  });

  it('delivers a notification only to its recipient', async () => {
    const agent = await signIn(system.gatewayUrl, 'agent@nexus.test');
    const viewer = await signIn(system.gatewayUrl, 'viewer@nexus.test');
    const agentClient = wsClient(system.gatewayUrl, agent.accessToken);
    const viewerClient = wsClient(system.gatewayUrl, viewer.accessToken);
    const mine = subscribe<{ notificationAdded: { title: string } }>(
      agentClient,
      'subscription { notificationAdded { id title } }',
    );
    const theirs = subscribe<{ notificationAdded: { title: string } }>(
      viewerClient,
      'subscription { notificationAdded { id title } }',
    );
    await new Promise((r) => setTimeout(r, 300));
    // Any subgraph asks identity to notify through the notifications queue.
    const { createQueue, createLogger, NOTIFY_JOB, QUEUES } = await import('@nexus/platform');
    const queue = createQueue(QUEUES.notifications, {
      redisUrl: system.iso.vars.REDIS_URL ?? '',
      prefix: system.iso.redisPrefix,
      log: createLogger('t'),
    });
    await queue.add(NOTIFY_JOB, { userId: agent.user.id, type: 'SYSTEM', title: 'Hello agent' });
    const got = await mine.next((e) => e.notificationAdded.title === 'Hello agent', 10_000);
    expect(got.notificationAdded.title).toBe('Hello agent');
    await new Promise((r) => setTimeout(r, 300));
    expect(theirs.values).toEqual([]);
    const unread = await gql(system.gatewayUrl, '{ unreadNotificationCount }', {}, bearer(agent.accessToken));
    expect(unread.data).toEqual({ unreadNotificationCount: 1 });
    await queue.close();
    mine.dispose();
    theirs.dispose();
    await agentClient.dispose();
    await viewerClient.dispose();
  });

  it('closes the socket with 4403 for a missing, bad or expired token', async () => {
    const expired = await new SignJWT({
      role: 'ADMIN',
      sid: '11111111-1111-4111-8111-111111111111',
      typ: 'access',
      iatMs: Date.now() - 2_000_000,
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer('nexus-identity')
      .setAudience('nexus')
      .setSubject('0b6f6f0e-0000-4000-8000-000000000001')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 2000)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 1000)
      .sign(new TextEncoder().encode(testEnv.JWT_SECRET));
    expect(await closeCode(system.gatewayUrl, {})).toBe(4403);
    expect(await closeCode(system.gatewayUrl, { authorization: 'Bearer nonsense' })).toBe(4403);
    expect(await closeCode(system.gatewayUrl, { authorization: `Bearer ${expired}` })).toBe(4403);
  });
});
