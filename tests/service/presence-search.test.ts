import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, ok, startService, type Service } from './harness.ts';

/**
 * Collision detection (heartbeats in Redis that run out) and ticket search with ranks applied, at
 * the service subgraph with a clock the test sets.
 */
let svc: Service;
beforeAll(async () => {
  svc = await startService();
});
afterAll(async () => svc?.stop());

const create = async (input: Record<string, unknown>) =>
  ok(
    await svc.run<{ createTicket: { id: string; number: number } }>(
      `mutation($input: CreateTicketInput!) { createTicket(input: $input) { id number } }`,
      { input },
      as.advisor,
    ),
  ).createTicket;

const TOUCH = `mutation($t: ID!, $a: TicketActivity!) { touchTicketPresence(input: { ticketId: $t, activity: $a }) {
  id others { totalCount nodes { user { id } activity since lastSeenAt } } } }`;
type Others = { totalCount: number; nodes: { user: { id: string }; activity: string; since: string }[] };
const touch = async (ticketId: string, activity: string, viewer = as.agent) =>
  ok(await svc.run<{ touchTicketPresence: { others: Others } }>(TOUCH, { t: ticketId, a: activity }, viewer))
    .touchTicketPresence.others;
const presence = async (id: string, viewer = as.agent) =>
  ok(
    await svc.run<{ ticketPresence: { others: Others } | null }>(
      `query($id: ID!) { ticketPresence(id: $id) { others { totalCount nodes { user { id } activity } } } }`,
      { id },
      viewer,
    ),
  ).ticketPresence;

describe('collision detection', () => {
  it('shows who else is viewing or replying, and drops them when they leave or their heartbeat stops', async () => {
    const t = await create({ subject: 'Seat change on the Lisbon flight', description: 'Aisle seat please.' });
    const start = new Date('2026-03-02T10:00:00Z');
    svc.setNow(start);
    expect((await touch(t.id, 'VIEWING', as.advisor)).totalCount).toBe(0);
    // The agent sees the advisor; the advisor starts replying and the agent sees that.
    const seenByAgent = await touch(t.id, 'VIEWING', as.agent);
    expect(seenByAgent.nodes.map((n) => [n.user.id, n.activity])).toEqual([[as.advisor.id, 'VIEWING']]);
    svc.setNow(new Date(start.getTime() + 5_000));
    await touch(t.id, 'REPLYING', as.advisor);
    await touch(t.id, 'VIEWING', as.manager);
    const now = await presence(t.id, as.agent);
    // Replying first, then by arrival; never the viewer themselves.
    expect(now?.others.nodes.map((n) => [n.user.id, n.activity])).toEqual([
      [as.advisor.id, 'REPLYING'],
      [as.manager.id, 'VIEWING'],
    ]);

    // The manager leaves; the advisor's heartbeat stops (30 s) while the agent keeps beating.
    ok(
      await svc.run(
        `mutation($t: ID!) { leaveTicketPresence(input: { ticketId: $t }) { id } }`,
        { t: t.id },
        as.manager,
      ),
    );
    expect((await presence(t.id, as.agent))?.others.nodes.map((n) => n.user.id)).toEqual([as.advisor.id]);
    svc.setNow(new Date(start.getTime() + 20_000));
    await touch(t.id, 'VIEWING', as.agent);
    svc.setNow(new Date(start.getTime() + 36_000));
    expect((await touch(t.id, 'VIEWING', as.agent)).totalCount).toBe(0);
    expect((await presence(t.id, as.advisor))?.others.nodes.map((n) => n.user.id)).toEqual([as.agent.id]);
  });

  it('refuses an unknown activity and tickets the agent may not read', async () => {
    const mine = await create({ subject: 'Visa letter', description: 'Need a letter.', assigneeId: as.advisor.id });
    const bad = await svc.run(TOUCH, { t: mine.id, a: 'TYPING' }, as.advisor);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // Assigned to someone else: an agent cannot see it, so neither its presence.
    const hidden = await svc.run(TOUCH, { t: mine.id, a: 'VIEWING' }, as.agent);
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await presence(mine.id, as.agent)).toBeNull();
    const denied = await svc.run(TOUCH, { t: mine.id, a: 'VIEWING' }, as.viewer);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

const SEARCH = `query($q: String!) { searchTickets(filter: { search: $q }, first: 10) { totalCount
  nodes { id title subtitle score ticket { id reference } } } }`;
type Hits = { totalCount: number; nodes: { id: string; title: string; subtitle: string | null; score: number }[] };
const search = async (q: string, viewer = as.advisor) =>
  ok(await svc.run<{ searchTickets: Hits }>(SEARCH, { q }, viewer)).searchTickets;

describe('ticket search', () => {
  it('finds tickets by reference, words and requester, best first, within what the viewer may read', async () => {
    const exact = await create({
      subject: 'Ferry to Mykonos cancelled',
      description: 'The Blue Star ferry was cancelled by the strike.',
      requesterName: 'Ingrid Solberg',
      requesterEmail: 'ingrid@example.com',
    });
    const partial = await create({
      subject: 'Hotel in Mykonos',
      description: 'Can I add a night? The ferry timing changed.',
      requesterEmail: 'paul@example.com',
      assigneeId: as.advisor.id,
    });
    await create({ subject: 'Passport renewal', description: 'Expired passport.', requesterName: 'Someone Else' });

    const byWords = await search('mykonos ferr');
    expect(byWords.nodes.map((n) => n.id)).toEqual([exact.id, partial.id]);
    expect(byWords.nodes[0]?.title).toBe(`SR-${exact.number} Ferry to Mykonos cancelled`);
    expect(byWords.nodes[0]?.subtitle).toBe('Ingrid Solberg · new');

    const byRef = await search(`SR-${partial.number}`);
    expect(byRef.nodes[0]?.id).toBe(partial.id);
    expect((await search(String(exact.number))).nodes[0]?.id).toBe(exact.id);
    expect((await search('solberg')).nodes.map((n) => n.id)).toEqual([exact.id]);
    expect((await search('paul@example')).nodes.map((n) => n.id)).toEqual([partial.id]);

    // The agent sees the unassigned queue and their own: not the advisor's ticket.
    const agent = await search('mykonos', as.agent);
    expect(agent.nodes.map((n) => n.id)).toEqual([exact.id]);
    expect((await search('mykonos', as.viewer)).totalCount).toBe(2);

    const short = await svc.run(SEARCH, { q: 'x' }, as.advisor);
    expect(short.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(short.errors?.[0]?.extensions?.fields).toEqual([
      { path: 'filter.search', message: 'must be 2 to 200 characters' },
    ]);
  });
});
