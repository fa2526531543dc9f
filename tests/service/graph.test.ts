import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type System } from '../support/system.ts';
import { codes, data, signInStaff, unique, type Staff } from '../support/staff.ts';
import { subscribe, wsClient } from '../support/ws.ts';

/**
 * The service desk through the gateway: two signed-in staff members on one ticket over graphql-ws
 * (collision detection), and tickets in search with names resolved across subgraphs.
 */
let system: System;
let staff: Staff;
beforeAll(async () => {
  system = await startSystem({ env: { LOGIN_RATE_LIMIT: '1000' } });
  staff = await signInStaff(system);
}, 120_000);
afterAll(async () => system?.close());

const createTicket = async (input: Record<string, unknown>) =>
  data(
    await staff.as.advisor<{ createTicket: { id: string; reference: string } }>(
      'mutation($i: CreateTicketInput!) { createTicket(input: $i) { id reference } }',
      { i: input },
    ),
  ).createTicket;

const PRESENCE = `fragment P on TicketPresence { id others { nodes { activity user { id name } } } }`;
type Presence = { id: string; others: { nodes: { activity: string; user: { id: string; name: string } }[] } };

describe('collision detection over graphql-ws', () => {
  it('tells one signed-in agent live that another is viewing, then replying, then gone', async () => {
    const t = await createTicket({ subject: unique('Lost luggage'), description: 'My bag did not arrive.' });
    const agentSocket = wsClient(system.gatewayUrl, staff.token.agent);
    const advisorSocket = wsClient(system.gatewayUrl, staff.token.advisor);
    try {
      const live = subscribe<{ ticketPresenceChanged: Presence }>(
        agentSocket,
        `subscription Live($t: ID!) { ticketPresenceChanged(ticketId: $t) { ...P } } ${PRESENCE}`,
        { t: t.id },
      );
      const touch = (activity: string) =>
        new Promise<unknown>((resolve, reject) => {
          const values: unknown[] = [];
          advisorSocket.subscribe(
            {
              query: `mutation Touch($t: ID!, $a: TicketActivity!) { touchTicketPresence(input: { ticketId: $t, activity: $a }) { id } }`,
              variables: { t: t.id, a: activity },
            },
            { next: (v) => values.push(v), error: reject, complete: () => resolve(values[0]) },
          );
        });
      const leave = () =>
        staff.as.advisor('mutation($t: ID!) { leaveTicketPresence(input: { ticketId: $t }) { id } }', { t: t.id });
      const names = (p: Presence) => p.others.nodes.map((n) => `${n.user.name} ${n.activity}`);
      // graphql-ws does not acknowledge a subscription: arrive (again) until the agent hears it.
      let viewing: { ticketPresenceChanged: Presence } | undefined;
      for (let attempt = 0; attempt < 10 && !viewing; attempt++) {
        await leave();
        await touch('VIEWING');
        viewing = await live
          .next((v) => names(v.ticketPresenceChanged).includes('Avery Advisor VIEWING'), 1_000)
          .catch(() => undefined);
      }
      if (!viewing) throw new Error(`the agent never heard the advisor arrive: ${JSON.stringify(live.errors)}`);
      expect(viewing.ticketPresenceChanged.id).toBe(t.id);
      await touch('REPLYING');
      await live.next((v) => names(v.ticketPresenceChanged).includes('Avery Advisor REPLYING'));
      data(await leave());
      await live.next((v) => v.ticketPresenceChanged.others.nodes.length === 0);
      expect(live.errors).toEqual([]);
      live.dispose();

      // A viewer may not subscribe (ranks are checked before anything runs).
      const viewerSocket = wsClient(system.gatewayUrl, staff.token.viewer);
      try {
        const denied = subscribe(
          viewerSocket,
          `subscription Live($t: ID!) { ticketPresenceChanged(ticketId: $t) { id } }`,
          { t: t.id },
        );
        await denied.closed;
        expect(JSON.stringify(denied.errors)).toContain('FORBIDDEN');
      } finally {
        await viewerSocket.dispose();
      }
    } finally {
      await agentSocket.dispose();
      await advisorSocket.dispose();
    }
  });
});

describe('tickets in search through the gateway', () => {
  it('finds a ticket by reference and words, with its assignee resolved, and hides others’ tickets from agents', async () => {
    const word = unique('Kilimanjaro').replace(/\W/g, '');
    const queue = await createTicket({
      subject: `${word} climb permit`,
      description: 'Which permit do I need?',
      requesterName: 'Nadia Okafor',
    });
    const assigned = await createTicket({
      subject: `${word} transfer time`,
      description: 'When is the pickup?',
      assigneeId: staff.id.advisor,
    });
    const SEARCH = `query($q: String!) { searchTickets(filter: { search: $q }, first: 10) { totalCount
      nodes { id title subtitle ticket { reference assignee { name } } } } }`;
    type Hits = {
      searchTickets: {
        totalCount: number;
        nodes: {
          id: string;
          title: string;
          subtitle: string;
          ticket: { reference: string; assignee: { name: string } | null };
        }[];
      };
    };
    const advisor = data(await staff.as.advisor<Hits>(SEARCH, { q: word })).searchTickets;
    expect(advisor.nodes.map((n) => n.id).sort()).toEqual([queue.id, assigned.id].sort());
    expect(advisor.nodes.find((n) => n.id === assigned.id)?.ticket.assignee?.name).toBe('Avery Advisor');
    const byRef = data(await staff.as.viewer<Hits>(SEARCH, { q: queue.reference })).searchTickets;
    expect(byRef.nodes[0]).toMatchObject({ id: queue.id, title: `${queue.reference} ${word} climb permit` });
    expect(byRef.nodes[0]?.subtitle).toBe('Nadia Okafor · new');
    const agent = data(await staff.as.agent<Hits>(SEARCH, { q: word })).searchTickets;
    expect(agent.nodes.map((n) => n.id)).toEqual([queue.id]);
    expect(codes(await staff.as.agent(SEARCH, { q: ' ' }))).toEqual(['BAD_USER_INPUT']);
  });
});
