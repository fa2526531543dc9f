import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  QUEUES,
  SERVICES,
  SERVICE_TOKEN_HEADER,
  enqueue,
  signServiceToken,
  type SlackAnnounceJob,
} from '@nexus/platform';
import type { OpsDeps } from '../../subgraphs/ops/src/context.ts';
import { Delivery } from '../../subgraphs/ops/src/entities/index.ts';
import { announceHealthChange } from '../../subgraphs/ops/src/slack/jobs.ts';
import { signSlackBody } from '../../subgraphs/ops/src/slack/sign.ts';
import { verifySlackSignature } from '../../subgraphs/ops/src/slack/verify.ts';
import { startSystem, type System } from '../support/system.ts';
import { eventually, signInStaff, unique, type Staff } from '../support/staff.ts';

/**
 * Slack through the gateway's REST edge: signed requests verified (Slack's documented vector),
 * commands run as the staff member with the Slack user's email, events counted once per event_id,
 * and posts from the slack queue reaching a local stand-in for Slack's Web API that implements its
 * contract (`users.info`, `chat.postMessage` with 429 + Retry-After) and a local `response_url`.
 */

describe('Slack request signing', () => {
  // https://api.slack.com/authentication/verifying-requests-from-slack
  const secret = '8f742231b10e8888abcd99yyyzzz85a5';
  const timestamp = '1531420618';
  const body =
    'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
  const signature = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
  const at = Number(timestamp) * 1000;

  it("verifies Slack's documented example and refuses a one-byte tamper", () => {
    expect(signSlackBody(secret, timestamp, body)).toBe(signature);
    expect(verifySlackSignature(secret, { body, signature, timestamp }, at + 30_000)).toEqual({
      ok: true,
      timestamp: 1531420618,
    });
    const tampered = body.replace('roadrunner', 'roadrunnes');
    expect(verifySlackSignature(secret, { body: tampered, signature, timestamp }, at)).toEqual({
      ok: false,
      reason: 'signature',
    });
    const flipped = `${signature.slice(0, -1)}${signature.endsWith('3') ? '4' : '3'}`;
    expect(verifySlackSignature(secret, { body, signature: flipped, timestamp }, at)).toEqual({
      ok: false,
      reason: 'signature',
    });
  });

  it('refuses stale, future-dated and unsigned requests', () => {
    expect(verifySlackSignature(secret, { body, signature, timestamp }, at + 5 * 60_000 + 1000)).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect(verifySlackSignature(secret, { body, signature, timestamp }, at - 5 * 60_000 - 1000)).toEqual({
      ok: false,
      reason: 'future',
    });
    expect(verifySlackSignature(secret, { body, signature: undefined, timestamp }, at)).toEqual({
      ok: false,
      reason: 'missing',
    });
    expect(verifySlackSignature(secret, { body, signature, timestamp: 'soon' }, at)).toEqual({
      ok: false,
      reason: 'missing',
    });
  });
});

interface StandIn {
  url: string;
  posts: { channel: string; text: string; blocks: unknown; at: number }[];
  rateLimited: { at: number }[];
  responses: Map<string, Record<string, unknown>[]>;
  /** The next N chat.postMessage calls answer 429 with `Retry-After: 1`. */
  limitNext(n: number): void;
  close(): Promise<void>;
}

/** Slack's Web API and response_url, as Slack implements them (form or JSON bodies, bearer token). */
async function startSlackStandIn(token: string, emails: Record<string, string>): Promise<StandIn> {
  const posts: StandIn['posts'] = [];
  const rateLimited: StandIn['rateLimited'] = [];
  const responses = new Map<string, Record<string, unknown>[]>();
  let limit = 0;
  let ts = 1_700_000_000;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      const path = req.url ?? '';
      if (path.startsWith('/response/')) {
        const list = responses.get(path) ?? [];
        list.push(JSON.parse(raw) as Record<string, unknown>);
        responses.set(path, list);
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        return;
      }
      const args: Record<string, unknown> = (req.headers['content-type'] ?? '').includes('json')
        ? (JSON.parse(raw || '{}') as Record<string, unknown>)
        : Object.fromEntries(new URLSearchParams(raw));
      if (req.headers.authorization !== `Bearer ${token}`) return json(200, { ok: false, error: 'not_authed' });
      if (path === '/api/users.info') {
        const email = emails[String(args.user)];
        if (!email) return json(200, { ok: false, error: 'user_not_found' });
        return json(200, { ok: true, user: { id: args.user, profile: { email } } });
      }
      if (path === '/api/chat.postMessage') {
        if (limit > 0) {
          limit--;
          rateLimited.push({ at: Date.now() });
          return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
        }
        const channel = String(args.channel ?? '');
        if (channel === '#nowhere') return json(200, { ok: false, error: 'channel_not_found' });
        const blocks = typeof args.blocks === 'string' ? (JSON.parse(args.blocks) as unknown) : args.blocks;
        posts.push({ channel, text: String(args.text ?? ''), blocks, at: Date.now() });
        return json(200, { ok: true, channel, ts: `${ts++}.000100` });
      }
      json(200, { ok: false, error: 'unknown_method' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    posts,
    rateLimited,
    responses,
    limitNext: (n) => void (limit = n),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('Slack through the gateway', () => {
  const secret = 'slack-signing-secret-for-tests-0123456789';
  const token = 'xoxb-test-token';
  let slack: StandIn;
  let system: System;
  let staff: Staff;
  let ops: OpsDeps;

  beforeAll(async () => {
    slack = await startSlackStandIn(token, {
      UAGENT: 'agent@nexus.test',
      UVIEWER: 'viewer@nexus.test',
      USTRANGER: 'stranger@example.test',
      UADVISOR: 'advisor@nexus.test',
    });
    system = await startSystem({
      worker: true,
      env: {
        SLACK_SIGNING_SECRET: secret,
        SLACK_BOT_TOKEN: token,
        SLACK_API_URL: `${slack.url}/api/`,
        SLACK_HEALTH_DEBOUNCE_MS: '300',
      },
    });
    staff = await signInStaff(system);
    ops = system.deps.ops as OpsDeps;
  });
  afterAll(async () => {
    await system?.close();
    await slack?.close();
  });

  const nowSeconds = () => Math.floor(Date.now() / 1000);
  const send = (
    path: string,
    body: string,
    contentType: string,
    o: { timestamp?: number; signature?: string } = {},
  ) => {
    const timestamp = o.timestamp ?? nowSeconds();
    return fetch(`${system.gatewayUrl}${path}`, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': o.signature ?? signSlackBody(secret, timestamp, body),
      },
      body,
    });
  };
  const command = (user: string, text: string, responsePath: string) =>
    new URLSearchParams({
      token: 'legacy',
      team_id: 'T1',
      channel_id: 'C0SUPPORT1',
      channel_name: 'support',
      user_id: user,
      user_name: user.toLowerCase(),
      command: '/nexus',
      text,
      response_url: `${slack.url}${responsePath}`,
      trigger_id: unique('trigger').replace(/\s/g, '.'),
    }).toString();
  const delivery = (channel: Delivery['channel'], key: string) =>
    ops.orm.em.fork().findOne(Delivery, { channel, idempotencyKey: key });

  it('answers the URL verification challenge and refuses bad, replayed and stale requests', async () => {
    const challenge = JSON.stringify({ token: 'x', challenge: 'c-123', type: 'url_verification' });
    const ok = await send('/slack/events', challenge, 'application/json');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ challenge: 'c-123' });

    const bad = await send('/slack/events', challenge, 'application/json', { signature: `v0=${'0'.repeat(64)}` });
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');

    // The very same signed request again (same timestamp and signature) is a replay.
    const again = JSON.stringify({ token: 'x', challenge: 'c-456', type: 'url_verification' });
    const timestamp = nowSeconds();
    const signature = signSlackBody(secret, timestamp, again);
    expect((await send('/slack/events', again, 'application/json', { timestamp, signature })).status).toBe(200);
    const replay = await send('/slack/events', again, 'application/json', { timestamp, signature });
    expect(replay.status).toBe(401);

    expect((await send('/slack/events', challenge, 'application/json', { timestamp: nowSeconds() - 600 })).status).toBe(
      401,
    );
    expect((await send('/slack/events', challenge, 'application/json', { timestamp: nowSeconds() + 600 })).status).toBe(
      401,
    );
  });

  it('opens a ticket as the mapped staff member: ack under 3 s, the answer at response_url', async () => {
    const subject = unique('Printer on fire');
    const started = Date.now();
    const ack = await send(
      '/slack/commands',
      command('UAGENT', `ticket ${subject}`, '/response/ticket'),
      'application/x-www-form-urlencoded',
    );
    const elapsed = Date.now() - started;
    expect(ack.status).toBe(200);
    expect(elapsed).toBeLessThan(3000);
    expect(((await ack.json()) as { response_type: string }).response_type).toBe('ephemeral');

    const answer = await eventually(async () => {
      const list = slack.responses.get('/response/ticket');
      if (!list?.length) throw new Error('no answer yet');
      return list[0] as { text: string; response_type: string };
    }, 20_000);
    expect(answer.text).toMatch(/^Ticket SR-\d+ opened: /);
    expect(answer.response_type).toBe('in_channel');

    const found = await staff.as.admin<{
      tickets: { nodes: { id: string; source: string; history: { nodes: { action: string; actor: string }[] } }[] };
    }>(
      'query($s: String!) { tickets(first: 5, filter: { search: $s }) { nodes { id source history(first: 5) { nodes { action actor } } } } }',
      { s: subject },
    );
    const ticket = found.data?.tickets.nodes[0];
    expect(ticket?.source).toBe('SLACK');
    expect(ticket?.history.nodes).toContainEqual({ action: 'created', actor: `user:${staff.id.agent}` });
  });

  it('refuses an unmapped user and an under-ranked one politely, changing nothing', async () => {
    const subject = unique('Should not exist');
    await send(
      '/slack/commands',
      command('USTRANGER', `ticket ${subject}`, '/response/stranger'),
      'application/x-www-form-urlencoded',
    );
    await send(
      '/slack/commands',
      command('UVIEWER', `ticket ${subject}`, '/response/viewer'),
      'application/x-www-form-urlencoded',
    );
    const stranger = await eventually(async () => {
      const r = slack.responses.get('/response/stranger')?.[0];
      if (!r) throw new Error('no answer yet');
      return r as { text: string };
    }, 20_000);
    expect(stranger.text).toMatch(/^Sorry, stranger@example\.test is not a Nexus staff account/);
    const viewer = await eventually(async () => {
      const r = slack.responses.get('/response/viewer')?.[0];
      if (!r) throw new Error('no answer yet');
      return r as { text: string };
    }, 20_000);
    expect(viewer.text).toMatch(/needs the agent role/);
    const found = await staff.as.admin<{ tickets: { totalCount: number } }>(
      'query($s: String!) { tickets(first: 1, filter: { search: $s }) { totalCount } }',
      { s: subject },
    );
    expect(found.data?.tickets.totalCount).toBe(0);
  });

  it('answers /nexus help at once', async () => {
    const ack = await send(
      '/slack/commands',
      command('USTRANGER', 'help', '/response/help'),
      'application/x-www-form-urlencoded',
    );
    expect(((await ack.json()) as { text: string }).text).toContain('/nexus ticket <subject>');
  });

  it('acts once on an event Slack redelivers with the same event_id, and ignores its own messages', async () => {
    const eventId = unique('Ev').replace(/\s/g, '');
    // Slack's retries resend the same payload (with X-Slack-Retry-Num) under a fresh signature.
    const event = () =>
      JSON.stringify({
        type: 'event_callback',
        event_id: eventId,
        event_time: nowSeconds(),
        api_app_id: 'A0NEXUS',
        authorizations: [{ user_id: 'UBOT', is_bot: true }],
        event: { type: 'message', channel: 'C0COUNTED1', user: 'UAGENT', text: 'hello', ts: '1.1' },
      });
    for (let i = 0; i < 3; i++) {
      const r = await send('/slack/events', event(), 'application/json', { timestamp: nowSeconds() - 10 - i });
      expect(r.status).toBe(200);
    }
    const own = JSON.stringify({
      type: 'event_callback',
      event_id: `${eventId}-own`,
      api_app_id: 'A0NEXUS',
      event: { type: 'message', channel: 'C0COUNTED1', bot_id: 'B1', text: 'posted by Nexus', ts: '1.2' },
    });
    expect((await send('/slack/events', own, 'application/json')).status).toBe(200);

    const d = await eventually(async () => {
      const row = await delivery('SLACK_EVENT', eventId);
      if (row?.outcome !== 'SUCCEEDED') throw new Error('not handled yet');
      return row;
    }, 20_000);
    expect(d.attempts).toBe(3);
    expect(await delivery('SLACK_EVENT', `${eventId}-own`)).toBeNull();
    const hub = await staff.as.manager<{ slackHub: { channels: { channelId: string; messages: number }[] } }>(
      '{ slackHub { channels { channelId messages } } }',
    );
    expect(hub.data?.slackHub.channels).toContainEqual({ channelId: 'C0COUNTED1', messages: 1 });
  });

  it('posts announcements to the mapped channel through the Web API, waiting out a 429 as Retry-After says', async () => {
    const mapped = await staff.as.admin(
      'mutation { setSlackChannel(input: { purpose: SUPPORT, channel: "#desk" }) { mappings { purpose channel custom } } }',
    );
    expect(mapped.errors).toBeUndefined();
    const refused = await staff.as.manager(
      'mutation { setSlackChannel(input: { purpose: SUPPORT, channel: "#x" }) { botTokenSet } }',
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    slack.limitNext(1);
    const job: SlackAnnounceJob = {
      kind: 'SLA_BREACH',
      text: unique('SLA breached: SR-1 Lost luggage'),
      link: '/service/tickets/x',
      ref: null,
      actions: [{ action: 'ticket-assign-me', label: 'Assign to me', value: 'x' }],
      dedupeKey: unique('sla').replace(/\s/g, '-'),
    };
    const em = ops.orm.em.fork();
    enqueue(em, QUEUES.slack, 'slack-announce', job, { jobId: job.dedupeKey });
    await em.flush();

    const post = await eventually(async () => {
      const p = slack.posts.find((x) => x.text === job.text);
      if (!p) throw new Error('not posted yet');
      return p;
    }, 20_000);
    expect(post.channel).toBe('#desk');
    const limited = slack.rateLimited.at(-1);
    expect(limited).toBeDefined();
    expect(post.at - (limited?.at ?? 0)).toBeGreaterThanOrEqual(950);
    const d = await eventually(async () => {
      const row = await delivery('SLACK_POST', job.dedupeKey);
      if (row?.outcome !== 'SUCCEEDED') throw new Error('not recorded yet');
      return row;
    });
    expect(d.attempts).toBe(2);
  });

  it('runs a button as the person who pressed it, and the assignment reaches the support channel', async () => {
    const created = await staff.as.admin<{ createTicket: { id: string; reference: string } }>(
      'mutation($i: CreateTicketInput!) { createTicket(input: $i) { id reference } }',
      { i: { subject: unique('Seat change'), description: 'From the SLA breach post.' } },
    );
    const ticket = created.data?.createTicket;
    expect(ticket).toBeDefined();
    const payload = {
      type: 'block_actions',
      trigger_id: unique('trigger').replace(/\s/g, '.'),
      user: { id: 'UAGENT' },
      response_url: `${slack.url}/response/button`,
      container: { message_ts: '1.3' },
      actions: [{ action_id: 'ticket-assign-me', value: ticket?.id, action_ts: '1.4' }],
    };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const ack = await send('/slack/interactions', body, 'application/x-www-form-urlencoded');
    expect(ack.status).toBe(200);
    const answer = await eventually(async () => {
      const r = slack.responses.get('/response/button')?.[0];
      if (!r) throw new Error('no answer yet');
      return r as { text: string };
    }, 20_000);
    expect(answer.text).toMatch(new RegExp(`^${ticket?.reference ?? '?'} is now assigned to .+\\.$`));
    const read = await staff.as.admin<{ ticket: { assignee: { id: string } | null } }>(
      'query($id: ID!) { ticket(id: $id) { assignee { id } } }',
      {
        id: ticket?.id,
      },
    );
    expect(read.data?.ticket.assignee?.id).toBe(staff.id.agent);
    const post = await eventually(async () => {
      const p = slack.posts.find((x) => x.text.startsWith(`${ticket?.reference} assigned:`));
      if (!p) throw new Error('not posted yet');
      return p;
    }, 20_000);
    expect(post.blocks).toBeDefined();
  });

  it("lets only the slack principal act for a person, with that person's own rank", async () => {
    const secretOf = system.iso.vars.INTERNAL_TOKEN_SECRET ?? '';
    const ask = async (token: string) => {
      const res = await fetch(`${system.gatewayUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SERVICE_TOKEN_HEADER]: token },
        body: JSON.stringify({
          query: 'mutation($i: CreateTicketInput!) { createTicket(input: $i) { id } }',
          variables: { i: { subject: 'Delegated', description: 'x' } },
        }),
      });
      return { status: res.status, body: (await res.json()) as { errors?: { extensions?: { code?: string } }[] } };
    };
    const other = await ask(await signServiceToken(SERVICES.ttSync, secretOf, 60, staff.id.agent));
    expect(other.status).toBe(401);
    const asViewer = await ask(await signServiceToken(SERVICES.slack, secretOf, 60, staff.id.viewer));
    expect(asViewer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const nobody = await ask(
      await signServiceToken(SERVICES.slack, secretOf, 60, '00000000-0000-4000-8000-000000000000'),
    );
    expect(nobody.status).toBe(401);
  });

  it('debounces health changes: a flapping part posts once, with where it ended', async () => {
    const component = unique('widget').replace(/\s/g, '-');
    for (const status of ['DOWN', 'UP', 'DOWN']) await announceHealthChange(ops, component, status, 'flapping');
    const posted = await eventually(async () => {
      const p = slack.posts.filter((x) => x.text.includes(component));
      if (!p.length) throw new Error('not posted yet');
      return p;
    });
    expect(posted[0]?.channel).toBe('#monitoring');
    expect(posted[0]?.text).toContain(`${component} is down`);
    await announceHealthChange(ops, component, 'UP');
    await eventually(async () => {
      if (!slack.posts.some((x) => x.text.includes(`${component} is up`))) throw new Error('not posted yet');
    });
    expect(slack.posts.filter((x) => x.text.includes(component))).toHaveLength(2);
  });

  it('treats channel_not_found as permanent: refused in the ledger, no retries', async () => {
    await staff.as.admin(
      'mutation { setSlackChannel(input: { purpose: MARKETING, channel: "#nowhere" }) { botTokenSet } }',
    );
    const key = unique('campaign').replace(/\s/g, '-');
    const em = ops.orm.em.fork();
    enqueue(
      em,
      QUEUES.slack,
      'slack-announce',
      { kind: 'CAMPAIGN_COMPLETED', text: 'Campaign sent', dedupeKey: key },
      { jobId: key },
    );
    await em.flush();
    const d = await eventually(async () => {
      const row = await delivery('SLACK_POST', key);
      if (row?.outcome !== 'REFUSED') throw new Error('not refused yet');
      return row;
    });
    expect(d.error).toContain('channel_not_found');
    expect(d.attempts).toBe(1);
  });
});
