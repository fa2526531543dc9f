import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailCatcher, type CaughtMail, type MailCatcher } from '@nexus/platform';
import { startSystem, type System } from '../support/system.ts';
import { data, eventually, signInStaff, unique, type Staff } from '../support/staff.ts';

/**
 * The service desk's public surfaces through the gateway's REST edge: the help centre, the survey
 * link and the inbound-email webhook, with replies delivered over real SMTP by marketing's
 * transactional mail processor (the worker runs).
 */
const SECRET = 'inbound-secret-for-gateway-tests-0123456789';
let system: System;
let staff: Staff;
let mail: MailCatcher;

beforeAll(async () => {
  mail = await startMailCatcher();
  system = await startSystem({
    worker: true,
    env: { SMTP_URL: mail.smtpUrl, INBOUND_EMAIL_SECRET: SECRET, SURVEY_DELAY_MS: '0' },
  });
  staff = await signInStaff(system);
}, 120_000);
afterAll(async () => {
  await system?.close();
  await mail?.close();
});

const page = async (path: string, init: RequestInit = {}) => {
  const res = await fetch(`${system.gatewayUrl}${path}`, { redirect: 'manual', ...init });
  return { status: res.status, body: await res.text(), type: res.headers.get('content-type') ?? '' };
};

const inbound = (body: unknown, secret: string | null = SECRET) =>
  fetch(`${system.gatewayUrl}/webhooks/inbound-email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret === null ? {} : { 'x-inbound-secret': secret }) },
    body: JSON.stringify(body),
  });

/** Waits for the mail to one address whose subject contains `about`. */
const mailTo = (to: string, about: string) =>
  eventually(async () => {
    const m = mail.messages.find((x) => x.envelopeTo.includes(to) && x.subject.includes(about));
    if (!m) throw new Error(`no mail to ${to} about ${about}`);
    return m;
  }, 30_000);

describe('public knowledge base', () => {
  const word = unique('zanzibarferry').replace(/\s/g, '');
  const slugs: Record<string, string> = {};
  beforeAll(async () => {
    const article = async (title: string, visibility: string, publish: boolean) => {
      const a = data(
        await staff.as.advisor<{ createKbArticle: { id: string; slug: string } }>(
          'mutation($i: CreateKbArticleInput!) { createKbArticle(input: $i) { id slug } }',
          { i: { title, bodyMarkdown: `How the ${word} timetable works.`, visibility } },
        ),
      ).createKbArticle;
      if (publish)
        data(
          await staff.as.manager(
            'mutation($id: ID!) { setKbArticleStatus(input: { id: $id, status: PUBLISHED }) { id } }',
            { id: a.id },
          ),
        );
      return a.slug;
    };
    slugs.public = await article(`Public ${word} guide`, 'PUBLIC', true);
    slugs.internal = await article(`Internal ${word} escalation`, 'INTERNAL', true);
    slugs.draft = await article(`Draft ${word} notes`, 'PUBLIC', false);
  });

  it('lists and finds only published public articles', async () => {
    const list = await page('/kb');
    expect(list.status).toBe(200);
    expect(list.type).toContain('text/html');
    expect(list.body).toContain(`Public ${word} guide`);
    expect(list.body).not.toContain(`Internal ${word}`);
    expect(list.body).not.toContain(`Draft ${word}`);

    const found = await page(`/kb?q=${word}`);
    expect(found.body).toContain(`Public ${word} guide`);
    expect(found.body).not.toContain(`Internal ${word}`);
    expect(found.body).not.toContain(`Draft ${word}`);
  });

  it('shows a public article by slug and never an internal or draft one', async () => {
    const shown = await page(`/kb/${slugs.public}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toContain(`<h1>Public ${word} guide</h1>`);
    for (const slug of [slugs.internal, slugs.draft]) {
      const hidden = await page(`/kb/${slug}`);
      expect(hidden.status).toBe(404);
      expect(hidden.body).not.toContain(word);
    }
  });
});

describe('inbound email webhook', () => {
  it('refuses a missing or wrong secret and files nothing', async () => {
    const email = { from: 'nobody@example.com', subject: 'Refused', text: 'x' };
    for (const secret of [null, 'wrong-secret-wrong-secret-wrong']) {
      const res = await inbound(email, secret);
      expect(res.status).toBe(401);
      const body = (await res.json()) as { error: { code: string } };
      expect(body.error.code).toBe('UNAUTHENTICATED');
    }
    const res = await staff.as.advisor<{ tickets: { totalCount: number } }>(
      '{ tickets(filter: { search: "Refused" }) { totalCount } }',
    );
    expect(data(res).tickets.totalCount).toBe(0);
  });

  it('refuses a malformed email with the error envelope', async () => {
    const res = await inbound({ from: 'not-an-address', text: 'x' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; details: { path: string }[] } };
    expect(body.error.code).toBe('BAD_USER_INPUT');
    expect(body.error.details.map((d) => d.path)).toContain('from');
  });

  it('opens a ticket, threads the emailed answer to the staff reply, and a reply to a closed ticket opens a linked follow-up', async () => {
    const requester = `${unique('traveller').replace(/\W/g, '')}@example.com`;
    const subject = unique('Lost luggage in Lisbon');
    const created = await inbound({
      from: requester,
      fromName: 'Rosa Lopes',
      subject,
      text: 'My suitcase did not arrive.',
      messageId: `<first.${Date.now()}@example.com>`,
    });
    expect(created.status).toBe(201);
    const { ticketId } = (await created.json()) as { outcome: string; ticketId: string };

    // An auto-reply to the same thread is ignored (no loop).
    const auto = await inbound({
      from: requester,
      subject: `Out of office: ${subject}`,
      text: 'I am away.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    expect(auto.status).toBe(200);
    expect(((await auto.json()) as { outcome: string }).outcome).toBe('ignored');

    data(
      await staff.as.advisor(
        'mutation($id: ID!) { addTicketReply(input: { ticketId: $id, body: "We are tracing it with the airline." }) { id } }',
        { id: ticketId },
      ),
    );
    const sent: CaughtMail = await mailTo(requester, subject);
    expect(sent.parsed.text).toContain('We are tracing it with the airline.');
    expect(sent.subject).toMatch(/^\[SR-\d+\] /);
    expect(sent.messageId).toBeTruthy();

    // The requester answers the emailed reply: their client sets In-Reply-To.
    const reply = await inbound({
      from: requester,
      subject: `Re: ${sent.subject}`,
      text: 'Thank you, the tag number is LIS123.',
      messageId: `<second.${Date.now()}@example.com>`,
      inReplyTo: sent.messageId,
      references: [sent.messageId],
    });
    expect(reply.status).toBe(200);
    expect(await reply.json()).toEqual({ outcome: 'appended', ticketId });
    const thread = data(
      await staff.as.advisor<{
        ticket: { status: string; messages: { nodes: { kind: string; body: string }[] } };
      }>('query($id: ID!) { ticket(id: $id) { status messages { nodes { kind body } } } }', { id: ticketId }),
    ).ticket;
    expect(thread.status).toBe('OPEN');
    expect(thread.messages.nodes.map((m) => [m.kind, m.body])).toEqual([
      ['CUSTOMER_MESSAGE', 'My suitcase did not arrive.'],
      ['PUBLIC_REPLY', 'We are tracing it with the airline.'],
      ['CUSTOMER_MESSAGE', 'Thank you, the tag number is LIS123.'],
    ]);

    data(
      await staff.as.advisor('mutation($id: ID!) { updateTicket(input: { id: $id, status: CLOSED }) { id } }', {
        id: ticketId,
      }),
    );
    const late = await inbound({
      from: requester,
      subject: `Re: ${sent.subject}`,
      text: 'It arrived damaged.',
      messageId: `<third.${Date.now()}@example.com>`,
      inReplyTo: sent.messageId,
    });
    expect(late.status).toBe(201);
    const follow = (await late.json()) as { outcome: string; ticketId: string };
    expect(follow.outcome).toBe('follow-up');
    expect(follow.ticketId).not.toBe(ticketId);
    const linked = data(
      await staff.as.advisor<{
        ticket: { status: string; description: string; requesterEmail: string; linked: { nodes: { id: string }[] } };
      }>('query($id: ID!) { ticket(id: $id) { status description requesterEmail linked { nodes { id } } } }', {
        id: follow.ticketId,
      }),
    ).ticket;
    expect(linked).toMatchObject({ description: 'It arrived damaged.', requesterEmail: requester });
    expect(linked.linked.nodes.map((n) => n.id)).toEqual([ticketId]);
    const closed = data(
      await staff.as.advisor<{ ticket: { status: string; linked: { nodes: { id: string }[] } } }>(
        'query($id: ID!) { ticket(id: $id) { status linked { nodes { id } } } }',
        { id: ticketId },
      ),
    ).ticket;
    expect(closed.status).toBe('CLOSED');
    expect(closed.linked.nodes.map((n) => n.id)).toContain(follow.ticketId);
  });
});

describe('survey link', () => {
  let link: string;
  let surveyId: string;
  beforeAll(async () => {
    surveyId = data(
      await staff.as.manager<{ createSurvey: { id: string } }>(
        'mutation($i: CreateSurveyInput!) { createSurvey(input: $i) { id } }',
        {
          i: {
            name: unique('After support'),
            sendAfterSolve: true,
            questions: [
              { type: 'CSAT', prompt: 'How satisfied are you?' },
              { type: 'NPS', prompt: 'Would you recommend us?' },
            ],
          },
        },
      ),
    ).createSurvey.id;
    const requester = `${unique('surveyed').replace(/\W/g, '')}@example.com`;
    const subject = unique('Visa question');
    const t = data(
      await staff.as.advisor<{ createTicket: { id: string } }>(
        'mutation($i: CreateTicketInput!) { createTicket(input: $i) { id } }',
        { i: { subject, description: 'Do I need a visa?', requesterEmail: requester } },
      ),
    ).createTicket;
    data(
      await staff.as.advisor('mutation($id: ID!) { updateTicket(input: { id: $id, status: SOLVED }) { id } }', {
        id: t.id,
      }),
    );
    const invite = await eventually(async () => {
      const m = mail.messages.find((x) => x.envelopeTo.includes(requester) && /\/s\/[\w.-]+/.test(x.parsed.text ?? ''));
      if (!m) throw new Error('no survey mail yet');
      return m;
    }, 30_000);
    const url = new URL(/https?:\/\/\S+\/s\/[\w.-]+/.exec(invite.parsed.text ?? '')?.[0] ?? '');
    link = url.pathname;
  }, 60_000);

  it('shows the form on every GET without using the token', async () => {
    for (let i = 0; i < 2; i++) {
      const shown = await page(link);
      expect(shown.status).toBe(200);
      expect(shown.body).toContain('How satisfied are you?');
      expect(shown.body).toContain('<form method="post">');
    }
  });

  it('takes one answer; a second POST and a forged token are refused', async () => {
    const post = (path: string, form: Record<string, string>) =>
      page(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      });
    const first = await post(link, { q1: '5', q2: '10', comment: 'Quick and friendly help' });
    expect(first.status).toBe(200);
    expect(first.body).toContain('Thank you for your answers.');

    const again = await post(link, { q1: '1', q2: '0', comment: 'changed my mind' });
    expect(again.status).toBe(409);
    const forged = await post(`${link.slice(0, -4)}AAAA`, { q1: '1', q2: '0', comment: 'forged' });
    expect(forged.status).toBe(404);

    const results = data(
      await staff.as.viewer<{
        survey: { results: { responses: number; csatPercent: number; nps: number } };
      }>('query($id: ID!) { survey(id: $id) { results { responses csatPercent nps } } }', { id: surveyId }),
    ).survey.results;
    expect(results).toEqual({ responses: 1, csatPercent: 100, nps: 100 });
    const shown = await page(link);
    expect(shown.body).toContain('already have your answers');
  });
});
