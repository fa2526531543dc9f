import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../support/results.ts';
import { as, startCrm, type Crm } from './harness.ts';

/**
 * Lists and boards read plain rows instead of managed entities. Every answer (fields, order,
 * cursors, counts, ranking, nested pages) must be exactly what the entity path answers, for no more
 * SQL statements: each query below runs both ways on the same demo data and the answers are
 * compared whole. (`CRM_PLAIN_READS=0` selects the entity path, which benchmarks compare against.)
 */
let crm: Crm;
beforeAll(async () => {
  crm = await startCrm({ seed: true });
});
afterAll(async () => {
  await crm?.stop();
});

const CONTACT = `id firstName lastName email phone jobTitle lifecycleStage leadStatus leadSource contactRole leadScore
  city country address tags customFields createdAt updatedAt deletedAt company { id name } owner { id }`;
const COMPANY = `id name domain website status owner { id } annualTravelBudgetCents tags customFields createdAt updatedAt`;
const DEAL = `id title amountCents weightedAmountCents probability status stageEnteredAt expectedCloseDate closedAt tags
  createdAt updatedAt stage { id name position } pipeline { id name } company { id name }
  primaryContact { id firstName lastName } owner { id } lastActivity { id type subject occurredAt }`;
const PAGE_INFO = `totalCount edges { cursor } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;

interface Connection {
  totalCount: number;
  edges: { cursor: string }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** Runs a query on the plain-row path and on the entity path; both answers and statement counts. */
async function bothWays<T>(query: string, variables: Record<string, unknown> = {}) {
  const plain = await crm.countStatements<T>(query, variables, as.viewer);
  crm.deps.env.CRM_PLAIN_READS = false;
  try {
    const entities = await crm.countStatements<T>(query, variables, as.viewer);
    return { plain: plain.result, entities: entities.result, statements: [plain.count, entities.count] as const };
  } finally {
    crm.deps.env.CRM_PLAIN_READS = true;
  }
}

async function expectSame<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const { plain, entities, statements } = await bothWays<T>(query, variables);
  expect(ok(plain)).toEqual(ok(entities));
  expect(JSON.stringify(plain)).toBe(JSON.stringify(entities));
  expect(statements[0]).toBeLessThanOrEqual(statements[1]);
  return ok(plain);
}

describe('contacts list on plain rows', () => {
  const LIST = `query($first: Int, $after: String, $last: Int, $before: String, $orderBy: ContactOrder, $filter: ContactFilter) {
    contacts(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy, filter: $filter) {
      ${PAGE_INFO} nodes { ${CONTACT} }
    }
  }`;
  type Page = { contacts: Connection };

  it('answers the default page, and every page by name forward and back, as entities do', async () => {
    const first = await expectSame<Page>(LIST, { first: 25 });
    expect(first.contacts.edges).toHaveLength(25);
    let after: string | null = null;
    let pages = 0;
    do {
      const page: Page = await expectSame<Page>(LIST, {
        first: 40,
        after,
        orderBy: { field: 'NAME', direction: 'ASC' },
      });
      after = page.contacts.pageInfo.hasNextPage ? page.contacts.pageInfo.endCursor : null;
      if (page.contacts.pageInfo.startCursor && pages > 0)
        await expectSame<Page>(LIST, {
          last: 15,
          before: page.contacts.pageInfo.startCursor,
          orderBy: { field: 'NAME', direction: 'ASC' },
        });
      pages++;
    } while (after && pages < 20);
    expect(pages).toBeGreaterThan(1);
  });

  it('answers a page reading a few fields of each contact, whose page reads only their columns, as entities do', async () => {
    const NARROW = `query($first: Int, $after: String, $orderBy: ContactOrder) {
      contacts(first: $first, after: $after, orderBy: $orderBy) {
        ${PAGE_INFO} nodes { id firstName email company { id name } owner { id } }
      }
    }`;
    for (const orderBy of [undefined, { field: 'NAME', direction: 'ASC' }]) {
      const page = await expectSame<Page>(NARROW, { first: 25, orderBy });
      await expectSame<Page>(NARROW, { first: 25, after: page.contacts.pageInfo.endCursor, orderBy });
    }
  });

  it('answers sorted, filtered and ranked (search) pages as entities do', async () => {
    for (const field of ['EMAIL', 'LEAD_SCORE', 'LIFECYCLE_STAGE', 'CREATED_AT', 'UPDATED_AT'])
      for (const direction of ['ASC', 'DESC'])
        await expectSame<Page>(LIST, { first: 30, orderBy: { field, direction } });
    await expectSame<Page>(LIST, { first: 20, filter: { lifecycleStages: ['CUSTOMER', 'LEAD'] } });
    const ranked = await expectSame<Page>(LIST, { first: 10, filter: { search: 'an' } });
    expect(ranked.contacts.totalCount).toBeGreaterThan(0);
    await expectSame<Page>(LIST, { first: 10, after: ranked.contacts.pageInfo.endCursor, filter: { search: 'an' } });
    await expectSame<Page>(LIST, { first: 0 });
  });

  it('refuses a cursor from another list as entities do', async () => {
    const { plain, entities } = await bothWays(LIST, { first: 5, after: 'bm90LWEtY3Vyc29y' });
    expect(plain).toEqual(entities);
    expect(plain.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('companies list on plain rows', () => {
  const LIST = `query($first: Int, $after: String, $orderBy: CompanyOrder) {
    companies(first: $first, after: $after, orderBy: $orderBy) {
      ${PAGE_INFO}
      nodes { ${COMPANY} contacts(first: 3) { ${PAGE_INFO} nodes { ${CONTACT} } } deals(first: 2) { ${PAGE_INFO} nodes { id title } } }
    }
  }`;
  type Page = { companies: Connection & { nodes: { id: string; contacts: Connection }[] } };

  it('answers pages with their nested contacts and deals as entities do', async () => {
    const page = await expectSame<Page>(LIST, { first: 25 });
    await expectSame<Page>(LIST, { first: 25, after: page.companies.pageInfo.endCursor });
    await expectSame<Page>(LIST, { first: 25, orderBy: { field: 'NAME', direction: 'DESC' } });
    // A company's second page of contacts goes through keyset paging on its own.
    const withContacts = page.companies.nodes.find((c) => c.contacts.pageInfo.hasNextPage);
    expect(withContacts).toBeDefined();
    await expectSame(
      `query($id: ID!, $after: String) { company(id: $id) { contacts(first: 3, after: $after) { ${PAGE_INFO} nodes { ${CONTACT} } } } }`,
      { id: withContacts?.id, after: withContacts?.contacts.pageInfo.endCursor },
    );
  });
});

describe('deals list and board on plain rows', () => {
  const BOARD = `query($pipelineId: ID, $first: Int, $after: String, $last: Int, $before: String, $orderBy: DealOrder) {
    deals(filter: { pipelineId: $pipelineId }, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      ${PAGE_INFO}
      nodes { ${DEAL} activities(first: 2) { ${PAGE_INFO} nodes { id subject } } stageHistory(first: 2) { nodes { id toStage { id } } } }
    }
  }`;
  type Board = { deals: Connection };

  it('answers the board (stage order) page by page, forward and back, as entities do', async () => {
    const pipelines = ok(
      await crm.run<{ pipelines: { nodes: { id: string }[] } }>(`{ pipelines { nodes { id } } }`, {}, as.viewer),
    );
    const pipelineId = pipelines.pipelines.nodes[0]?.id;
    const orderBy = { field: 'STAGE', direction: 'ASC' };
    const first = await expectSame<Board>(BOARD, { pipelineId, first: 100, orderBy });
    expect(first.deals.edges).toHaveLength(100);
    const second = await expectSame<Board>(BOARD, {
      pipelineId,
      first: 30,
      after: first.deals.pageInfo.endCursor,
      orderBy,
    });
    await expectSame<Board>(BOARD, { pipelineId, last: 30, before: second.deals.pageInfo.startCursor, orderBy });
    await expectSame<Board>(BOARD, { pipelineId, first: 50, orderBy: { field: 'STAGE', direction: 'DESC' } });
  });

  it('answers a board reading a few fields of each deal, whose page reads only their columns, as entities do', async () => {
    const NARROW = `query($first: Int, $after: String, $orderBy: DealOrder) {
      deals(first: $first, after: $after, orderBy: $orderBy) {
        ${PAGE_INFO} nodes { __typename id title weightedAmountCents stage { id name } owner { id } }
      }
    }`;
    for (const field of ['STAGE', 'UPDATED_AT', 'TITLE']) {
      const page = await expectSame<Board>(NARROW, { first: 40, orderBy: { field, direction: 'DESC' } });
      await expectSame<Board>(NARROW, {
        first: 40,
        after: page.deals.pageInfo.endCursor,
        orderBy: { field, direction: 'DESC' },
      });
    }
  });

  it('reads linked rows with only the columns their fields select, and answers a record selected twice with different fields in full', async () => {
    // The fragment's \`company\` is one field node in both lists; in the first it merges with a wider selection.
    const LINKED = `query($first: Int) {
      wide: deals(first: $first, orderBy: { field: STAGE, direction: ASC }) {
        nodes {
          ...Linked
          company { id domain website owner { id } contacts(first: 1) { nodes { id } } }
          primaryContact { id email company { id name } }
          lastActivity { id body channel contact { id firstName } }
        }
      }
      narrow: deals(first: $first, orderBy: { field: STAGE, direction: ASC }) { nodes { ...Linked } }
    }
    fragment Linked on Deal { company { id name } primaryContact { id firstName lastName } lastActivity { id subject } }`;
    type Linked = {
      wide: { nodes: { company: { id: string; name: string; domain: string | null } | null }[] };
      narrow: { nodes: { company: { id: string; name: string; domain?: unknown } | null }[] };
    };
    const answer = await expectSame<Linked>(LINKED, { first: 30 });
    const companies = answer.wide.nodes.flatMap((d) => (d.company ? [d.company] : []));
    expect(companies.length).toBeGreaterThan(0);
    expect(companies.some((c) => c.domain)).toBe(true);
    expect(companies.every((c) => c.name)).toBe(true);
    expect(
      answer.narrow.nodes.flatMap((d) => (d.company ? [d.company] : [])).every((c) => c.name && !('domain' in c)),
    ).toBe(true);

    const { statements } = await crm.countStatements(
      `{ deals(first: 30) { nodes { company { id name } primaryContact { firstName } lastActivity { subject } } } }`,
      {},
      as.viewer,
    );
    expect(statements.filter((s) => /from "company"/.test(s))).toEqual([
      expect.stringMatching(/select t\."id", t\."name" from "company" /),
    ]);
    expect(statements.filter((s) => /from "contact"/.test(s))).toEqual([
      expect.stringMatching(/select t\."id", t\."first_name" from "contact" /),
    ]);
    expect(statements.filter((s) => /from "activity"/.test(s))).toEqual([
      expect.stringMatching(/select distinct on \(a\."deal_id"\) a\."id", a\."subject", a\."deal_id" from "activity"/),
    ]);
  });

  it('answers every other sort as entities do', async () => {
    for (const field of ['CREATED_AT', 'UPDATED_AT', 'TITLE', 'AMOUNT', 'EXPECTED_CLOSE_DATE', 'STAGE_ENTERED_AT']) {
      const page = await expectSame<Board>(BOARD, { first: 40, orderBy: { field, direction: 'DESC' } });
      await expectSame<Board>(BOARD, {
        first: 40,
        after: page.deals.pageInfo.endCursor,
        orderBy: { field, direction: 'DESC' },
      });
    }
  });

  it('costs the same statements for 100 deals as for 20', async () => {
    const counts = [];
    for (const first of [20, 100])
      counts.push((await bothWays(BOARD, { first, orderBy: { field: 'STAGE', direction: 'ASC' } })).statements[0]);
    expect(counts[0]).toBe(counts[1]);
  });
});
