import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ttDemoLinks } from '@nexus/platform';
import { bearer, gql, type GqlResponse } from '../support/client.ts';
import { startPortalSystem, signInTraveller, type PortalSystem, type SignedInTraveller } from '../support/portal.ts';
import { codes, data, eventually, fieldPaths, signInStaff, unique, type Staff } from '../support/staff.ts';

/**
 * The client portal's requests through the whole system: proposals (sales), surveys, pre-trip
 * questionnaires and waivers, and messages to the agency (service), each read and written by
 * signed-in travellers of two different parties, and what staff then see.
 */
let ps: PortalSystem;
let staff: Staff;
let alice: SignedInTraveller;
let bob: SignedInTraveller;
const UA = 'PortalRequestsTest/1.0 (phone)';

const demoClient = (i: number) => {
  const c = ttDemoLinks.clients[i];
  if (!c) throw new Error(`the TT-API demo has no client ${i}`);
  return c;
};
const clientA = demoClient(0);
const clientB = demoClient(1);
const travelerOf = (clientId: string) => {
  const t = ttDemoLinks.travelers.find((x) => x.clientId === clientId);
  if (!t) throw new Error(`no demo traveler for ${clientId}`);
  return t;
};
/** Alice's and Bob's crm contacts: the demo contacts linked to their TT-API client. */
let contactA = '';
let contactB = '';

/** As a traveller, with a browser's User-Agent (what acceptances record). */
const as =
  (t: SignedInTraveller) =>
  <T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<GqlResponse<T>> =>
    gql<T>(ps.system.gatewayUrl, query, variables, { ...bearer(t.token), 'user-agent': UA });

const notFound = (res: GqlResponse) => {
  expect(codes(res)).toEqual(['NOT_FOUND']);
  expect(res.data ? Object.values(res.data).every((v) => v === null) : true).toBe(true);
};

const contactByEmail = async (email: string) => {
  const res = await staff.as.advisor<{
    contacts: { nodes: { id: string; email: string; ttClientId: string | null }[] };
  }>('query($s: String!) { contacts(first: 5, filter: { search: $s }) { nodes { id email ttClientId } } }', {
    s: email,
  });
  const hit = data(res).contacts.nodes.find((c) => c.email === email.toLowerCase());
  if (!hit) throw new Error(`no crm contact ${email}`);
  return hit.id;
};

beforeAll(async () => {
  ps = await startPortalSystem({ env: { SURVEY_DELAY_MS: '0' } });
  staff = await signInStaff(ps.system);
  contactA = await contactByEmail(travelerOf(clientA.id).email);
  contactB = await contactByEmail(travelerOf(clientB.id).email);
  // crm sends every contact's TT-API links again (its durable feed), as after a restore.
  data(await staff.as.manager('mutation { rebuildAudience }'));
  [alice, bob] = await Promise.all([
    signInTraveller(ps.system, ps.mail, {
      email: `alice.${randomUUID().slice(0, 8)}@mail.example.net`,
      ttClientId: clientA.id,
      ttTravelerId: travelerOf(clientA.id).id,
      access: 'VIEW_OWN',
    }),
    signInTraveller(ps.system, ps.mail, {
      email: `bob.${randomUUID().slice(0, 8)}@mail.example.net`,
      ttClientId: clientB.id,
      ttTravelerId: travelerOf(clientB.id).id,
      access: 'VIEW_OWN',
    }),
  ]);
}, 180_000);
afterAll(async () => {
  await ps?.close();
});

const PROPOSAL = `id reference title status currency totals { subtotal total depositDue }
  lines(first: 20) { nodes { id description amount optionGroup selected included } }
  changeRequests(first: 5) { totalCount nodes { comment } }`;

async function sentQuote(contactId: string, title: string) {
  const deal = data(
    await staff.as.advisor<{ createDeal: { id: string } }>(
      'mutation($i: CreateDealInput!) { createDeal(input: $i) { id } }',
      {
        i: { title: unique(title) },
      },
    ),
  ).createDeal.id;
  const quote = data(
    await staff.as.advisor<{ createQuote: { id: string } }>(
      'mutation($i: CreateQuoteInput!) { createQuote(input: $i) { id } }',
      {
        i: {
          dealId: deal,
          contactId,
          title,
          recipientName: 'Traveller',
          recipientEmail: `${randomUUID().slice(0, 8)}@mail.example.net`,
          terms: 'Deposit is non-refundable.',
          depositPercent: 20,
          lines: [
            { description: 'Lisbon 4 nights', quantity: 2, unitPrice: 80_000 },
            { description: 'Sintra day trip', quantity: 2, unitPrice: 9_000, optionGroup: 'excursion' },
            { description: 'Porto day trip', quantity: 2, unitPrice: 12_000, optionGroup: 'excursion' },
          ],
        },
      },
    ),
  ).createQuote.id;
  return { deal, quote };
}

describe('proposals', () => {
  let a: { deal: string; quote: string };
  let b: { deal: string; quote: string };
  let draft: string;

  it("a traveller sees exactly their party's sent proposals; any other id is NOT_FOUND", async () => {
    a = await sentQuote(contactA, 'Portugal in May');
    b = await sentQuote(contactB, 'Iceland in June');
    draft = (await sentQuote(contactA, 'Draft idea')).quote;
    for (const q of [a.quote, b.quote])
      data(
        await staff.as.advisor('mutation($i: SendQuoteInput!) { sendQuote(input: $i) { quote { id } } }', {
          i: { id: q },
        }),
      );

    const list = (t: SignedInTraveller) =>
      t.call<{ portalProposals: { nodes: { id: string }[] } }>('{ portalProposals(first: 100) { nodes { id } } }');
    const seen = await eventually(async () => {
      const ids = data(await list(alice)).portalProposals.nodes.map((n) => n.id);
      expect(ids).toContain(a.quote);
      return ids;
    }, 20_000);
    expect(seen).not.toContain(b.quote);
    expect(seen).not.toContain(draft);
    // Every proposal Alice sees is a sent quote to her party's contact, as staff read it.
    for (const id of seen) {
      const q = data(
        await staff.as.viewer<{ quote: { status: string; contact: { id: string } | null } }>(
          'query($id: ID!) { quote(id: $id) { status contact { id } } }',
          { id },
        ),
      ).quote;
      expect(q.contact?.id).toBe(contactA);
      expect(['DRAFT', 'PENDING_APPROVAL', 'SUPERSEDED']).not.toContain(q.status);
    }
    const bobs = await eventually(async () => {
      const ids = data(await list(bob)).portalProposals.nodes.map((n) => n.id);
      expect(ids).toContain(b.quote);
      return ids;
    }, 20_000);
    expect(bobs).not.toContain(a.quote);

    const mine = data(
      await alice.call<{
        portalProposal: {
          title: string;
          status: string;
          totals: { total: number };
          lines: { nodes: { included: boolean }[] };
        };
      }>(`query($id: ID!) { portalProposal(id: $id) { ${PROPOSAL} } }`, { id: a.quote }),
    ).portalProposal;
    expect(mine).toMatchObject({ title: 'Portugal in May', status: 'AWAITING_YOU' });
    expect(mine.totals.total).toBe(2 * 80_000 + 2 * 9_000);
    expect(mine.lines.nodes.filter((l) => l.included)).toHaveLength(2);

    const pdf = data(
      await alice.call<{ portalProposalPdf: { contentType: string; base64: string } }>(
        'query($id: ID!) { portalProposalPdf(id: $id) { contentType base64 } }',
        { id: a.quote },
      ),
    ).portalProposalPdf;
    expect(pdf.contentType).toBe('application/pdf');
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    notFound(await bob.call('query($id: ID!) { portalProposalPdf(id: $id) { base64 } }', { id: a.quote }));
    notFound(await bob.call(`query($id: ID!) { portalProposal(id: $id) { id } }`, { id: a.quote }));
    notFound(await alice.call(`query($id: ID!) { portalProposal(id: $id) { id } }`, { id: draft }));
    notFound(await alice.call(`query($id: ID!) { portalProposal(id: $id) { id } }`, { id: randomUUID() }));
    // Staff fields stay closed to travellers.
    expect(codes(await alice.call('{ quotes(first: 1) { nodes { id } } }'))).toContain('FORBIDDEN');
  });

  it('asking for changes needs a comment, is recorded on the quote and notifies its owner', async () => {
    const CHANGES = `mutation($i: PortalRequestProposalChangesInput!) { portalRequestProposalChanges(input: $i) { id changeRequests(first: 5) { totalCount nodes { comment } } } }`;
    const empty = await alice.call(CHANGES, { i: { id: a.quote, comment: '   ' } });
    expect(codes(empty)).toEqual(['BAD_USER_INPUT']);
    expect(fieldPaths(empty)).toEqual(['input.comment']);
    notFound(await bob.call(CHANGES, { i: { id: a.quote, comment: 'Mine now' } }));

    const asked = data(
      await alice.call<{ portalRequestProposalChanges: { changeRequests: { totalCount: number } } }>(CHANGES, {
        i: { id: a.quote, comment: 'Could you add travel insurance?' },
      }),
    ).portalRequestProposalChanges;
    expect(asked.changeRequests.totalCount).toBe(1);
    const onQuote = data(
      await staff.as.viewer<{ quote: { changeRequests: { nodes: { comment: string; travelerId: string }[] } } }>(
        'query($id: ID!) { quote(id: $id) { changeRequests(first: 5) { nodes { comment travelerId } } } }',
        { id: a.quote },
      ),
    ).quote.changeRequests.nodes;
    expect(onQuote).toEqual([{ comment: 'Could you add travel insurance?', travelerId: travelerOf(clientA.id).id }]);
    await eventually(async () => {
      const n = data(
        await staff.as.advisor<{ notifications: { nodes: { title: string }[] } }>(
          '{ notifications(first: 20) { nodes { title } } }',
        ),
      ).notifications.nodes;
      expect(n.map((x) => x.title)).toContain(
        `Changes asked for on quote ${data(await staff.as.viewer<{ quote: { reference: string } }>('query($id: ID!) { quote(id: $id) { reference } }', { id: a.quote })).quote.reference}`,
      );
    }, 20_000);
  });

  it('approving is the acceptance staff see: evidence recorded, the deal won; only once', async () => {
    const APPROVE = `mutation($i: PortalApproveProposalInput!) { portalApproveProposal(input: $i) { id status approvedBy totals { total } } }`;
    const lines = data(
      await alice.call<{ portalProposal: { lines: { nodes: { id: string; description: string }[] } } }>(
        `query($id: ID!) { portalProposal(id: $id) { ${PROPOSAL} } }`,
        { id: a.quote },
      ),
    ).portalProposal.lines.nodes;
    const porto = lines.find((l) => l.description === 'Porto day trip')?.id;
    const unticked = await as(alice)(APPROVE, { i: { id: a.quote, fullName: 'Alice Traveller', agree: false } });
    expect(codes(unticked)).toEqual(['BAD_USER_INPUT']);
    expect(fieldPaths(unticked)).toEqual(['input.agree']);
    const badChoice = await as(alice)(APPROVE, {
      i: {
        id: a.quote,
        fullName: 'Alice Traveller',
        agree: true,
        options: [{ group: 'excursion', lineId: randomUUID() }],
      },
    });
    expect(fieldPaths(badChoice)).toEqual(['input.options.0.lineId']);
    notFound(await as(bob)(APPROVE, { i: { id: a.quote, fullName: 'Bob', agree: true } }));

    // Two taps at once (two phones of the party): one approval, one CONFLICT.
    const approve = () =>
      as(alice)<{ portalApproveProposal: { status: string; approvedBy: string; totals: { total: number } } }>(APPROVE, {
        i: { id: a.quote, fullName: 'Alice Traveller', agree: true, options: [{ group: 'excursion', lineId: porto }] },
      });
    const both = await Promise.all([approve(), approve()]);
    expect(both.map((r) => codes(r)[0] ?? 'OK').sort()).toEqual(['CONFLICT', 'OK']);
    const approved = data(both.find((r) => !r.errors) ?? both[0]!).portalApproveProposal;
    expect(approved).toMatchObject({ status: 'APPROVED', approvedBy: 'Alice Traveller' });
    expect(approved.totals.total).toBe(2 * 80_000 + 2 * 12_000);

    const q = data(
      await staff.as.viewer<{
        quote: { status: string; acceptance: { name: string; userAgent: string; versionHash: string } };
      }>('query($id: ID!) { quote(id: $id) { status acceptance { name userAgent versionHash } } }', { id: a.quote }),
    ).quote;
    expect(q.status).toBe('ACCEPTED');
    expect(q.acceptance).toMatchObject({ name: 'Alice Traveller', userAgent: UA });
    expect(q.acceptance.versionHash).toMatch(/^[0-9a-f]{64}$/);
    await eventually(async () => {
      const deal = data(
        await staff.as.viewer<{ deal: { status: string } }>('query($id: ID!) { deal(id: $id) { status } }', {
          id: a.deal,
        }),
      ).deal;
      expect(deal.status).toBe('WON');
    }, 20_000);

    const again = await as(alice)(APPROVE, { i: { id: a.quote, fullName: 'Alice Traveller', agree: true } });
    expect(codes(again)).toEqual(['CONFLICT']);
  });
});

describe('surveys', () => {
  it("the party's surveys are answered once through the survey's own checks; others are NOT_FOUND", async () => {
    const survey = data(
      await staff.as.manager<{ createSurvey: { id: string } }>(
        'mutation($i: CreateSurveyInput!) { createSurvey(input: $i) { id } }',
        {
          i: {
            name: unique('After support'),
            questions: [
              { type: 'CSAT', prompt: 'How did we do?' },
              { type: 'TEXT', prompt: 'Anything else?' },
            ],
            sendAfterSolve: true,
            periodDays: 0,
          },
        },
      ),
    ).createSurvey.id;
    const ticket = data(
      await staff.as.agent<{ createTicket: { id: string } }>(
        'mutation($i: CreateTicketInput!) { createTicket(input: $i) { id } }',
        {
          i: {
            subject: 'Seat change',
            description: 'Aisle please',
            requesterContactId: contactA,
            requesterEmail: `${randomUUID().slice(0, 8)}@mail.example.net`,
          },
        },
      ),
    ).createTicket.id;
    data(
      await staff.as.advisor('mutation($i: UpdateTicketInput!) { updateTicket(input: $i) { id } }', {
        i: { id: ticket, status: 'SOLVED' },
      }),
    );

    const LIST =
      '{ portalSurveys(first: 50, filter: { answered: false }) { nodes { id name questions { key type } } } }';
    const open = await eventually(async () => {
      const nodes = data(
        await alice.call<{
          portalSurveys: { nodes: { id: string; name: string; questions: { key: string; type: string }[] }[] };
        }>(LIST),
      ).portalSurveys.nodes;
      expect(nodes.length).toBeGreaterThan(0);
      return nodes;
    }, 20_000);
    const mine = open[0];
    if (!mine) throw new Error('no survey');
    expect(
      data(await bob.call<{ portalSurveys: { nodes: { id: string }[] } }>(LIST)).portalSurveys.nodes.map((n) => n.id),
    ).not.toContain(mine.id);
    notFound(await bob.call('query($id: ID!) { portalSurvey(id: $id) { id } }', { id: mine.id }));

    const ANSWER = 'mutation($i: PortalAnswerSurveyInput!) { portalAnswerSurvey(input: $i) { id respondedAt } }';
    const rating = mine.questions.find((q) => q.type !== 'TEXT');
    if (!rating) throw new Error('the survey has no rating question');
    const answers = (v: string) =>
      mine.questions
        .filter((q) => q.type !== 'TEXT')
        .map((q) => ({ key: q.key, value: q.key === rating.key ? v : '5' }));
    const outOfRange = await alice.call(ANSWER, { i: { id: mine.id, answers: answers('11') } });
    expect(codes(outOfRange)).toEqual(['BAD_USER_INPUT']);
    expect(fieldPaths(outOfRange)).toContain(`input.answers.${rating.key}`);
    notFound(await bob.call(ANSWER, { i: { id: mine.id, answers: answers('5') } }));
    const done = data(
      await alice.call<{ portalAnswerSurvey: { respondedAt: string | null } }>(ANSWER, {
        i: { id: mine.id, answers: answers('5') },
      }),
    );
    expect(done.portalAnswerSurvey.respondedAt).not.toBeNull();
    expect(codes(await alice.call(ANSWER, { i: { id: mine.id, answers: answers('4') } }))).toEqual(['CONFLICT']);
    // Staff read the answer on the survey that was sent (the oldest active after-solve survey).
    const sentSurvey = data(
      await staff.as.viewer<{ surveys: { nodes: { id: string; name: string }[] } }>(
        '{ surveys(first: 100) { nodes { id name } } }',
      ),
    ).surveys.nodes.find((x) => x.name === mine.name);
    expect(sentSurvey).toBeDefined();
    if (mine.name.startsWith('After support')) expect(sentSurvey?.id).toBe(survey);
    const responses = data(
      await staff.as.viewer<{
        survey: { responses: { nodes: { ticket: { id: string } | null; answers: Record<string, number> }[] } };
      }>('query($id: ID!) { survey(id: $id) { responses(first: 50) { nodes { ticket { id } answers } } } }', {
        id: sentSurvey?.id,
      }),
    ).survey.responses.nodes.filter((x) => x.ticket?.id === ticket);
    expect(responses).toHaveLength(1);
    expect(responses[0]?.answers[rating.key]).toBe(5);
  });
});

describe('messages to the agency', () => {
  it('a message opens a portal ticket; staff replies show in the thread, internal notes never', async () => {
    const SEND = 'mutation($i: PortalSendMessageInput!) { portalSendMessage(input: $i) { id reference status } }';
    const noSubject = await alice.call(SEND, { i: { body: 'Hello' } });
    expect(codes(noSubject)).toEqual(['BAD_USER_INPUT']);
    expect(fieldPaths(noSubject)).toEqual(['input.subject']);
    const thread = data(
      await alice.call<{ portalSendMessage: { id: string; reference: string; status: string } }>(SEND, {
        i: { subject: 'Vegetarian meals', body: 'Please note vegetarian meals for both of us.' },
      }),
    ).portalSendMessage;
    expect(thread.status).toBe('OPEN');

    const ticket = data(
      await staff.as.agent<{ ticket: { reference: string; source: string; requester: { id: string } | null } }>(
        'query($id: ID!) { ticket(id: $id) { reference source requester { id } } }',
        { id: thread.id },
      ),
    ).ticket;
    expect(ticket).toMatchObject({ reference: thread.reference, source: 'PORTAL', requester: { id: contactA } });
    data(
      await staff.as.agent('mutation($i: AssignTicketInput!) { assignTicket(input: $i) { id } }', {
        i: { id: thread.id, assigneeId: staff.id.agent },
      }),
    );
    data(
      await staff.as.agent('mutation($i: AddTicketNoteInput!) { addTicketNote(input: $i) { id } }', {
        i: { ticketId: thread.id, body: 'Internal: upsell lounge access' },
      }),
    );
    data(
      await staff.as.agent('mutation($i: AddTicketReplyInput!) { addTicketReply(input: $i) { id } }', {
        i: { ticketId: thread.id, body: 'Noted, vegetarian meals are requested.' },
      }),
    );

    const READ =
      'query($id: ID!) { portalThread(id: $id) { status messages(first: 20) { nodes { body fromAgency } } } }';
    const read = data(
      await alice.call<{
        portalThread: { status: string; messages: { nodes: { body: string; fromAgency: boolean }[] } };
      }>(READ, { id: thread.id }),
    ).portalThread;
    expect(read.status).toBe('AWAITING_YOU');
    expect(read.messages.nodes).toEqual([
      { body: 'Please note vegetarian meals for both of us.', fromAgency: false },
      { body: 'Noted, vegetarian meals are requested.', fromAgency: true },
    ]);
    expect(JSON.stringify(read)).not.toContain('upsell');

    data(await alice.call(SEND, { i: { threadId: thread.id, body: 'Thank you!' } }));
    const messages = data(
      await staff.as.agent<{ ticket: { status: string; messages: { nodes: { kind: string; body: string }[] } } }>(
        'query($id: ID!) { ticket(id: $id) { status messages(first: 20) { nodes { kind body } } } }',
        { id: thread.id },
      ),
    ).ticket;
    expect(messages.status).toBe('OPEN');
    expect(messages.messages.nodes.at(-1)).toEqual({ kind: 'CUSTOMER_MESSAGE', body: 'Thank you!' });

    notFound(await bob.call(READ, { id: thread.id }));
    notFound(await bob.call(SEND, { i: { threadId: thread.id, body: 'Hi' } }));
    expect(
      data(
        await bob.call<{ portalThreads: { nodes: { id: string }[] } }>('{ portalThreads(first: 50) { nodes { id } } }'),
      ).portalThreads.nodes.map((n) => n.id),
    ).not.toContain(thread.id);
  });
});

describe('pre-trip questionnaires and waivers', () => {
  let tripA = '';
  const FORM = `id kind title version text done acceptedAt myAnswers { key value } questions { key type required choices }`;

  beforeAll(async () => {
    const trips = data(
      await staff.as.advisor<{ client: { trips: { nodes: { id: string }[] } } }>(
        'query($id: ID!) { client(id: $id) { trips(first: 5) { nodes { id } } } }',
        {
          id: clientA.id,
        },
      ),
    ).client.trips.nodes;
    tripA = trips[0]?.id ?? '';
    if (!tripA) throw new Error('the demo client has no trip');
  });

  it('a waiver is accepted once per wording, recorded with who, when, the exact text and where from', async () => {
    const CREATE =
      'mutation($i: CreatePreTripFormInput!) { createPreTripForm(input: $i) { id clientId tripName currentVersion { version sha256 } } }';
    const noText = await staff.as.advisor(CREATE, { i: { kind: 'WAIVER', title: 'Activity waiver', tripId: tripA } });
    expect(codes(noText)).toEqual(['BAD_USER_INPUT']);
    expect(fieldPaths(noText)).toEqual(['input.text']);
    expect(
      codes(await staff.as.agent(CREATE, { i: { kind: 'WAIVER', title: 'x', tripId: tripA, text: 'y' } })),
    ).toContain('FORBIDDEN');
    const text = 'I accept the risks of glacier hiking.';
    const waiver = data(
      await staff.as.advisor<{
        createPreTripForm: { id: string; clientId: string; currentVersion: { version: number; sha256: string } };
      }>(CREATE, {
        i: { kind: 'WAIVER', title: 'Glacier waiver', tripId: tripA, text },
      }),
    ).createPreTripForm;
    expect(waiver.clientId).toBe(clientA.id);
    expect(waiver.currentVersion).toEqual({ version: 1, sha256: createHash('sha256').update(text).digest('hex') });

    const forms = (t: SignedInTraveller) =>
      t
        .call<{ portalPreTripForms: { nodes: { id: string }[] } }>('{ portalPreTripForms(first: 50) { nodes { id } } }')
        .then((r) => data(r).portalPreTripForms.nodes.map((n) => n.id));
    expect(await forms(alice)).toContain(waiver.id);
    expect(await forms(bob)).not.toContain(waiver.id);

    const ACCEPT = `mutation($i: PortalAcceptWaiverInput!) { portalAcceptWaiver(input: $i) { ${FORM} } }`;
    notFound(await as(bob)(ACCEPT, { i: { formId: waiver.id, version: 1, fullName: 'Bob B', agree: true } }));
    const stale = await as(alice)(ACCEPT, {
      i: { formId: waiver.id, version: 2, fullName: 'Alice Traveller', agree: true },
    });
    expect(codes(stale)).toEqual(['CONFLICT']);
    const unticked = await as(alice)(ACCEPT, {
      i: { formId: waiver.id, version: 1, fullName: 'Alice Traveller', agree: false },
    });
    expect(fieldPaths(unticked)).toEqual(['input.agree']);
    const ACCEPTANCES =
      'query($id: ID!) { preTripForm(id: $id) { acceptances(first: 10) { totalCount nodes { version textSha256 text fullName travelerId accountId ip userAgent acceptedAt } } } }';
    const count = async () =>
      data(
        await staff.as.viewer<{
          preTripForm: { acceptances: { totalCount: number; nodes: Record<string, unknown>[] } };
        }>(ACCEPTANCES, { id: waiver.id }),
      ).preTripForm.acceptances;
    expect((await count()).totalCount).toBe(0);

    for (let i = 0; i < 2; i++) {
      const accepted = data(
        await as(alice)<{ portalAcceptWaiver: { done: boolean; acceptedAt: string | null } }>(ACCEPT, {
          i: { formId: waiver.id, version: 1, fullName: 'Alice Traveller', agree: true },
        }),
      ).portalAcceptWaiver;
      expect(accepted.done).toBe(true);
    }
    const record = await count();
    expect(record.totalCount).toBe(1);
    expect(record.nodes[0]).toMatchObject({
      version: 1,
      textSha256: waiver.currentVersion.sha256,
      text,
      fullName: 'Alice Traveller',
      travelerId: travelerOf(clientA.id).id,
      accountId: alice.accountId,
      userAgent: UA,
    });
    expect(record.nodes[0]?.ip).not.toBe('unknown');

    // New wording: a new version to accept; the first acceptance stays as it was.
    data(
      await staff.as.advisor('mutation($i: UpdatePreTripFormInput!) { updatePreTripForm(input: $i) { id } }', {
        i: { id: waiver.id, text: `${text} And the crampons.` },
      }),
    );
    const reread = data(
      await alice.call<{ portalPreTripForm: { version: number; done: boolean } }>(
        `query($id: ID!) { portalPreTripForm(id: $id) { ${FORM} } }`,
        { id: waiver.id },
      ),
    ).portalPreTripForm;
    expect(reread).toMatchObject({ version: 2, done: false });
    data(await as(alice)(ACCEPT, { i: { formId: waiver.id, version: 2, fullName: 'Alice Traveller', agree: true } }));
    expect((await count()).nodes.map((n) => n.version)).toEqual([2, 1]);
  });

  it('a questionnaire checks every answer by its question and keeps one response per traveller', async () => {
    const CREATE = 'mutation($i: CreatePreTripFormInput!) { createPreTripForm(input: $i) { id } }';
    const oneChoice = await staff.as.advisor(CREATE, {
      i: {
        kind: 'QUESTIONNAIRE',
        title: 'Diet',
        tripId: tripA,
        questions: [{ type: 'CHOICE', prompt: 'Meal?', choices: ['Veg'] }],
      },
    });
    expect(fieldPaths(oneChoice)).toEqual(['input.questions.0.choices']);
    const form = data(
      await staff.as.advisor<{ createPreTripForm: { id: string } }>(CREATE, {
        i: {
          kind: 'QUESTIONNAIRE',
          title: 'Before you go',
          tripId: tripA,
          questions: [
            { type: 'TEXT', prompt: 'Emergency contact' },
            { type: 'CHOICE', prompt: 'Meal', choices: ['Standard', 'Vegetarian'] },
            { type: 'DATE', prompt: 'Date of birth' },
            { type: 'YES_NO', prompt: 'Travel insurance?', required: false },
          ],
        },
      }),
    ).createPreTripForm.id;
    const SUBMIT = `mutation($i: PortalSubmitQuestionnaireInput!) { portalSubmitQuestionnaire(input: $i) { ${FORM} } }`;
    const bad = await alice.call(SUBMIT, {
      i: {
        formId: form,
        answers: [
          { key: 'q2', value: 'Fish' },
          { key: 'q3', value: '1990-02-30' },
          { key: 'q9', value: 'x' },
        ],
      },
    });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(fieldPaths(bad).sort()).toEqual([
      'input.answers.q1',
      'input.answers.q2',
      'input.answers.q3',
      'input.answers.q9',
    ]);
    notFound(await bob.call(SUBMIT, { i: { formId: form, answers: [] } }));
    const RESPONSES =
      'query($id: ID!) { preTripForm(id: $id) { responses(first: 5) { totalCount nodes { travelerId answers { key prompt value } } } } }';
    const responses = async () =>
      data(
        await staff.as.viewer<{
          preTripForm: {
            responses: {
              totalCount: number;
              nodes: { travelerId: string; answers: { key: string; prompt: string; value: string }[] }[];
            };
          };
        }>(RESPONSES, { id: form }),
      ).preTripForm.responses;
    expect((await responses()).totalCount).toBe(0);

    const good = [
      { key: 'q1', value: 'Sam +1 555 0100' },
      { key: 'q2', value: 'Vegetarian' },
      { key: 'q3', value: '1990-02-28' },
    ];
    const sent = data(
      await alice.call<{ portalSubmitQuestionnaire: { done: boolean; myAnswers: { key: string; value: string }[] } }>(
        SUBMIT,
        { i: { formId: form, answers: good } },
      ),
    ).portalSubmitQuestionnaire;
    expect(sent.done).toBe(true);
    expect(sent.myAnswers).toEqual(good);
    data(
      await alice.call(SUBMIT, {
        i: {
          formId: form,
          answers: [...good.slice(0, 2), { key: 'q3', value: '1990-03-01' }, { key: 'q4', value: 'YES' }],
        },
      }),
    );
    const r = await responses();
    expect(r.totalCount).toBe(1);
    expect(r.nodes[0]?.travelerId).toBe(travelerOf(clientA.id).id);
    expect(r.nodes[0]?.answers.map((x) => x.value)).toEqual(['Sam +1 555 0100', 'Vegetarian', '1990-03-01', 'YES']);

    // A template (no trip) is copied onto a trip: its questions come along; it never shows in the portal.
    const template = data(
      await staff.as.advisor<{ createPreTripForm: { id: string } }>(CREATE, {
        i: {
          kind: 'QUESTIONNAIRE',
          title: 'Standard diet form',
          questions: [{ type: 'YES_NO', prompt: 'Any allergies?' }],
        },
      }),
    ).createPreTripForm.id;
    const copied = data(
      await staff.as.advisor<{ createPreTripForm: { id: string } }>(CREATE, {
        i: { templateId: template, tripId: tripA },
      }),
    ).createPreTripForm.id;
    const seen = data(
      await alice.call<{
        portalPreTripForms: { nodes: { id: string; title: string; questions: { prompt: string }[] }[] };
      }>('{ portalPreTripForms(first: 50) { nodes { id title questions { prompt } } } }'),
    ).portalPreTripForms.nodes;
    expect(seen.map((f) => f.id)).not.toContain(template);
    expect(seen.find((f) => f.id === copied)).toEqual({
      id: copied,
      title: 'Standard diet form',
      questions: [{ prompt: 'Any allergies?' }],
    });
  });
});
