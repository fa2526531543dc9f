import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download, receiveUpload } from '../../subgraphs/service/src/attachments/attachments.service.ts';
import { s3Store } from '../../subgraphs/service/src/attachments/store.ts';
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

describe('escalation and SLA settings changes', () => {
  const POLICIES = `{ slaPolicies(first: 20) { nodes { id name active escalateAfterMinutes calendar { id name } } } slaCalendars(first: 20) { nodes { id name active } } }`;
  type Settings = {
    slaPolicies: {
      nodes: {
        id: string;
        name: string;
        active: boolean;
        escalateAfterMinutes: number;
        calendar: { id: string; name: string };
      }[];
    };
    slaCalendars: { nodes: { id: string; name: string; active: boolean }[] };
  };
  const settings = async () => ok(await svc.run<Settings>(POLICIES, {}, as.viewer));
  const updatePolicy = (input: Record<string, unknown>) =>
    svc.run(
      `mutation($input: UpdateSlaPolicyInput!) { updateSlaPolicy(input: $input) { id name active escalateAfterMinutes } }`,
      { input },
      as.manager,
    );
  const updateCalendar = (input: Record<string, unknown>) =>
    svc.run(
      `mutation($input: UpdateSlaCalendarInput!) { updateSlaCalendar(input: $input) { id name active hours { weekday start end } } }`,
      { input },
      as.manager,
    );

  it('refuses overlapping hours and deactivating a calendar an active policy uses, writing nothing', async () => {
    const s = await settings();
    const london = s.slaCalendars.nodes.find((c) => c.name === 'London office');
    if (!london) throw new Error('no London calendar');
    const overlap = await updateCalendar({
      id: london.id,
      hours: [
        { weekday: 2, start: '09:00', end: '13:00' },
        { weekday: 2, start: '12:30', end: '17:00' },
      ],
    });
    expect(overlap.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(overlap.errors?.[0]?.message).toBe('input.hours.1: overlaps hours.0 on weekday 2');
    const inUse = await updateCalendar({ id: london.id, active: false });
    expect(inUse.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(inUse.errors?.[0]?.message).toContain('is used by the active policy Standard');
    const [row] = await svc.sql<{ active: boolean; hours: unknown[] }>(
      `select active, hours from sla_calendar where id = ?`,
      [london.id],
    );
    expect(row?.active).toBe(true);
    expect(row?.hours).toHaveLength(5);
    expect(
      (await updatePolicy({ id: s.slaPolicies.nodes[0]?.id, resolutionMinutes: 0 })).errors?.[0]?.extensions?.code,
    ).toBe('BAD_USER_INPUT');
  });

  it('a deactivated policy no longer applies to new tickets; reactivated, it does again', async () => {
    const travelling = (await settings()).slaPolicies.nodes.find((p) => p.name === 'Travelling');
    ok(await updatePolicy({ id: travelling?.id, active: false }));
    svc.setNow(new Date('2026-03-21T22:00:00Z')); // a Saturday night
    const t = await create({
      subject: 'Stuck in Quito',
      description: 'Missed my connection',
      requesterTravelling: true,
    });
    // The Standard policy (London weekdays 09-17, 4 h first reply): Monday 23 March 13:00.
    expect(t.sla.firstReplyDueAt).toBe('2026-03-23T13:00:00.000Z');
    ok(await updatePolicy({ id: travelling?.id, active: true }));
    const again = await create({ subject: 'Stuck in Quito again', description: 'x', requesterTravelling: true });
    expect(again.sla.firstReplyDueAt).toBe('2026-03-21T23:00:00.000Z');
  });

  it('escalates level 1 -> 2 -> 3 (assignee, team lead, manager), each once even when the job runs twice', async () => {
    const upsert = (input: Record<string, unknown>) =>
      svc
        .run(
          `mutation($input: UpsertAgentProfileInput!) { upsertAgentProfile(input: $input) { active } }`,
          { input },
          as.manager,
        )
        .then(ok);
    await upsert({ userId: as.agent.id, managerId: as.manager.id, maxOpenTickets: 50 });
    // The team lead's own profile only names their manager; they take no tickets themselves.
    await upsert({ userId: as.manager.id, managerId: as.admin.id, active: false });
    const standard = (await settings()).slaPolicies.nodes.find((p) => p.name === 'Standard');
    // The manager shortens the level-3 delay: 30 business minutes after the breach.
    expect(ok(await updatePolicy({ id: standard?.id, escalateAfterMinutes: 30 }))).toMatchObject({
      updateSlaPolicy: { escalateAfterMinutes: 30 },
    });

    svc.setNow(new Date('2026-03-24T09:00:00Z')); // Tuesday; first reply due 13:00
    const t = await create(
      { subject: 'Visa letter', description: 'I need a letter', assigneeId: as.agent.id },
      as.agent,
    );
    expect(t.sla.firstReplyDueAt).toBe('2026-03-24T13:00:00.000Z');
    const notified = async () =>
      (
        await svc.sql<{ key: string }>(
          `select payload->>'dedupeKey' as key from outbox_message where job_name = 'notify' and payload->>'link' = ? order by 1`,
          [`/service/tickets/${t.id}`],
        )
      ).map((r) => r.key);
    const level = async () =>
      ok(
        await svc.run<{ ticket: { escalationLevel: number; sla: { escalationLevel: number; state: string } } }>(
          `query($id: ID!) { ticket(id: $id) { escalationLevel sla { escalationLevel state } } }`,
          { id: t.id },
        ),
      ).ticket;
    const twice = async (at: string) => {
      svc.setNow(new Date(at));
      await Promise.all([checkSla(svc.deps.orm.em, svc.deps.clock()), checkSla(svc.deps.orm.em, svc.deps.clock())]);
    };

    await twice('2026-03-24T12:00:00Z'); // 180 of 240 minutes: not yet near
    expect(await notified()).toEqual([]);
    await twice('2026-03-24T12:15:00Z'); // 45 minutes left, under 20%: near breach
    expect(await notified()).toEqual([`sla-level-1:${t.id}:${as.agent.id}`]);
    expect(await level()).toEqual({ escalationLevel: 1, sla: { escalationLevel: 1, state: 'AT_RISK' } });

    await twice('2026-03-24T13:00:00Z');
    expect(await notified()).toEqual(
      [
        `sla-level-1:${t.id}:${as.agent.id}`,
        `sla-level-2:${t.id}:${as.agent.id}`,
        `sla-level-2:${t.id}:${as.manager.id}`,
      ].sort(),
    );
    await twice('2026-03-24T13:29:00Z');
    expect((await level()).escalationLevel).toBe(2);
    await twice('2026-03-24T13:30:00Z');
    await twice('2026-03-24T15:00:00Z');
    expect(await notified()).toEqual(
      [
        `sla-level-1:${t.id}:${as.agent.id}`,
        `sla-level-2:${t.id}:${as.agent.id}`,
        `sla-level-2:${t.id}:${as.manager.id}`,
        `sla-level-3:${t.id}:${as.manager.id}`,
        `sla-level-3:${t.id}:${as.admin.id}`,
      ].sort(),
    );
    expect(await level()).toEqual({ escalationLevel: 3, sla: { escalationLevel: 3, state: 'BREACHED' } });
    const history = ok(
      await svc.run<{
        ticket: { history: { nodes: { action: string; changes: { escalationLevel?: { to: number } } }[] } };
      }>(`query($id: ID!) { ticket(id: $id) { history(first: 50) { nodes { action changes } } } }`, { id: t.id }),
    ).ticket.history.nodes.filter((h) => h.action === 'escalated');
    expect(history.map((h) => h.changes.escalationLevel?.to)).toEqual([1, 2, 3]);
    const escalated = ok(
      await svc.run<{ tickets: { nodes: { id: string }[] } }>(
        `{ tickets(first: 100, filter: { minEscalationLevel: 3 }) { nodes { id } } }`,
      ),
    );
    expect(escalated.tickets.nodes.map((n) => n.id)).toContain(t.id);
  });
});

describe('saved views', () => {
  const SAVE = `mutation($input: SaveTicketViewInput!) { saveTicketView(input: $input) { id name mine sharedWithTeam
    filter { view priorities statuses search } orderBy { field direction } } }`;
  const LIST = `{ ticketSavedViews(first: 20) { nodes { id name mine sharedWithTeam filter { view priorities } } } }`;
  type Listed = {
    ticketSavedViews: { nodes: { id: string; name: string; mine: boolean; sharedWithTeam: string | null }[] };
  };

  it('keeps a staff member’s views, shares one with their team, and only the owner changes it', async () => {
    const mine = ok(
      await svc.run<{
        saveTicketView: { id: string; filter: unknown; orderBy: unknown; sharedWithTeam: string | null };
      }>(
        SAVE,
        {
          input: {
            name: 'My urgent',
            filter: { view: 'MINE', priorities: ['URGENT'] },
            orderBy: { field: 'RESOLUTION_DUE_AT' },
          },
        },
        as.agent,
      ),
    ).saveTicketView;
    expect(mine).toMatchObject({
      filter: { view: 'MINE', priorities: ['URGENT'], statuses: [], search: null },
      orderBy: { field: 'RESOLUTION_DUE_AT', direction: 'ASC' },
      sharedWithTeam: null,
    });
    // Sharing needs a team; the agent's profile names none yet.
    const noTeam = await svc.run(
      SAVE,
      { input: { name: 'Breached', filter: { view: 'BREACHED' }, shareWithTeam: true } },
      as.agent,
    );
    expect(noTeam.errors?.[0]?.extensions?.fields).toEqual([
      { path: 'input.shareWithTeam', message: expect.stringContaining('no team') },
    ]);
    const dup = await svc.run(SAVE, { input: { name: 'My urgent', filter: {} } }, as.agent);
    expect(dup.errors?.[0]?.message).toBe('input.name: you already have a view with this name');
    const [count] = await svc.sql<{ n: number }>(`select count(*)::int as n from ticket_saved_view`);
    expect(count?.n).toBe(1);

    for (const userId of [as.agent.id, as.advisor.id])
      await svc
        .run(
          `mutation($input: UpsertAgentProfileInput!) { upsertAgentProfile(input: $input) { active } }`,
          { input: { userId, team: 'Desk Lima' } },
          as.manager,
        )
        .then(ok);
    const shared = ok(
      await svc.run<{ saveTicketView: { id: string; sharedWithTeam: string } }>(
        SAVE,
        { input: { name: 'Breached', filter: { view: 'BREACHED' }, shareWithTeam: true } },
        as.agent,
      ),
    ).saveTicketView;
    expect(shared.sharedWithTeam).toBe('Desk Lima');

    const advisorSees = ok(await svc.run<Listed>(LIST, {}, as.advisor)).ticketSavedViews.nodes;
    expect(advisorSees.map((v) => [v.name, v.mine])).toEqual([['Breached', false]]);
    const agentSees = ok(await svc.run<Listed>(LIST, {}, as.agent)).ticketSavedViews.nodes;
    expect(agentSees.map((v) => [v.name, v.mine])).toEqual([
      ['Breached', true],
      ['My urgent', true],
    ]);
    const notTheirs = await svc.run(`mutation($id: ID!) { deleteTicketView(id: $id) }`, { id: shared.id }, as.advisor);
    expect(notTheirs.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const rename = await svc.run(SAVE, { input: { id: shared.id, name: 'Mine now', filter: {} } }, as.advisor);
    expect(rename.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const badFilter = await svc.run(SAVE, { input: { name: 'Bad', filter: { priorities: ['NOPE'] } } }, as.agent);
    expect(badFilter.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(
      ok(
        await svc.run<{ deleteTicketView: string }>(
          `mutation($id: ID!) { deleteTicketView(id: $id) }`,
          { id: mine.id },
          as.agent,
        ),
      ).deleteTicketView,
    ).toBe(mine.id);
    expect(ok(await svc.run<Listed>(LIST, {}, as.agent)).ticketSavedViews.nodes.map((v) => v.name)).toEqual([
      'Breached',
    ]);
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

describe('triage by the trip’s destination and supplier', () => {
  it('leaves out articles for another destination or supplier and ranks the trip’s own first', async () => {
    const publish = async (title: string, tags: string[]) => {
      const a = ok(
        await svc.run<{ createKbArticle: { id: string } }>(
          `mutation($input: CreateKbArticleInput!) { createKbArticle(input: $input) { id } }`,
          {
            input: {
              title,
              bodyMarkdown: `${title}. Ferry tickets, ferry timetable and ferry luggage.`,
              visibility: 'PUBLIC',
              tags,
            },
          },
          as.advisor,
        ),
      ).createKbArticle;
      ok(
        await svc.run(
          `mutation($id: ID!) { setKbArticleStatus(input: { id: $id, status: PUBLISHED }) { id } }`,
          { id: a.id },
          as.manager,
        ),
      );
      return a.id;
    };
    const zanzibar = await publish('Ferry timetable changes Zanzibar', ['destination:zanzibar']);
    const santorini = await publish('Ferry timetable changes Santorini', [
      'destination:santorini',
      'supplier:blue-star-ferries',
    ]);
    const seajets = await publish('Ferry timetable changes Santorini Seajets', [
      'destination:santorini',
      'supplier:seajets',
    ]);
    const general = await publish('Ferry timetable changes anywhere', []);
    const articles = async (input: Record<string, unknown>) => {
      const t = await create({
        subject: 'Ferry timetable changed',
        description: 'My ferry timetable changed, what now?',
        ...input,
      });
      return ok(
        await svc.run<{
          ticket: {
            destination: string | null;
            supplier: string | null;
            triage: { articles: { nodes: { id: string }[] } };
          };
        }>(`query($id: ID!) { ticket(id: $id) { destination supplier triage { articles { nodes { id } } } } }`, {
          id: t.id,
        }),
      ).ticket;
    };
    const there = await articles({ destination: 'Santorini', supplier: 'Blue Star Ferries' });
    expect(there.destination).toBe('Santorini');
    expect(there.triage.articles.nodes.map((n) => n.id)).toEqual([santorini, general]);
    const unknown = await articles({});
    expect(unknown.triage.articles.nodes).toHaveLength(3);
    expect([zanzibar, santorini, seajets, general]).toEqual(
      expect.arrayContaining(unknown.triage.articles.nodes.map((n) => n.id)),
    );
    const listed = ok(
      await svc.run<{ tickets: { nodes: { destination: string }[] } }>(
        `{ tickets(first: 10, filter: { destination: "santorini" }) { nodes { destination } } }`,
      ),
    );
    expect(listed.tickets.nodes.map((n) => n.destination)).toEqual(['Santorini']);
  });
  it('opens a ticket without the trip when the gateway cannot answer, and says so in the history', async () => {
    const t = await create({
      subject: 'Where is my voucher',
      description: 'x',
      requesterContactId: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f',
    });
    const h = ok(
      await svc.run<{
        ticket: {
          requesterTravelling: boolean;
          history: { nodes: { action: string; changes: { travel?: string } }[] };
        };
      }>(`query($id: ID!) { ticket(id: $id) { requesterTravelling history { nodes { action changes } } } }`, {
        id: t.id,
      }),
    ).ticket;
    expect(h.requesterTravelling).toBe(false);
    expect(h.history.nodes[0]).toMatchObject({ action: 'created', changes: { travel: 'unavailable' } });
  });
});

describe('attachments in an S3-compatible bucket', () => {
  let s3: { close(): Promise<void> };
  let dir: string;
  let endpoint: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nexus-s3-'));
    const S3rver = createRequire(import.meta.url)('s3rver') as new (o: object) => {
      run(): Promise<{ port: number }>;
      close(): Promise<void>;
    };
    const server = new S3rver({
      port: 0,
      address: '127.0.0.1',
      silent: true,
      directory: dir,
      configureBuckets: [{ name: 'nexus-attachments', configs: [] }],
    });
    const { port } = await server.run();
    s3 = server;
    endpoint = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await s3?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const START = `mutation($input: StartTicketAttachmentUploadInput!) { startTicketAttachmentUpload(input: $input) { uploadUrl maxBytes } }`;
  const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x41), Buffer.from('\n%%EOF\n')]);

  it('refuses oversized and unaccepted files with clear errors, stores accepted ones and serves them back', async () => {
    const store = s3Store({
      endpoint,
      bucket: 'nexus-attachments',
      region: 'us-east-1',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
    });
    const disk = svc.deps.attachments;
    svc.deps.attachments = store;
    try {
      const t = await create(
        { subject: 'Invoice attached', description: 'See the PDF', assigneeId: as.agent.id },
        as.agent,
      );
      const start = (input: Record<string, unknown>, viewer = as.agent) =>
        svc.run<{ startTicketAttachmentUpload: { uploadUrl: string; maxBytes: number } }>(
          START,
          { input: { ticketId: t.id, ...input } },
          viewer,
        );
      const big = await start({ filename: 'scan.pdf', contentType: 'application/pdf', size: 5 * 1024 * 1024 });
      expect(big.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ path: 'input.size', message: 'is over the 1 MB limit' }],
      });
      const exe = await start({ filename: 'setup.exe', contentType: 'application/x-msdownload', size: 100 });
      expect(exe.errors?.[0]?.extensions?.fields).toEqual([
        { path: 'input.contentType', message: expect.stringContaining('is not accepted') },
      ]);
      const path = await start({ filename: '../etc/passwd', contentType: 'text/plain', size: 10 });
      expect(path.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      // Agents attach only to their own tickets.
      const other = await create({ subject: 'Someone else’s', description: 'x', assigneeId: as.advisor.id });
      const foreign = await svc.run(
        START,
        { input: { ticketId: other.id, filename: 'a.pdf', contentType: 'application/pdf', size: 10 } },
        as.agent,
      );
      expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

      const token = (url: string) => url.replace('/attachments/upload/', '');
      const ok1 = ok(
        await start({ filename: 'invoice.pdf', contentType: 'application/pdf', size: PDF.length }),
      ).startTicketAttachmentUpload;
      expect(ok1.uploadUrl).toMatch(/^\/attachments\/upload\//);
      const em = () => svc.deps.orm.em.fork();
      // Bytes that are not what the mutation was told: refused, nothing stored.
      const lie = await receiveUpload(
        em(),
        svc.deps,
        token(ok1.uploadUrl),
        Buffer.concat([Buffer.from('MZ'), Buffer.alloc(PDF.length - 2)]),
      );
      expect(lie).toMatchObject({
        ok: false,
        status: 400,
        code: 'BAD_USER_INPUT',
        message: 'The file is not a valid application/pdf file.',
      });
      const short = await receiveUpload(em(), svc.deps, token(ok1.uploadUrl), PDF.subarray(0, 100));
      expect(short).toMatchObject({ ok: false, status: 400, code: 'BAD_USER_INPUT' });
      const forged = await receiveUpload(em(), svc.deps, `${token(ok1.uploadUrl).split('.')[0]}.AAAA`, PDF);
      expect(forged).toMatchObject({ ok: false, status: 401, code: 'UNAUTHENTICATED' });
      expect((await svc.sql<{ n: number }>(`select count(*)::int as n from ticket_attachment`))[0]?.n).toBe(0);

      const stored = await receiveUpload(em(), svc.deps, token(ok1.uploadUrl), PDF);
      if (!stored.ok) throw new Error(stored.message);
      const again = await receiveUpload(em(), svc.deps, token(ok1.uploadUrl), PDF);
      expect(again).toMatchObject({ ok: false, status: 409, code: 'CONFLICT' });
      // The bytes are in the bucket under the ticket's key.
      expect((await store.get(`${t.id}/${stored.attachment.id}`))?.equals(PDF)).toBe(true);

      const listed = ok(
        await svc.run<{
          ticket: { attachments: { nodes: { id: string; filename: string; size: number; downloadUrl: string }[] } };
        }>(
          `query($id: ID!) { ticket(id: $id) { attachments { nodes { id filename size downloadUrl } } } }`,
          { id: t.id },
          as.viewer,
        ),
      ).ticket.attachments.nodes;
      expect(listed.map(({ filename, size }) => ({ filename, size }))).toEqual([
        { filename: 'invoice.pdf', size: PDF.length },
      ]);
      const [, , id, dl] = listed[0]?.downloadUrl.split('/') ?? [];
      const got = await download(em(), svc.deps, id ?? '', dl ?? '');
      expect(got?.bytes.equals(PDF)).toBe(true);
      expect(await download(em(), svc.deps, id ?? '', 'forged.token')).toBeNull();
      // Links expire after five minutes.
      const later = new Date(svc.deps.clock().getTime() + 6 * 60_000);
      const before = svc.deps.clock();
      svc.setNow(later);
      expect(await download(em(), svc.deps, id ?? '', dl ?? '')).toBeNull();
      svc.setNow(before);

      const removed = await svc.run(
        `mutation($id: ID!) { removeTicketAttachment(id: $id) }`,
        { id: stored.attachment.id },
        as.advisor,
      );
      expect(removed.errors).toBeUndefined();
      expect(await store.get(`${t.id}/${stored.attachment.id}`)).toBeNull();
    } finally {
      svc.deps.attachments = disk;
    }
  });
});
