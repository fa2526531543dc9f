import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventBus, createLogger, viewerFor, type ChangeEvent } from '@nexus/platform';
import { codes, ok } from '../support/results.ts';
import { as, startCrm, type Crm, type Result } from './harness.ts';

const CONTACT = `id firstName lastName email phone jobTitle lifecycleStage leadStatus leadSource contactRole leadScore
  city country tags customFields deletedAt company { id name } owner { id }`;

const CREATE = `mutation($input: CreateContactInput!) { createContact(input: $input) { ${CONTACT} } }`;
const UPDATE = `mutation($input: UpdateContactInput!) { updateContact(input: $input) { ${CONTACT} } }`;
const DELETE = `mutation($id: ID!) { deleteContact(id: $id) { id deletedAt } }`;
const GET = `query($id: ID!, $all: Boolean) { contact(id: $id, includeDeleted: $all) { ${CONTACT} } }`;
const CREATE_COMPANY = `mutation($input: CreateCompanyInput!) { createCompany(input: $input) { id name domain website status owner { id } annualTravelBudgetCents } }`;

interface ContactData {
  id: string;
  firstName: string;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  jobTitle: string | null;
  lifecycleStage: string;
  leadStatus: string | null;
  leadScore: number;
  country: string | null;
  tags: string[];
  customFields: Record<string, unknown>;
  deletedAt: string | null;
  company: { id: string; name: string } | null;
  owner: { id: string } | null;
}

let crm: Crm;
const events: ChangeEvent[] = [];
let unsubscribe: () => Promise<void>;
let listener: ReturnType<typeof createEventBus>;

beforeAll(async () => {
  crm = await startCrm();
  const log = createLogger('crm-test-events');
  log.level = 'silent';
  listener = createEventBus(crm.env.REDIS_URL, crm.env.REDIS_PREFIX, log);
  unsubscribe = await listener.subscribe('contactChanged', (e) => events.push(e));
});
afterAll(async () => {
  await unsubscribe?.();
  await listener?.close();
  await crm?.stop();
});

let seq = 0;
const unique = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

async function createContact(input: Record<string, unknown>, viewer = as.advisor): Promise<ContactData> {
  return ok(await crm.run<{ createContact: ContactData }>(CREATE, { input: { firstName: 'Test', ...input } }, viewer))
    .createContact;
}

async function createCompany(input: Record<string, unknown> = {}, viewer = as.advisor) {
  return ok(
    await crm.run<{
      createCompany: {
        id: string;
        name: string;
        domain: string | null;
        website: string | null;
        owner: { id: string } | null;
      };
    }>(CREATE_COMPANY, { input: { name: `Company ${unique()}`, ...input } }, viewer),
  ).createCompany;
}

/** Waits until the events of one contact stop arriving (Redis pub/sub is asynchronous). */
async function eventsOf(id: string, expected: number): Promise<ChangeEvent[]> {
  for (let i = 0; i < 100 && events.filter((e) => e.id === id).length < expected; i++)
    await new Promise((r) => setTimeout(r, 20));
  return events.filter((e) => e.id === id);
}

const fieldPaths = (r: Result<unknown>) =>
  (r.errors ?? []).flatMap((e) => ((e.extensions?.fields as { path: string }[] | undefined) ?? []).map((f) => f.path));

describe('creating and reading contacts', () => {
  it('an agent creates a contact it owns, with the defaults filled in, and a viewer reads it back', async () => {
    const email = `Maya.Nguyen.${unique()}@Example.com`;
    const created = await createContact(
      { firstName: 'Maya', lastName: 'Nguyen', email, country: 'us', tags: ['vip', 'vip', 'cruise'] },
      as.agent,
    );
    expect(created).toMatchObject({
      firstName: 'Maya',
      lastName: 'Nguyen',
      email: email.toLowerCase(),
      lifecycleStage: 'LEAD',
      leadStatus: 'NEW',
      leadScore: 0,
      country: 'US',
      tags: ['vip', 'cruise'],
      customFields: {},
      company: null,
      deletedAt: null,
      owner: { id: as.agent.id },
    });
    const read = ok(await crm.run<{ contact: ContactData }>(GET, { id: created.id }, as.viewer));
    expect(read.contact).toEqual(created);
  });

  it('a contact created with an API key has no owner unless one is given', async () => {
    const integration = viewerFor(as.advisor.id ?? '', 'ADVISOR', { apiKeyId: '7d4c1a52-3f0e-4c65-9d1e-2a7b9c3e5f10' });
    expect((await createContact({}, integration)).owner).toBeNull();
    expect((await createContact({ ownerId: as.agent.id }, integration)).owner).toEqual({ id: as.agent.id });
  });

  it('links a contact to its company, and the company lists it', async () => {
    const company = await createCompany({
      domain: 'https://www.Harbor-Labs.com/about',
      website: 'https://harbor-labs.com',
    });
    expect(company.domain).toBe('harbor-labs.com');
    expect(company.owner).toEqual({ id: as.advisor.id });
    const contact = await createContact({ firstName: 'Liam', companyId: company.id });
    expect(contact.company).toEqual({ id: company.id, name: company.name });
    const r = ok(
      await crm.run<{ company: { contacts: { totalCount: number; nodes: { id: string }[] } } }>(
        `query($id: ID!) { company(id: $id) { contacts { totalCount nodes { id } } } }`,
        { id: company.id },
        as.viewer,
      ),
    );
    expect(r.company.contacts).toEqual({ totalCount: 1, nodes: [{ id: contact.id }] });
  });

  it('answers null for an unknown contact and BAD_USER_INPUT for a malformed id', async () => {
    expect(
      ok(await crm.run<{ contact: null }>(GET, { id: '5b0c6f0e-1111-4222-8333-444455556666' })).contact,
    ).toBeNull();
    const bad = await crm.run(GET, { id: 'not-an-id' });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(fieldPaths(bad)).toEqual(['id']);
  });
});

describe('owners and row rules', () => {
  const STRANGER = '5b0c6f0e-1111-4222-8333-444455556666';

  it('lets an agent create contacts only for themselves, and changes nothing otherwise', async () => {
    expect((await createContact({ ownerId: as.agent.id }, as.agent)).owner).toEqual({ id: as.agent.id });
    const before = await crm.rows('contact');
    const r = await crm.run(CREATE, { input: { firstName: 'Forme', ownerId: as.advisor.id } }, as.agent);
    expect(codes(r)).toEqual(['FORBIDDEN']);
    expect(fieldPaths(r)).toEqual(['input.ownerId']);
    expect(await crm.rows('contact')).toBe(before);
  });

  it('refuses an owner who is not a staff member the CRM knows, naming the field, for any role', async () => {
    const before = await crm.rows('contact');
    for (const viewer of [as.advisor, as.admin]) {
      const r = await crm.run(CREATE, { input: { firstName: 'Orphan', ownerId: STRANGER } }, viewer);
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
      expect(fieldPaths(r)).toEqual(['input.ownerId']);
    }
    expect(await crm.rows('contact')).toBe(before);
    const contact = await createContact({ firstName: 'Kept' });
    const update = await crm.run(UPDATE, { input: { id: contact.id, ownerId: STRANGER } }, as.advisor);
    expect(codes(update)).toEqual(['BAD_USER_INPUT']);
    expect(fieldPaths(update)).toEqual(['input.ownerId']);
    const company = await crm.run(
      CREATE_COMPANY,
      { input: { name: `Orphan Co ${unique()}`, ownerId: STRANGER } },
      as.advisor,
    );
    expect(fieldPaths(company)).toEqual(['input.ownerId']);
    expect(ok(await crm.run<{ contact: ContactData }>(GET, { id: contact.id })).contact.owner).toEqual({
      id: as.advisor.id,
    });
  });
});

describe('ranks', () => {
  it('refuses anonymous callers with UNAUTHENTICATED', async () => {
    const before = await crm.rows('contact');
    expect(codes(await crm.run('{ contacts { totalCount } }', {}, as.anonymous))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await crm.run(CREATE, { input: { firstName: 'Nobody' } }, as.anonymous))).toEqual(['UNAUTHENTICATED']);
    expect(await crm.rows('contact')).toBe(before);
  });

  it('refuses an unknown role like a missing one', async () => {
    const stranger = viewerFor('0b6f6f0e-0000-4000-8000-0000000000ff', 'INTERN');
    expect(codes(await crm.run('{ contacts { totalCount } }', {}, stranger))).toEqual(['FORBIDDEN']);
  });

  it('lets a viewer read but not create', async () => {
    expect(
      ok(await crm.run<{ contacts: { totalCount: number } }>('{ contacts { totalCount } }', {}, as.viewer)).contacts
        .totalCount,
    ).toBeGreaterThanOrEqual(0);
    const before = await crm.rows('contact');
    expect(codes(await crm.run(CREATE, { input: { firstName: 'Viewer' } }, as.viewer))).toEqual(['FORBIDDEN']);
    expect(await crm.rows('contact')).toBe(before);
  });

  it('lets an agent create contacts but not edit them or create companies', async () => {
    const contact = await createContact({ firstName: 'Agentcreated' }, as.agent);
    expect(codes(await crm.run(UPDATE, { input: { id: contact.id, firstName: 'Changed' } }, as.agent))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codes(await crm.run(CREATE_COMPANY, { input: { name: 'Agent Co' } }, as.agent))).toEqual(['FORBIDDEN']);
    expect(ok(await crm.run<{ contact: ContactData }>(GET, { id: contact.id })).contact.firstName).toBe('Agentcreated');
  });

  it('lets an advisor edit but not delete; a manager deletes', async () => {
    const contact = await createContact({ firstName: 'Ranked' });
    expect(
      ok(
        await crm.run<{ updateContact: ContactData }>(
          UPDATE,
          { input: { id: contact.id, firstName: 'Edited' } },
          as.advisor,
        ),
      ).updateContact.firstName,
    ).toBe('Edited');
    expect(codes(await crm.run(DELETE, { id: contact.id }, as.advisor))).toEqual(['FORBIDDEN']);
    expect(ok(await crm.run<{ contact: ContactData | null }>(GET, { id: contact.id })).contact).not.toBeNull();
    expect(
      ok(await crm.run<{ deleteContact: { deletedAt: string | null } }>(DELETE, { id: contact.id }, as.manager))
        .deleteContact.deletedAt,
    ).not.toBeNull();
  });

  it('lets an advisor create and edit companies, and only a manager delete them', async () => {
    const company = await createCompany({ name: 'Ranked Co' }, as.advisor);
    const renamed = await crm.run<{ updateCompany: { name: string } }>(
      `mutation($input: UpdateCompanyInput!) { updateCompany(input: $input) { name } }`,
      { input: { id: company.id, name: 'Ranked Company' } },
      as.advisor,
    );
    expect(ok(renamed).updateCompany.name).toBe('Ranked Company');
    const del = `mutation($id: ID!) { deleteCompany(id: $id) { id deletedAt } }`;
    expect(codes(await crm.run(del, { id: company.id }, as.advisor))).toEqual(['FORBIDDEN']);
    expect(
      ok(await crm.run<{ deleteCompany: { deletedAt: string | null } }>(del, { id: company.id }, as.manager))
        .deleteCompany.deletedAt,
    ).not.toBeNull();
  });
});

describe('updating contacts', () => {
  it('changes the fields given, clears those set to null, and leaves the rest', async () => {
    const company = await createCompany();
    const contact = await createContact({
      firstName: 'Priya',
      lastName: 'Patel',
      email: `priya.${unique()}@example.com`,
      phone: '+1 555 0100',
      jobTitle: 'Office Manager',
      companyId: company.id,
      customFields: { dietary: 'vegan' },
    });
    const updated = ok(
      await crm.run<{ updateContact: ContactData }>(UPDATE, {
        input: { id: contact.id, phone: null, jobTitle: 'Head of Culture', lifecycleStage: 'CUSTOMER', leadScore: 42 },
      }),
    ).updateContact;
    expect(updated).toEqual({
      ...contact,
      phone: null,
      jobTitle: 'Head of Culture',
      lifecycleStage: 'CUSTOMER',
      leadScore: 42,
    });
    const detached = ok(
      await crm.run<{ updateContact: ContactData }>(UPDATE, {
        input: { id: contact.id, companyId: null, customFields: { seat: 'aisle' }, tags: ['vip'] },
      }),
    ).updateContact;
    expect(detached.company).toBeNull();
    expect(detached.customFields).toEqual({ seat: 'aisle' });
    expect(detached.tags).toEqual(['vip']);
    expect(detached.email).toBe(contact.email);
    expect(ok(await crm.run<{ contact: ContactData }>(GET, { id: contact.id })).contact).toEqual(detached);
  });

  it('refuses to clear a required field', async () => {
    const contact = await createContact({ firstName: 'Required' });
    const r = await crm.run(UPDATE, { input: { id: contact.id, firstName: null } });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(fieldPaths(r)).toEqual(['input.firstName']);
    expect(ok(await crm.run<{ contact: ContactData }>(GET, { id: contact.id })).contact.firstName).toBe('Required');
  });

  it('answers NOT_FOUND for an unknown contact', async () => {
    const r = await crm.run(UPDATE, { input: { id: '5b0c6f0e-1111-4222-8333-444455556666', firstName: 'Ghost' } });
    expect(codes(r)).toEqual(['NOT_FOUND']);
    expect(codes(await crm.run(DELETE, { id: '5b0c6f0e-1111-4222-8333-444455556666' }, as.manager))).toEqual([
      'NOT_FOUND',
    ]);
  });
});

describe('change events', () => {
  it('announces a created contact with its keys only', async () => {
    const company = await createCompany();
    const contact = await createContact({ companyId: company.id }, as.agent);
    expect(await eventsOf(contact.id, 1)).toEqual([{ id: contact.id, companyId: company.id, ownerId: as.agent.id }]);
  });

  it('announces a move under the new company and the old one', async () => {
    const from = await createCompany();
    const to = await createCompany();
    const contact = await createContact({ companyId: from.id });
    await eventsOf(contact.id, 1);
    ok(await crm.run(UPDATE, { input: { id: contact.id, companyId: to.id } }));
    const after = (await eventsOf(contact.id, 3)).slice(1);
    expect(after).toEqual([
      { id: contact.id, companyId: to.id, ownerId: as.advisor.id },
      { id: contact.id, companyId: from.id, ownerId: as.advisor.id },
    ]);
  });

  it('announces a deletion', async () => {
    const contact = await createContact({});
    await eventsOf(contact.id, 1);
    ok(await crm.run(DELETE, { id: contact.id }, as.manager));
    expect(await eventsOf(contact.id, 2)).toEqual([
      { id: contact.id, companyId: null, ownerId: as.advisor.id },
      { id: contact.id, companyId: null, ownerId: as.advisor.id },
    ]);
  });

  it('announces nothing when the input is refused', async () => {
    const contact = await createContact({});
    await eventsOf(contact.id, 1);
    expect(codes(await crm.run(UPDATE, { input: { id: contact.id, email: 'nope' } }))).toEqual(['BAD_USER_INPUT']);
    await new Promise((r) => setTimeout(r, 100));
    expect(await eventsOf(contact.id, 1)).toHaveLength(1);
  });
});

describe('soft delete', () => {
  it('hides a deleted contact from reads, lists and its company, and frees its email', async () => {
    const company = await createCompany();
    const email = `gone.${unique()}@example.com`;
    const contact = await createContact({ firstName: 'Gone', email, companyId: company.id });
    ok(await crm.run(DELETE, { id: contact.id }, as.manager));

    expect(ok(await crm.run<{ contact: null }>(GET, { id: contact.id })).contact).toBeNull();
    const withDeleted = ok(await crm.run<{ contact: ContactData }>(GET, { id: contact.id, all: true })).contact;
    expect(withDeleted.id).toBe(contact.id);
    expect(Date.parse(withDeleted.deletedAt ?? '')).toBeGreaterThan(0);

    const list = ok(
      await crm.run<{ contacts: { totalCount: number } }>(
        `query($s: String) { contacts(filter: { search: $s }) { totalCount } }`,
        { s: email },
      ),
    );
    expect(list.contacts.totalCount).toBe(0);
    const ofCompany = ok(
      await crm.run<{ company: { contacts: { totalCount: number } } }>(
        `query($id: ID!) { company(id: $id) { contacts { totalCount } } }`,
        { id: company.id },
      ),
    );
    expect(ofCompany.company.contacts.totalCount).toBe(0);
    const entities = await crm.run(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Contact { id } } }`, {
      r: [{ __typename: 'Contact', id: contact.id }],
    });
    expect(ok(entities)).toEqual({ _entities: [null] });

    expect((await createContact({ firstName: 'Again', email: email.toUpperCase() })).email).toBe(email);
    expect(codes(await crm.run(DELETE, { id: contact.id }, as.manager))).toEqual(['NOT_FOUND']);
  });

  it('shows no company on contacts of a deleted company', async () => {
    const company = await createCompany();
    const contact = await createContact({ companyId: company.id });
    ok(await crm.run(`mutation($id: ID!) { deleteCompany(id: $id) { id } }`, { id: company.id }, as.manager));
    expect(ok(await crm.run<{ contact: ContactData }>(GET, { id: contact.id })).contact.company).toBeNull();
    expect(
      ok(await crm.run<{ company: null }>(`query($id: ID!) { company(id: $id) { id } }`, { id: company.id })).company,
    ).toBeNull();
    const kept = ok(
      await crm.run<{ company: { deletedAt: string | null } }>(
        `query($id: ID!) { company(id: $id, includeDeleted: true) { deletedAt } }`,
        { id: company.id },
      ),
    );
    expect(kept.company.deletedAt).not.toBeNull();
    const refused = await crm.run(CREATE, { input: { firstName: 'Late', companyId: company.id } });
    expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('bad input changes nothing', () => {
  const long = (n: number) => 'x'.repeat(n);
  const cases: [string, Record<string, unknown>, string][] = [
    ['an invalid email', { email: 'not-an-email' }, 'input.email'],
    ['an email over 254 characters', { email: `${long(250)}@example.com` }, 'input.email'],
    ['a first name over 120 characters', { firstName: long(121) }, 'input.firstName'],
    ['a blank first name', { firstName: '   ' }, 'input.firstName'],
    ['a job title over 120 characters', { jobTitle: long(121) }, 'input.jobTitle'],
    ['an address over 500 characters', { address: long(501) }, 'input.address'],
    ['a custom field over 2000 characters', { customFields: { notes: long(2001) } }, 'input.customFields.notes'],
    ['more than 50 tags', { tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }, 'input.tags'],
    ['a tag over 50 characters', { tags: [long(51)] }, 'input.tags.0'],
    ['a malformed company id', { companyId: 'company-1' }, 'input.companyId'],
    ['an unknown company id', { companyId: '5b0c6f0e-1111-4222-8333-444455556666' }, 'input.companyId'],
    ['a malformed owner id', { ownerId: '42' }, 'input.ownerId'],
    ['a negative lead score', { leadScore: -5 }, 'input.leadScore'],
    ['a country that is not an ISO code', { country: 'USA' }, 'input.country'],
  ];
  it.each(cases)('refuses %s with BAD_USER_INPUT naming the field', async (_what, input, path) => {
    const before = await crm.rows('contact');
    const r = await crm.run(CREATE, { input: { firstName: 'Bad', ...input } });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(fieldPaths(r)).toContain(path);
    expect(await crm.rows('contact')).toBe(before);
  });

  it('refuses an unknown enum value', async () => {
    const before = await crm.rows('contact');
    const r = await crm.run(CREATE, { input: { firstName: 'Bad', lifecycleStage: 'ASTRONAUT' } });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors?.[0]?.message).toMatch(/ASTRONAUT/);
    expect(await crm.rows('contact')).toBe(before);
  });

  it('reports every bad field at once', async () => {
    const r = await crm.run(CREATE, { input: { firstName: '', email: 'x', leadScore: 5000 } });
    expect(fieldPaths(r).sort()).toEqual(['input.email', 'input.firstName', 'input.leadScore']);
  });

  it('refuses a negative travel budget and a malformed website for a company', async () => {
    const before = await crm.rows('company');
    const r = await crm.run(CREATE_COMPANY, {
      input: { name: 'Broke Co', annualTravelBudgetCents: -100, website: 'ftp://x' },
    });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(fieldPaths(r).sort()).toEqual(['input.annualTravelBudgetCents', 'input.website']);
    expect(await crm.rows('company')).toBe(before);
  });

  it('refuses a bad update without changing the contact', async () => {
    const contact = await createContact({ firstName: 'Steady', email: `steady.${unique()}@example.com` });
    const r = await crm.run(UPDATE, { input: { id: contact.id, lastName: 'Fine', email: 'broken@' } });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(ok(await crm.run<{ contact: ContactData }>(GET, { id: contact.id })).contact).toEqual(contact);
  });
});

describe('duplicate email', () => {
  it('answers CONFLICT for an address already in use, whatever its case, and writes nothing', async () => {
    const email = `dup.${unique()}@example.com`;
    const first = await createContact({ email });
    const before = await crm.rows('contact');
    const r = await crm.run(CREATE, { input: { firstName: 'Twin', email: email.toUpperCase() } });
    expect(codes(r)).toEqual(['CONFLICT']);
    expect(await crm.rows('contact')).toBe(before);

    const other = await createContact({ email: `other.${unique()}@example.com` });
    expect(codes(await crm.run(UPDATE, { input: { id: other.id, email } }))).toEqual(['CONFLICT']);
    expect(ok(await crm.run<{ contact: ContactData }>(GET, { id: other.id })).contact.email).toBe(other.email);
    // Saving a contact with its own address is no conflict.
    expect(
      ok(await crm.run<{ updateContact: ContactData }>(UPDATE, { input: { id: first.id, email } })).updateContact.email,
    ).toBe(email);
  });

  it('lets the database settle a race for one address', async () => {
    const email = `race.${unique()}@example.com`;
    const results = await Promise.all([0, 1, 2].map(() => crm.run(CREATE, { input: { firstName: 'Racer', email } })));
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.flatMap(codes)).toEqual(['CONFLICT', 'CONFLICT']);
  });
});

describe('errors', () => {
  it('never carry a stack trace or SQL', async () => {
    const failures = await Promise.all([
      crm.run(CREATE, { input: { firstName: 'x', email: 'bad' } }),
      crm.run(UPDATE, { input: { id: '5b0c6f0e-1111-4222-8333-444455556666' } }),
      crm.run(DELETE, { id: 'nope' }, as.manager),
      crm.run(DELETE, { id: '5b0c6f0e-1111-4222-8333-444455556666' }, as.agent),
      crm.run('{ contacts { totalCount } }', {}, as.anonymous),
      crm.run('{ contacts(first: 5000) { totalCount } }'),
    ]);
    for (const r of failures) {
      expect(r.errors?.length).toBeGreaterThan(0);
      const text = JSON.stringify(r.errors);
      expect(text).not.toMatch(/stacktrace|exception|\.ts:\d+|select |insert /i);
    }
  });
});
