import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, gql, signIn } from '../support/client.ts';
import { startSystem, type System } from '../support/system.ts';

// Issue 17 finding 1: an open graphql-ws socket must stop serving a credential the moment it is
// revoked, as HTTP does: closed with 4403, and no event delivered after the revocation.

let system: System;
let admin: { accessToken: string };
let manager: { accessToken: string };
beforeAll(async () => {
  system = await startSystem();
  admin = await signIn(system.gatewayUrl, 'admin@nexus.test');
  manager = await signIn(system.gatewayUrl, 'manager@nexus.test');
});
afterAll(async () => system?.close());

interface Watched {
  client: Client;
  events: string[];
  /** Resolves with the close code the server sent. */
  closed: Promise<number>;
  /** Resolves once an event for this contact id has arrived. */
  eventFor(id: string): Promise<void>;
}

/** A real graphql-ws client subscribed to every contact change. */
function watchContacts(connectionParams: Record<string, unknown>): Watched {
  let onClosed: (code: number) => void = () => undefined;
  const closed = new Promise<number>((r) => (onClosed = r));
  const events: string[] = [];
  const waiters = new Map<string, () => void>();
  const client = createClient({
    url: `${system.gatewayUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
    on: { closed: (event) => onClosed((event as { code: number }).code) },
  });
  client.subscribe<{ contactChanged: { id: string } }>(
    { query: 'subscription { contactChanged { id firstName } }' },
    {
      next: (msg) => {
        const id = msg.data?.contactChanged.id;
        if (!id) return;
        events.push(id);
        waiters.get(id)?.();
      },
      error: () => undefined,
      complete: () => undefined,
    },
  );
  return {
    client,
    events,
    closed,
    eventFor: (id) => (events.includes(id) ? Promise.resolve() : new Promise<void>((r) => waiters.set(id, r))),
  };
}

async function createContact(firstName: string): Promise<string> {
  const res = await gql<{ createContact: { id: string } }>(
    system.gatewayUrl,
    'mutation($f: String!) { createContact(input: { firstName: $f, lastName: "Socket" }) { id } }',
    { f: firstName },
    bearer(manager.accessToken),
  );
  const id = res.data?.createContact.id;
  if (!id) throw new Error(`createContact failed: ${res.raw}`);
  return id;
}

/**
 * Subscribing completes asynchronously on the server, so a change made right after subscribing
 * may predate it: make changes until one arrives, which proves the subscription is live.
 */
async function untilLive(watched: Watched, label: string) {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const id = await createContact(`${label}${attempt}`);
    const arrived = await Promise.race([
      watched.eventFor(id).then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), 250)),
    ]);
    if (arrived) return;
  }
  throw new Error(`${label}: the subscription never delivered an event`);
}

/** Fails the test when the promise does not settle within `ms` (the 5 s budget). */
const within = <T>(promise: Promise<T>, ms: number, what: string) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms),
    ),
  ]);

/**
 * Proves the socket streams, revokes, and checks the socket is closed with 4403 and that a change
 * made afterwards never reaches it.
 */
async function expectRevocationCloses(watched: Watched, revoke: () => Promise<void>) {
  await untilLive(watched, 'Before');

  await revoke();
  expect(await within(watched.closed, 5000, 'closing the socket')).toBe(4403);

  const deliveredAtRevocation = watched.events.length;
  const after = await createContact('After');
  // A live subscriber on a valid credential sees this change, so the check below is not vacuous.
  const control = watchContacts({ authorization: `Bearer ${manager.accessToken}` });
  await untilLive(control, 'Later');
  expect(watched.events).toHaveLength(deliveredAtRevocation);
  expect(watched.events).not.toContain(after);
  await control.client.dispose();
  await watched.client.dispose();
}

describe('revocation closes open sockets with 4403', () => {
  it('on logout of the session', async () => {
    const viewer = await signIn(system.gatewayUrl, 'viewer@nexus.test');
    const watched = watchContacts({ authorization: `Bearer ${viewer.accessToken}` });
    await expectRevocationCloses(watched, async () => {
      const res = await gql(system.gatewayUrl, 'mutation($t: String) { logout(refreshToken: $t) }', {
        t: viewer.refreshToken,
      });
      expect(res.errors).toBeUndefined();
    });
  });

  it('when a reused refresh token ends the session family', async () => {
    const viewer = await signIn(system.gatewayUrl, 'viewer@nexus.test');
    const watched = watchContacts({ authorization: `Bearer ${viewer.accessToken}` });
    await expectRevocationCloses(watched, async () => {
      const refresh = 'mutation($t: String) { refreshSession(refreshToken: $t) { accessToken } }';
      const first = await gql(system.gatewayUrl, refresh, { t: viewer.refreshToken });
      expect(first.errors).toBeUndefined();
      const reused = await gql(system.gatewayUrl, refresh, { t: viewer.refreshToken });
      expect(reused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  it('when the API key is revoked', async () => {
    const created = await gql<{ createApiKey: { apiKey: { id: string }; secret: string } }>(
      system.gatewayUrl,
      'mutation { createApiKey(input: { name: "Socket integration", role: VIEWER }) { apiKey { id } secret } }',
      {},
      bearer(admin.accessToken),
    );
    const key = created.data?.createApiKey;
    if (!key) throw new Error(created.raw);
    const watched = watchContacts({ 'x-api-key': key.secret });
    await expectRevocationCloses(watched, async () => {
      const res = await gql(
        system.gatewayUrl,
        'mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }',
        { id: key.apiKey.id },
        bearer(admin.accessToken),
      );
      expect(res.errors).toBeUndefined();
    });
    // HTTP refuses the key at once too, not after the gateway's 10 s key cache.
    const http = await gql(system.gatewayUrl, '{ me { id } }', {}, { 'x-api-key': key.secret });
    expect(http.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('when the user is deactivated', async () => {
    const agent = await signIn(system.gatewayUrl, 'agent@nexus.test');
    const watched = watchContacts({ authorization: `Bearer ${agent.accessToken}` });
    await expectRevocationCloses(watched, async () => {
      const res = await gql(
        system.gatewayUrl,
        'mutation($id: ID!) { deactivateUser(id: $id) { active } }',
        { id: agent.user.id },
        bearer(admin.accessToken),
      );
      expect(res.errors).toBeUndefined();
    });
  });

  it("when the user's role changes", async () => {
    const advisor = await signIn(system.gatewayUrl, 'advisor@nexus.test');
    const watched = watchContacts({ authorization: `Bearer ${advisor.accessToken}` });
    await expectRevocationCloses(watched, async () => {
      const res = await gql(
        system.gatewayUrl,
        'mutation($id: ID!) { changeUserRole(input: { userId: $id, role: VIEWER }) { role } }',
        { id: advisor.user.id },
        bearer(admin.accessToken),
      );
      expect(res.errors).toBeUndefined();
    });
  });
});
