import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, ok } from '../support/results.ts';
import { as, startCrm, type Crm } from './harness.ts';

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
  {
    key: 'maya',
    firstName: 'Maya',
    lastName: 'Nguyen',
    email: 'maya@aurora.test',
    lifecycleStage: 'LEAD',
    leadStatus: 'NEW',
    leadSource: 'REFERRAL',
    contactRole: 'C_SUITE',
    leadScore: 10,
    tags: ['vip'],
    company: 'aurora',
    owner: 'advisor',
  },
  {
    key: 'mayra',
    firstName: 'Mayra',
    lastName: 'Nunez',
    email: 'mayra@borealis.test',
    lifecycleStage: 'CUSTOMER',
    leadStatus: 'CONNECTED',
    leadSource: 'EVENT',
    contactRole: 'VP',
    leadScore: 80,
    tags: ['cruise'],
    company: 'borealis',
    owner: 'agent',
  },
  {
    key: 'liam',
    firstName: 'Liam',
    lastName: 'Okafor',
    email: 'liam@aurora.test',
    lifecycleStage: 'OPPORTUNITY',
    leadStatus: 'IN_PROGRESS',
    leadSource: 'WEBSITE_FORM',
    contactRole: 'DIRECTOR',
    leadScore: 55,
    tags: ['offsite', 'vip'],
    company: 'aurora',
    owner: 'advisor',
  },
  {
    key: 'priya',
    firstName: 'Priya',
    lastName: 'Patel',
    email: 'priya@cascade.test',
    lifecycleStage: 'LEAD',
    leadStatus: 'ATTEMPTED_TO_CONTACT',
    leadSource: 'COLD_EMAIL',
    contactRole: 'HR_CULTURE',
    leadScore: 30,
    tags: [],
    company: 'cascade',
    owner: 'agent',
  },
  {
    key: 'noah',
    firstName: 'Noah',
    lastName: 'Garcia',
    email: 'noah@mail.test',
    lifecycleStage: 'SUBSCRIBER',
    leadStatus: 'NEW',
    leadSource: 'ORGANIC_SEARCH',
    contactRole: 'INDIVIDUAL',
    leadScore: 0,
    tags: ['newsletter'],
    company: null,
    owner: 'advisor',
  },
  {
    key: 'sofia',
    firstName: 'Sofia',
    lastName: 'Rossi',
    email: 'sofia_r@cascade.test',
    lifecycleStage: 'REPEAT_CUSTOMER',
    leadStatus: 'OPEN_DEAL',
    leadSource: 'REFERRAL',
    contactRole: 'TRAVEL_COORDINATOR',
    leadScore: 95,
    tags: ['cruise', 'vip'],
    company: 'cascade',
    owner: 'advisor',
  },
];
const SECOND_BATCH: Seed[] = [
  {
    key: 'ethan',
    firstName: 'Ethan',
    lastName: 'Kim',
    email: 'ethan@borealis.test',
    lifecycleStage: 'MARKETING_QUALIFIED',
    leadStatus: 'NURTURING',
    leadSource: 'LINKEDIN_INBOUND',
    contactRole: 'OFFICE_MANAGER',
    leadScore: 40,
    tags: ['offsite'],
    company: 'borealis',
    owner: 'agent',
  },
  {
    key: 'aisha',
    firstName: 'Aisha',
    lastName: 'Haddad',
    email: 'aisha@mail.test',
    lifecycleStage: 'EVANGELIST',
    leadStatus: 'CONNECTED',
    leadSource: 'SOCIAL_MEDIA',
    contactRole: 'INDIVIDUAL',
    leadScore: 70,
    tags: ['family'],
    company: null,
    owner: 'agent',
  },
  {
    key: 'lucas',
    firstName: 'Lucas',
    lastName: 'Silva',
    email: 'lucas@aurora.test',
    lifecycleStage: 'SALES_QUALIFIED',
    leadStatus: 'IN_PROGRESS',
    leadSource: 'LINKEDIN_OUTREACH',
    contactRole: 'EXECUTIVE_ASSISTANT',
    leadScore: 60,
    tags: [],
    company: 'aurora',
    owner: 'advisor',
  },
  {
    key: 'chloe',
    firstName: 'Chloe',
    lastName: 'Dubois',
    email: 'chloe@borealis.test',
    lifecycleStage: 'CUSTOMER',
    leadStatus: 'OPEN_DEAL',
    leadSource: 'BUDDY_CHAT',
    contactRole: 'OTHER',
    leadScore: 20,
    tags: ['cruise'],
    company: 'borealis',
    owner: 'advisor',
  },
  {
    key: 'mateo',
    firstName: 'Mateo',
    lastName: 'Moreno',
    email: 'mateo@mail.test',
    lifecycleStage: 'OTHER',
    leadStatus: 'UNQUALIFIED',
    leadSource: 'BUILTIN_LIST',
    contactRole: 'OTHER',
    leadScore: 5,
    tags: [],
    company: null,
    owner: 'agent',
  },
  {
    key: 'hana',
    firstName: 'Hana',
    lastName: 'Tanaka',
    email: 'hana@cascade.test',
    lifecycleStage: 'LEAD',
    leadStatus: 'BAD_TIMING',
    leadSource: 'OTHER',
    contactRole: 'VP',
    leadScore: 45,
    tags: ['retreat'],
    company: 'cascade',
    owner: 'agent',
  },
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
    [
      'aurora',
      {
        name: 'Aurora Expeditions',
        status: 'ACTIVE_CLIENT',
        accountTier: 'STRATEGIC',
        companyType: 'CORPORATE',
        annualTravelBudgetCents: 250_000_00,
        leadScore: 90,
        tags: ['cruise'],
      },
    ],
    [
      'borealis',
      {
        name: 'Borealis Retreats',
        status: 'NEGOTIATING',
        accountTier: 'GROWTH',
        companyType: 'STARTUP',
        annualTravelBudgetCents: 40_000_00,
        leadScore: 50,
        tags: ['offsite'],
      },
    ],
    ['cascade', { name: 'Cascade Wellness', status: 'TARGET', companyType: 'NONPROFIT', leadScore: 10, tags: [] }],
  ];
  for (const [key, input] of companies) {
    const r = await crm.run<{ createCompany: { id: string } }>(
      `mutation($input: CreateCompanyInput!) { createCompany(input: $input) { id } }`,
      { input },
    );
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

const LIST = `query($filter: ContactFilter, $orderBy: ContactOrder, $first: Int, $after: String, $last: Int, $before: String) {
  contacts(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
    totalCount nodes { id firstName } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

interface ContactList {
  totalCount: number;
  nodes: { id: string; firstName: string }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}
async function list(vars: Record<string, unknown>) {
  return ok(await crm.run<{ contacts: ContactList }>(LIST, vars, as.viewer)).contacts;
}
const names = (nodes: { firstName: string }[]) => nodes.map((n) => n.firstName);
const namesWhere = (pred: (s: Seed) => boolean) =>
  ALL.filter(pred)
    .map((s) => s.firstName)
    .sort();

describe('filters', () => {
  const cases: [string, Record<string, unknown>, (s: Seed) => boolean][] = [
    [
      'lifecycle stages',
      { lifecycleStages: ['LEAD', 'CUSTOMER'] },
      (s) => s.lifecycleStage === 'LEAD' || s.lifecycleStage === 'CUSTOMER',
    ],
    ['lead status', { leadStatuses: ['OPEN_DEAL'] }, (s) => s.leadStatus === 'OPEN_DEAL'],
    ['lead source', { leadSources: ['REFERRAL'] }, (s) => s.leadSource === 'REFERRAL'],
    [
      'contact role',
      { contactRoles: ['VP', 'INDIVIDUAL'] },
      (s) => s.contactRole === 'VP' || s.contactRole === 'INDIVIDUAL',
    ],
    ['owner', { ownerId: as.agent.id }, (s) => s.owner === 'agent'],
    ['any of some tags', { tags: ['vip', 'retreat'] }, (s) => s.tags.includes('vip') || s.tags.includes('retreat')],
    ['lead score range', { leadScoreMin: 40, leadScoreMax: 70 }, (s) => s.leadScore >= 40 && s.leadScore <= 70],
    [
      'several conditions together',
      { lifecycleStages: ['LEAD'], ownerId: as.agent.id },
      (s) => s.lifecycleStage === 'LEAD' && s.owner === 'agent',
    ],
  ];
  it.each(cases)('by %s', async (_what, filter, pred) => {
    const page = await list({ filter, first: 50 });
    expect(names(page.nodes).sort()).toEqual(namesWhere(pred));
    expect(page.totalCount).toBe(ALL.filter(pred).length);
  });

  it('by company', async () => {
    const page = await list({ filter: { companyId: company.aurora }, first: 50 });
    expect(names(page.nodes).sort()).toEqual(namesWhere((s) => s.company === 'aurora'));
  });

  it('by creation time', async () => {
    expect(names((await list({ filter: { createdAfter: secondBatchFrom }, first: 50 })).nodes).sort()).toEqual(
      SECOND_BATCH.map((s) => s.firstName).sort(),
    );
    expect(names((await list({ filter: { createdBefore: secondBatchFrom }, first: 50 })).nodes).sort()).toEqual(
      FIRST_BATCH.map((s) => s.firstName).sort(),
    );
  });

  it('refuses a range whose ends are swapped, and a malformed id', async () => {
    const swapped = await crm.run(LIST, { filter: { leadScoreMin: 50, leadScoreMax: 10 } });
    expect(codes(swapped)).toEqual(['BAD_USER_INPUT']);
    expect(swapped.errors?.[0]?.extensions?.fields).toEqual([
      { path: 'filter.leadScoreMin', message: 'must not exceed leadScoreMax' },
    ]);
    expect(codes(await crm.run(LIST, { filter: { companyId: 'aurora' } }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('search', () => {
  it('matches part of a name, ignoring case', async () => {
    const page = await list({ filter: { search: 'MAY' } });
    expect(names(page.nodes).sort()).toEqual(['Maya', 'Mayra']);
    expect(page.totalCount).toBe(2);
    expect(names((await list({ filter: { search: 'nunez' } })).nodes)).toEqual(['Mayra']);
  });

  it('puts the closest match first', async () => {
    const r = await crm.run<{ createContact: { id: string } }>(
      `mutation($input: CreateContactInput!) { createContact(input: $input) { id } }`,
      { input: { firstName: 'Aurora', lastName: 'Lane', email: 'al@lane.test' } },
    );
    const id = ok(r).createContact.id;
    try {
      // Aurora Lane by name; Maya, Liam and Lucas only through their company and email domain.
      const page = await list({ filter: { search: 'aurora' } });
      expect(page.totalCount).toBe(4);
      expect(page.nodes[0]?.id).toBe(id);
      expect(names(page.nodes.slice(1)).sort()).toEqual(['Liam', 'Lucas', 'Maya']);
    } finally {
      ok(await crm.run(`mutation($id: ID!) { deleteContact(id: $id) { id } }`, { id }, as.manager));
    }
  });

  it('matches email addresses', async () => {
    expect(names((await list({ filter: { search: '@mail.test' } })).nodes).sort()).toEqual(['Aisha', 'Mateo', 'Noah']);
  });

  it("matches the company's name", async () => {
    expect(names((await list({ filter: { search: 'borealis retr' } })).nodes).sort()).toEqual([
      'Chloe',
      'Ethan',
      'Mayra',
    ]);
  });

  it('treats LIKE wildcards as plain characters', async () => {
    expect(names((await list({ filter: { search: 'sofia_' } })).nodes)).toEqual(['Sofia']);
    expect((await list({ filter: { search: '%' } })).totalCount).toBe(0);
    expect((await list({ filter: { search: 'a_sha' } })).totalCount).toBe(0);
  });

  it('combines with filters and an explicit sort', async () => {
    const page = await list({
      filter: { search: 'aurora', lifecycleStages: ['LEAD', 'OPPORTUNITY'] },
      orderBy: { field: 'NAME', direction: 'DESC' },
    });
    expect(names(page.nodes)).toEqual(['Liam', 'Maya']);
  });
});

describe('sorting', () => {
  it('by name both ways', async () => {
    const byLast = [...ALL].sort((a, b) => a.lastName.localeCompare(b.lastName)).map((s) => s.firstName);
    expect(names((await list({ orderBy: { field: 'NAME' }, first: 50 })).nodes)).toEqual(byLast);
    expect(names((await list({ orderBy: { field: 'NAME', direction: 'DESC' }, first: 50 })).nodes)).toEqual(
      [...byLast].reverse(),
    );
  });

  it('by lead score, highest first', async () => {
    const byScore = [...ALL].sort((a, b) => b.leadScore - a.leadScore).map((s) => s.firstName);
    expect(names((await list({ orderBy: { field: 'LEAD_SCORE', direction: 'DESC' }, first: 50 })).nodes)).toEqual(
      byScore,
    );
  });

  it('newest first by default', async () => {
    const nodes = (await list({ first: 50 })).nodes;
    expect(names(nodes.slice(0, SECOND_BATCH.length)).sort()).toEqual(SECOND_BATCH.map((s) => s.firstName).sort());
  });

  it('only by the allowed fields', async () => {
    const r = await crm.run(LIST, { orderBy: { field: 'PASSWORD' } });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    const injected = await crm.run(`{ contacts(orderBy: { field: "last_name; drop table contact" }) { totalCount } }`);
    expect(codes(injected)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect((await list({})).totalCount).toBe(ALL.length);
  });
});

describe('pagination', () => {
  it('walks every contact once, forward and back, with the same total on each page', async () => {
    const orderBy = { field: 'NAME' };
    const first = await list({ orderBy, first: 5 });
    const second = await list({ orderBy, first: 5, after: first.pageInfo.endCursor });
    const third = await list({ orderBy, first: 5, after: second.pageInfo.endCursor });
    const pages = [first, second, third];
    expect(pages.map((p) => p.totalCount)).toEqual([12, 12, 12]);
    expect(pages.map((p) => p.nodes.length)).toEqual([5, 5, 2]);
    expect(pages.map((p) => [p.pageInfo.hasPreviousPage, p.pageInfo.hasNextPage])).toEqual([
      [false, true],
      [true, true],
      [true, false],
    ]);
    const all = pages.flatMap((p) => p.nodes.map((n) => n.id));
    expect(new Set(all).size).toBe(12);
    expect(all).toEqual((await list({ orderBy, first: 12 })).nodes.map((n) => n.id));
    const back = await list({ orderBy, last: 5, before: third.pageInfo.startCursor });
    expect(back.nodes.map((n) => n.id)).toEqual(second.nodes.map((n) => n.id));
    const tail = await list({ orderBy, last: 3 });
    expect(tail.nodes.map((n) => n.id)).toEqual(all.slice(-3));
  });

  it('pages a search by position in the ranking', async () => {
    const whole = await list({ filter: { search: 'a' }, first: 50 });
    const one = await list({ filter: { search: 'a' }, first: 3 });
    const two = await list({ filter: { search: 'a' }, first: 3, after: one.pageInfo.endCursor });
    expect([...one.nodes, ...two.nodes].map((n) => n.id)).toEqual(whole.nodes.slice(0, 6).map((n) => n.id));
    expect(two.totalCount).toBe(whole.totalCount);
  });

  it('refuses page sizes outside 0..100 and cursors it did not hand out, naming the argument', async () => {
    for (const [vars, path] of [
      [{ first: 101 }, 'first'],
      [{ first: -1 }, 'first'],
      [{ last: 101 }, 'last'],
      [{ after: 'bm90IGEgY3Vyc29y' }, 'after'],
      [{ before: 'not a cursor!' }, 'before'],
    ] as const) {
      const r = await crm.run(LIST, vars);
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
      expect(JSON.stringify(r.errors?.[0]?.extensions?.fields)).toContain(`"${path}"`);
    }
  });

  it('refuses a nested page size above 100 at that field alone, keeping the rest of the answer', async () => {
    const r = await crm.run<{ companies: { nodes: { name: string; contacts: { totalCount: number } | null }[] } }>(
      `{ companies(first: 1, orderBy: { field: NAME }) { nodes { name contacts(first: 500) { totalCount } } } }`,
      {},
      as.viewer,
    );
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors?.[0]?.path).toEqual(['companies', 'nodes', 0, 'contacts']);
    expect(r.data?.companies.nodes[0]).toEqual({ name: 'Aurora Expeditions', contacts: null });
  });

  it('pages the contacts of each company', async () => {
    const r = ok(
      await crm.run<{
        companies: { nodes: { name: string; contacts: { totalCount: number; nodes: { firstName: string }[] } }[] };
      }>(
        `{ companies(orderBy: { field: NAME }) { nodes { name contacts(first: 2) { totalCount nodes { firstName } } } } }`,
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
  const COMPANIES = `query($filter: CompanyFilter, $orderBy: CompanyOrder, $first: Int, $after: String) {
    companies(filter: $filter, orderBy: $orderBy, first: $first, after: $after) { totalCount nodes { name } pageInfo { endCursor } }
  }`;
  const companies = async (vars: Record<string, unknown>) =>
    ok(
      await crm.run<{
        companies: { totalCount: number; nodes: { name: string }[]; pageInfo: { endCursor: string | null } };
      }>(COMPANIES, vars, as.viewer),
    ).companies;

  it('filters by status, tier, type and tags', async () => {
    expect(
      (await companies({ filter: { statuses: ['ACTIVE_CLIENT', 'NEGOTIATING'] } })).nodes.map((c) => c.name).sort(),
    ).toEqual(['Aurora Expeditions', 'Borealis Retreats']);
    expect((await companies({ filter: { accountTiers: ['GROWTH'] } })).nodes).toEqual([{ name: 'Borealis Retreats' }]);
    expect((await companies({ filter: { companyTypes: ['NONPROFIT'] } })).nodes).toEqual([
      { name: 'Cascade Wellness' },
    ]);
    expect((await companies({ filter: { tags: ['cruise'] } })).nodes).toEqual([{ name: 'Aurora Expeditions' }]);
    expect((await companies({ filter: { leadScoreMin: 50 } })).totalCount).toBe(2);
  });

  it('searches names, ignoring case', async () => {
    expect((await companies({ filter: { search: 'RETREAT' } })).nodes).toEqual([{ name: 'Borealis Retreats' }]);
  });

  it('sorts by travel budget with unknown budgets last', async () => {
    const desc = await companies({ orderBy: { field: 'ANNUAL_TRAVEL_BUDGET', direction: 'DESC' } });
    expect(desc.nodes.map((c) => c.name)).toEqual(['Aurora Expeditions', 'Borealis Retreats', 'Cascade Wellness']);
    const asc = await companies({ orderBy: { field: 'ANNUAL_TRAVEL_BUDGET', direction: 'ASC' } });
    expect(asc.nodes.map((c) => c.name)).toEqual(['Borealis Retreats', 'Aurora Expeditions', 'Cascade Wellness']);
  });

  it('pages with a stable total', async () => {
    const first = await companies({ orderBy: { field: 'NAME' }, first: 2 });
    const second = await companies({ orderBy: { field: 'NAME' }, first: 2, after: first.pageInfo.endCursor });
    expect([first.totalCount, second.totalCount]).toEqual([3, 3]);
    expect([...first.nodes, ...second.nodes].map((c) => c.name)).toEqual([
      'Aurora Expeditions',
      'Borealis Retreats',
      'Cascade Wellness',
    ]);
  });
});
