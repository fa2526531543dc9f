import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxMessage, VIEWER_HEADER, signViewerToken, viewerFor } from '@nexus/platform';
import type { MarketingDeps } from '../../subgraphs/marketing/src/context.ts';
import { startSystem, type System } from '../support/system.ts';
import { codes, data, eventually, fieldPaths, signInStaff, unique, type Staff } from '../support/staff.ts';

/**
 * Forms and landing pages through the whole system: a page built and published by an advisor,
 * served at /lp/:slug without JavaScript, a visitor's submission from it creating the crm contact
 * (through the graph as service:marketing-forms), logging the activity, recording the
 * FORM_SUBMITTED workflow trigger in the outbox (the workflow engine enrols the contact) and counting
 * as the page's conversion; refused
 * input, the honeypot, the webhook rate tier, taken slugs and ranks. The gateway trusts
 * X-Forwarded-For here, so each test is its own client address for the rate tiers.
 */
let system: System;
let staff: Staff;
const WEBHOOK_LIMIT = 8;

beforeAll(async () => {
  system = await startSystem({
    // The worker runs the workflow engine, which consumes the FORM_SUBMITTED trigger.
    worker: true,
    env: { TRUST_PROXY: 'true', RATE_LIMIT_WEBHOOKS: String(WEBHOOK_LIMIT), LOGIN_RATE_LIMIT: '1000' },
  });
  staff = await signInStaff(system);
}, 120_000);
afterAll(async () => {
  await system?.close();
});

const CREATE_FORM = 'mutation($i: CreateFormInput!) { createForm(input: $i) { id hostedUrl embedHtml } }';
const CREATE_PAGE = 'mutation($i: CreateLandingPageInput!) { createLandingPage(input: $i) { id slug status url } }';
const PUBLISH = 'mutation($id: ID!) { publishLandingPage(id: $id) { id status publishedAt } }';
const SUBMISSIONS = `query($id: ID!) { form(id: $id) { submissionCount submissions(first: 10) { nodes {
  email consentGiven consentText answers { key label value } utm { source medium campaign }
  contact { id firstName lastName email } landingPage { id } } } } }`;
const STATS = `query($id: ID!) { landingPage(id: $id) { stats { uniqueViews conversions conversionRate
  byUtm { source medium campaign uniqueViews conversions conversionRate } } } }`;
const FIND_CONTACT = `query($s: String!) { contacts(first: 5, filter: { search: $s }) { nodes { id email firstName lastName
  activities(first: 5) { nodes { type channel subject body } } } } }`;

const CONSENT = 'Yes, Travel Tamers may email me trip ideas. I can unsubscribe at any time.';
const fields = [
  { key: 'firstName', label: 'First name', type: 'TEXT', required: true, contactField: 'FIRST_NAME' },
  { key: 'lastName', label: 'Last name', type: 'TEXT', contactField: 'LAST_NAME' },
  { key: 'email', label: 'Email', type: 'EMAIL', required: true },
  { key: 'trip', label: 'Dream trip', type: 'SELECT', options: ['Safari', 'Antarctica', 'Japan'], required: true },
  { key: 'travellers', label: 'Travellers', type: 'NUMBER', min: 1, max: 20 },
  { key: 'ref', label: 'Referrer', type: 'HIDDEN', queryParam: 'ref', defaultValue: 'direct' },
];

const newForm = async (extra: Record<string, unknown> = {}) =>
  data(
    await staff.as.advisor<{ createForm: { id: string; hostedUrl: string; embedHtml: string } }>(CREATE_FORM, {
      i: { name: unique('Trip ideas'), fields, consent: { text: CONSENT, required: true }, ...extra },
    }),
  ).createForm;

const from = (ip: string, headers: Record<string, string> = {}) => ({ 'x-forwarded-for': ip, ...headers });
const getPage = (path: string, ip: string) =>
  fetch(`${system.gatewayUrl}${path}`, { headers: from(ip, { 'user-agent': 'Mozilla/5.0 test' }) });
const postForm = (id: string, body: Record<string, string>, ip: string, browser = true) =>
  fetch(`${system.gatewayUrl}/forms/${id}`, {
    method: 'POST',
    redirect: 'manual',
    headers: from(ip, {
      'content-type': 'application/x-www-form-urlencoded',
      ...(browser ? { accept: 'text/html,application/xhtml+xml' } : {}),
    }),
    body: new URLSearchParams(body),
  });
const postJson = (id: string, body: unknown, ip: string) =>
  fetch(`${system.gatewayUrl}/forms/${id}`, {
    method: 'POST',
    headers: from(ip, { 'content-type': 'application/json' }),
    body: JSON.stringify(body),
  });
/** The hidden inputs a rendered form carries, by name. */
const hiddenInputs = (html: string) =>
  Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]),
  );

const marketingEm = () => (system.deps.marketing as MarketingDeps).orm.em.fork();
const contactsByEmail = async (email: string) =>
  data(
    await staff.as.advisor<{
      contacts: {
        nodes: {
          id: string;
          email: string;
          firstName: string;
          lastName: string | null;
          activities: { nodes: { type: string; channel: string | null; subject: string; body: string | null }[] };
        }[];
      };
    }>(FIND_CONTACT, { s: email }),
  ).contacts.nodes.filter((c) => c.email === email);

describe('a landing page with a form', () => {
  it('is served without JavaScript once published, and a submission from it becomes a contact, a workflow trigger and a conversion', async () => {
    const form = await newForm();
    // A workflow that starts when this form is sent (its first step waits an hour).
    const workflow = data(
      await staff.as.advisor<{ createWorkflow: { id: string } }>(
        'mutation($i: CreateWorkflowInput!) { createWorkflow(input: $i) { id } }',
        {
          i: {
            name: unique('Form follow-up'),
            trigger: { type: 'FORM_SUBMITTED', formId: form.id },
            steps: [{ id: 'pause', type: 'WAIT', config: { mode: 'DURATION', minutes: 60 } }],
          },
        },
      ),
    ).createWorkflow;
    data(await staff.as.advisor('mutation($id: ID!) { activateWorkflow(id: $id) { id } }', { id: workflow.id }));
    expect(form.hostedUrl).toMatch(new RegExp(`/forms/${form.id}$`));
    expect(form.embedHtml).toContain(`action="${form.hostedUrl}" method="post"`);
    const slug = `spring-${Date.now().toString(36)}`;
    const page = data(
      await staff.as.advisor<{ createLandingPage: { id: string; slug: string; status: string; url: string } }>(
        CREATE_PAGE,
        {
          i: {
            name: 'Spring trips',
            slug,
            title: 'Spring trips & <safaris>',
            description: 'Hand-built spring journeys: "safaris", islands and more.',
            ogImageUrl: 'https://images.example.com/spring.jpg',
            blocks: [
              {
                type: 'HERO',
                heading: 'Travel <script>alert(1)</script> in spring',
                text: 'Twelve journeys.',
                buttonLabel: 'See them',
                buttonUrl: '#form',
              },
              { type: 'IMAGE', imageUrl: 'https://images.example.com/kenya.jpg', alt: 'Elephants at dusk' },
              { type: 'FORM', heading: 'Ask an advisor', formId: form.id },
              { type: 'FOOTER', text: 'Travel Tamers, Sydney' },
            ],
          },
        },
      ),
    ).createLandingPage;
    expect(page.status).toBe('DRAFT');
    expect(page.url).toMatch(new RegExp(`/lp/${slug}$`));

    // A draft is not there for visitors.
    const draft = await getPage(`/lp/${slug}`, '10.1.0.1');
    expect(draft.status).toBe(404);
    expect(await draft.text()).toContain('not published');

    expect(
      data(await staff.as.advisor<{ publishLandingPage: { status: string } }>(PUBLISH, { id: page.id }))
        .publishLandingPage.status,
    ).toBe('PUBLISHED');
    const served = await getPage(
      `/lp/${slug}?utm_source=newsletter&utm_medium=email&utm_campaign=spring&ref=partner`,
      '10.1.0.1',
    );
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toMatch(/text\/html/);
    const html = await served.text();
    expect(html).toContain('<title>Spring trips &amp; &lt;safaris&gt;</title>');
    expect(html).toContain(
      '<meta name="description" content="Hand-built spring journeys: &quot;safaris&quot;, islands and more.">',
    );
    expect(html).toContain('<meta property="og:title" content="Spring trips &amp; &lt;safaris&gt;">');
    expect(html).toContain('<meta property="og:image" content="https://images.example.com/spring.jpg">');
    expect(html).toContain(`<meta property="og:url" content="${page.url}">`);
    expect(html).toContain('Travel &lt;script&gt;alert(1)&lt;/script&gt; in spring');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<img src="https://images.example.com/kenya.jpg" alt="Elephants at dusk"');
    expect(html).toContain(`<form class="nx-form" method="post" action="/forms/${form.id}"`);
    expect(html).toContain(CONSENT);
    const hidden = hiddenInputs(html);
    expect(hidden).toMatchObject({
      ref: 'partner',
      utm_source: 'newsletter',
      utm_medium: 'email',
      utm_campaign: 'spring',
      nx_lp: page.id,
    });
    // The same visitor again, and a second visitor with no UTM.
    expect(
      (await getPage(`/lp/${slug}?utm_source=newsletter&utm_medium=email&utm_campaign=spring`, '10.1.0.1')).status,
    ).toBe(200);
    expect((await getPage(`/lp/${slug}`, '10.1.0.2')).status).toBe(200);

    // The visitor sends the page's form as a browser would (urlencoded, no JavaScript).
    const email = `${unique('ada').replace(/\s/g, '.')}@example.com`.toLowerCase();
    const sent = await postForm(
      form.id,
      {
        ...hidden,
        firstName: 'Ada',
        email: email.toUpperCase(),
        trip: 'Safari',
        travellers: '2',
        consent: 'yes',
        nx_hp: '',
      },
      '10.1.0.1',
    );
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain('Thank you. We have your details');

    // crm has the contact, with the submission logged as an activity.
    const [contact, ...more] = await contactsByEmail(email);
    expect(more).toEqual([]);
    expect(contact).toMatchObject({ firstName: 'Ada', email });
    expect(contact?.activities.nodes).toEqual([
      expect.objectContaining({
        type: 'NOTE',
        channel: 'FORM_SUBMISSION',
        subject: expect.stringContaining('Form submitted: Trip ideas'),
      }),
    ]);
    expect(contact?.activities.nodes[0]?.body).toContain('Dream trip: Safari');

    // The submissions list shows it, with the consent wording the visitor saw.
    const listed = data(
      await staff.as.agent<{
        form: { submissionCount: number; submissions: { nodes: Record<string, unknown>[] } };
      }>(SUBMISSIONS, { id: form.id }),
    ).form;
    expect(listed.submissionCount).toBe(1);
    expect(listed.submissions.nodes[0]).toMatchObject({
      email,
      consentGiven: true,
      consentText: CONSENT,
      utm: { source: 'newsletter', medium: 'email', campaign: 'spring' },
      contact: { id: contact?.id, firstName: 'Ada', email },
      landingPage: { id: page.id },
    });
    expect(listed.submissions.nodes[0]?.answers).toEqual(
      expect.arrayContaining([
        { key: 'trip', label: 'Dream trip', value: 'Safari' },
        { key: 'travellers', label: 'Travellers', value: '2' },
        { key: 'ref', label: 'Referrer', value: 'partner' },
      ]),
    );

    // The FORM_SUBMITTED trigger was recorded with the submission, for the workflow engine.
    const triggers = (
      await marketingEm().find(OutboxMessage, { queue: 'automation', jobName: 'automation-trigger' })
    ).filter((m) => m.payload.contactId === contact?.id);
    expect(triggers).toHaveLength(1);
    expect(triggers[0]?.payload).toMatchObject({
      type: 'FORM_SUBMITTED',
      contactId: contact?.id,
      dedupeKey: expect.stringMatching(/^form-submission:[0-9a-f-]{36}$/),
      data: { formId: form.id, landingPageId: page.id, utm_source: 'newsletter', utm_campaign: 'spring' },
    });
    expect(triggers[0]?.jobId).toBe(triggers[0]?.payload.dedupeKey);
    // ...and the workflow engine enrolled the contact.
    await eventually(async () => {
      const enrolments = data(
        await staff.as.viewer<{
          workflow: { enrolments: { nodes: { contact: { id: string }; triggerType: string }[] } };
        }>('query($id: ID!) { workflow(id: $id) { enrolments(first: 5) { nodes { contact { id } triggerType } } } }', {
          id: workflow.id,
        }),
      ).workflow.enrolments.nodes;
      expect(enrolments).toEqual([{ contact: { id: contact?.id }, triggerType: 'FORM_SUBMITTED' }]);
    }, 15_000);

    // Two unique visitors, one conversion, by UTM.
    const stats = data(
      await staff.as.viewer<{
        landingPage: { stats: { uniqueViews: number; conversions: number; conversionRate: number; byUtm: unknown[] } };
      }>(STATS, { id: page.id }),
    ).landingPage.stats;
    expect(stats).toMatchObject({ uniqueViews: 2, conversions: 1, conversionRate: 0.5 });
    expect(stats.byUtm).toEqual(
      expect.arrayContaining([
        {
          source: 'newsletter',
          medium: 'email',
          campaign: 'spring',
          uniqueViews: 1,
          conversions: 1,
          conversionRate: 1,
        },
        { source: null, medium: null, campaign: null, uniqueViews: 1, conversions: 0, conversionRate: 0 },
      ]),
    );

    // The same person again (JSON, from the hosted form's API): the contact is filled in, not duplicated.
    const again = await postJson(
      form.id,
      { firstName: 'Someone else', lastName: 'Lovelace', email, trip: 'Japan', consent: true },
      '10.1.0.3',
    );
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ ok: true, message: expect.stringContaining('Thank you'), redirectUrl: null });
    const [updated, ...dupes] = await contactsByEmail(email);
    expect(dupes).toEqual([]);
    expect(updated).toMatchObject({ id: contact?.id, firstName: 'Ada', lastName: 'Lovelace' });
  });

  it('a browser submission goes on to the redirect URL; the hosted page shows the form', async () => {
    const form = await newForm({ redirectUrl: 'https://traveltamers.example/thanks' });
    const page = await getPage(`/forms/${form.id}?ref=ad&utm_source=google`, '10.2.0.1');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('name="email"');
    expect(hiddenInputs(html)).toMatchObject({ ref: 'ad', utm_source: 'google' });
    expect(page.headers.get('content-security-policy')).toContain("form-action 'self' https://traveltamers.example");
    const email = `${unique('grace').replace(/\s/g, '.')}@example.com`.toLowerCase();
    const sent = await postForm(form.id, { firstName: 'Grace', email, trip: 'Japan', consent: 'yes' }, '10.2.0.1');
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe('https://traveltamers.example/thanks');
  });
});

describe('refused submissions', () => {
  it('missing or wrong answers are named by field, and nothing is written', async () => {
    const form = await newForm();
    const email = `${unique('nobody').replace(/\s/g, '.')}@example.com`.toLowerCase();
    const res = await postJson(
      form.id,
      { firstName: '  ', email: 'not-an-email', trip: 'Mars', travellers: '99' },
      '10.3.0.1',
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      error: { code: string; details: { path: string; message: string }[]; requestId: string };
    };
    expect(body.error.code).toBe('BAD_USER_INPUT');
    expect(body.error.requestId).toBeTruthy();
    expect(body.error.details).toEqual([
      { path: 'firstName', message: 'is required' },
      { path: 'email', message: 'must be a valid email address' },
      { path: 'trip', message: 'must be one of: Safari, Antarctica, Japan' },
      { path: 'travellers', message: 'must be at most 20' },
      { path: 'consent', message: 'must be ticked' },
    ]);
    // A browser gets the form back with the problems beside the fields, what it typed kept.
    const page = await postForm(form.id, { firstName: 'Lin', email, trip: '' }, '10.3.0.1');
    expect(page.status).toBe(400);
    const html = await page.text();
    expect(html).toContain('Dream trip is required');
    expect(html).toContain(`value="${email}"`);
    // Not JSON and not a form: refused too.
    const odd = await fetch(`${system.gatewayUrl}/forms/${form.id}`, {
      method: 'POST',
      headers: from('10.3.0.1', { 'content-type': 'text/plain' }),
      body: 'hello',
    });
    expect(odd.status).toBe(400);
    expect(((await odd.json()) as { error: { code: string } }).error.code).toBe('BAD_USER_INPUT');
    expect((await postJson('4b1c2b9e-0000-4000-8000-000000000000', { email }, '10.3.0.1')).status).toBe(404);

    expect(
      data(await staff.as.viewer<{ form: { submissionCount: number } }>(SUBMISSIONS, { id: form.id })).form
        .submissionCount,
    ).toBe(0);
    expect(await contactsByEmail(email)).toEqual([]);
  });

  it('a filled honeypot looks accepted to the bot and keeps nothing', async () => {
    const form = await newForm();
    const email = `${unique('bot').replace(/\s/g, '.')}@example.com`.toLowerCase();
    const res = await postJson(
      form.id,
      { firstName: 'Bot', email, trip: 'Safari', consent: 'yes', nx_hp: 'http://spam.example' },
      '10.4.0.1',
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
    expect(
      data(await staff.as.viewer<{ form: { submissionCount: number } }>(SUBMISSIONS, { id: form.id })).form
        .submissionCount,
    ).toBe(0);
    expect(await contactsByEmail(email)).toEqual([]);
    const triggers = await marketingEm().find(OutboxMessage, { queue: 'automation', jobName: 'automation-trigger' });
    expect(triggers.filter((t) => (t.payload.data as { formId?: string }).formId === form.id)).toEqual([]);
  });

  it('the webhook rate tier answers 429 after its limit, per client address', async () => {
    const form = await newForm();
    const statuses: number[] = [];
    for (let i = 0; i < WEBHOOK_LIMIT + 1; i++) statuses.push((await postJson(form.id, {}, '10.5.0.1')).status);
    expect(statuses.slice(0, WEBHOOK_LIMIT)).toEqual(Array(WEBHOOK_LIMIT).fill(400));
    const limited = await postJson(form.id, {}, '10.5.0.1');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    // Another address is not held back.
    expect((await postJson(form.id, {}, '10.5.0.2')).status).toBe(400);
  });
});

describe('the builders', () => {
  it('refuse a taken slug, a form without an email field and a broken block, naming the field', async () => {
    const form = await newForm();
    const slug = `taken-${Date.now().toString(36)}`;
    const blocks = [{ type: 'FORM', formId: form.id }];
    data(await staff.as.advisor(CREATE_PAGE, { i: { name: 'One', slug, title: 'One', blocks } }));
    const again = await staff.as.advisor(CREATE_PAGE, { i: { name: 'Two', slug, title: 'Two', blocks } });
    expect(codes(again)).toEqual(['BAD_USER_INPUT']);
    expect(fieldPaths(again)).toEqual(['input.slug']);
    expect(again.errors?.[0]?.message).toContain('is taken');

    const bad = await staff.as.advisor(CREATE_PAGE, {
      i: {
        name: 'Three',
        slug: 'Not A Slug',
        title: 'Three',
        blocks: [{ type: 'IMAGE', imageUrl: 'javascript:alert(1)' }],
      },
    });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(fieldPaths(bad)).toEqual(expect.arrayContaining(['input.slug', 'input.blocks.0.imageUrl']));

    const noEmail = await staff.as.advisor(CREATE_FORM, {
      i: { name: 'No email', fields: [{ key: 'name', label: 'Name', type: 'TEXT' }] },
    });
    expect(codes(noEmail)).toEqual(['BAD_USER_INPUT']);
    expect(fieldPaths(noEmail)).toEqual(['input.fields']);
  });

  it('resolve forms and landing pages by reference (federation _entities), null for an unknown id', async () => {
    const form = await newForm();
    const slug = `ref-${Date.now().toString(36)}`;
    const page = data(
      await staff.as.advisor<{ createLandingPage: { id: string } }>(CREATE_PAGE, {
        i: { name: 'Ref', slug, title: 'Ref', blocks: [{ type: 'FORM', formId: form.id }] },
      }),
    ).createLandingPage;
    const token = await signViewerToken(
      viewerFor(staff.id.viewer, 'VIEWER'),
      'marketing',
      String(system.iso.vars.INTERNAL_TOKEN_SECRET),
      60,
    );
    const res = await fetch(`${system.subgraphUrls.marketing}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [VIEWER_HEADER]: token },
      body: JSON.stringify({
        query: `query($r: [_Any!]!) { _entities(representations: $r) {
          ... on Form { id fields { key } } ... on LandingPage { id slug blocks { form { id } } } } }`,
        variables: {
          r: [
            { __typename: 'Form', id: form.id },
            { __typename: 'LandingPage', id: page.id },
            { __typename: 'Form', id: '4b1c2b9e-0000-4000-8000-000000000000' },
          ],
        },
      }),
    });
    const body = (await res.json()) as { data: { _entities: unknown[] } };
    expect(body.data._entities).toEqual([
      { id: form.id, fields: fields.map((f) => ({ key: f.key })) },
      { id: page.id, slug, blocks: [{ form: { id: form.id } }] },
      null,
    ]);
  });

  it('advisors build, agents and viewers read, managers delete', async () => {
    const form = await newForm();
    const i = { name: 'By an agent', fields };
    expect(codes(await staff.as.agent(CREATE_FORM, { i }))).toEqual(['FORBIDDEN']);
    expect(
      data(await staff.as.viewer<{ form: { submissionCount: number } }>(SUBMISSIONS, { id: form.id })).form
        .submissionCount,
    ).toBe(0);
    const del = 'mutation($id: ID!) { deleteForm(id: $id) { id } }';
    expect(codes(await staff.as.advisor(del, { id: form.id }))).toEqual(['FORBIDDEN']);
    data(await staff.as.manager(del, { id: form.id }));
    // A deleted form is gone for visitors too.
    expect((await getPage(`/forms/${form.id}`, '10.6.0.1')).status).toBe(404);
  });
});
