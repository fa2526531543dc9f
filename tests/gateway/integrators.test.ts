/**
 * What an integrator meets: the typed SDK (paging, typed errors, retries, persisted queries),
 * per-key cost budgets with their headers and `rateLimit`, usage per key and day for admins, keys
 * restricted to the allow-listed documents, the schema-change check and the API guide.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateContact,
  ForbiddenError,
  ListContacts,
  Me,
  NexusClient,
  RateLimit,
  RateLimitedError,
  UnauthenticatedError,
} from '@nexus/sdk';
import type { CrmDeps } from '../../subgraphs/crm/src/context.ts';
import { Contact } from '../../subgraphs/crm/src/entities/index.ts';
import { checkSchema } from '../../scripts/schema-check.ts';
import { bearer, codes, gql, signIn } from '../support/client.ts';
import { startSystem, type System } from '../support/system.ts';

let system: System;
let admin: string;
beforeAll(async () => {
  system = await startSystem();
  admin = (await signIn(system.gatewayUrl, 'admin@nexus.test')).accessToken;
});
afterAll(async () => system?.close());

const createKey = async (input: Record<string, unknown>) => {
  const res = await gql<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
    system.gatewayUrl,
    'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }',
    { input },
    bearer(admin),
  );
  expect(res.errors).toBeUndefined();
  return { secret: res.data!.createApiKey.secret, id: res.data!.createApiKey.apiKey.id };
};

/** Records what the SDK sends, so tests can see persisted queries at work. */
const recordingFetch = (sent: { query?: string; hash?: string }[]): typeof fetch =>
  (async (url: string | URL | Request, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as {
      query?: string;
      extensions?: { persistedQuery?: { sha256Hash: string } };
    };
    sent.push({ query: body.query, hash: body.extensions?.persistedQuery?.sha256Hash });
    return fetch(url, init);
  }) as typeof fetch;

describe('the SDK', () => {
  it('pages through 300 contacts, sending each document by its hash', async () => {
    const crm = system.deps.crm as CrmDeps;
    const em = crm.orm.em.fork();
    for (let i = 0; i < 300; i++) {
      em.create(Contact, {
        firstName: `Paged${String(i).padStart(3, '0')}`,
        lastName: 'Integrator',
        tags: ['sdk-paging'],
      });
    }
    await em.flush();

    const key = await createKey({ name: 'sdk paging', role: 'VIEWER' });
    const sent: { query?: string; hash?: string }[] = [];
    const sdk = new NexusClient({
      url: `${system.gatewayUrl}/graphql`,
      apiKey: key.secret,
      fetch: recordingFetch(sent),
    });
    const ids = new Set<string>();
    for await (const contact of sdk.paginate(ListContacts, { filter: { tags: ['sdk-paging'] } }, { pageSize: 100 })) {
      expect(contact.lastName).toBe('Integrator');
      ids.add(contact.id);
    }
    expect(ids.size).toBe(300);
    // Three full pages and the SDK's documents are allow-listed: the text never travels.
    expect(sent.length).toBe(3);
    expect(sent.every((s) => s.hash && !s.query)).toBe(true);
    expect(sdk.rateLimit?.limit).toBe(100_000);

    // A document of the caller's own: hash first, the text once when asked, then the hash alone
    // (the cache is in Redis, shared by every gateway replica).
    const own = parse('query OwnDocument { rateLimit { limit } }');
    sent.length = 0;
    await sdk.request(own);
    await sdk.request(own);
    expect(sent.map((s) => Boolean(s.query))).toEqual([false, true, false]);
  });

  it('maps errors to their typed classes and retries reads after 503 as Retry-After says', async () => {
    const viewerKey = await createKey({ name: 'sdk errors', role: 'VIEWER' });
    const sdk = new NexusClient({ url: `${system.gatewayUrl}/graphql`, apiKey: viewerKey.secret });
    const refused = await sdk.request(CreateContact, { input: { firstName: 'Nope' } }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ForbiddenError);
    expect((refused as ForbiddenError).code).toBe('FORBIDDEN');

    const stranger = new NexusClient({ url: `${system.gatewayUrl}/graphql`, apiKey: `nxk_AAAAAAAA_${'A'.repeat(43)}` });
    await expect(stranger.request(Me)).rejects.toBeInstanceOf(UnauthenticatedError);

    const waits: number[] = [];
    let calls = 0;
    const flaky = new NexusClient({
      url: `${system.gatewayUrl}/graphql`,
      apiKey: viewerKey.secret,
      sleep: async (ms) => void waits.push(ms),
      fetch: (async (url: string | URL | Request, init?: RequestInit) =>
        ++calls === 1
          ? new Response('{}', { status: 503, headers: { 'retry-after': '2' } })
          : fetch(url, init)) as typeof fetch,
    });
    expect((await flaky.request(RateLimit)).rateLimit?.limit).toBe(100_000);
    expect(waits).toEqual([2000]);
  });

  it('runs the README examples with node', async () => {
    const key = await createKey({ name: 'sdk example', role: 'VIEWER' });
    const { stdout } = await promisify(execFile)(process.execPath, ['sdk/examples/rate-limit.ts'], {
      env: { ...process.env, NEXUS_URL: `${system.gatewayUrl}/graphql`, NEXUS_API_KEY: key.secret },
    });
    expect(stdout).toMatch(/rateLimit field: \{[^}]*limit: 100000/);
    expect(stdout).toContain('me: null');
  });
});

describe('per-key budgets, usage and persisted-only keys', () => {
  it('counts query cost against the key, answers 429 with the headers when spent, and shows usage to admins', async () => {
    const key = await createKey({ name: 'tiny budget', role: 'VIEWER', costBudgetPerHour: 50 });
    const asKey = { 'x-api-key': key.secret };

    const first = await gql<{
      rateLimit: { limit: number; cost: number; remaining: number; used: number; resetAt: string };
    }>(system.gatewayUrl, '{ rateLimit { limit cost remaining used resetAt } }', {}, asKey);
    expect(first.data?.rateLimit).toMatchObject({ limit: 50, cost: 6, used: 6, remaining: 44 });
    expect(first.headers.get('x-ratelimit-limit')).toBe('50');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('44');
    expect(first.headers.get('x-ratelimit-used')).toBe('6');
    const reset = Number(first.headers.get('x-ratelimit-reset'));
    expect(reset * 1000).toBeGreaterThan(Date.now());
    expect(reset).toBe(Math.ceil(Date.parse(first.data!.rateLimit.resetAt) / 1000));

    // Larger than the whole budget: refused with what it costs, and nothing is spent.
    const tooBig = await gql(system.gatewayUrl, '{ contacts(first: 100) { nodes { id } } }', {}, asKey);
    expect(tooBig.status).toBe(429);
    expect(codes(tooBig)).toEqual(['RATE_LIMITED']);
    expect(tooBig.errors?.[0]?.message).toMatch(/costs 2\d\d points, more than this API key's budget of 50/);
    expect(tooBig.headers.get('x-ratelimit-remaining')).toBe('44');

    // `{ users(first: 1) { totalCount } }` costs 2: 22 of them spend the rest.
    let requests = 2;
    let last = tooBig;
    for (let i = 0; i < 23; i++) {
      last = await gql(system.gatewayUrl, '{ users(first: 1) { totalCount } }', {}, asKey);
      requests++;
      if (last.status === 429) break;
      expect(last.errors).toBeUndefined();
    }
    expect(requests).toBe(2 + 23);
    expect(last.status).toBe(429);
    expect(codes(last)).toEqual(['RATE_LIMITED']);
    expect(last.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(last.headers.get('x-ratelimit-used')).toBe('50');
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last.errors?.[0]?.message).toMatch(/spent its budget of 50 points/);

    const sdk = new NexusClient({ url: `${system.gatewayUrl}/graphql`, apiKey: key.secret, maxRetries: 0 });
    const spent = await sdk.request(Me).catch((e: unknown) => e);
    requests++;
    expect(spent).toBeInstanceOf(RateLimitedError);
    expect((spent as RateLimitedError).retryAfterMs).toBeGreaterThan(0);

    const usage = await gql<{
      apiKeys: {
        nodes: {
          id: string;
          costBudgetPerHour: number | null;
          usage: { day: string; requests: number; cost: number; errors: number }[];
        }[];
      };
    }>(
      system.gatewayUrl,
      '{ apiKeys(first: 100) { nodes { id costBudgetPerHour usage(days: 2) { day requests cost errors } } } }',
      {},
      bearer(admin),
    );
    const row = usage.data?.apiKeys.nodes.find((k) => k.id === key.id);
    expect(row?.costBudgetPerHour).toBe(50);
    expect(row?.usage).toEqual([{ day: new Date().toISOString().slice(0, 10), requests, cost: 50, errors: 3 }]);

    // Staff see their own measure (never refused).
    const mine = await gql<{ rateLimit: { limit: number; used: number } }>(
      system.gatewayUrl,
      '{ rateLimit { limit used } }',
      {},
      bearer(admin),
    );
    expect(mine.data?.rateLimit.limit).toBe(1_000_000);
    expect(mine.data?.rateLimit.used).toBeGreaterThanOrEqual(3);
  });

  it('a persisted-only key runs the SDK documents and is refused any other', async () => {
    const key = await createKey({ name: 'locked', role: 'VIEWER', persistedOnly: true });
    const sdk = new NexusClient({ url: `${system.gatewayUrl}/graphql`, apiKey: key.secret });
    expect((await sdk.request(RateLimit)).rateLimit?.limit).toBe(100_000);

    const other = await gql(system.gatewayUrl, '{ users(first: 1) { totalCount } }', {}, { 'x-api-key': key.secret });
    expect(other.status).toBe(403);
    expect(codes(other)).toEqual(['FORBIDDEN']);
    expect(other.errors?.[0]?.message).toMatch(/only run the allow-listed persisted documents/);
    await expect(sdk.request(parse('query Mine { me { id } }'))).rejects.toBeInstanceOf(ForbiddenError);

    const changed = await gql<{ updateApiKeyLimits: { costBudgetPerHour: number; persistedOnly: boolean } }>(
      system.gatewayUrl,
      'mutation($input: UpdateApiKeyLimitsInput!) { updateApiKeyLimits(input: $input) { costBudgetPerHour persistedOnly } }',
      { input: { id: key.id, costBudgetPerHour: 500, persistedOnly: false } },
      bearer(admin),
    );
    expect(changed.data?.updateApiKeyLimits).toEqual({ costBudgetPerHour: 500, persistedOnly: false });
    const bad = await gql(
      system.gatewayUrl,
      'mutation($input: UpdateApiKeyLimitsInput!) { updateApiKeyLimits(input: $input) { id } }',
      { input: { id: key.id, costBudgetPerHour: 0 } },
      bearer(admin),
    );
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('the API guide', () => {
  it('is served at /docs/api as HTML and as markdown', async () => {
    const html = await fetch(`${system.gatewayUrl}/docs/api`, { headers: { accept: 'text/html' } });
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    expect(await html.text()).toMatch(/<h1 id="nexus-api-guide">Nexus API guide<\/h1>/);
    const md = await fetch(`${system.gatewayUrl}/docs/api?format=md`);
    expect(await md.text()).toMatch(/^# Nexus API guide/);
  });
});

describe('the schema check', () => {
  const released = `
    type Query { contact(id: ID!): Contact }
    type Contact { id: ID! name: String! nickname: String @deprecated(reason: "Use name.") }
    enum Stage { LEAD CUSTOMER OLD @deprecated(reason: "Unused.") }
  `;
  const now = new Date('2026-12-06T12:00:00Z');

  it('fails on removing a field that was never deprecated', async () => {
    const current = released.replace('name: String! ', '');
    const result = await checkSchema({
      released,
      current,
      deprecations: { 'Contact.nickname': '2026-10-01' },
      minDeprecationDays: 30,
      now,
    });
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]).toMatch(/Contact\.name.*deprecate it first/);
  });

  it('passes removals deprecated long enough, fails one deprecated too recently, lists dangerous changes', async () => {
    const current = `
      type Query { contact(id: ID!): Contact }
      type Contact { id: ID! name: String! email: String }
      enum Stage { LEAD CUSTOMER PARTNER }
    `;
    const old = await checkSchema({
      released,
      current,
      deprecations: { 'Contact.nickname': '2026-10-01', 'Stage.OLD': '2026-11-01' },
      minDeprecationDays: 30,
      now,
    });
    expect(old.failures).toEqual([]);
    expect(old.removedAfterDeprecation).toHaveLength(2);
    expect(old.dangerous.join('\n')).toMatch(/PARTNER/);
    expect(old.safe.join('\n')).toMatch(/email/);

    const recent = await checkSchema({
      released,
      current,
      deprecations: { 'Contact.nickname': '2026-11-20', 'Stage.OLD': '2026-11-01' },
      minDeprecationDays: 30,
      now,
    });
    expect(recent.failures).toHaveLength(1);
    expect(recent.failures[0]).toMatch(/nickname.*since 2026-11-20 \(16 days\)/);
  });
});
