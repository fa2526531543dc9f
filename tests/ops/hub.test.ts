/**
 * The operations hub's dashboards and settings: the analytics summary (TT-API events counted by
 * ops over a range), integrations settings, company enrichment through a provider (a local HTTP
 * receiver implementing the provider contract), queue throughput from bull's metrics, a Slack job
 * that gives up leaving its ledger entry FAILED, and Slack's routes on the webhooks rate tier.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/postgresql';
import { NexusError } from '@nexus/platform';
import { enrichCompany } from '../../subgraphs/crm/src/enrichment/enrich.ts';
import type { OpsDeps } from '../../subgraphs/ops/src/context.ts';
import { Delivery } from '../../subgraphs/ops/src/entities/index.ts';
import { recordAttempt } from '../../subgraphs/ops/src/ledger/ledger.ts';
import { startSystem, type System } from '../support/system.ts';
import { codes, data, eventually, signInStaff, unique, type Staff } from '../support/staff.ts';

const ENRICHMENT_KEY = 'enrichment-key-for-hub-tests';

interface Provider {
  url: string;
  lookups: { domain: string | null; name: string | null; auth: string | undefined }[];
  close(): Promise<void>;
}

/** The enrichment provider contract: GET companies/lookup?domain&name with a bearer key. */
async function startProvider(): Promise<Provider> {
  const lookups: Provider['lookups'] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://provider');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname !== '/v1/companies/lookup') return json(404, { error: 'no such route' });
    lookups.push({
      domain: url.searchParams.get('domain'),
      name: url.searchParams.get('name'),
      auth: req.headers.authorization,
    });
    if (req.headers.authorization !== `Bearer ${ENRICHMENT_KEY}`) return json(401, { error: 'bad key' });
    if (url.searchParams.get('domain') === 'enrich-me.example')
      return json(200, {
        source: 'acme-data',
        industry: 'Not the one a person typed',
        phone: '+1 415 555 0100',
        city: 'San Francisco',
        country: 'us',
        website: 'https://enrich-me.example',
        employees: 250,
      });
    if (url.searchParams.get('domain') === 'broken.example') return json(500, { error: 'boom' });
    return json(404, { error: 'unknown company' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/`,
    lookups,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let system: System;
let staff: Staff;
let ops: OpsDeps;
let provider: Provider;

beforeAll(async () => {
  provider = await startProvider();
  system = await startSystem({
    worker: true,
    env: { ENRICHMENT_URL: provider.url, ENRICHMENT_API_KEY: ENRICHMENT_KEY, SLACK_HEALTH_DEBOUNCE_MS: '0' },
  });
  staff = await signInStaff(system);
  ops = system.deps.ops as OpsDeps;
}, 120_000);
afterAll(async () => {
  await system?.close();
  await provider?.close();
});

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('analytics summary', () => {
  type Count = { key: string | null; count: number };
  type Summary = {
    analyticsSummary: {
      from: string;
      to: string;
      totalEvents: number;
      truncated: boolean;
      byEventName: Count[];
      byDay: { day: string; count: number }[];
      byUtmSource: Count[];
      byUtmMedium: Count[];
      byUtmCampaign: Count[];
    };
  };
  const SUMMARY = `query($from: Date!, $to: Date!) { analyticsSummary(from: $from, to: $to) {
    from to totalEvents truncated byEventName { key count } byDay { day count }
    byUtmSource { key count } byUtmMedium { key count } byUtmCampaign { key count } } }`;

  it("counts TT-API's events over the range by name, day and UTM field, for managers", async () => {
    const from = day(-89);
    const to = day(0);
    const s = data(await staff.as.manager<Summary>(SUMMARY, { from, to })).analyticsSummary;
    const total = data(
      await staff.as.manager<{ ttAnalyticsEvents: { totalCount: number } }>(
        `query($f: AnalyticsEventFilter) { ttAnalyticsEvents(first: 1, filter: $f) { totalCount } }`,
        { f: { occurredAfter: `${from}T00:00:00.000Z`, occurredBefore: `${to}T23:59:59.999Z` } },
      ),
    ).ttAnalyticsEvents.totalCount;
    // The simulator's demo data: 120 events over the last 60 days, a fifth of them without a source.
    expect(total).toBeGreaterThan(100);
    expect(s).toMatchObject({ from, to, totalEvents: total, truncated: false });
    expect(s.byDay).toHaveLength(90);
    expect(s.byDay[0]?.day).toBe(from);
    const sum = (rows: { count: number }[]) => rows.reduce((n, r) => n + r.count, 0);
    for (const rows of [s.byDay, s.byEventName, s.byUtmSource, s.byUtmMedium, s.byUtmCampaign])
      expect(sum(rows)).toBe(total);
    expect(s.byEventName[0]?.key).toBe('page_view');
    expect(s.byUtmSource.map((r) => r.key)).toEqual(expect.arrayContaining([null, 'google', 'newsletter']));
    expect(s.byUtmMedium.find((r) => r.key === 'email')?.count).toBe(
      s.byUtmSource.find((r) => r.key === 'newsletter')?.count,
    );

    // A shorter range counts fewer (the last week only).
    const week = data(await staff.as.manager<Summary>(SUMMARY, { from: day(-6), to: day(0) })).analyticsSummary;
    expect(week.byDay).toHaveLength(7);
    expect(week.totalEvents).toBeLessThan(total);

    expect(codes(await staff.as.advisor(SUMMARY, { from, to }))).toContain('FORBIDDEN');
    expect(codes(await staff.as.manager(SUMMARY, { from: day(0), to: day(-1) }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await staff.as.manager(SUMMARY, { from: day(-366), to: day(0) }))).toEqual(['BAD_USER_INPUT']);
    expect(
      data(await staff.as.manager<Summary>(SUMMARY, { from: day(-365), to: day(0) })).analyticsSummary.byDay,
    ).toHaveLength(366);
    expect(codes(await staff.as.manager(SUMMARY, { from: '2026-02-30', to: day(0) }))).toEqual(['BAD_USER_INPUT']);
  }, 30_000);
});

describe('integrations settings', () => {
  type Integrations = {
    integrations: {
      key: string;
      status: string;
      whenNotConfigured: string;
      variables: { name: string; set: boolean }[];
    }[];
  };
  const Q = '{ integrations { key status whenNotConfigured variables { name set } } }';
  it('lists every optional integration as configured or not, to admins only, without values', async () => {
    expect(codes(await staff.as.manager(Q))).toContain('FORBIDDEN');
    const res = await staff.as.admin<Integrations>(Q);
    const list = data(res).integrations;
    expect(list.map((i) => i.key)).toEqual([
      'slack',
      'n8n',
      'tt-api-hooks',
      'groups-hooks',
      'smtp',
      'enrichment',
      'google-workspace',
      'ai-assistant',
    ]);
    const byKey = Object.fromEntries(list.map((i) => [i.key, i]));
    expect(byKey.enrichment?.status).toBe('CONFIGURED');
    expect(byKey.slack?.status).toBe('NOT_CONFIGURED');
    expect(byKey['google-workspace']).toMatchObject({
      status: 'NOT_CONFIGURED',
      variables: [
        { name: 'GOOGLE_SERVICE_ACCOUNT_KEY_FILE', set: false },
        { name: 'GOOGLE_WORKSPACE_DOMAIN', set: false },
      ],
    });
    expect(byKey['ai-assistant']?.variables.map((v) => v.name)).toContain('ANTHROPIC_API_KEY');
    expect(JSON.stringify(res)).not.toContain(ENRICHMENT_KEY);
  });
});

describe('company enrichment', () => {
  type Enriched = {
    enrichCompany: {
      found: boolean;
      filledFields: string[];
      dataSource: string | null;
      company: Record<string, string | null>;
    };
  };
  const ENRICH = `mutation($id: ID!) { enrichCompany(id: $id) { found filledFields dataSource
    company { id domain industry phone website city country enrichmentDataSource enrichedAt } } }`;
  const create = async (name: string, domain: string, industry: string | null) =>
    data(
      await staff.as.advisor<{ createCompany: { id: string } }>(
        'mutation($i: CreateCompanyInput!) { createCompany(input: $i) { id } }',
        { i: { name, domain, industry } },
      ),
    ).createCompany.id;

  it('fills only empty fields from the provider and records the source; advisors and above', async () => {
    const id = await create(unique('Enrich Me'), 'enrich-me.example', 'Travel management');
    expect(codes(await staff.as.agent(ENRICH, { id }))).toContain('FORBIDDEN');
    const r = data(await staff.as.advisor<Enriched>(ENRICH, { id })).enrichCompany;
    expect(r).toMatchObject({
      found: true,
      filledFields: ['phone', 'website', 'city', 'country'],
      dataSource: 'acme-data',
      company: {
        domain: 'enrich-me.example',
        industry: 'Travel management',
        phone: '+1 415 555 0100',
        website: 'https://enrich-me.example',
        city: 'San Francisco',
        country: 'US',
        enrichmentDataSource: 'acme-data',
      },
    });
    expect(r.company.enrichedAt).toBeTruthy();
    expect(provider.lookups.at(-1)).toMatchObject({ domain: 'enrich-me.example', auth: `Bearer ${ENRICHMENT_KEY}` });
    // Again: nothing left to fill, and what was filled stays.
    const again = data(await staff.as.advisor<Enriched>(ENRICH, { id })).enrichCompany;
    expect(again).toMatchObject({ found: true, filledFields: [], company: { phone: '+1 415 555 0100' } });

    const unknown = await create(unique('Nobody Knows'), 'unknown.example', null);
    expect(data(await staff.as.advisor<Enriched>(ENRICH, { id: unknown })).enrichCompany).toMatchObject({
      found: false,
      filledFields: [],
      dataSource: null,
      company: { industry: null, enrichmentDataSource: null },
    });
    const broken = await create(unique('Broken'), 'broken.example', null);
    expect(codes(await staff.as.advisor(ENRICH, { id: broken }))).toEqual(['UPSTREAM_UNAVAILABLE']);
    expect(codes(await staff.as.advisor(ENRICH, { id: crypto.randomUUID() }))).toEqual(['NOT_FOUND']);
    expect(codes(await staff.as.advisor(ENRICH, { id: 'nope' }))).toEqual(['BAD_USER_INPUT']);
  });

  it('says enrichment is not configured when no provider is set, changing nothing', async () => {
    const id = await create(unique('Unconfigured'), 'enrich-me.example', null);
    const em = (system.deps.crm as { orm: { em: EntityManager } }).orm.em.fork();
    const before = provider.lookups.length;
    const error = await enrichCompany(em, null, id, new Date()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NexusError);
    expect((error as NexusError).code).toBe('SERVICE_UNAVAILABLE');
    expect((error as NexusError).message).toMatch(/not configured.*ENRICHMENT_URL/);
    expect(provider.lookups.length).toBe(before);
  });
});

describe('queue throughput', () => {
  type Q = { queue: { throughput: { minute: string; completed: number; failed: number }[] } };
  const Q = `query($n: String!) { queue(name: $n) { throughput { minute completed failed } } }`;
  it("shows completed and failed jobs per minute over the last hour from bull's metrics", async () => {
    await ops.queues.queue('ops').add('health-check', {}, { attempts: 1 });
    await ops.queues.queue('crm').add('no-such-job', { probe: unique('t') }, { attempts: 1 });
    const sum = (points: Q['queue']['throughput'], k: 'completed' | 'failed') => points.reduce((n, p) => n + p[k], 0);
    const okPoints = await eventually(async () => {
      const t = data(await staff.as.admin<Q>(Q, { n: 'ops' })).queue.throughput;
      if (sum(t, 'completed') < 1) throw new Error('nothing completed yet');
      return t;
    }, 20_000);
    expect(okPoints).toHaveLength(60);
    const last = okPoints.at(-1)?.minute ?? '';
    expect(Date.now() - Date.parse(last)).toBeLessThan(120_000);
    await eventually(async () => {
      const t = data(await staff.as.admin<Q>(Q, { n: 'crm' })).queue.throughput;
      if (sum(t, 'failed') < 1) throw new Error('nothing failed yet');
    }, 20_000);
    expect(codes(await staff.as.manager(Q, { n: 'ops' }))).toContain('FORBIDDEN');
  }, 45_000);
});

describe('Slack fixes', () => {
  it('leaves a post FAILED in the ledger when its job gives up (an earlier attempt never finished)', async () => {
    const key = unique('stuck-post').replace(/\s/g, '-');
    // The first attempt's worker died mid-post: the entry was recorded and never finished.
    const stuck = await recordAttempt(ops, {
      direction: 'OUT',
      channel: 'SLACK_POST',
      key,
      action: 'chat.postMessage',
      summary: 'a post whose worker died',
    });
    expect(stuck.delivery.outcome).toBe('PENDING');
    await ops.queues
      .queue('slack')
      .add(
        'slack-announce',
        { kind: 'CAMPAIGN_COMPLETED', text: 'Campaign sent', dedupeKey: key },
        { jobId: key, attempts: 2, backoff: { type: 'fixed', delay: 50 } },
      );
    const row = await eventually(async () => {
      const d = await ops.orm.em.fork().findOne(Delivery, { channel: 'SLACK_POST', idempotencyKey: key });
      if (d?.outcome !== 'FAILED') throw new Error('not failed yet');
      return d;
    }, 20_000);
    expect(row.error).toMatch(/^gave up after 2 attempts: /);
    expect(row.completedAt).toBeTruthy();
  });

  it("puts Slack's routes on the gateway's webhooks rate tier, like the n8n and hooks routes", async () => {
    const limitOf = async (path: string) =>
      (await fetch(`${system.gatewayUrl}${path}`, { method: 'POST', body: '{}' })).headers.get('x-ratelimit-limit');
    const hooks = await limitOf('/hooks/groups/member-joined');
    expect(hooks).toBeTruthy();
    expect(await limitOf('/slack/events')).toBe(hooks);
    expect(await limitOf('/slack/commands')).toBe(hooks);
    expect(await limitOf('/api/n8n/webhook/booking-sync')).toBe(hooks);
    // An unknown Slack path is REST too: the error envelope, never the staff app's page.
    const unknown = await fetch(`${system.gatewayUrl}/slack/unknown`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });
});
