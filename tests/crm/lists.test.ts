import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, codes, ok, startCrm, type Crm } from './harness.ts';

/**
 * A small known world, created through the API: three companies and twelve contacts with chosen
 * stages, sources, scores, tags and owners, so every filter, search and sort has an exact answer.
 */
let crm: Crm;
const company: Record<'aurora' | 'borealis' | 'cascade', string> = { aurora: '', borealis: '', cascade: '' };
const contact: Record<string, string> = {};
let secondBatchFrom = '';

interface Seed {
  key: string;
  firstName: string;
  lastName: string;
  email: string;
  lifecycleStage: string;
  leadStatus: string;
  leadSource: string;
  contactRole: string;
  leadScore: number;
  tags: string[];
  company: keyof typeof company | null;
  owner: 'advisor' | 'agent';
}

const FIRST_BATCH: Seed[] = [
  { key: 'maya', firstName: 'Maya', lastName: 'Nguyen', email: 'maya@aurora.test', lifecycleStage: 'LEAD', leadStatus: 'NEW', leadSource: 'REFERRAL', contactRole: 'C_SUITE', leadScore: 10, tags: ['vip'], company: 'aurora', owner: 'advisor' },
  { key: 'mayra', firstName: 'Mayra', lastName: 'Nunez', email: 'mayra@borealis.test', lifecycleStage: 'CUSTOMER', leadStatus: 'CONNECTED', leadSource: 'EVENT', contactRole: 'VP', leadScore: 80, tags: ['cruise'], company: 'borealis', owner: 'agent' },
  { key: 'liam', firstName: 'Liam', lastName: 'Okafor', email: 'liam@aurora.test', lifecycleStage: 'OPPORTUNITY', leadStatus: 'IN_PROGRESS', leadSource: 'WEBSITE_FORM', contactRole: 'DIRECTOR', leadScore: 55, tags: ['offsite', 'vip'], company: 'aurora', owner: 'advisor' },
  { key: 'priya', firstName: 'Priya', lastName: 'Patel', email: 'priya@cascade.test', lifecycleStage: 'LEAD', leadStatus: 'ATTEMPTED_TO_CONTACT', leadSource: 'COLD_EMAIL', contactRole: 'HR_CULTURE', leadScore: 30, tags: [], company: 'cascade', owner: 'agent' },
  { key: 'noah', firstName: 'Noah', lastName: 'Garcia', email: 'noah@mail.test', lifecycleStage: 'SUBSCRIBER', leadStatus: 'NEW', leadSource: 'ORGANIC_SEARCH', contactRole: 'INDIVIDUAL', leadScore: 0, tags: ['newsletter'], company: null, owner: 'advisor' },
  { key: 'sofia', firstName: 'Sofia', lastName: 'Rossi', email: 'sofia_r@cascade.test', lifecycleStage: 'REPEAT_CUSTOMER', leadStatus: 'OPEN_DEAL', leadSource: 'REFERRAL', contactRole: 'TRAVEL_COORDINATOR', leadScore: 95, tags: ['cruise', 'vip'], company: 'cascade', owner: 'advisor' },
];
const SECOND_BATCH: Seed[] = [
  { key: 'ethan', firstName: 'Ethan', lastName: 'Kim', email: 'ethan@borealis.test', lifecycleStage: 'MARKETING_QUALIFIED', leadStatus: 'NURTURING', leadSource: 'LINKEDIN_INBOUND', contactRole: 'OFFICE_MANAGER', leadScore: 40, tags: ['offsite'], company: 'borealis', owner: 'agent' },
  { key: 'aisha', firstName: 'Aisha', lastName: 'Haddad', email: 'aisha@mail.test', lifecycleStage: 'EVANGELIST', leadStatus: 'CONNECTED', leadSource: 'SOCIAL_MEDIA', contactRole: 'INDIVIDUAL', leadScore: 70, tags: ['family'], company: null, owner: 'agent' },
  { key: 'lucas', firstName: 'Lucas', lastName: 'Silva', email: 'lucas@aurora.test', lifecycleStage: 'SALES_QUALIFIED', leadStatus: 'IN_PROGRESS', leadSource: 'LINKEDIN_OUTREACH', contactRole: 'EXECUTIVE_ASSISTANT', leadScore: 60, tags: [], company: 'aurora', owner: 'advisor' },
  { key: 'chloe', firstName: 'Chloe', lastName: 'Dubois', email: 'chloe@borealis.test', lifecycleStage: 'CUSTOMER', leadStatus: 'OPEN_DEAL', leadSource: 'BUDDY_CHAT', contactRole: 'OTHER', leadScore: 20, tags: ['cruise'], company: 'borealis', owner: 'advisor' },
  { key: 'mateo', firstName: 'Mateo', lastName: 'Moreno', email: 'mateo@mail.test', lifecycleStage: 'OTHER', leadStatus: 'UNQUALIFIED', leadSource: 'BUILTIN_LIST', contactRole: 'OTHER', leadScore: 5, tags: [], company: null, owner: 'agent' },
  { key: 'hana', firstName: 'Hana', lastName: 'Tanaka', email: 'hana@cascade.test', lifecycleStage: 'LEAD', leadStatus: 'BAD_TIMING', leadSource: 'OTHER', contactRole: 'VP', leadScore: 45, tags: ['retreat'], company: 'cascade', owner: 'agent' },
];
const ALL = [...FIRST_BATCH, ...SECOND_BATCH];

async function create(s: Seed) {
  const { key, company: c, owner, ...fields } = s;
  const r = await crm.run<{ createContact: { id: string } }>(
    `mutation($input: CreateContactInput!) { createContact(input: $input) { id } }`,
    { input: { ...fields, companyId: c ? company[c] : null, ownerId: as[owner].id } },
  );
  contact[key] = ok(r).createContact.id;
}

beforeAll(async () => {
  crm = await startCrm();
  const companies: [keyof typeof company, Record<string, unknown>][] = [
    ['aurora', { name: 'Aurora Expeditions', status: 'ACTIVE_CLIENT', accountTier: 'STRATEGIC', companyType: 'CORPORATE', annualTravelBudgetCents: 250_000_00, leadScore: 90, tags: ['cruise'] }],
    ['borealis', { name: 'Borealis Retreats', status: 'NEGOTIATING', accountTier: 'GROWTH', companyType: 'STARTUP', annualTravelBudgetCents: 40_000_00, leadScore: 50, tags: ['offsite'] }],
    ['cascade', { name: 'Cascade Wellness', status: 'TARGET', companyType: 'NONPROFIT', leadScore: 10, tags: [] }],
  ];
  for (const [key, input] of companies) {
    const r = await crm.run<{ createCompany: { id: string } }>(`mutation($input: CreateCompanyInput!) { createCompany(input: $input) { id } }`, { input });
    company[key] = ok(r).createCompany.id;
  }
  for (const s of FIRST_BATCH) await create(s);
  await new Promise((r) => setTimeout(r, 20));
  secondBatchFrom = new Date().toISOString();
  await new Promise((r) => setTimeout(r, 20));
  for (const s of SECOND_BATCH) await create(s);
});
afterAll(async () => {
  await crm?.stop();
});

const LIST = `query($filter: ContactFilter, $search: String, $sort: ContactSort, $limit: Int, $offset: Int) {
  contacts(filter: $filter, search: $search, sort: $sort, limit: $limit, offset: $offset) { totalCount nodes { id firstName } }
}`;

async function list(vars: Record<string, unknown>) {
  return ok(await crm.run<{ contacts: { totalCount: number; nodes: { id: string; firstName: string }[] } }>(LIST, vars, as.viewer)).contacts;
}
const names = (nodes: { firstName: string }[]) => nodes.map((n) => n.firstName);
const namesWhere = (pred: (s: Seed) => boolean) => ALL.filter(pred).map((s) => s.firstName).sort();

describe('filters', () => {
  const cases: [string, Record<string, unknown>, (s: Seed) => boolean][] = [
    ['lifecycle stages', { lifecycleStages: ['LEAD', 'CUSTOMER'] }, (s) => s.lifecycleStage === 'LEAD' || s.lifecycleStage === 'CUSTOMER'],
    ['lead status', { leadStatuses: ['OPEN_DEAL'] }, (s) => s.leadStatus === 'OPEN_DEAL'],
    ['lead source', { leadSources: ['REFERRAL'] }, (s) => s.leadSource === 'REFERRAL'],
    ['contact role', { contactRoles: ['VP', 'INDIVIDUAL'] }, (s) => s.contactRole === 'VP' || s.contactRole === 'INDIVIDUAL'],
    ['owner', { ownerId: as.agent.id }, (s) => s.owner === 'agent'],
    ['any of some tags', { tags: ['vip', 'retreat'] }, (s) => s.tags.includes('vip') || s.tags.includes('retreat')],
    ['lead score range', { leadScoreMin: 40, leadScoreMax: 70 }, (s) => s.leadScore >= 40 && s.leadScore <= 70],
    ['several conditions together', { lifecycleStages: ['LEAD'], ownerId: as.agent.id }, (s) => s.lifecycleStage === 'LEAD' && s.owner === 'agent'],
  ];
  it.each(cases)('by %s', async (_what, filter, pred) => {
    const page = await list({ filter, limit: 50 });
    expect(names(page.nodes).sort()).toEqual(namesWhere(pred));
    expect(page.totalCount).toBe(ALL.filter(pred).length);
  });

  it('by company', async () => {
    const page = await list({ filter: { companyId: company.aurora }, limit: 50 });
    expect(names(page.nodes).sort()).toEqual(namesWhere((s) => s.company === 'aurora'));
  });

  it('by creation time', async () => {
    expect(names((await list({ filter: { createdAfter: secondBatchFrom }, limit: 50 })).nodes).sort()).toEqual(SECOND_BATCH.map((s) => s.firstName).sort());
    expect(names((await list({ filter: { createdBefore: secondBatchFrom }, limit: 50 })).nodes).sort()).toEqual(FIRST_BATCH.map((s) => s.firstName).sort());
  });

  it('refuses a range whose ends are swapped, and a malformed id', async () => {
    const swapped = await crm.run(LIST, { filter: { leadScoreMin: 50, leadScoreMax: 10 } });
    expect(codes(swapped)).toEqual(['BAD_USER_INPUT']);
    expect(swapped.errors?.[0]?.extensions?.fields).toEqual([{ path: 'filter.leadScoreMin', message: 'must not exceed leadScoreMax' }]);
    expect(codes(await crm.run(LIST, { filter: { companyId: 'aurora' } }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('search', () => {
  it('matches part of a name, ignoring case', async () => {
    const page = await list({ search: 'MAY' });
    expect(names(page.nodes).sort()).toEqual(['Maya', 'Mayra']);
    expect(page.totalCount).toBe(2);
    expect(names((await list({ search: 'nunez' })).nodes)).toEqual(['Mayra']);
  });

  it('puts the closest match first', async () => {
    const r = await crm.run<{ createContact: { id: string } }>(
      `mutation($input: CreateContactInput!) { createContact(input: $input) { id } }`,
      { input: { firstName: 'Aurora', lastName: 'Lane', email: 'al@lane.test' } },
    );
    const id = ok(r).createContact.id;
    try {
      // Aurora Lane by name; Maya, Liam and Lucas only through their company and email domain.
      const page = await list({ search: 'aurora' });
      expect(page.totalCount).toBe(4);
      expect(page.nodes[0]?.id).toBe(id);
      expect(names(page.nodes.slice(1)).sort()).toEqual(['Liam', 'Lucas', 'Maya']);
    } finally {
      ok(await crm.run(`mutation($id: ID!) { deleteContact(id: $id) { id } }`, { id }, as.manager));
    }
  });

  it('matches email addresses', async () => {
    expect(names((await list({ search: '@mail.test' })).nodes).sort()).toEqual(['Aisha', 'Mateo', 'Noah']);
  });

  it("matches the company's name", async () => {
    expect(names((await list({ search: 'borealis retr' })).nodes).sort()).toEqual(['Chloe', 'Ethan', 'Mayra']);
  });

  it('treats LIKE wildcards as plain characters', async () => {
    expect(names((await list({ search: 'sofia_' })).nodes)).toEqual(['Sofia']);
    expect((await list({ search: '%' })).totalCount).toBe(0);
    expect((await list({ search: 'a_sha' })).totalCount).toBe(0);
  });

  it('combines with filters and an explicit sort', async () => {
    const page = await list({ search: 'aurora', filter: { lifecycleStages: ['LEAD', 'OPPORTUNITY'] }, sort: { field: 'NAME', direction: 'DESC' } });
    expect(names(page.nodes)).toEqual(['Liam', 'Maya']);
  });
});

describe('sorting', () => {
  it('by name both ways', async () => {
    const byLast = [...ALL].sort((a, b) => a.lastName.localeCompare(b.lastName)).map((s) => s.firstName);
    expect(names((await list({ sort: { field: 'NAME' }, limit: 50 })).nodes)).toEqual(byLast);
    expect(names((await list({ sort: { field: 'NAME', direction: 'DESC' }, limit: 50 })).nodes)).toEqual([...byLast].reverse());
  });

  it('by lead score, highest first', async () => {
    const byScore = [...ALL].sort((a, b) => b.leadScore - a.leadScore).map((s) => s.firstName);
    expect(names((await list({ sort: { field: 'LEAD_SCORE', direction: 'DESC' }, limit: 50 })).nodes)).toEqual(byScore);
  });

  it('newest first by default', async () => {
    const nodes = (await list({ limit: 50 })).nodes;
    expect(names(nodes.slice(0, SECOND_BATCH.length)).sort()).toEqual(SECOND_BATCH.map((s) => s.firstName).sort());
  });

  it('only by the allowed fields', async () => {
    const r = await crm.run(LIST, { sort: { field: 'PASSWORD' } });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    const injected = await crm.run(`{ contacts(sort: { field: "last_name; drop table contact" }) { totalCount } }`);
    expect(codes(injected)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect((await list({})).totalCount).toBe(ALL.length);
  });
});

describe('pagination', () => {
  it('walks every contact once, with the same total on each page', async () => {
    const sort = { field: 'NAME' };
    const pages = [await list({ sort, limit: 5, offset: 0 }), await list({ sort, limit: 5, offset: 5 }), await list({ sort, limit: 5, offset: 10 })];
    expect(pages.map((p) => p.totalCount)).toEqual([12, 12, 12]);
    expect(pages.map((p) => p.nodes.length)).toEqual([5, 5, 2]);
    const all = pages.flatMap((p) => p.nodes.map((n) => n.id));
    expect(new Set(all).size).toBe(12);
    expect(all).toEqual((await list({ sort, limit: 12 })).nodes.map((n) => n.id));
  });

  it('refuses limits outside 1..200 and negative offsets', async () => {
    for (const vars of [{ limit: 0 }, { limit: 201 }, { offset: -1 }]) {
      expect(codes(await crm.run(LIST, vars))).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('pages the contacts of each company', async () => {
    const r = ok(
      await crm.run<{ companies: { nodes: { name: string; contacts: { totalCount: number; nodes: { firstName: string }[] } }[] } }>(
        `{ companies(sort: { field: NAME }) { nodes { name contacts(limit: 2) { totalCount nodes { firstName } } } } }`,
        {},
        as.viewer,
      ),
    );
    const expected = (key: keyof typeof company) => {
      const mine = ALL.filter((s) => s.company === key).sort((a, b) => a.lastName.localeCompare(b.lastName));
      return { totalCount: mine.length, nodes: mine.slice(0, 2).map((s) => ({ firstName: s.firstName })) };
    };
    expect(r.companies.nodes).toEqual([
      { name: 'Aurora Expeditions', contacts: expected('aurora') },
      { name: 'Borealis Retreats', contacts: expected('borealis') },
      { name: 'Cascade Wellness', contacts: expected('cascade') },
    ]);
  });
});

describe('companies', () => {
  const COMPANIES = `query($filter: CompanyFilter, $search: String, $sort: CompanySort, $limit: Int, $offset: Int) {
    companies(filter: $filter, search: $search, sort: $sort, limit: $limit, offset: $offset) { totalCount nodes { name } }
  }`;
  const companies = async (vars: Record<string, unknown>) =>
    ok(await crm.run<{ companies: { totalCount: number; nodes: { name: string }[] } }>(COMPANIES, vars, as.viewer)).companies;

  it('filters by status, tier, type and tags', async () => {
    expect((await companies({ filter: { statuses: ['ACTIVE_CLIENT', 'NEGOTIATING'] } })).nodes.map((c) => c.name).sort()).toEqual([
      'Aurora Expeditions',
      'Borealis Retreats',
    ]);
    expect((await companies({ filter: { accountTiers: ['GROWTH'] } })).nodes).toEqual([{ name: 'Borealis Retreats' }]);
    expect((await companies({ filter: { companyTypes: ['NONPROFIT'] } })).nodes).toEqual([{ name: 'Cascade Wellness' }]);
    expect((await companies({ filter: { tags: ['cruise'] } })).nodes).toEqual([{ name: 'Aurora Expeditions' }]);
    expect((await companies({ filter: { leadScoreMin: 50 } })).totalCount).toBe(2);
  });

  it('searches names, ignoring case', async () => {
    expect((await companies({ search: 'RETREAT' })).nodes).toEqual([{ name: 'Borealis Retreats' }]);
  });

  it('sorts by travel budget with unknown budgets last', async () => {
    const desc = await companies({ sort: { field: 'ANNUAL_TRAVEL_BUDGET', direction: 'DESC' } });
    expect(desc.nodes.map((c) => c.name)).toEqual(['Aurora Expeditions', 'Borealis Retreats', 'Cascade Wellness']);
    const asc = await companies({ sort: { field: 'ANNUAL_TRAVEL_BUDGET', direction: 'ASC' } });
    expect(asc.nodes.map((c) => c.name)).toEqual(['Borealis Retreats', 'Aurora Expeditions', 'Cascade Wellness']);
  });

  it('pages with a stable total', async () => {
    const first = await companies({ sort: { field: 'NAME' }, limit: 2 });
    const second = await companies({ sort: { field: 'NAME' }, limit: 2, offset: 2 });
    expect([first.totalCount, second.totalCount]).toEqual([3, 3]);
    expect([...first.nodes, ...second.nodes].map((c) => c.name)).toEqual(['Aurora Expeditions', 'Borealis Retreats', 'Cascade Wellness']);
  });
});
