import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, codes, gql, signIn } from '../support/client.ts';
import { startSystem, type System } from '../support/system.ts';

let system: System;
let viewerToken = '';
let agentToken = '';
beforeAll(async () => {
  system = await startSystem();
  viewerToken = (await signIn(system.gatewayUrl, 'viewer@nexus.test')).accessToken;
  agentToken = (await signIn(system.gatewayUrl, 'agent@nexus.test')).accessToken;
});
afterAll(async () => system?.close());

interface ContactRow {
  id: string;
  firstName: string;
  company: { id: string; name: string; contacts: { totalCount: number } } | null;
  owner: { id: string; name: string; email: string; role: string } | null;
}

describe('one query across identity and crm', () => {
  it('reads contacts with their company (crm) and owner (identity)', async () => {
    const res = await gql<{ contacts: { totalCount: number; nodes: ContactRow[] } }>(
      system.gatewayUrl,
      `{ contacts(first: 25, orderBy: { field: NAME, direction: ASC }) {
          totalCount
          nodes { id firstName company { id name contacts(first: 1) { totalCount } } owner { id name email role } }
      } }`,
      {},
      bearer(viewerToken),
    );
    expect(res.errors).toBeUndefined();
    const page = res.data?.contacts;
    expect(page?.totalCount).toBeGreaterThanOrEqual(400);
    expect(page?.nodes).toHaveLength(25);
    const withBoth = page?.nodes.filter((c) => c.company && c.owner) ?? [];
    expect(withBoth.length).toBeGreaterThan(10);
    for (const c of withBoth) {
      expect(c.owner?.email).toMatch(/@nexus\.test$/);
      expect(c.company?.contacts.totalCount).toBeGreaterThanOrEqual(1);
    }
  });

  it("goes the other way: a user's contacts from crm", async () => {
    const res = await gql<{ me: { name: string; contacts: { totalCount: number; nodes: { owner: { name: string } }[] } } }>(
      system.gatewayUrl,
      '{ me { name contacts(first: 5) { totalCount nodes { owner { name } } } } }',
      {},
      bearer(agentToken),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.me.contacts.totalCount).toBeGreaterThan(0);
    expect(res.data?.me.contacts.nodes.every((c) => c.owner.name === res.data?.me.name)).toBe(true);
  });
});

describe('bad input through the gateway', () => {
  const count = async () =>
    (await gql<{ contacts: { totalCount: number } }>(system.gatewayUrl, '{ contacts { totalCount } }', {}, bearer(viewerToken))).data?.contacts
      .totalCount;

  it.each([
    ['an invalid email', { firstName: 'A', email: 'not-an-email' }],
    ['an oversized name', { firstName: 'x'.repeat(5000) }],
    ['a malformed company id', { firstName: 'A', companyId: '123' }],
    ['an unknown company', { firstName: 'A', companyId: '00000000-0000-4000-8000-000000000000' }],
  ])('%s is BAD_USER_INPUT and writes nothing', async (_name, input) => {
    const before = await count();
    const res = await gql(system.gatewayUrl, 'mutation($i: CreateContactInput!) { createContact(input: $i) { id } }', { i: input }, bearer(agentToken));
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.data ?? null).toBeNull();
    expect(res.raw).not.toMatch(/stacktrace|node_modules|\bat [\w.]+ \(/i);
    expect(await count()).toBe(before);
  });

  it('an unknown enum value is BAD_USER_INPUT', async () => {
    const res = await gql(system.gatewayUrl, 'mutation($i: CreateContactInput!) { createContact(input: $i) { id } }', { i: { firstName: 'A', lifecycleStage: 'ASTRONAUT' } }, bearer(agentToken));
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
  });

  it('a viewer cannot create, an agent cannot edit', async () => {
    const viewerCreate = await gql(system.gatewayUrl, 'mutation { createContact(input: { firstName: "V" }) { id } }', {}, bearer(viewerToken));
    expect(codes(viewerCreate)).toEqual(['FORBIDDEN']);
    const agentEdit = await gql(system.gatewayUrl, 'mutation { updateContact(input: { id: "00000000-0000-4000-8000-000000000000", firstName: "X" }) { id } }', {}, bearer(agentToken));
    expect(codes(agentEdit)).toEqual(['FORBIDDEN']);
  });
});
