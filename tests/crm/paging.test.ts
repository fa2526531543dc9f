import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, ok } from '../support/results.ts';
import { as, startCrm, type Crm } from './harness.ts';

/**
 * Keyset paging under writes: a client pages through 1,000 contacts, 100 at a time, while another
 * client adds contacts between its pages. Every contact that was there before is seen exactly once.
 */
let crm: Crm;
const PRE_EXISTING = 1000;

beforeAll(async () => {
  crm = await startCrm();
  // Straight into the table: the point is the paging, not 1,000 createContact round trips. Contacts
  // share their creation time in pairs, so ties must be broken by the id. Times are whole
  // milliseconds, as the application writes them (cursors carry JavaScript dates).
  await crm.deps.orm.em
    .fork()
    .getConnection()
    .execute(
      `insert into "contact" ("id", "first_name", "last_name", "email", "created_at", "updated_at")
       select gen_random_uuid(), 'Pre', 'Existing ' || lpad(i::text, 4, '0'), 'pre' || i || '@paging.test',
              date_trunc('milliseconds', now()) - interval '1 day' + (i / 2) * interval '1 second',
              date_trunc('milliseconds', now()) - interval '1 day'
       from generate_series(1, ${PRE_EXISTING}) as i`,
    );
});
afterAll(async () => {
  await crm?.stop();
});

const PAGE = `query($first: Int, $after: String, $orderBy: ContactOrder) {
  contacts(first: $first, after: $after, orderBy: $orderBy) {
    totalCount nodes { id lastName } pageInfo { hasNextPage endCursor }
  }
}`;
type Page = {
  contacts: {
    totalCount: number;
    nodes: { id: string; lastName: string }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

let inserted = 0;
/** Another client (an agent) adds contacts that sort everywhere: first, last and in between. */
async function insertSome() {
  for (const lastName of ['Aaaa', 'Existing 0500x', 'Zzzz']) {
    inserted++;
    ok(
      await crm.run(
        `mutation($input: CreateContactInput!) { createContact(input: $input) { id } }`,
        { input: { firstName: 'New', lastName: `${lastName} ${inserted}` } },
        as.agent,
      ),
    );
  }
}

async function walk(orderBy: Record<string, string> | null) {
  const before = new Set(
    (
      await crm.deps.orm.em
        .fork()
        .getConnection()
        .execute<{ id: string }[]>(`select "id" from "contact" where "deleted_at" is null`)
    ).map((r) => r.id),
  );
  const seen: string[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const { contacts }: Page = ok(await crm.run<Page>(PAGE, { first: 100, after, orderBy }, as.viewer));
    seen.push(...contacts.nodes.map((n) => n.id));
    pages++;
    if (!contacts.pageInfo.hasNextPage) break;
    after = contacts.pageInfo.endCursor;
    await insertSome();
  }
  const seenBefore = seen.filter((id) => before.has(id));
  return { before, seen, seenBefore, pages };
}

describe('paging while contacts are added', () => {
  it('newest first (the default): every pre-existing contact once, none skipped or repeated', async () => {
    const { before, seen, seenBefore, pages } = await walk(null);
    expect(before.size).toBeGreaterThanOrEqual(PRE_EXISTING);
    expect(pages).toBeGreaterThanOrEqual(10);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seenBefore.length).toBe(before.size);
    expect(new Set(seenBefore)).toEqual(before);
  });

  it('by createdAt descending, explicitly', async () => {
    const { before, seen, seenBefore } = await walk({ field: 'CREATED_AT', direction: 'DESC' });
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set(seenBefore)).toEqual(before);
    expect(seenBefore.length).toBe(before.size);
  });

  it('by name, with new contacts sorting before, inside and after the pages already read', async () => {
    const { before, seen, seenBefore } = await walk({ field: 'NAME', direction: 'ASC' });
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set(seenBefore)).toEqual(before);
    expect(seenBefore.length).toBe(before.size);
  });
});

describe('page sizes', () => {
  it('refuses first: 101 as BAD_USER_INPUT on that field', async () => {
    const r = await crm.run(`{ contacts(first: 101) { totalCount } }`, {}, as.viewer);
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors?.[0]?.path).toEqual(['contacts']);
    expect(JSON.stringify(r.errors?.[0]?.extensions?.fields)).toContain('"first"');
  });

  it('keeps the rest of the answer when a nested page size is refused', async () => {
    const company = ok(
      await crm.run<{ createCompany: { id: string } }>(
        `mutation { createCompany(input: { name: "Paging Co" }) { id } }`,
        {},
        as.advisor,
      ),
    ).createCompany;
    const r = await crm.run<{ companies: { nodes: { name: string; contacts: unknown }[] }; contact: unknown }>(
      `{ companies(first: 1) { nodes { name contacts(first: 500) { totalCount } } } }`,
      {},
      as.viewer,
    );
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.data?.companies.nodes[0]?.name).toBe('Paging Co');
    expect(r.data?.companies.nodes[0]?.contacts).toBeNull();
    expect(company.id).toBeTruthy();
  });
});
