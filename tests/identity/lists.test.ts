import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS, serviceViewer } from '@nexus/platform';
import { as, startIdentity, type Identity, type Result } from './harness.ts';

/** Identity's lists on the graph's list convention: cursor connections, `filter` with `search`, `orderBy`. */

const codes = (r: Result<unknown>) => (r.errors ?? []).map((e) => e.extensions?.code);
const fieldPaths = (r: Result<unknown>) =>
  (r.errors ?? []).flatMap((e) => ((e.extensions?.fields as { path: string }[] | undefined) ?? []).map((f) => f.path));

interface Page<T> {
  nodes: T[];
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges?: { cursor: string; node: T }[];
}
const PAGE_INFO = 'pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

let identity: Identity;
beforeAll(async () => {
  identity = await startIdentity();
}, 120_000);
afterAll(async () => identity?.stop());

describe('users', () => {
  const USERS = `query($first: Int, $after: String, $last: Int, $before: String, $filter: UserFilter, $orderBy: UserOrder) {
    users(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
      totalCount nodes { name email } edges { cursor node { email } } ${PAGE_INFO}
    }
  }`;
  const users = (v: Record<string, unknown>) =>
    identity.run<{ users: Page<{ name: string; email: string }> | null }>(USERS, v, as.viewer);

  it('pages the staff directory by name, forward and back, by cursor', async () => {
    const byName = [...DEMO_USERS].map((u) => u.name).sort();
    const first = await users({ first: 2 });
    expect(first.errors).toBeUndefined();
    expect(first.data?.users?.nodes.map((u) => u.name)).toEqual(byName.slice(0, 2));
    expect(first.data?.users?.totalCount).toBe(DEMO_USERS.length);
    expect(first.data?.users?.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(first.data?.users?.edges?.map((e) => e.node.email)).toEqual(first.data?.users?.nodes.map((u) => u.email));

    const second = await users({ first: 2, after: first.data?.users?.pageInfo.endCursor });
    expect(second.data?.users?.nodes.map((u) => u.name)).toEqual(byName.slice(2, 4));
    expect(second.data?.users?.pageInfo.hasPreviousPage).toBe(true);

    const back = await users({ last: 2, before: second.data?.users?.pageInfo.startCursor });
    expect(back.data?.users?.nodes.map((u) => u.name)).toEqual(byName.slice(0, 2));
  });

  it('searches inside the filter and sorts by an allow-listed field', async () => {
    const found = await users({ filter: { search: 'MANAGER@' } });
    expect(found.data?.users?.nodes.map((u) => u.email)).toEqual(['manager@nexus.test']);
    const byEmail = await users({ orderBy: { field: 'EMAIL', direction: 'DESC' } });
    const emails = [...DEMO_USERS]
      .map((u) => u.email)
      .sort()
      .reverse();
    expect(byEmail.data?.users?.nodes.map((u) => u.email)).toEqual(emails);
    const literal = await users({ filter: { search: '%' } });
    expect(literal.data?.users?.totalCount).toBe(0);
  });

  it('refuses a page above 100 and a cursor it did not make, naming the argument', async () => {
    const big = await users({ first: 101 });
    expect(codes(big)).toEqual(['BAD_USER_INPUT']);
    expect(fieldPaths(big)).toEqual(['first']);
    expect(big.data?.users ?? null).toBeNull();
    const forged = await users({ first: 2, after: 'bm90LWEtY3Vyc29y' });
    expect(codes(forged)).toEqual(['BAD_USER_INPUT']);
    expect(fieldPaths(forged)).toEqual(['after']);
  });

  it('no longer takes limit/offset', async () => {
    const old = await identity.run('{ users(limit: 5) { totalCount } }', {}, as.viewer);
    expect(codes(old)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});

describe('notifications', () => {
  const NOTIFICATIONS = `query($first: Int, $after: String, $filter: NotificationFilter) {
    notifications(first: $first, after: $after, filter: $filter) { totalCount unreadCount nodes { id title readAt } ${PAGE_INFO} }
  }`;
  type N = { id: string; title: string; readAt: string | null };
  const advisor = DEMO_USERS.find((u) => u.role === 'ADVISOR')?.id ?? '';
  const agent = DEMO_USERS.find((u) => u.role === 'AGENT')?.id ?? '';

  /**
   * Notifications are ordered by their creation time, in milliseconds: each next one here is made
   * once the clock has moved on, as a person's notifications are, so "newest first" has one answer.
   */
  const nextTick = async () => {
    const now = Date.now();
    while (Date.now() === now) await new Promise((resolve) => setImmediate(resolve));
  };
  beforeAll(async () => {
    for (let i = 1; i <= 5; i++) {
      await nextTick();
      await identity.notify({ userId: advisor, title: `Note ${i}`, body: i === 3 ? 'passport expiring' : undefined });
    }
    await identity.notify({ userId: agent, title: 'Not yours' });
  });

  it('pages newest first, and a page stays put while new ones arrive', async () => {
    const first = await identity.run<{ notifications: Page<N> }>(NOTIFICATIONS, { first: 2 }, as.advisor);
    expect(first.data?.notifications.nodes.map((n) => n.title)).toEqual(['Note 5', 'Note 4']);
    expect(first.data?.notifications).toMatchObject({ totalCount: 5, unreadCount: 5 });

    await nextTick();
    await identity.notify({ userId: advisor, title: 'Note 6' });
    const next = await identity.run<{ notifications: Page<N> }>(
      NOTIFICATIONS,
      { first: 2, after: first.data?.notifications.pageInfo.endCursor },
      as.advisor,
    );
    expect(next.data?.notifications.nodes.map((n) => n.title)).toEqual(['Note 3', 'Note 2']);
    expect(next.data?.notifications.totalCount).toBe(6);
  });

  it('filters by search and unread, and counts unread whatever the filter', async () => {
    const all = await identity.run<{ notifications: Page<N> }>(NOTIFICATIONS, { first: 100 }, as.advisor);
    const note2 = all.data?.notifications.nodes.find((n) => n.title === 'Note 2');
    await identity.run('mutation($id: ID!) { markNotificationRead(id: $id) { id } }', { id: note2?.id }, as.advisor);

    const unread = await identity.run<{ notifications: Page<N> }>(
      NOTIFICATIONS,
      { filter: { unreadOnly: true } },
      as.advisor,
    );
    expect(unread.data?.notifications.nodes.map((n) => n.title)).not.toContain('Note 2');
    expect(unread.data?.notifications).toMatchObject({ totalCount: 5, unreadCount: 5 });

    const search = await identity.run<{ notifications: Page<N> }>(
      NOTIFICATIONS,
      { filter: { search: 'PASSPORT' } },
      as.advisor,
    );
    expect(search.data?.notifications.nodes.map((n) => n.title)).toEqual(['Note 3']);
  });

  it('shows each person only their own', async () => {
    const theirs = await identity.run<{ notifications: Page<N> }>(NOTIFICATIONS, {}, as.agent);
    expect(theirs.data?.notifications.nodes.map((n) => n.title)).toEqual(['Not yours']);
  });
});

describe('the audit log', () => {
  const AUDIT = `query($first: Int, $after: String, $filter: AuditFilter) {
    auditLog(first: $first, after: $after, filter: $filter) {
      totalCount nodes { action actorKind actorName actor { email } targetType targetId details } ${PAGE_INFO}
    }
  }`;
  type E = {
    action: string;
    actorKind: string;
    actorName: string;
    actor: { email: string } | null;
    targetType: string;
    targetId: string | null;
  };
  const audit = (filter: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    identity.run<{ auditLog: Page<E> | null }>(AUDIT, { filter, ...extra });
  const created: string[] = [];
  let start = '';

  beforeAll(async () => {
    start = new Date(Date.now() - 1000).toISOString();
    for (const n of [1, 2, 3]) {
      const res = await identity.run<{ createUser: { id: string } }>(
        'mutation($e: String!) { createUser(input: { email: $e, name: "Audited", role: AGENT, password: "a-long-password-1" }) { id } }',
        { e: `audited.${n}@nexus.test` },
      );
      created.push(res.data?.createUser.id ?? '');
    }
    await identity.run('mutation($id: ID!) { deactivateUser(id: $id) { id } }', { id: created[0] });
    const recorded = await identity.run(
      'mutation { recordServiceWrite(input: { operation: "TtContactSync", fields: ["syncTtContacts"], outcome: "OK", requestId: "r-1" }) { id } }',
      {},
      serviceViewer('tt-sync', 'ADMIN'),
    );
    expect(recorded.errors).toBeUndefined();
  });

  it('pages newest first by keyset', async () => {
    const first = await audit({ actorKinds: ['USER'] }, { first: 2 });
    expect(first.data?.auditLog?.nodes.map((e) => [e.action, e.targetId])).toEqual([
      ['USER_DEACTIVATED', created[0]],
      ['USER_CREATED', created[2]],
    ]);
    const next = await audit({ actorKinds: ['USER'] }, { first: 2, after: first.data?.auditLog?.pageInfo.endCursor });
    expect(next.data?.auditLog?.nodes.map((e) => e.targetId)).toEqual([created[1], created[0]]);
    expect(next.data?.auditLog?.pageInfo.hasNextPage).toBe(false);
  });

  it('filters by actor, action, entity and date range', async () => {
    const admin = DEMO_USERS.find((u) => u.role === 'ADMIN');
    const byActor = await audit({ actorId: admin?.id, actions: ['USER_CREATED'] });
    expect(byActor.data?.auditLog?.totalCount).toBe(3);
    expect(byActor.data?.auditLog?.nodes[0]).toMatchObject({
      actorKind: 'USER',
      actorName: `user:${admin?.id}`,
      actor: { email: admin?.email },
    });
    const byEntity = await audit({ targetType: 'User', targetId: created[0] });
    expect(byEntity.data?.auditLog?.nodes.map((e) => e.action)).toEqual(['USER_DEACTIVATED', 'USER_CREATED']);
    const inRange = await audit({ createdAfter: start, createdBefore: new Date(Date.now() + 60_000).toISOString() });
    expect(inRange.data?.auditLog?.totalCount).toBe(5);
    const before = await audit({ createdBefore: start });
    expect(before.data?.auditLog?.totalCount).toBe(0);
  });

  it('records a service principal by name, with no user behind it', async () => {
    const services = await audit({ actorName: 'service:tt-sync' });
    expect(services.data?.auditLog?.nodes).toEqual([
      {
        action: 'SERVICE_WRITE',
        actorKind: 'SERVICE',
        actorName: 'service:tt-sync',
        actor: null,
        targetType: 'Operation',
        targetId: null,
        details: { operation: 'TtContactSync', fields: ['syncTtContacts'], outcome: 'OK', requestId: 'r-1' },
      },
    ]);
    const search = await audit({ search: 'tt-sync', actorKinds: ['SERVICE'] });
    expect(search.data?.auditLog?.totalCount).toBe(1);
  });

  it('takes the actor from the token: a person cannot record a service write', async () => {
    const forged = await identity.run(
      'mutation { recordServiceWrite(input: { operation: "X", fields: ["x"], outcome: "OK" }) { id } }',
      {},
      as.admin,
    );
    expect(codes(forged)).toEqual(['FORBIDDEN']);
    expect((await audit({ actions: ['SERVICE_WRITE'] })).data?.auditLog?.totalCount).toBe(1);
  });

  it('refuses a bad filter, naming the field, and a page over 100', async () => {
    const bad = await audit({ createdAfter: '2030-01-02T00:00:00Z', createdBefore: '2030-01-01T00:00:00Z' });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(fieldPaths(bad)).toEqual(['filter.createdBefore']);
    const big = await audit({}, { first: 500 });
    expect(fieldPaths(big)).toEqual(['first']);
  });
});

describe('API keys', () => {
  const KEYS = `query($first: Int, $after: String, $filter: ApiKeyFilter, $orderBy: ApiKeyOrder) {
    apiKeys(first: $first, after: $after, filter: $filter, orderBy: $orderBy) { totalCount nodes { name revokedAt } ${PAGE_INFO} }
  }`;
  type K = { name: string; revokedAt: string | null };

  beforeAll(async () => {
    const ids: string[] = [];
    for (const name of ['Zapier', 'Metabase', 'Looker']) {
      const res = await identity.run<{ createApiKey: { apiKey: { id: string } } }>(
        'mutation($n: String!) { createApiKey(input: { name: $n, role: VIEWER }) { apiKey { id } } }',
        { n: name },
      );
      ids.push(res.data?.createApiKey.apiKey.id ?? '');
    }
    await identity.run('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: ids[0] });
  });

  it('lists active keys newest first, revoked ones on request, in pages', async () => {
    const active = await identity.run<{ apiKeys: Page<K> }>(KEYS, {});
    expect(active.data?.apiKeys.nodes.map((k) => k.name)).toEqual(['Looker', 'Metabase']);
    const all = await identity.run<{ apiKeys: Page<K> }>(KEYS, {
      first: 2,
      filter: { includeRevoked: true },
      orderBy: { field: 'NAME', direction: 'ASC' },
    });
    expect(all.data?.apiKeys.nodes.map((k) => k.name)).toEqual(['Looker', 'Metabase']);
    const rest = await identity.run<{ apiKeys: Page<K> }>(KEYS, {
      first: 2,
      after: all.data?.apiKeys.pageInfo.endCursor,
      filter: { includeRevoked: true },
      orderBy: { field: 'NAME', direction: 'ASC' },
    });
    expect(rest.data?.apiKeys.nodes.map((k) => k.name)).toEqual(['Zapier']);
    const search = await identity.run<{ apiKeys: Page<K> }>(KEYS, { filter: { search: 'look' } });
    expect(search.data?.apiKeys.nodes.map((k) => k.name)).toEqual(['Looker']);
  });

  it('is for admins only', async () => {
    expect(codes(await identity.run(KEYS, {}, as.manager))).toEqual(['FORBIDDEN']);
  });
});
