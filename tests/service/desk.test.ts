import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSla } from '../../subgraphs/service/src/services/sla.service.ts';
import { receiveEmail } from '../../subgraphs/service/src/services/inbound.service.ts';
import { as, ok, startService, type Service } from './harness.ts';

let svc: Service;
beforeAll(async () => {
  svc = await startService();
});
afterAll(async () => svc?.stop());

const CREATE = `mutation($input: CreateTicketInput!) { createTicket(input: $input) { id number reference status assignee { id }
  sla { state firstReplyDueAt resolutionDueAt nextReplyDueAt pausedAt } } }`;
type Created = {
  createTicket: {
    id: string;
    number: number;
    reference: string;
    status: string;
    assignee: { id: string } | null;
    sla: Record<string, string | null>;
  };
};
const create = async (input: Record<string, unknown>, viewer = as.advisor) =>
  ok(await svc.run<Created>(CREATE, { input }, viewer)).createTicket;
const SLA = `query($id: ID!) { ticket(id: $id) { status sla { state firstReplyDueAt resolutionDueAt nextReplyDueAt pausedAt } } }`;
const slaOf = async (id: string) =>
  ok(await svc.run<{ ticket: { status: string; sla: Record<string, string | null> } }>(SLA, { id })).ticket;

describe('ticket numbers', () => {
  it('stay unique under 50 concurrent creations and read as SR-<n>', async () => {
    const made = await Promise.all(
      Array.from({ length: 50 }, (_, i) => create({ subject: `Concurrent ${i}`, description: 'x' })),
    );
    expect(new Set(made.map((t) => t.number)).size).toBe(50);
    for (const t of made) expect(t.reference).toBe(`SR-${t.number}`);
  });
  it('refuses an unknown category or priority and writes nothing', async () => {
    const [before] = await svc.sql<{ n: number }>(`select count(*)::int as n from ticket`);
    const r = await svc.run(CREATE, { input: { subject: 'Bad', description: 'x', category: 'NOPE' } }, as.advisor);
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const [after] = await svc.sql<{ n: number }>(`select count(*)::int as n from ticket`);
    expect(after?.n).toBe(before?.n);
  });
});

describe('SLA in business hours', () => {
  let policyCalendar: string;
  beforeAll(async () => {
    const cal = ok(
      await svc.run<{ createSlaCalendar: { id: string } }>(
        `mutation($input: CreateSlaCalendarInput!) { createSlaCalendar(input: $input) { id } }`,
        {
          input: {
            name: 'London office',
            timeZone: 'Europe/London',
            hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
            holidays: ['2026-03-09'],
          },
        },
        as.manager,
      ),
    ).createSlaCalendar;
    policyCalendar = cal.id;
    const always = ok(
      await svc.run<{ createSlaCalendar: { id: string } }>(
        `mutation { createSlaCalendar(input: { name: "24/7", timeZone: "UTC", alwaysOpen: true }) { id } }`,
        {},
        as.manager,
      ),
    ).createSlaCalendar;
    const policy = (input: Record<string, unknown>) =>
      svc
        .run(`mutation($input: CreateSlaPolicyInput!) { createSlaPolicy(input: $input) { id } }`, { input }, as.manager)
        .then(ok);
    await policy({
      name: 'Travelling',
      position: 1,
      calendarId: always.id,
      travelling: true,
      firstReplyMinutes: 60,
      nextReplyMinutes: 60,
      resolutionMinutes: 480,
    });
    await policy({
      name: 'Standard',
      position: 2,
      calendarId: cal.id,
      firstReplyMinutes: 240,
      nextReplyMinutes: 120,
      resolutionMinutes: 960,
    });
  });

  it('refuses a calendar with overlapping hours', async () => {
    const r = await svc.run(
      `mutation($input: CreateSlaCalendarInput!) { createSlaCalendar(input: $input) { id } }`,
      {
        input: {
          name: 'Overlap',
          timeZone: 'Europe/London',
          hours: [
            { weekday: 1, start: '09:00', end: '13:00' },
            { weekday: 1, start: '12:00', end: '17:00' },
          ],
        },
      },
      as.manager,
    );
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toContain('overlaps');
    expect(policyCalendar).toBeTruthy();
  });

  it('matches hand-computed due times across a weekend, a holiday and a pending pause', async () => {
    // Friday 6 March 2026, 15:00 in London (GMT, so 15:00Z).
    svc.setNow(new Date('2026-03-06T15:00:00Z'));
    const t = await create(
      { subject: 'Seat change', description: 'Please move my seat', requesterEmail: 'ana@example.com' },
      as.agent,
    );
    // First reply, 4 business hours: Fri 15-17 (2h), weekend, Monday 9 March a holiday, Tue 09-11.
    expect(t.sla.firstReplyDueAt).toBe('2026-03-10T11:00:00.000Z');
    // Resolution, 16 business hours: Fri 2h + Tue 8h + Wed 6h -> Wed 15:00.
    expect(t.sla.resolutionDueAt).toBe('2026-03-11T15:00:00.000Z');

    // Tue 10:00 the agent replies and waits on the requester: the clock stops.
    svc.setNow(new Date('2026-03-10T10:00:00Z'));
    await svc
      .run(
        `mutation($id: ID!) { assignTicket(input: { id: $id, assigneeId: "${as.agent.id}" }) { id } }`,
        { id: t.id },
        as.agent,
      )
      .then(ok);
    await svc
      .run(
        `mutation($id: ID!) { addTicketReply(input: { ticketId: $id, body: "Which seat?", status: PENDING }) { id } }`,
        { id: t.id },
        as.agent,
      )
      .then(ok);
    expect((await slaOf(t.id)).sla.state).toBe('PAUSED');

    // Thu 12 March 10:00 the requester answers by email (threaded by In-Reply-To).
    svc.setNow(new Date('2026-03-12T10:00:00Z'));
    const [sent] = await svc.sql<{ message_id: string }>(
      `select message_id from ticket_message where ticket_id = ? and kind = 'PUBLIC_REPLY'`,
      [t.id],
    );
    const r = await receiveEmail(svc.deps.orm.em.fork(), svc.deps, {
      from: 'ana@example.com',
      subject: 'Re: Seat change',
      text: 'Window, please',
      messageId: '<answer-1@example.com>',
      inReplyTo: sent?.message_id,
    });
    expect(r).toEqual({ outcome: 'appended', ticketId: t.id });
    const after = await slaOf(t.id);
    // 13 business hours were left at the pause (Tue 10-17, Wed 9-15): Thu 10-17 (7h) + Fri 9-15.
    expect(after.sla.resolutionDueAt).toBe('2026-03-13T15:00:00.000Z');
    expect(after.sla.nextReplyDueAt).toBe('2026-03-12T12:00:00.000Z');
    expect(after.status).toBe('OPEN');
  });

  it('gives a travelling requester the 24/7 policy', async () => {
    svc.setNow(new Date('2026-03-07T22:00:00Z'));
    const t = await create({ subject: 'Stuck in Lima', description: 'Flight cancelled', requesterTravelling: true });
    expect(t.sla.firstReplyDueAt).toBe('2026-03-07T23:00:00.000Z');
  });

  it('flags a breach once, notifying the assignee and their manager, even when the job runs twice', async () => {
    svc.setNow(new Date('2026-03-16T09:00:00Z'));
    await svc
      .run(
        `mutation($input: UpsertAgentProfileInput!) { upsertAgentProfile(input: $input) { active } }`,
        { input: { userId: as.agent.id, managerId: as.manager.id } },
        as.manager,
      )
      .then(ok);
    const t = await create({ subject: 'Refund please', description: 'x', assigneeId: as.agent.id }, as.agent);
    svc.setNow(new Date('2026-03-17T09:00:00Z'));
    const [a, b] = await Promise.all([
      checkSla(svc.deps.orm.em, svc.deps.clock()),
      checkSla(svc.deps.orm.em, svc.deps.clock()),
    ]);
    const third = await checkSla(svc.deps.orm.em, svc.deps.clock());
    expect([...a.breached, ...b.breached, ...third.breached].filter((id) => id === t.id)).toHaveLength(1);
    const rows = await svc.sql<{ user_id: string }>(
      `select payload->>'userId' as user_id from outbox_message where job_name = 'notify' and payload->>'type' = 'SLA_BREACH' and payload->>'link' like ?`,
      [`%${t.id}`],
    );
    expect(rows.map((r) => r.user_id).sort()).toEqual([as.agent.id, as.manager.id].sort());
    expect((await slaOf(t.id)).sla.state).toBe('BREACHED');
  });
});

describe('email threading', () => {
  it('threads a reply by subject tag, opens a linked follow-up on a closed ticket, ignores auto-replies', async () => {
    const em = () => svc.deps.orm.em.fork();
    const first = await receiveEmail(em(), svc.deps, {
      from: 'bo@example.com',
      subject: 'Lost luggage',
      text: 'My bag is gone',
      messageId: '<m1@example.com>',
    });
    expect(first.outcome).toBe('created');
    const [row] = await svc.sql<{ number: number }>(`select number from ticket where id = ?`, [first.ticketId]);
    const again = await receiveEmail(em(), svc.deps, {
      from: 'bo@example.com',
      subject: `Re: [SR-${row?.number}] Lost luggage`,
      text: 'Any news?',
      messageId: '<m2@example.com>',
    });
    expect(again).toEqual({ outcome: 'appended', ticketId: first.ticketId });
    const auto = await receiveEmail(em(), svc.deps, {
      from: 'bo@example.com',
      subject: 'Out of office',
      text: 'away',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    expect(auto.outcome).toBe('ignored');

    await svc
      .run(
        `mutation($id: ID!) { updateTicket(input: { id: $id, status: CLOSED }) { id } }`,
        { id: first.ticketId },
        as.advisor,
      )
      .then(ok);
    const staff = await svc.run(
      `mutation($id: ID!) { addTicketReply(input: { ticketId: $id, body: "hi" }) { id } }`,
      { id: first.ticketId },
      as.advisor,
    );
    expect(staff.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const late = await receiveEmail(em(), svc.deps, {
      from: 'bo@example.com',
      subject: `Re: [SR-${row?.number}] Lost luggage`,
      text: 'It is back',
      messageId: '<m3@example.com>',
      inReplyTo: '<m2@example.com>',
    });
    expect(late.outcome).toBe('follow-up');
    expect(late.ticketId).not.toBe(first.ticketId);
    const linked = ok(
      await svc.run<{ ticket: { linked: { nodes: { id: string }[] } } }>(
        `query($id: ID!) { ticket(id: $id) { linked { nodes { id } } } }`,
        { id: late.ticketId },
      ),
    );
    expect(linked.ticket.linked.nodes.map((n) => n.id)).toEqual([first.ticketId]);
  });
});

describe('assignment and incidents', () => {
  it('auto-assigns within caps and skills, oldest first, and agents see only the queue and their own', async () => {
    await svc.sql(`update ticket set status = 'CLOSED' where status not in ('SOLVED', 'CLOSED')`);
    const upsert = (input: Record<string, unknown>) =>
      svc
        .run(
          `mutation($input: UpsertAgentProfileInput!) { upsertAgentProfile(input: $input) { active } }`,
          { input },
          as.manager,
        )
        .then(ok);
    await upsert({ userId: as.agent.id, skills: ['language:es'], maxOpenTickets: 1 });
    await upsert({ userId: as.advisor.id, skills: [], maxOpenTickets: 5 });
    // The clock is the test's: move it so "oldest first" has an order to follow.
    svc.setNow(new Date('2026-03-18T09:00:00Z'));
    const es = await create({ subject: 'Hola', description: 'x', skills: ['language:es'] });
    svc.setNow(new Date('2026-03-18T09:05:00Z'));
    const es2 = await create({ subject: 'Hola otra vez', description: 'x', skills: ['language:es'] });
    const plain = await create({ subject: 'Hello', description: 'x' });
    const r = ok(
      await svc.run<{ autoAssignTickets: { assignedCount: number; stillUnassigned: number } }>(
        `mutation { autoAssignTickets(input: { mode: BALANCED }) { assignedCount stillUnassigned } }`,
        {},
        as.advisor,
      ),
    );
    expect(r.autoAssignTickets).toEqual({ assignedCount: 2, stillUnassigned: 1 });
    const who = async (id: string) =>
      (await svc.sql<{ assignee_id: string | null }>(`select assignee_id from ticket where id = ?`, [id]))[0]
        ?.assignee_id;
    expect(await who(es.id)).toBe(as.agent.id);
    expect(await who(es2.id)).toBeNull();
    expect(await who(plain.id)).toBe(as.advisor.id);
    const seen = ok(
      await svc.run<{ tickets: { nodes: { id: string }[] } }>(
        `{ tickets(first: 100, filter: { statuses: [NEW, OPEN] }) { nodes { id } } }`,
        {},
        as.agent,
      ),
    );
    expect(seen.tickets.nodes.map((n) => n.id).sort()).toEqual([es.id, es2.id].sort());
  });

  it('a parent incident updates its children in bulk', async () => {
    const parent = await create({
      subject: 'Airline strike',
      description: 'All flights cancelled',
      priority: 'URGENT',
    });
    const kids = await Promise.all(
      [1, 2, 3].map((i) =>
        create({
          subject: `Traveller ${i}`,
          description: 'x',
          parentId: parent.id,
          requesterEmail: `t${i}@example.com`,
        }),
      ),
    );
    const r = ok(
      await svc.run<{
        updateChildTickets: { updatedCount: number; tickets: { nodes: { status: string; priority: string }[] } };
      }>(
        `mutation($id: ID!) { updateChildTickets(input: { parentId: $id, priority: URGENT, status: PENDING, reply: "We are rebooking you." }) { updatedCount tickets { nodes { status priority } } } }`,
        { id: parent.id },
        as.advisor,
      ),
    );
    expect(r.updateChildTickets.updatedCount).toBe(3);
    expect(r.updateChildTickets.tickets.nodes).toEqual(kids.map(() => ({ status: 'PENDING', priority: 'URGENT' })));
    const mails = await svc.sql<{ n: number }>(
      `select count(*)::int as n from outbox_message where job_name = 'transactional' and payload->>'text' = 'We are rebooking you.'`,
    );
    expect(mails[0]?.n).toBe(3);
  });
});

describe('knowledge base and triage', () => {
  it('sanitises Markdown, suggests the right article and records the accepted suggestion', async () => {
    const art = (input: Record<string, unknown>) =>
      svc
        .run<{ createKbArticle: { id: string; slug: string; bodyHtml: string } }>(
          `mutation($input: CreateKbArticleInput!) { createKbArticle(input: $input) { id slug bodyHtml } }`,
          { input },
          as.advisor,
        )
        .then(ok);
    const refund = (
      await art({
        title: 'How refunds work for cancelled flights',
        bodyMarkdown:
          'A **refund** for a cancelled flight takes 7 days. <script>alert(1)</script><a href="javascript:x" onclick="y">z</a>',
        visibility: 'PUBLIC',
      })
    ).createKbArticle;
    expect(refund.bodyHtml).toContain('<strong>refund</strong>');
    expect(refund.bodyHtml).not.toMatch(/script|onclick|javascript:/);
    const secret = (
      await art({
        title: 'Internal refund override codes',
        bodyMarkdown: 'Supervisor refund override codes',
        visibility: 'INTERNAL',
      })
    ).createKbArticle;
    await art({
      title: 'Passport validity rules',
      bodyMarkdown: 'Passports must be valid six months.',
      visibility: 'PUBLIC',
    });
    for (const id of [refund.id, secret.id])
      await svc
        .run(
          `mutation($id: ID!) { setKbArticleStatus(input: { id: $id, status: PUBLISHED }) { id } }`,
          { id },
          as.manager,
        )
        .then(ok);

    const t = await create({
      subject: 'Refund for my cancelled flight',
      description: 'My flight was cancelled, when do I get the refund?',
    });
    const tri = ok(
      await svc.run<{ ticket: { triage: { articles: { nodes: { id: string }[] } } } }>(
        `query($id: ID!) { ticket(id: $id) { triage { articles { nodes { id } } } } }`,
        { id: t.id },
      ),
    );
    expect(tri.ticket.triage.articles.nodes[0]?.id).toBe(refund.id);
    await svc
      .run(
        `mutation($id: ID!, $a: ID) { acceptTriageSuggestion(input: { ticketId: $id, articleId: $a }) { id } }`,
        { id: t.id, a: refund.id },
        as.advisor,
      )
      .then(ok);
    const stats = ok(
      await svc.run<{ triageStats: { accepted: number; hitRate: number } }>(`{ triageStats { accepted hitRate } }`),
    );
    expect(stats.triageStats.accepted).toBe(1);
    process.stdout.write(`triage hit rate: ${stats.triageStats.hitRate}\n`);
  });
});
