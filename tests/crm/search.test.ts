import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type System } from '../support/system.ts';
import { codes, data, signInStaff, type Staff } from '../support/staff.ts';
import { createDeal } from './kit.ts';

/** One search over contacts, companies and deals, ranked, through the gateway (on top of the demo data). */
let system: System;
let staff: Staff;
const id: Record<string, string> = {};
beforeAll(async () => {
  system = await startSystem();
  staff = await signInStaff(system);
  const company = data(
    await staff.as.advisor<{ createCompany: { id: string } }>(
      `mutation { createCompany(input: { name: "Quillfeather Expeditions", domain: "quillfeather.example", industry: "Travel" }) { id } }`,
    ),
  ).createCompany;
  id.company = company.id;
  const contact = async (key: string, input: string) => {
    id[key] = data(
      await staff.as.advisor<{ createContact: { id: string } }>(
        `mutation { createContact(input: { ${input} }) { id } }`,
      ),
    ).createContact.id;
  };
  await contact(
    'xanthe',
    `firstName: "Xanthe", lastName: "Quillfeather", email: "xq@quillfeather.example", companyId: "${company.id}"`,
  );
  await contact('moss', `firstName: "Xanthe", lastName: "Moss", email: "xanthe.moss@mail.example"`);
  await contact('tern', `firstName: "Sable", lastName: "Tern", jobTitle: "Chief Wanderlust Officer"`);
  await contact('ternwood', `firstName: "Sable", lastName: "Ternwood"`);
  await contact('gone', `firstName: "Zephyrine", lastName: "Quillfeather"`);
  data(await staff.as.manager(`mutation($id: ID!) { deleteContact(id: $id) { id } }`, { id: id.gone }));
  id.deal = (await createDeal(staff, { title: 'Quillfeather leadership retreat', companyId: company.id })).id;
});
afterAll(async () => system?.close());

const SEARCH = `query($q: String!, $kinds: [SearchKind!], $first: Int, $after: String) {
  search(filter: { search: $q, kinds: $kinds }, first: $first, after: $after) {
    totalCount
    nodes { kind id title subtitle score contact { id firstName } company { id name } deal { id title stage { name } } }
  }
}`;
interface Hit {
  kind: string;
  id: string;
  title: string;
  subtitle: string | null;
  score: number;
  contact: { id: string } | null;
  company: { id: string } | null;
  deal: { id: string } | null;
}
const search = async (q: string, extra: Record<string, unknown> = {}) =>
  data(await staff.as.viewer<{ search: { totalCount: number; nodes: Hit[] } }>(SEARCH, { q, ...extra })).search;

describe('search', () => {
  it('finds contacts, companies and deals in one ranked list, each with its record', async () => {
    const r = await search('quillfeather');
    expect(r.nodes.map((h) => [h.kind, h.id]).sort()).toEqual(
      [
        ['COMPANY', id.company],
        ['CONTACT', id.xanthe],
        ['DEAL', id.deal],
      ].sort(),
    );
    expect(r.totalCount).toBe(3);
    const scores = r.nodes.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const contact = r.nodes.find((h) => h.kind === 'CONTACT');
    expect(contact).toMatchObject({
      title: 'Xanthe Quillfeather',
      subtitle: 'xq@quillfeather.example',
      contact: { id: id.xanthe, firstName: 'Xanthe' },
      company: null,
      deal: null,
    });
    expect(r.nodes.find((h) => h.kind === 'DEAL')).toMatchObject({
      title: 'Quillfeather leadership retreat',
      subtitle: 'Lead',
      deal: { id: id.deal },
    });
    expect(r.nodes.find((h) => h.kind === 'COMPANY')).toMatchObject({
      subtitle: 'quillfeather.example',
      company: { id: id.company },
    });
  });

  it('puts the closest match first', async () => {
    const full = await search('Sable Tern');
    expect(full.nodes.slice(0, 2).map((h) => h.id)).toEqual([id.tern, id.ternwood]);
    const both = await search('xanthe quill');
    expect(both.nodes[0]?.id).toBe(id.xanthe);
    expect(both.nodes.map((h) => h.id)).not.toContain(id.moss);
    const first = await search('xanthe');
    expect(first.nodes.map((h) => h.id)).toEqual(expect.arrayContaining([id.xanthe, id.moss]));
  });

  it('matches word beginnings, email and domain words, job titles, and names with a typo', async () => {
    expect((await search('quillf')).nodes.map((h) => h.id)).toContain(id.xanthe);
    expect((await search('xanthe.moss')).nodes[0]?.id).toBe(id.moss);
    expect((await search('wanderlust officer')).nodes[0]?.id).toBe(id.tern);
    const typo = await search('Quilfeather');
    expect(typo.nodes.map((h) => h.id)).toEqual(expect.arrayContaining([id.xanthe, id.company, id.deal]));
  });

  it('leaves out deleted records, narrows by kind, and refuses a query with nothing to search for', async () => {
    expect((await search('zephyrine')).totalCount).toBe(0);
    const deals = await search('quillfeather', { kinds: ['DEAL'] });
    expect(deals.nodes.map((h) => h.kind)).toEqual(['DEAL']);
    expect(deals.totalCount).toBe(1);
    expect(codes(await staff.as.viewer(SEARCH, { q: 'x' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await staff.as.viewer(SEARCH, { q: '%%&&' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await staff.as.viewer(SEARCH, { q: 'quill', first: 101 }))).toEqual(['BAD_USER_INPUT']);
    // Query syntax is never interpreted: it is only words.
    const syntax = await staff.as.viewer(SEARCH, { q: "quill:* | !x & 'y" });
    expect(syntax.errors).toBeUndefined();
  });
});
