import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceDeps } from '../../subgraphs/service/src/context.ts';
import { sendTripSurveys } from '../../subgraphs/service/src/services/surveys.service.ts';
import { startSystem, type System } from '../support/system.ts';
import { codes, data, signInStaff, unique, type Staff } from '../support/staff.ts';
import { subscribe, wsClient } from '../support/ws.ts';

/**
 * The service desk through the gateway: two signed-in staff members on one ticket over graphql-ws
 * (collision detection), and tickets in search with names resolved across subgraphs.
 */
let system: System;
let staff: Staff;
let attachmentDir: string;
beforeAll(async () => {
  attachmentDir = await mkdtemp(join(tmpdir(), 'nexus-attachments-'));
  system = await startSystem({ env: { LOGIN_RATE_LIMIT: '1000', ATTACHMENT_DIR: attachmentDir } });
  staff = await signInStaff(system);
}, 120_000);
afterAll(async () => {
  await system?.close();
  await rm(attachmentDir, { recursive: true, force: true });
});
const serviceDeps = () => system.deps.service as ServiceDeps;
const serviceSql = <T>(q: string, params: unknown[] = []) =>
  serviceDeps().orm.em.fork().getConnection().execute<T[]>(q, params);
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

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

describe('attachments through the gateway', () => {
  it('uploads to the signed address, lists the file with a signed download address, and refuses what it must', async () => {
    const t = await createTicket({
      subject: unique('Boarding pass'),
      description: 'Attached.',
      assigneeId: staff.id.agent,
    });
    const bytes = Buffer.from('Boarding pass for flight TT123, seat 14A.\n');
    const start = (input: Record<string, unknown>) =>
      staff.as.agent<{ startTicketAttachmentUpload: { uploadUrl: string } }>(
        'mutation($i: StartTicketAttachmentUploadInput!) { startTicketAttachmentUpload(input: $i) { uploadUrl } }',
        { i: { ticketId: t.id, ...input } },
      );
    expect(codes(await start({ filename: 'pass.exe', contentType: 'application/x-msdownload', size: 10 }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    const { uploadUrl } = data(
      await start({ filename: 'pass.txt', contentType: 'text/plain', size: bytes.length }),
    ).startTicketAttachmentUpload;
    const post = (body: Buffer) =>
      fetch(`${system.gatewayUrl}${uploadUrl}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: new Uint8Array(body),
      });
    const wrong = await post(Buffer.from('not the announced size'));
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('BAD_USER_INPUT');
    const made = await post(bytes);
    expect(made.status).toBe(201);
    expect(await made.json()).toMatchObject({ filename: 'pass.txt', size: bytes.length });
    expect((await post(bytes)).status).toBe(409);

    const listed = data(
      await staff.as.viewer<{ ticket: { attachments: { nodes: { filename: string; downloadUrl: string }[] } } }>(
        'query($id: ID!) { ticket(id: $id) { attachments { nodes { filename downloadUrl } } } }',
        { id: t.id },
      ),
    ).ticket.attachments.nodes;
    expect(listed.map((a) => a.filename)).toEqual(['pass.txt']);
    const got = await fetch(`${system.gatewayUrl}${listed[0]?.downloadUrl}`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''pass.txt`);
    expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true);
    const forged = await fetch(`${system.gatewayUrl}${listed[0]?.downloadUrl.replace(/\.[^.]+$/, '.forged')}`);
    expect(forged.status).toBe(404);
    // Another agent's ticket: the agent is not given the ticket, so no download address either.
    const theirs = await createTicket({
      subject: unique('Advisor file'),
      description: 'x',
      assigneeId: staff.id.advisor,
    });
    expect(
      data(
        await staff.as.agent<{ ticket: unknown }>(
          'query($id: ID!) { ticket(id: $id) { id attachments { nodes { downloadUrl } } } }',
          { id: theirs.id },
        ),
      ).ticket,
    ).toBeNull();
  });
});

/** A TT-API client (and, given a trip, its trip and booking) made through the graph as an advisor. */
async function ttClient(name: string) {
  return data(
    await staff.as.advisor<{ createClient: { id: string; email: string } }>(
      'mutation($i: CreateClientInput!) { createClient(input: $i) { id email } }',
      { i: { displayName: name, email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.com`, status: 'ACTIVE' } },
    ),
  ).createClient;
}
async function ttTrip(
  clientId: string,
  o: { status: string; start: string; end: string; destination: string; bookingStatus: string; vendorId?: string },
) {
  const trip = data(
    await staff.as.advisor<{ createClientTrip: { id: string; name: string } }>(
      'mutation($i: CreateClientTripInput!) { createClientTrip(input: $i) { id name } }',
      {
        i: {
          clientId,
          name: unique(`${o.destination} trip`),
          tripType: 'CUSTOM',
          status: o.status,
          startDate: o.start,
          endDate: o.end,
        },
      },
    ),
  ).createClientTrip;
  const booking = data(
    await staff.as.advisor<{ createBooking: { id: string; bookingReference: string } }>(
      'mutation($i: CreateBookingInput!) { createBooking(input: $i) { id bookingReference } }',
      {
        i: {
          clientId,
          clientTripId: trip.id,
          vendorId: o.vendorId,
          status: o.bookingStatus,
          destination: o.destination,
          departureDate: o.start,
          returnDate: o.end,
          totalPriceCents: 250_000,
          vendorConfirmationNumber: ['CONFIRMED', 'TICKETED', 'IN_PROGRESS', 'COMPLETED'].includes(o.bookingStatus)
            ? `CNF${Date.now().toString(36).toUpperCase()}`
            : null,
        },
      },
    ),
  ).createBooking;
  return { trip, booking };
}

describe('trip-aware tickets (TT-API through travel)', () => {
  it('derives requesterTravelling, destination and supplier from the contact’s TT-API client, and the 24/7 policy follows', async () => {
    const cal = data(
      await staff.as.manager<{ createSlaCalendar: { id: string } }>(
        'mutation { createSlaCalendar(input: { name: "Always open", timeZone: "UTC", alwaysOpen: true }) { id } }',
      ),
    ).createSlaCalendar;
    data(
      await staff.as.manager('mutation($i: CreateSlaPolicyInput!) { createSlaPolicy(input: $i) { id } }', {
        i: {
          name: 'Travelling 24/7',
          position: 0,
          calendarId: cal.id,
          travelling: true,
          firstReplyMinutes: 30,
          nextReplyMinutes: 30,
          resolutionMinutes: 240,
        },
      }),
    );
    const contacts = data(
      await staff.as.advisor<{
        contacts: { nodes: { id: string; email: string | null; ttClientId: string | null }[] };
      }>('{ contacts(first: 100) { nodes { id email ttClientId } } }'),
    ).contacts.nodes.filter((c) => c.ttClientId);
    const [linked, other] = contacts;
    if (!linked?.ttClientId || !other?.ttClientId)
      throw new Error('the demo data links no CRM contact to a TT-API client');
    const vendor = data(
      await staff.as.advisor<{ vendors: { nodes: { id: string; name: string }[] } }>(
        '{ vendors(first: 1) { nodes { id name } } }',
      ),
    ).vendors.nodes[0];
    const destination = unique('Cusco').replace(/\s+/g, '');
    await ttTrip(linked.ttClientId, {
      status: 'TRAVELING',
      start: day(-1),
      end: day(6),
      destination,
      bookingStatus: 'IN_PROGRESS',
      vendorId: vendor?.id,
    });

    const T = `mutation($i: CreateTicketInput!) { createTicket(input: $i) { id requesterTravelling destination supplier sla { policy { name } } } }`;
    type T = {
      createTicket: {
        requesterTravelling: boolean;
        destination: string | null;
        supplier: string | null;
        sla: { policy: { name: string } | null };
      };
    };
    const there = data(
      await staff.as.agent<T>(T, {
        i: { subject: unique('Altitude sickness'), description: 'Need a doctor', requesterContactId: linked.id },
      }),
    ).createTicket;
    expect(there).toMatchObject({
      requesterTravelling: true,
      destination,
      supplier: vendor?.name,
      sla: { policy: { name: 'Travelling 24/7' } },
    });
    // An emailed ticket names only the address: the crm contact with that email is found, and its trip.
    const emailed = data(
      await staff.as.agent<T & { createTicket: { requester: { id: string } | null } }>(
        `mutation($i: CreateTicketInput!) { createTicket(input: $i) { id requesterTravelling destination requester { id } sla { policy { name } } } }`,
        {
          i: {
            subject: unique('Lost passport'),
            description: 'Help',
            source: 'EMAIL',
            requesterEmail: linked.email?.toUpperCase(),
          },
        },
      ),
    ).createTicket;
    expect(emailed).toMatchObject({
      requesterTravelling: true,
      destination,
      requester: { id: linked.id },
      sla: { policy: { name: 'Travelling 24/7' } },
    });
    // A contact whose client is not on a trip now is not travelling, and gets another policy.
    const home = data(
      await staff.as.agent<T>(T, {
        i: { subject: unique('Brochure'), description: 'x', requesterContactId: other.id },
      }),
    ).createTicket;
    expect(home.requesterTravelling).toBe(false);
    expect(home.sla.policy?.name).not.toBe('Travelling 24/7');
  });

  it('sends the after-trip survey once per ended trip, read from TT-API through travel', async () => {
    data(
      await staff.as.manager('mutation($i: CreateSurveyInput!) { createSurvey(input: $i) { id } }', {
        i: {
          name: unique('After your trip'),
          sendAfterTrip: true,
          periodDays: 0,
          questions: [{ type: 'NPS', prompt: 'Would you recommend us?' }],
        },
      }),
    );
    const client = await ttClient(unique('Home Again'));
    const { trip } = await ttTrip(client.id, {
      status: 'COMPLETED',
      start: day(-9),
      end: day(-1),
      destination: 'Lisbon',
      bookingStatus: 'COMPLETED',
    });
    const upcoming = await ttClient(unique('Not Yet'));
    await ttTrip(upcoming.id, {
      status: 'BOOKED',
      start: day(5),
      end: day(12),
      destination: 'Lisbon',
      bookingStatus: 'CONFIRMED',
    });

    const first = await sendTripSurveys(serviceDeps(), new Date());
    const invited = await serviceSql<{ trip_id: string; email: string }>(
      `select trip_id, email from survey_invitation where trip_id is not null`,
    );
    expect(invited).toContainEqual({ trip_id: trip.id, email: client.email.toLowerCase() });
    expect(invited.map((i) => i.email)).not.toContain(upcoming.email.toLowerCase());
    expect(first.sent.length).toBeGreaterThanOrEqual(1);
    const again = await sendTripSurveys(serviceDeps(), new Date());
    expect(again.sent).toEqual([]);
    const mails = await serviceSql<{ n: number }>(
      `select count(*)::int as n from outbox_message where job_name = 'transactional' and payload->>'to' = ?`,
      [client.email.toLowerCase()],
    );
    expect(mails[0]?.n).toBe(1);
  });

  it('opens a critical alert’s parent incident with a child per affected client and a message ready to send', async () => {
    const dest = data(
      await staff.as.advisor<{ destinations: { nodes: { id: string; name: string }[] } }>(
        '{ destinations(first: 1) { nodes { id name } } }',
      ),
    ).destinations.nodes[0];
    if (!dest) throw new Error('no destination');
    const alert = data(
      await staff.as.advisor<{ createTravelAlert: { id: string; title: string } }>(
        'mutation($i: CreateTravelAlertInput!) { createTravelAlert(input: $i) { id title } }',
        {
          i: {
            destinationId: dest.id,
            alertType: 'strike',
            severity: 'CRITICAL',
            title: unique('Airport closed'),
            description: 'All flights are grounded.',
          },
        },
      ),
    ).createTravelAlert;
    const there = await ttClient(unique('Ana There'));
    const { booking } = await ttTrip(there.id, {
      status: 'TRAVELING',
      start: day(-2),
      end: day(3),
      destination: dest.name,
      bookingStatus: 'IN_PROGRESS',
    });
    const soon = await ttClient(unique('Ben Soon'));
    await ttTrip(soon.id, {
      status: 'BOOKED',
      start: day(4),
      end: day(9),
      destination: dest.name,
      bookingStatus: 'CONFIRMED',
    });
    const late = await ttClient(unique('Cy Later'));
    await ttTrip(late.id, {
      status: 'BOOKED',
      start: day(40),
      end: day(47),
      destination: dest.name,
      bookingStatus: 'CONFIRMED',
    });

    const OPEN = `mutation($i: OpenTravelAlertIncidentInput!) { openTravelAlertIncident(input: $i) { id subject priority travelAlertId incidentMessage
      children(first: 100) { nodes { id requesterEmail requesterTravelling destination priority } } } }`;
    type Opened = {
      openTravelAlertIncident: {
        id: string;
        subject: string;
        priority: string;
        travelAlertId: string;
        incidentMessage: string;
        children: {
          nodes: {
            id: string;
            requesterEmail: string;
            requesterTravelling: boolean;
            destination: string;
            priority: string;
          }[];
        };
      };
    };
    expect(codes(await staff.as.agent(OPEN, { i: { alertId: alert.id } }))).toEqual(['FORBIDDEN']);
    expect(codes(await staff.as.advisor(OPEN, { i: { alertId: 'no-such-alert' } }))).toEqual(['BAD_USER_INPUT']);
    const incident = data(
      await staff.as.advisor<Opened>(OPEN, { i: { alertId: alert.id, departingWithinDays: 14 } }),
    ).openTravelAlertIncident;
    expect(incident).toMatchObject({
      subject: `Travel alert: ${alert.title}`,
      priority: 'URGENT',
      travelAlertId: alert.id,
    });
    expect(incident.incidentMessage).toContain(alert.title);
    const kids = incident.children.nodes;
    expect(kids.find((k) => k.requesterEmail === there.email.toLowerCase())).toMatchObject({
      requesterTravelling: true,
      destination: dest.name,
      priority: 'URGENT',
    });
    expect(kids.find((k) => k.requesterEmail === soon.email.toLowerCase())).toMatchObject({
      requesterTravelling: false,
    });
    expect(kids.map((k) => k.requesterEmail)).not.toContain(late.email.toLowerCase());
    expect(booking.bookingReference).toMatch(/^TT-/);
    expect(codes(await staff.as.advisor(OPEN, { i: { alertId: alert.id } }))).toEqual(['CONFLICT']);

    // The advisor sends the prepared message to every child in one go.
    const sent = data(
      await staff.as.advisor<{ updateChildTickets: { updatedCount: number } }>(
        'mutation($i: UpdateChildTicketsInput!) { updateChildTickets(input: $i) { updatedCount } }',
        { i: { parentId: incident.id, reply: incident.incidentMessage, status: 'PENDING' } },
      ),
    ).updateChildTickets;
    expect(sent.updatedCount).toBe(kids.length);
    const mails = await serviceSql<{ to: string }>(
      `select payload->>'to' as to from outbox_message where job_name = 'transactional' and payload->>'text' = ?`,
      [incident.incidentMessage],
    );
    expect(mails.map((m) => m.to).sort()).toEqual(kids.map((k) => k.requesterEmail).sort());
  });
});
