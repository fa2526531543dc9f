/**
 * Travel through the gateway, as clients use it: contacts reaching their TT-API profiles and on to
 * trips, bookings, payments and commissions (and back), finance fields by role, one TT-API call
 * per list of references, TT-API outages that leave the CRM data standing, and the integration
 * health subscription over graphql-ws.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RANK_OF, rankMapFromSdl } from '@nexus/platform';
import { bearer, codes, gql, signIn, type GqlResponse } from '../support/client.ts';
import { startSystem, type System } from '../support/system.ts';
import { subscribe, wsClient } from '../support/ws.ts';
import { travelFieldRanks } from './expected-ranks.ts';

let system: System;
const tokens: Record<string, string> = {};
const ROLES = ['viewer', 'agent', 'advisor', 'manager', 'admin'] as const;

beforeAll(async () => {
  // No retries: one failing TT-API call is one breaker failure, so counts are exact.
  system = await startSystem({ env: { TT_PROXY_RETRY_COUNT: '0', LOGIN_RATE_LIMIT: '1000' } });
  for (const role of ROLES) tokens[role] = (await signIn(system.gatewayUrl, `${role}@nexus.test`)).accessToken;
});
afterAll(async () => system?.close());
beforeEach(async () => {
  await system.simulator.control.reset();
  system.travelBreaker.reset();
});

const as = (role: (typeof ROLES)[number]) => bearer(tokens[role] ?? '');
const sim = () => system.simulator.control;

interface LinkedContact {
  id: string;
  firstName: string;
  ttClientId: string | null;
  ttTravelerId: string | null;
}

type ContactPage = {
  contacts: { nodes: LinkedContact[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
};

/** Demo contacts the seed linked to TT-API profiles. */
async function linkedContacts(): Promise<LinkedContact[]> {
  const all: LinkedContact[] = [];
  let after: string | null = null;
  // Pages of 100 (the most a page may hold) until the last one.
  for (;;) {
    const res: GqlResponse<ContactPage> = await gql<ContactPage>(
      system.gatewayUrl,
      'query($after: String) { contacts(first: 100, after: $after) { nodes { id firstName ttClientId ttTravelerId } pageInfo { hasNextPage endCursor } } }',
      { after },
      as('viewer'),
    );
    const page = res.data?.contacts;
    all.push(...(page?.nodes ?? []));
    if (!page?.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return all.filter((c) => c.ttTravelerId !== null);
}

/** A linked contact whose traveler is on a trip with a paid booking. */
async function travellingContact(): Promise<LinkedContact> {
  const db = sim().db;
  for (const c of await linkedContacts()) {
    const trips = [...db.clientTrips.values()].filter((t) => t.travelerIds.includes(c.ttTravelerId ?? ''));
    const paid = trips.some((t) =>
      [...db.bookings.values()].some((b) => b.clientTripId === t.id && b.amountPaidCents > 0),
    );
    if (paid) return c;
  }
  throw new Error('no linked contact travels');
}

const JOURNEY = `query($id: ID!) { contact(id: $id) { id firstName ttTravelerId
  traveler { id firstName lastName passportExpiryDate contact { id }
    trips(first: 10) { nodes { id name status bookings(first: 10) { nodes { id bookingReference status totalPriceCents amountPaidCents
      travelers(first: 5) { nodes { isPrimary traveler { id } } }
      payments(first: 20) { nodes { amountCents paymentType status } } commissions(first: 5) { nodes { grossCommissionCents agentNetCents status } } } } } } }
  client { id displayName contact { id } } } }`;

describe('contact -> traveler -> trips -> bookings -> payments and commission', () => {
  it('walks from a CRM contact to its TT-API bookings and money, and back', async () => {
    const contact = await travellingContact();
    const res = await gql<{
      contact: {
        id: string;
        traveler: {
          id: string;
          contact: { id: string };
          trips: {
            nodes: {
              bookings: { nodes: { amountPaidCents: number; payments: { nodes: { amountCents: number }[] } }[] };
            }[];
          };
        };
        client: { contact: { id: string } };
      };
    }>(system.gatewayUrl, JOURNEY, { id: contact.id }, as('manager'));
    expect(res.errors).toBeUndefined();
    const c = res.data?.contact;
    expect(c?.traveler.id).toBe(contact.ttTravelerId);
    // Back from TT-API to the CRM, by the TT-API ids.
    expect(c?.traveler.contact.id).toBe(contact.id);
    expect(c?.client.contact.id).toBe(contact.id);
    const bookings = c?.traveler.trips.nodes.flatMap((t) => t.bookings.nodes) ?? [];
    const paid = bookings.filter((b) => b.amountPaidCents > 0);
    expect(paid.length).toBeGreaterThan(0);
    for (const b of paid)
      expect(b.payments.nodes.reduce((s, p) => s + p.amountCents, 0)).toBeGreaterThanOrEqual(b.amountPaidCents);
  });

  it("reaches a company's TT-API clients and their CRM company back", async () => {
    const res = await gql<{
      companies: {
        nodes: {
          id: string;
          ttCompanyId: string | null;
          clients: { nodes: { id: string; company: { id: string } }[] } | null;
        }[];
      };
    }>(
      system.gatewayUrl,
      '{ companies(first: 100) { nodes { id ttCompanyId clients(first: 5) { nodes { id displayName company { id } } } } } }',
      {},
      as('viewer'),
    );
    expect(res.errors).toBeUndefined();
    const linked = (res.data?.companies.nodes ?? []).filter((c) => c.ttCompanyId);
    expect(linked.length).toBeGreaterThan(0);
    for (const company of linked) {
      for (const client of company.clients?.nodes ?? []) expect(client.company.id).toBe(company.id);
    }
    expect(linked.some((c) => (c.clients?.nodes ?? []).length > 0)).toBe(true);
  });
});

describe('deals and bookings', () => {
  it("reaches a deal's TT-API bookings, and a booking's CRM deal", async () => {
    const deals = await gql<{ deals: { nodes: { id: string; ttDealId: string | null }[] } }>(
      system.gatewayUrl,
      '{ deals(first: 100) { nodes { id ttDealId } } }',
      {},
      as('viewer'),
    );
    const linked = (deals.data?.deals.nodes ?? []).filter((d) => d.ttDealId);
    expect(linked.length).toBeGreaterThan(0);
    const res = await gql<{
      deals: {
        nodes: {
          id: string;
          ttDealId: string | null;
          bookings: { nodes: { ttDealId: string; deal: { id: string } }[] } | null;
        }[];
      };
    }>(
      system.gatewayUrl,
      '{ deals(first: 100) { nodes { id ttDealId bookings { nodes { bookingReference ttDealId deal { id title } } } } } }',
      {},
      as('viewer'),
    );
    expect(res.errors).toBeUndefined();
    const withBookings = (res.data?.deals.nodes ?? []).filter((d) => (d.bookings?.nodes ?? []).length > 0);
    expect(withBookings.length).toBeGreaterThan(0);
    for (const d of withBookings)
      expect(d.bookings?.nodes.every((b) => b.ttDealId === d.ttDealId && b.deal.id === d.id)).toBe(true);
    // A page of deals is one TT-API call for all their bookings.
    expect(sim().requestCount('/api/bookings')).toBe(1);
  });
});

describe('one TT-API call per list', () => {
  it('resolves a page of contacts to travelers and clients with one call each', async () => {
    const res = await gql<{
      contacts: { nodes: { traveler: { id: string } | null; client: { id: string } | null }[] };
    }>(
      system.gatewayUrl,
      '{ contacts(first: 100) { nodes { id traveler { id firstName } client { id displayName } } } }',
      {},
      as('viewer'),
    );
    expect(res.errors).toBeUndefined();
    const nodes = res.data?.contacts.nodes ?? [];
    expect(nodes.filter((n) => n.traveler).length).toBeGreaterThan(10);
    expect(sim().requestCount('/api/travelers')).toBe(1);
    expect(sim().requestCount('/api/clients')).toBe(1);
  });
});

describe('ranks on travel fields', () => {
  const FINANCE = [
    'query($id: ID!) { booking(id: $id) { id payments { nodes { amountCents } } } }',
    'query($id: ID!) { booking(id: $id) { id commissions { nodes { grossCommissionCents } } } }',
    'query($id: ID!) { booking(id: $id) { id client { lifetimeValueCents } } }',
    '{ commissionSummary { totalGrossCommissionCents } }',
    '{ invoices(first: 1) { totalCount } }',
  ];

  it('keeps finance fields to managers and above', async () => {
    const booking = [...sim().db.bookings.values()].find((b) => b.amountPaidCents > 0);
    for (const q of FINANCE) {
      for (const role of ROLES) {
        const res = await gql(system.gatewayUrl, q, { id: booking?.id }, as(role));
        const allowed = RANK_OF[role.toUpperCase() as 'VIEWER'] >= RANK_OF.MANAGER;
        if (allowed) expect(res.errors, `${role}: ${q}`).toBeUndefined();
        else {
          expect(res.status, `${role}: ${q}`).toBe(403);
          expect(codes(res)).toEqual(['FORBIDDEN']);
        }
      }
    }
  });

  it('lets viewers read non-finance travel data but keeps identity documents to advisors', async () => {
    const contact = await travellingContact();
    const basic = await gql(
      system.gatewayUrl,
      'query($id: ID!) { contact(id: $id) { traveler { firstName trips { nodes { status bookings { nodes { status totalPriceCents } } } } } } }',
      { id: contact.id },
      as('viewer'),
    );
    expect(basic.errors).toBeUndefined();
    const PASSPORT =
      'query($id: ID!) { contact(id: $id) { traveler { passportNumber documents { nodes { documentNumber } } } } }';
    expect(codes(await gql(system.gatewayUrl, PASSPORT, { id: contact.id }, as('agent')))).toEqual(['FORBIDDEN']);
    expect((await gql(system.gatewayUrl, PASSPORT, { id: contact.id }, as('advisor'))).errors).toBeUndefined();
  });

  it('carries every travel rank into the supergraph', () => {
    const ranks = rankMapFromSdl(readFileSync('gateway/supergraph.graphql', 'utf8'));
    const names = Object.fromEntries(Object.entries(RANK_OF).map(([k, v]) => [v, k]));
    const actual = Object.fromEntries(Object.keys(travelFieldRanks).map((f) => [f, names[ranks.get(f) ?? -2]]));
    expect(actual).toEqual(travelFieldRanks);
  });
});

describe('TT-API down', () => {
  const MIXED = '{ contacts(first: 5) { nodes { id firstName traveler { id firstName } } } me { email } }';

  it('returns the CRM data plus UPSTREAM_UNAVAILABLE on the travel path; the breaker opens after 5 failures', async () => {
    sim().setFaults({ errorRate: 1, errorStatuses: [503], pathPrefix: '/api/' });
    for (let i = 1; i <= 5; i++) {
      const res = await gql<{ contacts: { nodes: { firstName: string; traveler: unknown }[] }; me: { email: string } }>(
        system.gatewayUrl,
        MIXED,
        {},
        as('viewer'),
      );
      expect(res.status).toBe(200);
      expect(res.data?.me.email).toBe('viewer@nexus.test');
      const nodes = res.data?.contacts.nodes ?? [];
      expect(nodes).toHaveLength(5);
      expect(nodes.every((n) => n.firstName && n.traveler === null)).toBe(true);
      expect(new Set(codes(res))).toEqual(new Set(['UPSTREAM_UNAVAILABLE']));
      expect(res.errors?.every((e) => e.path?.[0] === 'contacts' && e.path?.at(-1) === 'traveler')).toBe(true);
    }
    expect(sim().requestCount('/api/travelers')).toBe(5);
    expect(system.travelBreaker.state).toBe('open');

    // Open: travel fields fail at once, without reaching TT-API.
    sim().clearFaults();
    const started = performance.now();
    const res = await gql<{ contacts: { nodes: { firstName: string }[] } }>(system.gatewayUrl, MIXED, {}, as('viewer'));
    const ms = performance.now() - started;
    expect(res.data?.contacts.nodes).toHaveLength(5);
    expect(new Set(codes(res))).toEqual(new Set(['UPSTREAM_UNAVAILABLE']));
    expect(sim().requestCount('/api/travelers')).toBe(5);
    expect(ms).toBeLessThan(1000);
    const health = await gql<{ integrationHealth: { state: string } }>(
      system.gatewayUrl,
      '{ integrationHealth { state nextAttemptAt } }',
      {},
      as('viewer'),
    );
    expect(health.data?.integrationHealth.state).toBe('OPEN');
  });

  it('keeps the CRM data when TT-API refuses connections', async () => {
    await sim().outage({ mode: 'refuse' });
    try {
      const res = await gql<{ contacts: { nodes: { firstName: string; traveler: unknown }[] } }>(
        system.gatewayUrl,
        MIXED,
        {},
        as('viewer'),
      );
      expect(res.data?.contacts.nodes.every((n) => n.firstName)).toBe(true);
      expect(new Set(codes(res))).toEqual(new Set(['UPSTREAM_UNAVAILABLE']));
    } finally {
      await sim().restore();
    }
  });

  it.each(['wrong-shape', 'non-json'] as const)(
    'treats a %s body as TT-API unavailable, never as data',
    async (malformed) => {
      sim().setFaults({ malformed, pathPrefix: '/api/travelers' });
      const res = await gql<{ contacts: { nodes: { firstName: string; traveler: unknown }[] } }>(
        system.gatewayUrl,
        MIXED,
        {},
        as('viewer'),
      );
      expect(res.data?.contacts.nodes.every((n) => n.firstName && n.traveler === null)).toBe(true);
      expect(new Set(codes(res))).toEqual(new Set(['UPSTREAM_UNAVAILABLE']));
      expect(res.errors?.[0]?.message).toMatch(/malformed/);
    },
  );
});

describe('integrationHealthChanged', () => {
  it('tells subscribers when the circuit opens and closes', async () => {
    const client = wsClient(system.gatewayUrl, tokens.viewer ?? null);
    const events = subscribe<{ integrationHealthChanged: { id: string; state: string } }>(
      client,
      'subscription { integrationHealthChanged { id state failureThreshold } }',
    );
    try {
      await new Promise((r) => setTimeout(r, 300));
      sim().setFaults({ errorRate: 1, pathPrefix: '/api/' });
      for (let i = 0; i < 5; i++)
        await gql(system.gatewayUrl, '{ bookings(first: 1) { totalCount } }', {}, as('viewer'));
      const opened = await events.next((e) => e.integrationHealthChanged.state === 'OPEN');
      expect(opened.integrationHealthChanged).toEqual({ id: 'tt-api', state: 'OPEN', failureThreshold: 5 });
      sim().clearFaults();
      system.travelBreaker.reset();
      await events.next((e) => e.integrationHealthChanged.state === 'CLOSED');
      expect(events.errors).toEqual([]);
    } finally {
      events.dispose();
      await client.dispose();
    }
  });
});
