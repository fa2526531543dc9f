import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRANSACTIONAL_MAIL_JOB, type TransactionalMailJob } from '@nexus/platform';
import { data } from '../support/staff.ts';
import { checkCampaigns } from '../../subgraphs/marketing/src/jobs/marketing.job.ts';
import {
  audienceHas,
  campaignReaches,
  createContacts,
  draftCampaign,
  startMarketingWorld,
  type MarketingWorld,
} from './harness.ts';

/**
 * Opt-outs and proofs: signed one-click unsubscribe (RFC 8058) through the gateway, the click
 * redirect that only goes where the email pointed, SendGrid's signed events applied once, and
 * transactional mail that reaches unsubscribed people but never a bounced address.
 */
describe('marketing compliance and tracking', () => {
  let world: MarketingWorld;
  let worker: Awaited<ReturnType<MarketingWorld['startWorker']>>;
  const emails = ['ana@comply.example.test', 'ben@comply.example.test', 'cy@comply.example.test'];
  let contactIds: string[] = [];
  let campaignId = '';

  beforeAll(async () => {
    world = await startMarketingWorld();
    worker = await world.startWorker();
    contactIds = await createContacts(world, 'comply', emails);
    await audienceHas(world, 'comply', emails.length);
    ({ campaignId } = await draftCampaign(world, 'comply'));
    data(
      await world.staff.as.advisor('mutation($i: ScheduleCampaignInput!) { scheduleCampaign(input: $i) { id } }', {
        i: { id: campaignId },
      }),
    );
    const deps = await world.openDeps();
    await checkCampaigns(deps, world.log);
    await campaignReaches(world, campaignId, 'SENT');
  }, 180_000);
  afterAll(async () => {
    await worker?.stop();
    await world?.close();
  });

  const mailTo = (address: string) => {
    const m = world.catcher.messages.find((x) => x.envelopeTo.includes(address));
    if (!m) throw new Error(`no mail to ${address}`);
    return m;
  };
  const gatewayPath = (url: string) => `${world.system.gatewayUrl}${new URL(url).pathname}`;
  const unsubscribeLink = (address: string) =>
    /^List-Unsubscribe: <([^>]+)>/m.exec(mailTo(address).raw.replace(/\r?\n(?=[ \t])/g, ''))?.[1] ?? '';

  it('shows a confirmation page on GET (changing nothing) and opts out on the one-click POST', async () => {
    const link = unsubscribeLink('ana@comply.example.test');
    const page = await fetch(gatewayPath(link));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Unsubscribe ana@comply.example.test?');
    const res = await fetch(gatewayPath(link), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('You are unsubscribed');
    const contact = data(
      await world.staff.as.viewer<{ contact: { emailStatus: string } }>(
        'query($id: ID!) { contact(id: $id) { emailStatus } }',
        { id: contactIds[0] },
      ),
    );
    expect(contact.contact.emailStatus).toBe('UNSUBSCRIBED');
  });

  it('changes nothing for a tampered token', async () => {
    const link = unsubscribeLink('ben@comply.example.test');
    const token = link.split('/').at(-1) ?? '';
    const [body = '', sig = ''] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), s: '00000000-0000-0000-0000-000000000000' })).toString('base64url')}.${sig}`;
    for (const t of [forged, `${body}.${sig.slice(0, -2)}xx`, 'nonsense']) {
      const res = await fetch(`${world.system.gatewayUrl}/unsubscribe/${t}`, {
        method: 'POST',
        body: 'List-Unsubscribe=One-Click',
      });
      expect(res.status).toBe(404);
    }
    const contact = data(
      await world.staff.as.viewer<{ contact: { emailStatus: string } }>(
        'query($id: ID!) { contact(id: $id) { emailStatus } }',
        { id: contactIds[1] },
      ),
    );
    expect(contact.contact.emailStatus).toBe('SUBSCRIBED');
  });

  it('redirects a click only to the link that was in the email, and counts human clicks only', async () => {
    const html = String(mailTo('cy@comply.example.test').parsed.html);
    const tracked = /href="(http:\/\/nexus\.test\/t\/c\/[^"]+)"/.exec(html)?.[1] ?? '';
    const human = { 'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Safari/605.1.15' };
    const res = await fetch(gatewayPath(tracked), { redirect: 'manual', headers: human });
    expect(res.status).toBe(302);
    // The email's link, with the campaign's UTM parameters (added automatically).
    expect(res.headers.get('location')).toBe(
      'https://traveltamers.test/offers/kyoto?utm_source=nexus&utm_medium=email&utm_campaign=c-comply',
    );
    // A security scanner following the link is recorded but not counted.
    await fetch(gatewayPath(tracked), { redirect: 'manual', headers: { 'user-agent': 'Mimecast URL scanner' } });

    // The same signed token shape pointing elsewhere: refused, no open redirect.
    const token = tracked.split('/').at(-1) ?? '';
    const [body = '', sig = ''] = token.split('.');
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const evil = `${Buffer.from(JSON.stringify({ ...payload, u: 'https://evil.example/phish' })).toString('base64url')}.${sig}`;
    const refused = await fetch(`${world.system.gatewayUrl}/t/c/${evil}`, { redirect: 'manual' });
    expect(refused.status).toBe(404);
    expect(refused.headers.get('location')).toBeNull();

    const stats = data(
      await world.staff.as.viewer<{ campaign: { stats: { clicks: number; uniqueClicks: number }[] } }>(
        'query($id: ID!) { campaign(id: $id) { stats { clicks uniqueClicks } } }',
        { id: campaignId },
      ),
    );
    expect(stats.campaign.stats[0]).toMatchObject({ clicks: 1, uniqueClicks: 1 });
  });

  it('refuses an ESP webhook with a bad signature, and applies a redelivered event once', async () => {
    const messageId = mailTo('cy@comply.example.test').messageId ?? '';
    const events = JSON.stringify([
      {
        email: 'cy@comply.example.test',
        event: 'open',
        sg_event_id: 'evt-open-1',
        'smtp-id': messageId,
        timestamp: 1_800_000_000,
        useragent: 'Mozilla/5.0 (iPhone)',
      },
      {
        email: 'cy@comply.example.test',
        event: 'spamreport',
        sg_event_id: 'evt-spam-1',
        'smtp-id': messageId,
        timestamp: 1_800_000_001,
      },
    ]);
    const timestamp = '1800000002';
    const post = (signature: string) =>
      fetch(`${world.system.gatewayUrl}/webhooks/esp/sendgrid`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-twilio-email-event-webhook-signature': signature,
          'x-twilio-email-event-webhook-timestamp': timestamp,
          'idempotency-key': `sg-${signature.slice(0, 16)}-${Math.random()}`,
        },
        body: events,
      });
    const bad = await post(world.signEvents(events.replace('spamreport', 'delivered'), timestamp));
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');

    const good = world.signEvents(events, timestamp);
    const first = await post(good);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ applied: 2, duplicates: 0, ignored: 0 });
    const again = await post(good);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ applied: 0, duplicates: 2, ignored: 0 });

    const stats = data(
      await world.staff.as.viewer<{
        campaign: { stats: { opens: number; uniqueOpens: number; complaints: number }[] };
      }>('query($id: ID!) { campaign(id: $id) { stats { opens uniqueOpens complaints } } }', { id: campaignId }),
    );
    expect(stats.campaign.stats[0]).toMatchObject({ opens: 1, uniqueOpens: 1, complaints: 1 });
    const contact = data(
      await world.staff.as.viewer<{ contact: { emailStatus: string } }>(
        'query($id: ID!) { contact(id: $id) { emailStatus } }',
        { id: contactIds[2] },
      ),
    );
    expect(contact.contact.emailStatus).toBe('COMPLAINED');
  });

  it('sends transactional mail to an unsubscribed contact but never to a bounced address', async () => {
    const deps = await world.openDeps();
    await deps.orm.em
      .fork()
      .execute(
        `insert into suppression (email, reason, detail, created_at) values ('gone@comply.example.test', 'HARD_BOUNCE', '550', now())`,
      );
    world.catcher.clear();
    const mailQueue = worker.queues.get('mail');
    if (!mailQueue) throw new Error('no mail queue');
    const job = (to: string, key: string): TransactionalMailJob => ({
      to,
      subject: `Your itinerary ${key}`,
      text: 'Flights and hotels attached.',
      category: 'itinerary',
      dedupeKey: key,
      attachments: [
        {
          filename: 'itinerary.txt',
          contentBase64: Buffer.from('Day 1: Kyoto').toString('base64'),
          contentType: 'text/plain',
        },
      ],
    });
    await mailQueue.add(TRANSACTIONAL_MAIL_JOB, job('ana@comply.example.test', 'it-1'));
    await mailQueue.add(TRANSACTIONAL_MAIL_JOB, job('gone@comply.example.test', 'it-2'));
    // The same logical mail queued again is sent once.
    await mailQueue.add(TRANSACTIONAL_MAIL_JOB, job('ana@comply.example.test', 'it-1'));
    await mailQueue.add(TRANSACTIONAL_MAIL_JOB, job('ben@comply.example.test', 'it-3'));
    await world.catcher.waitFor(2);
    const rows = await (async () => {
      for (;;) {
        const r = await deps.orm.em
          .fork()
          .execute<{ dedupe_key: string; status: string }[]>(
            `select dedupe_key, status from email_send where kind = 'TRANSACTIONAL' order by dedupe_key`,
          );
        if (r.length === 3 && r.every((x) => x.status !== 'QUEUED')) return r;
        await new Promise((res) => setTimeout(res, 100));
      }
    })();
    expect(rows).toEqual([
      { dedupe_key: 'tx:it-1', status: 'SENT' },
      { dedupe_key: 'tx:it-2', status: 'SUPPRESSED' },
      { dedupe_key: 'tx:it-3', status: 'SENT' },
    ]);
    const to = world.catcher.messages.flatMap((m) => m.envelopeTo).sort();
    expect(to).toEqual(['ana@comply.example.test', 'ben@comply.example.test']);
    const itinerary = world.catcher.messages.find((m) => m.envelopeTo.includes('ana@comply.example.test'));
    expect(itinerary?.parsed.attachments[0]?.filename).toBe('itinerary.txt');
    expect(itinerary?.raw).not.toMatch(/^List-Unsubscribe:/m);
  });
});
