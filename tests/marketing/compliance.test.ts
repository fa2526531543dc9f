import { createHash, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { createRequire } from 'node:module';
import type { AddressInfo, Server } from 'node:net';
import dns2 from 'dns2';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRANSACTIONAL_MAIL_JOB, type TransactionalMailJob } from '@nexus/platform';
import {
  applyAudienceContact,
  applyAudienceTravel,
  checkCampaigns,
} from '../../subgraphs/marketing/src/jobs/marketing.job.ts';
import { pollBounceMailbox } from '../../subgraphs/marketing/src/services/bounces.ts';
import { data } from '../support/staff.ts';
import {
  audienceHas,
  campaignReaches,
  createContacts,
  draftCampaign,
  startMarketingWorld,
  type MarketingWorld,
} from './harness.ts';
import type { MailCatcher } from '@nexus/platform';

/**
 * Opt-outs and proofs: signed one-click unsubscribe (RFC 8058) through the gateway, the click
 * redirect that only goes where the email pointed, SendGrid's signed events applied once, and
 * transactional mail that reaches unsubscribed people but never a bounced address.
 */
describe('marketing compliance and tracking', () => {
  let world: MarketingWorld;
  let worker: Awaited<ReturnType<MarketingWorld['startWorker']>>;
  const emails = [
    'ana@comply.example.test',
    'ben@comply.example.test',
    'cy@comply.example.test',
    'dee@comply.example.test',
    'eve@comply.example.test',
    'fay@comply.example.test',
  ];
  let contactIds: string[] = [];
  let campaignId = '';
  /** The campaign's emails as they arrived (later tests clear the catcher). */
  const sentMail: MailCatcher['messages'] = [];

  // The sending domain's DNS, served by a real DNS server on loopback that the check queries.
  const dnsRecords = new Map<string, string[]>();
  const dnsServer = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = dns2.Packet.createResponseFromRequest(request);
      for (const q of request.questions) {
        for (const txt of dnsRecords.get(q.name.toLowerCase()) ?? [])
          response.answers.push(
            new dns2.Packet.Resource({
              name: q.name,
              type: dns2.Packet.TYPE.TXT,
              class: dns2.Packet.CLASS.IN,
              ttl: 1,
              // TXT strings hold at most 255 bytes: a DKIM key is published in chunks.
              data: txt.match(/.{1,200}/g) ?? [],
            }),
          );
      }
      void send(response);
    },
  });
  const dkim = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const dkimPrivate = dkim.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const dkimPublic = dkim.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

  beforeAll(async () => {
    const dnsPort = (await dnsServer.listen({ udp: { port: 0, address: '127.0.0.1' } })).udp?.port;
    world = await startMarketingWorld({
      DKIM_DOMAIN: 'traveltamers.test',
      DKIM_SELECTOR: 'nx1',
      DKIM_PRIVATE_KEY: dkimPrivate.replace(/\n/g, '\\n'),
      DNS_RESOLVER: `127.0.0.1:${dnsPort}`,
      SPF_REQUIRED_INCLUDE: '_spf.relay.test',
      MAIL_BOUNCE_ADDRESS: 'bounces@traveltamers.test',
    });
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
    sentMail.push(...world.catcher.messages);
  }, 180_000);
  afterAll(async () => {
    await worker?.stop();
    await world?.close();
    await dnsServer.close();
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

  // ---- DKIM, the sending domain's DNS, bounce notices, attribution, the preference centre ----

  const campaignMail = (address: string) => {
    const m = sentMail.find((x) => x.envelopeTo.includes(address));
    if (!m) throw new Error(`no campaign mail to ${address}`);
    return m;
  };
  /** Waits for a message to `to` whose subject contains `subject`, as a person waits for their inbox. */
  async function inbox(to: string, subject: string) {
    const until = Date.now() + 30_000;
    for (;;) {
      const m = world.catcher.messages.find((x) => x.envelopeTo.includes(to) && x.subject.includes(subject));
      if (m) return m;
      if (Date.now() > until) throw new Error(`no "${subject}" mail to ${to}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const linkIn = (html: unknown, path: string) =>
    new RegExp(`href="(http://nexus\\.test/${path}/[^"]+)"`).exec(String(html))?.[1] ?? '';
  const form = (fields: [string, string][]) => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

  /** RFC 6376 relaxed/relaxed verification of the message's DKIM-Signature against a published key. */
  function verifyDkim(raw: string, publicKeyBase64: string) {
    const split = raw.indexOf('\r\n\r\n');
    const head = raw.slice(0, split);
    const body = raw.slice(split + 4);
    const headers = head
      .split(/\r\n(?![ \t])/)
      .map((h) => ({ name: h.slice(0, h.indexOf(':')), value: h.slice(h.indexOf(':') + 1) }));
    const sig = headers.find((h) => h.name.toLowerCase() === 'dkim-signature');
    if (!sig) return { ok: false, tags: new Map<string, string>() };
    const tags = new Map(
      sig.value
        .replace(/\s+/g, '')
        .split(';')
        .filter(Boolean)
        .map((t) => [t.slice(0, t.indexOf('=')), t.slice(t.indexOf('=') + 1)] as const),
    );
    const lines = body.split('\r\n').map((l) => l.replace(/[ \t]+/g, ' ').replace(/ $/, ''));
    while (lines.length && lines.at(-1) === '') lines.pop();
    const bodyHash = createHash('sha256')
      .update(lines.length ? `${lines.join('\r\n')}\r\n` : '')
      .digest('base64');
    const canon = (name: string, value: string) =>
      `${name.toLowerCase().trim()}:${value
        .replace(/\r\n/g, '')
        .replace(/[ \t]+/g, ' ')
        .trim()}`;
    const used = new Set<number>();
    const signed = (tags.get('h') ?? '').split(':').flatMap((name) => {
      for (let i = headers.length - 1; i >= 0; i--) {
        const h = headers[i];
        if (h && !used.has(i) && h.name.toLowerCase() === name.toLowerCase()) {
          used.add(i);
          return [`${canon(h.name, h.value)}\r\n`];
        }
      }
      return [];
    });
    const data = signed.join('') + canon(sig.name, sig.value.replace(/(^|;)(\s*b\s*=)[^;]*/, '$1$2'));
    const key = createPublicKey({ key: Buffer.from(publicKeyBase64, 'base64'), format: 'der', type: 'spki' });
    const ok =
      bodyHash === tags.get('bh') &&
      verify('sha256', Buffer.from(data), key, Buffer.from(tags.get('b') ?? '', 'base64'));
    return { ok, tags };
  }

  it('signs every campaign email with DKIM (List-Unsubscribe headers under the signature) and sends bounces to the bounce address', async () => {
    const mail = campaignMail('dee@comply.example.test');
    const { ok, tags } = verifyDkim(mail.raw, dkimPublic);
    expect(ok).toBe(true);
    expect(tags.get('d')).toBe('traveltamers.test');
    expect(tags.get('s')).toBe('nx1');
    expect((tags.get('h') ?? '').toLowerCase().split(':')).toEqual(
      expect.arrayContaining(['from', 'subject', 'list-unsubscribe', 'list-unsubscribe-post']),
    );
    // A changed header breaks the signature: the check is real.
    expect(verifyDkim(mail.raw.replace(/^Subject: .*$/m, 'Subject: Something else'), dkimPublic).ok).toBe(false);
    expect(mail.envelopeFrom).toBe('bounces@traveltamers.test');
  });

  it('checks SPF, DKIM and DMARC of the sending domain with real DNS lookups', async () => {
    const check = async () =>
      data(
        await world.staff.as.viewer<{
          sendingDomainCheck: {
            domain: string;
            dkimSigning: boolean;
            spf: { status: string; detail: string };
            dkim: { status: string; detail: string };
            dmarc: { status: string; detail: string };
          };
        }>(
          '{ sendingDomainCheck { domain dkimSigning spf { status detail } dkim { status detail } dmarc { status detail } } }',
        ),
      ).sendingDomainCheck;
    dnsRecords.set('traveltamers.test', ['v=spf1 include:_spf.relay.test -all', 'google-site-verification=abc']);
    dnsRecords.set('nx1._domainkey.traveltamers.test', [`v=DKIM1; k=rsa; p=${dkimPublic}`]);
    dnsRecords.set('_dmarc.traveltamers.test', ['v=DMARC1; p=reject; rua=mailto:dmarc@traveltamers.test']);
    expect(await check()).toMatchObject({
      domain: 'traveltamers.test',
      dkimSigning: true,
      spf: { status: 'PASS' },
      dkim: { status: 'PASS' },
      dmarc: { status: 'PASS' },
    });

    const other = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'der' });
    dnsRecords.set('traveltamers.test', ['v=spf1 include:mail.other.test ~all']);
    dnsRecords.set('nx1._domainkey.traveltamers.test', [`v=DKIM1; k=rsa; p=${other.toString('base64')}`]);
    dnsRecords.set('_dmarc.traveltamers.test', ['v=DMARC1; p=none']);
    const failing = await check();
    expect(failing.spf.status).toBe('FAIL');
    expect(failing.spf.detail).toContain('_spf.relay.test');
    expect(failing.dkim.status).toBe('FAIL');
    expect(failing.dmarc.status).toBe('WARN');

    dnsRecords.clear();
    expect(await check()).toMatchObject({
      spf: { status: 'MISSING' },
      dkim: { status: 'MISSING' },
      dmarc: { status: 'MISSING' },
    });
  });

  it('reads delivery status notifications from the bounce mailbox: hard bounces suppress, soft ones do not', async () => {
    interface ImapServer {
      server: Server;
      listen(port: number, host: string, cb: () => void): void;
      close(cb: () => void): void;
    }
    const hoodiecrow = createRequire(import.meta.url)('hoodiecrow-imap') as (o: object) => ImapServer;
    const imap = hoodiecrow({ storage: { INBOX: { messages: [] } } });
    await new Promise<void>((resolve) => imap.listen(0, '127.0.0.1', resolve));
    const port = (imap.server.address() as AddressInfo).port;
    // hoodiecrow's built-in account.
    const url = `imap://testuser:testpass@127.0.0.1:${port}/INBOX`;
    const dsn = (to: string, action: string, status: string, id: string) => {
      const original = campaignMail(to);
      return `From: Mail Delivery System <MAILER-DAEMON@mx.comply.example.test>
To: bounces@traveltamers.test
Subject: Delivery Status Notification
Message-ID: <${id}@mx.comply.example.test>
Date: Sun, 6 Dec 2026 10:00:00 +0000
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="RPT"

--RPT
Content-Type: text/plain; charset=us-ascii

Your message could not be delivered to ${to}.

--RPT
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.comply.example.test

Final-Recipient: rfc822; ${to}
Action: ${action}
Status: ${status}
Diagnostic-Code: smtp; ${status.startsWith('5') ? '550 5.1.1 No such user' : '452 4.2.2 Mailbox full'}

--RPT
Content-Type: text/rfc822-headers

From: Travel Tamers <hello@traveltamers.test>
To: ${to}
Subject: ${original.subject}
Message-ID: ${original.messageId}

--RPT--
`.replace(/\r?\n/g, '\r\n');
    };
    const client = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      auth: { user: 'testuser', pass: 'testpass' },
      logger: false,
    });
    await client.connect();
    await client.append('INBOX', dsn('dee@comply.example.test', 'failed', '5.1.1', 'dsn-dee'));
    await client.append('INBOX', dsn('eve@comply.example.test', 'delayed', '4.2.2', 'dsn-eve'));
    await client.append(
      'INBOX',
      'From: someone@example.test\r\nTo: bounces@traveltamers.test\r\nSubject: hello\r\n\r\nNot a bounce.\r\n',
    );
    // The same notice delivered twice.
    await client.append('INBOX', dsn('dee@comply.example.test', 'failed', '5.1.1', 'dsn-dee'));
    await client.logout();
    try {
      const deps = await world.openDeps();
      const counts = await pollBounceMailbox(deps, url, world.log);
      expect(counts).toMatchObject({ hard: 1, soft: 1, ignored: 1, duplicate: 1, failed: 0 });
      // Everything was read: a second pass finds nothing new.
      expect(await pollBounceMailbox(deps, url, world.log)).toMatchObject({ hard: 0, soft: 0, ignored: 0 });
    } finally {
      await new Promise<void>((resolve) => imap.close(() => resolve()));
    }
    const status = async (id: string | undefined) =>
      data(
        await world.staff.as.viewer<{ contact: { emailStatus: string } }>(
          'query($id: ID!) { contact(id: $id) { emailStatus } }',
          { id },
        ),
      ).contact.emailStatus;
    expect(await status(contactIds[3])).toBe('BOUNCED');
    expect(await status(contactIds[4])).toBe('SUBSCRIBED');
    const stats = data(
      await world.staff.as.viewer<{ campaign: { stats: { bounces: number; delivered: number; sent: number }[] } }>(
        'query($id: ID!) { campaign(id: $id) { stats { sent delivered bounces } } }',
        { id: campaignId },
      ),
    ).campaign.stats[0];
    expect(stats).toMatchObject({ sent: 6, bounces: 1, delivered: 5 });
  });

  it('credits a rise in booked travel value to the campaign the contact last clicked, in Cents', async () => {
    const deps = await world.openDeps();
    const summary = (contactId: string, cents: number) => ({
      contactId,
      destinations: ['Kyoto'],
      nextDepartureOn: null,
      nextReturnOn: null,
      bookingValueCents: cents,
      passportExpiresOn: null,
      computedAt: new Date().toISOString(),
    });
    // cy clicked the campaign's link (above); ben clicked nothing. The first summary is each one's starting point.
    for (const [id, cents] of [
      [contactIds[2], 100_000],
      [contactIds[1], 50_000],
      [contactIds[2], 350_025],
      [contactIds[1], 90_000],
    ] as const)
      await applyAudienceTravel(deps, summary(id ?? '', cents));
    const campaign = data(
      await world.staff.as.viewer<{ campaign: { attributedRevenue: number; attributedBookings: number } }>(
        'query($id: ID!) { campaign(id: $id) { attributedRevenue attributedBookings } }',
        { id: campaignId },
      ),
    ).campaign;
    expect(campaign).toEqual({ attributedRevenue: 250_025, attributedBookings: 1 });
  });

  it('mails a preference link to whoever owns the address, telling a stranger nothing, and exports data only through a mailed link', async () => {
    world.catcher.clear();
    const ask = async (email: string) => {
      const res = await fetch(`${world.system.gatewayUrl}/preferences`, form([['email', email]]));
      expect(res.status).toBe(200);
      return res.text();
    };
    const known = await ask('eve@comply.example.test');
    const unknown = await ask('nobody@else.example.test');
    expect(known).toContain('Check your inbox');
    expect(unknown.replace('nobody@else.example.test', 'X')).toBe(known.replace('eve@comply.example.test', 'X'));
    const linkMail = await inbox('eve@comply.example.test', 'email preferences');
    const prefs = linkIn(linkMail.parsed.html, 'preferences');
    expect(prefs).not.toBe('');

    const askExport = await fetch(gatewayPath(prefs), form([['action', 'export']]));
    expect(askExport.status).toBe(200);
    const exportMail = await inbox('eve@comply.example.test', 'download your');
    const exportLink = linkIn(exportMail.parsed.html, 'preferences/export');
    // Reading the confirmation page (a mail scanner's GET) downloads nothing.
    const confirm = await fetch(gatewayPath(exportLink));
    expect(confirm.headers.get('content-disposition')).toBeNull();
    expect(await confirm.text()).toContain('Download your data');
    const download = await fetch(gatewayPath(exportLink), form([['go', '1']]));
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain('attachment');
    const exported = (await download.json()) as {
      address: string;
      contacts: { firstName: string; email: string }[];
      emails: { subject: string; campaign: string }[];
      events: { type: string }[];
    };
    expect(exported.address).toBe('eve@comply.example.test');
    expect(exported.contacts).toEqual([
      expect.objectContaining({ firstName: 'First4', email: 'eve@comply.example.test' }),
    ]);
    expect(exported.emails).toEqual(
      expect.arrayContaining([expect.objectContaining({ subject: 'Offers for First4', campaign: 'C comply' })]),
    );
    expect(exported.events.map((e) => e.type)).toContain('DEFERRED');

    // A preference token is not an export token, and a tampered one is nothing.
    const prefToken = prefs.split('/').at(-1) ?? '';
    const [body = '', sig = ''] = prefToken.split('.');
    const asExport = `${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), p: 'export' })).toString('base64url')}.${sig}`;
    for (const t of [prefToken, asExport]) {
      const res = await fetch(`${world.system.gatewayUrl}/preferences/export/${t}`, form([['go', '1']]));
      expect(res.status).toBe(404);
      expect(res.headers.get('content-disposition')).toBeNull();
    }
  });

  it('keeps a campaign from people who left its type or paused, from the footer link of their email', async () => {
    const footerLink = (to: string) => linkIn(campaignMail(to).parsed.html, 'preferences');
    const fayPage = await fetch(gatewayPath(footerLink('fay@comply.example.test')));
    expect(await fayPage.text()).toContain('Offers and promotions');
    const saved = await fetch(
      gatewayPath(footerLink('fay@comply.example.test')),
      form([
        ['type', 'NEWSLETTER'],
        ['type', 'TRIP_IDEAS'],
        ['type', 'EVENTS'],
        ['frequency', 'MONTHLY'],
        ['pause', '0'],
        ['action', 'save'],
      ]),
    );
    expect(await saved.text()).toContain('Your preferences are saved');
    const paused = await fetch(
      gatewayPath(footerLink('eve@comply.example.test')),
      form([
        ['type', 'OFFERS'],
        ['frequency', 'NORMAL'],
        ['pause', '30'],
        ['action', 'save'],
      ]),
    );
    expect(paused.status).toBe(200);
    const fay = data(
      await world.staff.as.viewer<{ contact: { emailPreferences: { subscribedTypes: string[]; frequency: string } } }>(
        'query($id: ID!) { contact(id: $id) { emailPreferences { subscribedTypes frequency } } }',
        { id: contactIds[5] },
      ),
    ).contact;
    expect(fay.emailPreferences).toEqual({
      subscribedTypes: ['NEWSLETTER', 'TRIP_IDEAS', 'EVENTS'],
      frequency: 'MONTHLY',
    });

    world.catcher.clear();
    const offers = await draftCampaign(world, 'comply', { subscriptionType: 'OFFERS', name: 'Offers comply' });
    data(
      await world.staff.as.advisor('mutation($i: ScheduleCampaignInput!) { scheduleCampaign(input: $i) { id } }', {
        i: { id: offers.campaignId },
      }),
    );
    await checkCampaigns(await world.openDeps(), world.log);
    // ana unsubscribed, cy complained, dee bounced, fay left offers: only ben and eve are recipients, and eve paused.
    const done = await campaignReaches(world, offers.campaignId, 'SENT');
    expect(done).toMatchObject({ totalRecipients: 2, totalSent: 1, totalSuppressed: 1 });
    expect(world.catcher.messages.flatMap((m) => m.envelopeTo)).toEqual(['ben@comply.example.test']);
  });

  it('erases an address’s marketing data only through the link mailed to it, and never emails it again', async () => {
    const prefs = linkIn(campaignMail('fay@comply.example.test').parsed.html, 'preferences');
    const ask = await fetch(gatewayPath(prefs), form([['action', 'erase']]));
    expect(await ask.text()).toContain('We emailed fay@comply.example.test');
    const mail = await inbox('fay@comply.example.test', 'erase your');
    const eraseLink = linkIn(mail.parsed.html, 'preferences/erase');
    expect(await (await fetch(gatewayPath(eraseLink))).text()).toContain('Erase your marketing data?');
    const deps = await world.openDeps();
    const em = () => deps.orm.em.fork();
    // Nothing is erased until the confirmation is posted.
    expect((await em().execute(`select first_name from audience_member where id = ?`, [contactIds[5]]))[0]).toEqual({
      first_name: 'First5',
    });
    const erased = await fetch(gatewayPath(eraseLink), form([['go', '1']]));
    expect(await erased.text()).toContain('Your marketing data is erased');

    const [member] = await em().execute<{ email: string | null; first_name: string; erased_at: Date | null }[]>(
      `select email, first_name, erased_at from audience_member where id = ?`,
      [contactIds[5]],
    );
    expect(member).toMatchObject({ email: null, first_name: '' });
    expect(member?.erased_at).not.toBeNull();
    expect(await em().execute(`select reason from suppression where email = 'fay@comply.example.test'`)).toEqual([
      { reason: 'ERASED' },
    ]);
    expect(
      await em().execute(`select count(*)::int as n from email_send where to_address = 'fay@comply.example.test'`),
    ).toEqual([{ n: 0 }]);
    expect(
      await em().execute(`select count(*)::int as n from segment_member where contact_id = ?`, [contactIds[5]]),
    ).toEqual([{ n: 0 }]);
    // crm's feed keeps the contact (crm owns it) but no longer fills marketing's erased row.
    await applyAudienceContact(deps, {
      op: 'upsert',
      contact: {
        id: contactIds[5] ?? '',
        email: 'fay@comply.example.test',
        firstName: 'Fay',
        lastName: 'Again',
        lifecycleStage: 'LEAD',
        leadStatus: null,
        source: null,
        tags: ['comply'],
        score: 0,
        ownerId: null,
        companyId: null,
        companyType: null,
        companyTier: null,
        customFields: {},
        timezone: null,
        updatedAt: new Date(Date.now() + 60_000).toISOString(),
      },
    });
    expect(
      (await em().execute(`select first_name, email from audience_member where id = ?`, [contactIds[5]]))[0],
    ).toEqual({
      first_name: '',
      email: null,
    });
    // The old links of the erased address lead nowhere.
    expect((await fetch(gatewayPath(prefs))).status).toBe(404);
  });
});
