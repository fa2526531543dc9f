import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@nexus/platform';
import { createClient, type RedisClientType } from 'redis';
import { createEdge } from '../../gateway/src/edge.ts';
import { loadGatewayEnv } from '../../gateway/src/env.ts';
import { internalSyncRouter } from '../../gateway/src/internal-sync.ts';
import { bearer, gql, signIn } from '../support/client.ts';
import { startSystem, type System } from '../support/system.ts';

/**
 * TT-API pushing its CRM contacts and deals into Nexus over `POST /api/internal/contacts|deals`, as
 * TT-API's sync does: the records are the ones the TT-API simulator serves, sent as TT-API holds them.
 */

const SECRET = 'tt-internal-service-secret-for-tests';
let system: System;
let admin = '';

interface TtContact {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  companyId: string | null;
  role: string | null;
  lifecycleStage: string;
  leadSource: string | null;
  updatedAt: string;
  [more: string]: unknown;
}
interface TtDeal {
  id: string;
  title: string;
  stage: string;
  amountCents: number;
  companyId: string | null;
  contactId: string | null;
  updatedAt: string;
  [more: string]: unknown;
}
interface Report {
  created: number;
  updated: number;
  unchanged: number;
  items: { ttId: string; id: string; action: string }[];
}

let ttContacts: TtContact[] = [];
let ttDeals: TtDeal[] = [];

async function fromTtApi<T>(path: string): Promise<T[]> {
  const res = await fetch(`${system.simulator.url}${path}?limit=100`, {
    headers: { 'x-api-key': system.simulator.apiKeys[0] ?? '' },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: T[] }).data;
}

const push = (path: string, body: unknown, secret: string | null = SECRET) =>
  fetch(`${system.gatewayUrl}/api/internal/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret === null ? {} : { 'x-internal-service': secret }) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const later = (iso: string, ms: number) => new Date(new Date(iso).getTime() + ms).toISOString();

async function totals(): Promise<{ contacts: number; deals: number }> {
  const res = await gql<{ contacts: { totalCount: number }; deals: { totalCount: number } }>(
    system.gatewayUrl,
    '{ contacts { totalCount } deals { totalCount } }',
    {},
    bearer(admin),
  );
  return { contacts: res.data?.contacts.totalCount ?? -1, deals: res.data?.deals.totalCount ?? -1 };
}

interface ContactView {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  contactRole: string | null;
  lifecycleStage: string;
  leadSource: string | null;
  ttContactId: string | null;
  company: { id: string; ttCompanyId: string | null } | null;
}
async function contact(id: string): Promise<ContactView | null> {
  const res = await gql<{ contact: ContactView | null }>(
    system.gatewayUrl,
    'query($id: ID!) { contact(id: $id) { id firstName lastName email contactRole lifecycleStage leadSource ttContactId company { id ttCompanyId } } }',
    { id },
    bearer(admin),
  );
  return res.data?.contact ?? null;
}

async function contactIdByEmail(email: string): Promise<string | null> {
  const res = await gql<{ contacts: { nodes: { id: string; email: string }[] } }>(
    system.gatewayUrl,
    'query($q: String) { contacts(filter: { search: $q }, first: 5) { nodes { id email } } }',
    { q: email },
    bearer(admin),
  );
  return res.data?.contacts.nodes.find((c) => c.email === email.toLowerCase())?.id ?? null;
}

beforeAll(async () => {
  system = await startSystem({ env: { TT_INTERNAL_SERVICE_SECRET: SECRET } });
  admin = (await signIn(system.gatewayUrl, 'admin@nexus.test')).accessToken;
  ttContacts = await fromTtApi<TtContact>('/api/contacts');
  ttDeals = await fromTtApi<TtDeal>('/api/deals');
}, 120_000);
afterAll(async () => system?.close());

describe('internal service auth', () => {
  it('answers 401 without the x-internal-service header or with a wrong one, and writes nothing', async () => {
    const before = await totals();
    for (const secret of [null, 'wrong', `${SECRET}x`, SECRET.slice(0, -1)]) {
      const res = await push('contacts', { contacts: ttContacts.slice(0, 1) }, secret);
      expect(res.status).toBe(401);
      const body = (await res.json()) as { error: { code: string; requestId: string } };
      expect(body.error.code).toBe('UNAUTHENTICATED');
      expect(body.error.requestId).toMatch(/\S/);
    }
    expect((await push('deals', ttDeals.slice(0, 1), 'wrong')).status).toBe(401);
    expect(await totals()).toEqual(before);
  });

  it('answers 503 when the deployment has no secret, whatever the header says', async () => {
    const quietLog = createLogger('test');
    quietLog.level = 'silent';
    const env = loadGatewayEnv({ ...system.iso.vars, TT_INTERNAL_SERVICE_SECRET: '' });
    const redis: RedisClientType = createClient({ url: env.REDIS_URL });
    await redis.connect();
    const app = express();
    app.use(
      internalSyncRouter({
        edge: createEdge({ env, redis, log: quietLog }),
        secret: env.TT_INTERNAL_SERVICE_SECRET,
        execute: () => Promise.reject(new Error('an unconfigured sync must not run anything')),
        log: quietLog,
      }),
    );
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/internal/contacts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-internal-service': '' },
        body: '[]',
      });
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      server.close();
      await redis.quit();
    }
  });
});

describe('contact sync', () => {
  it('creates the contacts Nexus lacks, links those it has by email, and takes TT-API’s values', async () => {
    const batch = ttContacts.slice(0, 12);
    // A colleague already entered one of these people by hand, with the same email (another case).
    const [, twin] = batch;
    if (!twin) throw new Error('the simulator serves too few contacts');
    const entered = await gql<{ createContact: { id: string } }>(
      system.gatewayUrl,
      'mutation($input: CreateContactInput!) { createContact(input: $input) { id } }',
      { input: { firstName: 'Typed', lastName: 'By hand', email: twin.email.toUpperCase() } },
      bearer(admin),
    );
    const known = new Map<string, string>();
    for (const c of batch) {
      const id = await contactIdByEmail(c.email);
      if (id) known.set(c.id, id);
    }
    expect([...known]).toEqual([[twin.id, entered.data?.createContact.id]]);
    const before = await totals();

    const res = await push('contacts', { contacts: batch });
    expect(res.status).toBe(200);
    const report = (await res.json()) as Report;
    expect(report.items.map((i) => i.ttId)).toEqual(batch.map((c) => c.id));
    expect(report.updated).toBe(known.size);
    expect(report.created).toBe(batch.length - known.size);
    expect(report.unchanged).toBe(0);
    for (const item of report.items) {
      if (known.has(item.ttId)) expect(item).toEqual({ ttId: item.ttId, id: known.get(item.ttId), action: 'UPDATED' });
      else expect(item.action).toBe('CREATED');
    }
    expect((await totals()).contacts).toBe(before.contacts + report.created);

    for (const [k, tt] of batch.entries()) {
      const c = await contact(report.items[k]?.id ?? '');
      expect(c).toMatchObject({
        firstName: tt.firstName,
        lastName: tt.lastName,
        email: tt.email.toLowerCase(),
        ttContactId: tt.id,
      });
      expect(c?.contactRole).toBe(tt.role ? tt.role.toUpperCase() : null);
      expect(c?.leadSource).toBe(tt.leadSource ? tt.leadSource.toUpperCase() : null);
      // The contact joins the CRM company mirroring its TT-API company, when Nexus has one.
      if (c?.company) expect(c.company.ttCompanyId).toBe(tt.companyId);
    }
    const linked = await Promise.all(report.items.map((i) => contact(i.id)));
    expect(linked.filter((c) => c?.company).length).toBeGreaterThan(0);
  });

  it('skips a replayed batch and an out-of-date version, and applies a newer one', async () => {
    const batch = ttContacts.slice(0, 12);
    const before = await totals();
    const replay = (await (await push('contacts', batch)).json()) as Report;
    expect(replay).toMatchObject({ created: 0, updated: 0, unchanged: batch.length });

    const [first] = batch;
    if (!first) throw new Error('the simulator serves no contacts');
    const id = replay.items[0]?.id ?? '';
    const newer = {
      ...first,
      lastName: 'Renamed-in-TT',
      role: 'travel_coordinator',
      lifecycleStage: 'Sales qualified',
      updatedAt: later(first.updatedAt, 60_000),
    };
    expect(await (await push('contacts', [newer])).json()).toMatchObject({
      updated: 1,
      items: [{ id, action: 'UPDATED' }],
    });
    // Delivered late: an older version than the one applied changes nothing.
    const stale = { ...first, lastName: 'Stale', updatedAt: later(first.updatedAt, 30_000) };
    expect(await (await push('contacts', [stale])).json()).toMatchObject({
      unchanged: 1,
      items: [{ id, action: 'UNCHANGED' }],
    });

    expect(await contact(id)).toMatchObject({
      lastName: 'Renamed-in-TT',
      contactRole: 'TRAVEL_COORDINATOR',
      lifecycleStage: 'SALES_QUALIFIED',
    });
    expect(await totals()).toEqual(before);
  });

  it('refuses a batch with one bad record whole, saying which field, and writes nothing', async () => {
    const before = await totals();
    const fresh = (n: number) => ({
      ...ttContacts[0],
      id: `00000000-0000-4000-8000-00000000${String(9000 + n)}`,
      email: `sync-new-${n}@example.com`,
      updatedAt: new Date().toISOString(),
    });
    const res = await push('contacts', { contacts: [fresh(1), { ...fresh(2), email: 'not-an-email' }, fresh(3)] });
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      error: { code: string; message: string; details: { path: string; message: string }[] };
    };
    expect(body.error.code).toBe('BAD_USER_INPUT');
    expect(body.error.details).toContainEqual({ path: 'contacts.1.email', message: 'must be a valid email address' });
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts|stack/i);

    // Wrong shapes are refused at the door, with the same envelope.
    const shape = await push('contacts', [{ ...fresh(4), firstName: 42 }]);
    expect(shape.status).toBe(400);
    expect(((await shape.json()) as { error: { details: { path: string }[] } }).error.details[0]?.path).toBe(
      'contacts.0.firstName',
    );
    const enumValue = await push('contacts', [{ ...fresh(5), role: 'astronaut' }]);
    expect(enumValue.status).toBe(400);
    expect(((await enumValue.json()) as { error: { code: string } }).error.code).toBe('BAD_USER_INPUT');
    const twice = await push('contacts', [fresh(6), { ...fresh(7), email: 'sync-new-6@example.com' }]);
    expect(twice.status).toBe(400);
    const malformed = await push('contacts', '{"contacts": [');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe('BAD_USER_INPUT');

    expect(await totals()).toEqual(before);
    expect(await contactIdByEmail('sync-new-1@example.com')).toBeNull();
  });
});

describe('deal sync', () => {
  interface DealView {
    id: string;
    title: string;
    amountCents: number;
    status: string;
    closeReason: string | null;
    pipeline: { isDefault: boolean };
    stage: { name: string; ttDealStage: string | null; outcome: string };
    company: { ttCompanyId: string | null } | null;
    primaryContact: { ttContactId: string | null } | null;
    stageHistory: { nodes: { toStage: { name: string }; changedBy: { id: string } | null; note: string | null }[] };
  }
  const deal = async (id: string) =>
    (
      await gql<{ deal: DealView | null }>(
        system.gatewayUrl,
        `query($id: ID!) { deal(id: $id) {
          id title amountCents status closeReason pipeline { isDefault } stage { name ttDealStage outcome }
          company { ttCompanyId } primaryContact { ttContactId }
          stageHistory { nodes { toStage { name } changedBy { id } note } }
        } }`,
        { id },
        bearer(admin),
      )
    ).data?.deal ?? null;

  it('creates TT-API’s deals in the default pipeline at the mapped stage, linked to synced contacts and companies', async () => {
    // The contacts the deals point at arrive first, as TT-API's sync sends them.
    const contactIds = new Set(ttDeals.map((d) => d.contactId));
    const contactsRes = await push(
      'contacts',
      ttContacts.filter((c) => contactIds.has(c.id)),
    );
    expect(contactsRes.status).toBe(200);

    // The demo data mirrors TT-API's deals already; TT-API has also just opened two new ones.
    const opened = ttDeals
      .slice(0, 2)
      .map((d, n) => ({ ...d, id: `00000000-0000-4000-8000-00000000880${n}`, title: `${d.title} (repeat)` }));
    const batch = [...ttDeals.slice(0, 8), ...opened];
    const before = await totals();
    const res = await push('deals', { deals: batch });
    expect(res.status).toBe(200);
    const report = (await res.json()) as Report;
    expect((await totals()).deals).toBe(before.deals + report.created);
    expect(report.created + report.updated).toBe(batch.length);
    expect(report.items.filter((i) => i.action === 'CREATED').map((i) => i.ttId)).toEqual(opened.map((d) => d.id));

    let mappedStages = 0;
    for (const [k, tt] of batch.entries()) {
      const d = await deal(report.items[k]?.id ?? '');
      expect(d).toMatchObject({ title: tt.title, amountCents: tt.amountCents });
      if (report.items[k]?.action === 'CREATED') expect(d?.pipeline.isDefault).toBe(true);
      if (d?.stage.ttDealStage === tt.stage.toUpperCase()) mappedStages++;
      if (tt.stage === 'won' || tt.stage === 'lost') expect(d?.status).toBe(tt.stage.toUpperCase());
      if (tt.contactId) expect(d?.primaryContact?.ttContactId).toBe(tt.contactId);
      if (d?.company) expect(d.company.ttCompanyId).toBe(tt.companyId);
      // A deal new to Nexus starts its history with the sync, not with a person.
      if (report.items[k]?.action === 'CREATED')
        expect(d?.stageHistory.nodes.at(-1)).toMatchObject({ changedBy: null, note: 'Changed in TT-API' });
    }
    expect(mappedStages).toBeGreaterThan(0);
  });

  it('moves a deal when TT-API’s stage changes, recording the transition, and ignores older versions', async () => {
    // Confirmed, travelling and completed deals sit in the pipeline's won stage already (the
    // documented TT-API stage mapping): take one that is still being sold.
    const open = ttDeals.find((d) => !['won', 'lost', 'booking_confirmed', 'traveling', 'completed'].includes(d.stage));
    if (!open) throw new Error('the simulator serves no open deal');
    const [item] = ((await (await push('deals', [open])).json()) as Report).items;
    const id = item?.id ?? '';
    const before = await deal(id);

    const won = {
      ...open,
      stage: 'won',
      amountCents: open.amountCents + 100,
      updatedAt: later(open.updatedAt, 120_000),
    };
    expect(await (await push('deals', [won])).json()).toMatchObject({ updated: 1, items: [{ id, action: 'UPDATED' }] });
    const after = await deal(id);
    expect(after).toMatchObject({ status: 'WON', amountCents: open.amountCents + 100, stage: { outcome: 'WON' } });
    expect(after?.stageHistory.nodes.length).toBe((before?.stageHistory.nodes.length ?? 0) + 1);
    expect(after?.stageHistory.nodes[0]).toMatchObject({
      toStage: { name: after?.stage.name },
      changedBy: null,
      note: 'Changed in TT-API',
    });

    const stale = { ...open, stage: 'lost', updatedAt: later(open.updatedAt, 60_000) };
    expect(await (await push('deals', [stale])).json()).toMatchObject({ unchanged: 1 });
    expect((await deal(id))?.status).toBe('WON');

    const lost = { ...open, stage: 'lost', updatedAt: later(open.updatedAt, 180_000) };
    await push('deals', [lost]);
    expect(await deal(id)).toMatchObject({ status: 'LOST', closeReason: 'Lost in TT-API' });
  });

  it('refuses a bad deal batch whole: nothing created, nothing moved', async () => {
    const before = await totals();
    const fresh = { ...ttDeals[0], id: '00000000-0000-4000-8000-000000009901', updatedAt: new Date().toISOString() };
    const res = await push('deals', [fresh, { ...fresh, id: '00000000-0000-4000-8000-000000009902', amountCents: -5 }]);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; details: { path: string }[] } };
    expect(body.error.code).toBe('BAD_USER_INPUT');
    expect(body.error.details.map((d) => d.path)).toContain('deals.1.amountCents');
    expect(await totals()).toEqual(before);
  });

  it('is admin-only through GraphQL: a manager may not call the sync mutations', async () => {
    const manager = (await signIn(system.gatewayUrl, 'manager@nexus.test')).accessToken;
    const res = await gql(
      system.gatewayUrl,
      'mutation($d: [TtDealSyncInput!]!) { syncTtDeals(deals: $d) { created } }',
      {
        d: [
          {
            id: '00000000-0000-4000-8000-000000009903',
            title: 'x',
            stage: 'LEAD',
            amountCents: 1,
            updatedAt: new Date().toISOString(),
          },
        ],
      },
      bearer(manager),
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
