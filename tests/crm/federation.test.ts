import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '@nexus/platform';
import { DEMO_COMPANY_COUNT, DEMO_CONTACT_COUNT, seedCrm } from '../../subgraphs/crm/src/seed.ts';
import { codes, ok } from '../support/results.ts';
import { as, startCrm, type Crm } from './harness.ts';

/** The demo data set: 60 companies and 400 contacts owned by the demo staff. */
let crm: Crm;
beforeAll(async () => {
  crm = await startCrm({ seed: true });
});
afterAll(async () => {
  await crm?.stop();
});

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Contact { id firstName company { id name } owner { id } }
  ... on Company { id name contacts(first: 3) { totalCount nodes { id } } }
  ... on User { id contacts(first: 2) { totalCount nodes { id owner { id } } } }
} }`;

interface PageOf<T> {
  totalCount: number;
  nodes: T[];
}

describe('demo data', () => {
  it('holds 60 companies and 400 contacts, and seeding again adds nothing', async () => {
    const counts = `{ contacts { totalCount } companies { totalCount } }`;
    expect(ok(await crm.run(counts, {}, as.viewer))).toEqual({
      contacts: { totalCount: DEMO_CONTACT_COUNT },
      companies: { totalCount: DEMO_COMPANY_COUNT },
    });
    expect(await seedCrm(crm.deps.orm.em.fork())).toBeNull();
    expect(ok(await crm.run(counts, {}, as.viewer))).toEqual({
      contacts: { totalCount: DEMO_CONTACT_COUNT },
      companies: { totalCount: DEMO_COMPANY_COUNT },
    });
  });

  it('uses every value of every enum', async () => {
    const enumValues = async (name: string) => {
      const r = await crm.deps.orm.em
        .fork()
        .getConnection()
        .execute<{ v: string }[]>(`select unnest(enum_range(null::"${name}"))::text as v`);
      return r.map((row) => row.v);
    };
    const columns: [string, string, string][] = [
      ['contact', 'lifecycle_stage', 'nx_lifecycle_stage'],
      ['contact', 'lead_status', 'nx_lead_status'],
      ['contact', 'lead_source', 'nx_lead_source'],
      ['contact', 'contact_role', 'nx_contact_role'],
      ['company', 'company_type', 'nx_company_type'],
      ['company', 'status', 'nx_company_status'],
      ['company', 'account_tier', 'nx_account_tier'],
      ['company', 'engagement_level', 'nx_engagement_level'],
    ];
    for (const [table, column, type] of columns) {
      const used = await crm.deps.orm.em
        .fork()
        .getConnection()
        .execute<{ v: string }[]>(
          `select distinct "${column}"::text as v from "${table}" where "${column}" is not null`,
        );
      expect(used.map((r) => r.v).sort(), `${table}.${column}`).toEqual((await enumValues(type)).sort());
    }
  });

  it('is owned mostly by advisors and agents', async () => {
    const page = ok(
      await crm.run<{ contacts: { nodes: { owner: { id: string } | null }[] } }>(
        `{ contacts(first: 100) { nodes { owner { id } } } }`,
        {},
        as.viewer,
      ),
    );
    const roleOf = new Map<string, string>(DEMO_USERS.map((u) => [u.id, u.role]));
    const roles = page.contacts.nodes.map((n) => (n.owner ? roleOf.get(n.owner.id) : undefined));
    expect(roles.every((r) => r !== undefined)).toBe(true);
    expect(roles.filter((r) => r === 'ADVISOR' || r === 'AGENT').length).toBeGreaterThan(
      page.contacts.nodes.length * 0.75,
    );
  });
});

describe('_entities', () => {
  it('resolves a Contact reference with its company and owner stub', async () => {
    const { contacts } = ok(
      await crm.run<{
        contacts: {
          nodes: { id: string; firstName: string; company: { id: string; name: string }; owner: { id: string } }[];
        };
      }>(
        `{ contacts(first: 1, filter: { lifecycleStages: [CUSTOMER] }, orderBy: { field: NAME }) { nodes { id firstName company { id name } owner { id } } } }`,
      ),
    );
    const [first] = contacts.nodes;
    expect(first).toBeDefined();
    const r = ok(await crm.run(ENTITIES, { r: [{ __typename: 'Contact', id: first?.id }] }, as.viewer));
    expect(r).toEqual({ _entities: [first] });
  });

  it('resolves a Company reference with its contacts, and null for an unknown id', async () => {
    const { companies } = ok(
      await crm.run<{ companies: { nodes: { id: string; name: string }[] } }>(
        `{ companies(first: 1, orderBy: { field: NAME }) { nodes { id name } } }`,
      ),
    );
    const [first] = companies.nodes;
    const r = ok(
      await crm.run<{ _entities: ({ id: string; name: string; contacts: PageOf<{ id: string }> } | null)[] }>(
        ENTITIES,
        {
          r: [
            { __typename: 'Company', id: first?.id },
            { __typename: 'Company', id: '5b0c6f0e-1111-4222-8333-444455556666' },
          ],
        },
        as.viewer,
      ),
    );
    const [company, missing] = r._entities;
    expect(company).toMatchObject({ id: first?.id, name: first?.name });
    const all = ok(
      await crm.run<{ contacts: { totalCount: number } }>(
        `query($c: ID) { contacts(filter: { companyId: $c }) { totalCount } }`,
        { c: first?.id },
      ),
    );
    expect(company?.contacts.totalCount).toBe(all.contacts.totalCount);
    expect(company?.contacts.nodes.length).toBe(Math.min(3, all.contacts.totalCount));
    expect(missing).toBeNull();
  });

  it('adds contacts to a User owned by identity', async () => {
    const advisor = DEMO_USERS[2].id;
    const agent = DEMO_USERS[3].id;
    const r = ok(
      await crm.run<{ _entities: { id: string; contacts: PageOf<{ id: string; owner: { id: string } }> }[] }>(
        ENTITIES,
        {
          r: [
            { __typename: 'User', id: advisor },
            { __typename: 'User', id: agent },
          ],
        },
        as.viewer,
      ),
    );
    for (const [i, id] of [advisor, agent].entries()) {
      const user = r._entities[i];
      const owned = ok(
        await crm.run<{ contacts: { totalCount: number } }>(
          `query($o: ID) { contacts(filter: { ownerId: $o }) { totalCount } }`,
          { o: id },
        ),
      );
      expect(user?.id).toBe(id);
      expect(user?.contacts.totalCount).toBe(owned.contacts.totalCount);
      expect(user?.contacts.nodes).toHaveLength(2);
      expect(user?.contacts.nodes.every((n) => n.owner.id === id)).toBe(true);
    }
  });

  it('keeps ranks on entity fields', async () => {
    const { contacts } = ok(
      await crm.run<{ contacts: { nodes: { id: string }[] } }>(`{ contacts(first: 1) { nodes { id } } }`),
    );
    const r = await crm.run(ENTITIES, { r: [{ __typename: 'Contact', id: contacts.nodes[0]?.id }] }, as.anonymous);
    expect(new Set(codes(r))).toEqual(new Set(['UNAUTHENTICATED']));
    expect(JSON.stringify(r.data)).not.toContain('firstName');
  });
});

describe('SQL statements per page', () => {
  const PAGE = `query($first: Int) { contacts(first: $first, orderBy: { field: NAME }) {
    totalCount nodes { id firstName email company { id name } owner { id } }
  } }`;

  it('a page of contacts with company and owner costs the same for 10 rows as for 100', async () => {
    type Page = { contacts: PageOf<{ company: { name: string } | null; owner: { id: string } | null }> };
    const ten = await crm.countStatements<Page>(PAGE, { first: 10 }, as.viewer);
    const hundred = await crm.countStatements<Page>(PAGE, { first: 100 }, as.viewer);
    expect(ok(ten.result).contacts.nodes).toHaveLength(10);
    const nodes = ok(hundred.result).contacts.nodes;
    expect(nodes).toHaveLength(100);
    expect(nodes.filter((n) => n.company && n.owner).length).toBeGreaterThan(50);
    expect(ten.count).toBe(hundred.count);
    // the page counting its matches in the same statement, and one batched lookup of all the companies
    expect(hundred.count).toBe(2);
  });

  it('two pages of one list under aliases count its matches once, and both say the same total', async () => {
    type Page = { totalCount: number; nodes: { id: string }[]; pageInfo: { endCursor: string } };
    const LIST = `totalCount nodes { id } pageInfo { endCursor }`;
    const first = ok(
      await crm.run<{ contacts: Page }>(`{ contacts(first: 3, orderBy: { field: NAME }) { ${LIST} } }`, {}, as.viewer),
    ).contacts;
    const all = ok(
      await crm.run<{ contacts: { nodes: { id: string }[] } }>(
        `{ contacts(first: 100, orderBy: { field: NAME }) { nodes { id } } }`,
        {},
        as.viewer,
      ),
    ).contacts.nodes;
    const both = await crm.countStatements<{ a: Page; b: Page }>(
      `query($after: String) {
        a: contacts(first: 3, orderBy: { field: NAME }) { ${LIST} }
        b: contacts(first: 3, after: $after, orderBy: { field: NAME }) { ${LIST} }
      }`,
      { after: first.pageInfo.endCursor },
      as.viewer,
    );
    const { a, b } = ok(both.result);
    expect(a.totalCount).toBe(first.totalCount);
    expect(b.totalCount).toBe(first.totalCount);
    expect([...a.nodes, ...b.nodes].map((n) => n.id)).toEqual(all.slice(0, 6).map((n) => n.id));
    // the first page counting in its own statement, and the second page, sharing that count
    expect(both.count).toBe(2);
  });

  it('companies with their first contacts and counts cost the same for 10 companies as for 60', async () => {
    type Page = { companies: PageOf<{ contacts: PageOf<{ company: { id: string } }> }> };
    const COMPANIES = `query($first: Int) { companies(first: $first) { nodes { id owner { id } contacts(first: 5) { totalCount nodes { id company { id } } } } } }`;
    const ten = await crm.countStatements<Page>(COMPANIES, { first: 10 }, as.viewer);
    const sixty = await crm.countStatements<Page>(COMPANIES, { first: 60 }, as.viewer);
    const nodes = ok(sixty.result).companies.nodes;
    expect(nodes).toHaveLength(60);
    expect(nodes.some((c) => c.contacts.nodes.length === 5)).toBe(true);
    expect(ten.count).toBe(sixty.count);
    // companies with their count (a first page counts in its own statement), the first contacts of
    // all of them, their counts, and those contacts' companies
    expect(sixty.count).toBe(4);
  });
});
