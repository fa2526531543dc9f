/**
 * Integrators' outbound webhooks end to end: a local HTTPS receiver (its own self-signed certificate,
 * trusted through WEBHOOK_CA_PEM) gets contact changes signed per Standard Webhooks and verifies
 * them with the reference library, through a secret rotation too; a name resolving to loopback is
 * refused when connecting; a failing receiver is retried on a growing schedule and then disabled
 * with an admin notification; payloads keep to their endpoint's rank; bad input changes nothing.
 */
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RANK_OF, type WebhookEventJob } from '@nexus/platform';
import { payloadFor } from '../../subgraphs/ops/src/webhooks/events.ts';
import { startSystem, type System } from '../support/system.ts';
import { codes, data, eventually, signInStaff, unique, type Staff } from '../support/staff.ts';

type Received = { path: string; headers: Record<string, string>; body: string };
let system: System;
let staff: Staff;
let receiver: https.Server;
let port = 0;
const received: Received[] = [];

beforeAll(async () => {
  const pems = await generate([{ name: 'commonName', value: 'receiver.test' }], {
    keyType: 'ec',
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'receiver.test' },
          { type: 2, value: 'evil.test' },
        ],
      },
    ],
  });
  receiver = https.createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({
        path,
        headers: req.headers as Record<string, string>,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      if (path.startsWith('/fail')) res.writeHead(500).end('receiver is down');
      else if (path.startsWith('/gone')) res.writeHead(410).end('gone');
      else if (path.startsWith('/moved')) res.writeHead(302, { location: 'https://receiver.test/ok' }).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  port = (receiver.address() as AddressInfo).port;
  system = await startSystem({
    worker: true,
    env: {
      WEBHOOK_ALLOWED_HOSTS: 'receiver.test',
      WEBHOOK_RESOLVE: 'receiver.test=127.0.0.1,evil.test=127.0.0.1',
      WEBHOOK_CA_PEM: pems.cert,
      WEBHOOK_RETRY_DELAYS_MS: '50,100,200',
      WEBHOOK_DISABLE_AFTER_FAILED_EVENTS: '1',
    },
  });
  staff = await signInStaff(system);
}, 120_000);
afterAll(async () => {
  await system?.close();
  receiver?.close();
});

const url = (path: string, host = 'receiver.test') => `https://${host}:${port}${path}`;

const ENDPOINT = `id url enabled disabledReason role eventTypes consecutiveFailedEvents`;
const DELIVERIES = `deliveries(first: 20) { totalCount nodes { id eventType status attemptCount payload
  attempts { number succeeded responseStatus responseExcerpt latencyMs error attemptedAt nextAttemptAt manual }
  ledgerEntry { id channel outcome attempts } } }`;
type Attempt = {
  number: number;
  succeeded: boolean;
  responseStatus: number | null;
  responseExcerpt: string | null;
  latencyMs: number;
  error: string | null;
  attemptedAt: string;
  nextAttemptAt: string | null;
  manual: boolean;
};
type DeliveryRow = {
  id: string;
  eventType: string;
  status: string;
  attemptCount: number;
  payload: string;
  attempts: Attempt[];
  ledgerEntry: { id: string; channel: string; outcome: string; attempts: number } | null;
};
type Endpoint = {
  id: string;
  url: string;
  enabled: boolean;
  disabledReason: string | null;
  role: string;
  eventTypes: string[];
  consecutiveFailedEvents: number;
  deliveries: { totalCount: number; nodes: DeliveryRow[] };
};

async function createEndpoint(input: Record<string, unknown>) {
  const res = await staff.as.admin<{ createWebhookEndpoint: { secret: string; endpoint: { id: string } } }>(
    `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret endpoint { id } } }`,
    { input },
  );
  const { secret, endpoint } = data(res).createWebhookEndpoint;
  return { secret, id: endpoint.id };
}
const endpoint = async (id: string) =>
  data(
    await staff.as.admin<{ webhookEndpoint: Endpoint }>(
      `query($id: ID!) { webhookEndpoint(id: $id) { ${ENDPOINT} ${DELIVERIES} } }`,
      {
        id,
      },
    ),
  ).webhookEndpoint;
const createContact = async (firstName: string) =>
  data(
    await staff.as.admin<{ createContact: { id: string } }>(
      `mutation($input: CreateContactInput!) { createContact(input: $input) { id } }`,
      { input: { firstName } },
    ),
  ).createContact.id;
const arrived = (path: string, match: (r: Received) => boolean = () => true) =>
  eventually(async () => {
    const hit = received.find((r) => r.path === path && match(r));
    if (!hit) throw new Error(`nothing received on ${path} yet`);
    return hit;
  }, 20_000);
const eventOf = (r: Received) =>
  JSON.parse(r.body) as { id: string; type: string; version: number; data: Record<string, unknown> };

describe('outbound webhooks', () => {
  it('delivers a contact change signed per Standard Webhooks, verifiable with either secret during a rotation', async () => {
    const { id, secret } = await createEndpoint({
      url: url('/ok/main'),
      eventTypes: ['contact.created', 'contact.updated'],
      description: 'CRM mirror',
    });
    expect(secret).toMatch(/^whsec_/);
    const contactId = await createContact(unique('Hook'));
    const created = await arrived('/ok/main', (r) => eventOf(r).data.contactId === contactId);
    const verified = new Webhook(secret).verify(created.body, created.headers) as WebhookEventJob;
    expect(verified).toMatchObject({ type: 'contact.created', version: 1, data: { contactId, changedFields: [] } });
    expect(created.headers['webhook-id']).toBe(verified.id);

    // No overlap: refused, and the secret stays.
    const refused = await staff.as.admin(
      `mutation { rotateWebhookSecret(input: { id: "${id}", overlapMinutes: 0 }) { secret } }`,
    );
    expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
    const rotated = data(
      await staff.as.admin<{ rotateWebhookSecret: { secret: string } }>(
        `mutation { rotateWebhookSecret(input: { id: "${id}", overlapMinutes: 60 }) { secret endpoint { id } } }`,
      ),
    ).rotateWebhookSecret.secret;
    expect(rotated).not.toBe(secret);

    data(
      await staff.as.admin(`mutation($input: UpdateContactInput!) { updateContact(input: $input) { id } }`, {
        input: { id: contactId, jobTitle: 'Travel buyer', ownerId: staff.id.advisor },
      }),
    );
    const updated = await arrived(
      '/ok/main',
      (r) => eventOf(r).type === 'contact.updated' && eventOf(r).data.contactId === contactId,
    );
    expect(updated.headers['webhook-signature']?.split(' ')).toHaveLength(2);
    for (const key of [secret, rotated]) {
      expect(new Webhook(key).verify(updated.body, updated.headers)).toMatchObject({
        type: 'contact.updated',
        data: { contactId, changedFields: expect.arrayContaining(['jobTitle', 'owner']) as unknown },
      });
    }
    expect(() =>
      new Webhook(`whsec_${Buffer.from('someone else').toString('base64')}`).verify(updated.body, updated.headers),
    ).toThrow();

    // The delivery log: each delivery with its attempts and its ledger entry; an admin replays one.
    const log = await endpoint(id);
    const first = log.deliveries.nodes.find((d) => d.eventType === 'contact.created');
    expect(first).toMatchObject({
      status: 'SUCCEEDED',
      attemptCount: 1,
      ledgerEntry: { channel: 'WEBHOOK', outcome: 'SUCCEEDED' },
    });
    expect(first?.attempts[0]).toMatchObject({
      number: 1,
      succeeded: true,
      responseStatus: 200,
      responseExcerpt: '{"ok":true}',
    });
    const before = received.filter((r) => r.headers['webhook-id'] === verified.id).length;
    const replay = await staff.as.admin<{ replayDelivery: { outcome: string; attempts: number } }>(
      `mutation($id: ID!) { replayDelivery(input: { id: $id }) { outcome attempts } }`,
      { id: first?.ledgerEntry?.id },
    );
    expect(data(replay).replayDelivery).toEqual({ outcome: 'SUCCEEDED', attempts: 2 });
    expect(received.filter((r) => r.headers['webhook-id'] === verified.id)).toHaveLength(before + 1);
    const again = (await endpoint(id)).deliveries.nodes.find((d) => d.id === first?.id);
    expect(again?.attempts.map((a) => a.manual)).toEqual([false, true]);
    expect(
      codes(
        await staff.as.admin(
          `mutation { replayDelivery(input: { id: "00000000-0000-4000-8000-000000000000" }) { id } }`,
        ),
      ),
    ).toEqual(['NOT_FOUND']);
  });

  it('refuses at delivery time a hostname that resolves to loopback without an allow-list entry', async () => {
    const { id } = await createEndpoint({ url: url('/ok/evil', 'evil.test'), eventTypes: ['contact.created'] });
    data(await staff.as.admin(`mutation { sendWebhookTestEvent(input: { id: "${id}" }) { id } }`));
    const failed = await eventually(async () => {
      const d = (await endpoint(id)).deliveries.nodes[0];
      if (d?.status !== 'FAILED') throw new Error('not settled yet');
      return d;
    }, 20_000);
    expect(failed.attempts[0]?.error).toMatch(/refused: evil\.test resolves to 127\.0\.0\.1/);
    expect(failed.attempts[0]?.responseStatus).toBeNull();
    expect(received.filter((r) => r.path === '/ok/evil')).toEqual([]);
  });

  it('retries a failing receiver with growing waits, then disables the endpoint and tells the admins', async () => {
    const { id } = await createEndpoint({ url: url('/fail/one'), eventTypes: ['contact.created'] });
    await createContact(unique('Failing'));
    const failed = await eventually(async () => {
      const e = await endpoint(id);
      if (e.enabled || e.deliveries.nodes[0]?.status !== 'FAILED') throw new Error('still retrying');
      return e;
    }, 30_000);
    expect(failed).toMatchObject({ enabled: false, disabledReason: 'FAILING', consecutiveFailedEvents: 1 });
    const attempts = failed.deliveries.nodes[0]?.attempts ?? [];
    expect(attempts.map((a) => [a.number, a.responseStatus, a.responseExcerpt])).toEqual([
      [1, 500, 'receiver is down'],
      [2, 500, 'receiver is down'],
      [3, 500, 'receiver is down'],
      [4, 500, 'receiver is down'],
    ]);
    const waits = attempts.slice(0, 3).map((a) => Date.parse(a.nextAttemptAt ?? '') - Date.parse(a.attemptedAt));
    expect(waits[0]).toBeGreaterThan(0);
    expect(waits[1]).toBeGreaterThan(waits[0] ?? 0);
    expect(waits[2]).toBeGreaterThan(waits[1] ?? 0);
    expect(attempts[3]?.nextAttemptAt).toBeNull();
    // Four signed attempts, each signed afresh.
    expect(received.filter((r) => r.path === '/fail/one')).toHaveLength(4);
    await eventually(async () => {
      const res = await staff.as.admin<{ notifications: { nodes: { title: string }[] } }>(
        `{ notifications(first: 50) { nodes { title } } }`,
      );
      expect(data(res).notifications.nodes.map((n) => n.title)).toContain(
        `Webhook endpoint disabled: ${url('/fail/one')}`,
      );
    }, 20_000);
  });

  it('disables an endpoint whose receiver answers 410, and counts a redirect as a failure', async () => {
    const gone = await createEndpoint({ url: url('/gone/x'), eventTypes: ['deal.won'] });
    data(await staff.as.admin(`mutation { sendWebhookTestEvent(input: { id: "${gone.id}" }) { id } }`));
    await eventually(
      async () => expect(await endpoint(gone.id)).toMatchObject({ enabled: false, disabledReason: 'GONE' }),
      20_000,
    );
    const moved = await createEndpoint({ url: url('/moved/x'), eventTypes: ['deal.won'] });
    data(await staff.as.admin(`mutation { sendWebhookTestEvent(input: { id: "${moved.id}" }) { id } }`));
    const d = await eventually(async () => {
      const row = (await endpoint(moved.id)).deliveries.nodes[0];
      if (row?.status !== 'FAILED') throw new Error('not settled');
      return row;
    }, 20_000);
    expect(d.attempts[0]).toMatchObject({ responseStatus: 302, succeeded: false });
    expect(d.attempts[0]?.error).toMatch(/not followed/);
    expect(received.filter((r) => r.path === '/ok')).toEqual([]);
  });

  it("never carries a changed field above the endpoint's rank", async () => {
    const event: WebhookEventJob = {
      id: 'evt_rank',
      type: 'booking.updated',
      version: 1,
      occurredAt: new Date().toISOString(),
      data: { bookingId: 'b1', changedFields: ['status', 'money', 'payments', 'noSuchField'] },
    };
    expect(payloadFor(event, RANK_OF.ADVISOR).data.changedFields).toEqual(['status']);
    expect(payloadFor(event, RANK_OF.MANAGER).data.changedFields).toEqual(['status', 'money', 'payments']);

    // An endpoint an admin scoped to VIEWER: what it receives is only what a viewer may read.
    const { id, secret } = await createEndpoint({
      url: url('/ok/viewer'),
      eventTypes: ['contact.updated'],
      role: 'VIEWER',
    });
    expect((await endpoint(id)).role).toBe('VIEWER');
    const contactId = await createContact(unique('Scoped'));
    data(
      await staff.as.admin(`mutation($input: UpdateContactInput!) { updateContact(input: $input) { id } }`, {
        input: { id: contactId, city: 'Lisbon', leadScore: 40 },
      }),
    );
    const hit = await arrived('/ok/viewer', (r) => eventOf(r).data.contactId === contactId);
    const body = new Webhook(secret).verify(hit.body, hit.headers) as WebhookEventJob;
    expect([...body.data.changedFields].sort()).toEqual(['city', 'leadScore']);
  });

  it('refuses bad input with clear errors and changes nothing', async () => {
    const count = async () =>
      data(await staff.as.admin<{ webhookEndpoints: { totalCount: number } }>(`{ webhookEndpoints { totalCount } }`))
        .webhookEndpoints.totalCount;
    const before = await count();
    const create = (input: Record<string, unknown>) =>
      staff.as.admin(
        `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret } }`,
        {
          input: { eventTypes: ['contact.created'], ...input },
        },
      );
    for (const bad of [
      'http://hooks.example.com/in',
      'https://10.0.0.5/in',
      'https://169.254.169.254/latest/meta-data',
      'https://[::ffff:127.0.0.1]/in',
      'https://[fd00::1]/in',
      'https://100.64.0.1/in',
      'https://localhost/in',
      'not a url',
    ]) {
      const res = await create({ url: bad });
      expect(codes(res), bad).toEqual(['BAD_USER_INPUT']);
    }
    const unknown = await create({
      url: 'https://hooks.example.com/in',
      eventTypes: ['contact.created', 'contact.exploded'],
    });
    expect(codes(unknown)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(unknown.errors)).toContain('contact.exploded is not an event type');
    const managerTry = await staff.as.manager(
      `mutation { createWebhookEndpoint(input: { url: "https://hooks.example.com/in", eventTypes: ["contact.created"] }) { secret } }`,
    );
    expect(codes(managerTry)).toEqual(['FORBIDDEN']);
    expect(await count()).toBe(before);
    expect(
      codes(
        await staff.as.admin(
          `mutation { sendWebhookTestEvent(input: { id: "00000000-0000-4000-8000-000000000000" }) { id } }`,
        ),
      ),
    ).toEqual(['NOT_FOUND']);
  });
});
