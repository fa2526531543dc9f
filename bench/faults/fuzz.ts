/**
 * Hostile request bodies for the R10 soak, from a seed (so a run can be repeated): real operations
 * with wrong variables, control characters, bad dates, huge numbers, broken documents, deep nesting,
 * unknown fields and non-JSON. Every one must get a 4xx or a clean GraphQL error, never a 5xx.
 */
const OPERATIONS = [
  ['query($s: String) { contacts(first: 5, filter: { search: $s }) { nodes { id firstName } } }', 's'],
  ['query($n: Int) { contacts(first: $n) { totalCount } }', 'n'],
  ['query($a: String) { contacts(first: 2, after: $a) { nodes { id } } }', 'a'],
  ['query($id: ID!) { contact(id: $id) { id firstName company { name } } }', 'id'],
  ['query($s: String) { users(first: 3, filter: { search: $s }) { nodes { id } } }', 's'],
  ['query($o: TravelerOrder) { travelers(first: 3, orderBy: $o) { nodes { id } } }', 'o'],
  ['mutation($t: String!, $d: DateTime) { createTask(input: { title: $t, dueAt: $d }) { id } }', 'd'],
  ['mutation($e: String!) { login(email: $e, password: "x") { accessToken } }', 'e'],
] as const;

const VALUES: unknown[] = [
  'a\u0000b',
  'now',
  '2026-13-45',
  '\u001b[31m',
  'x'.repeat(20_000),
  -1,
  2 ** 53,
  1e308,
  0,
  101,
  null,
  true,
  { field: 'NOPE' },
  { field: 'DATE_OF_BIRTH' },
  ['a'],
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  '\ud800',
  'Robert"); DROP TABLE contact;--',
  '{"__proto__": {"admin": true}}',
];

const BROKEN = [
  '{ contacts(first: 1) { totalCount }',
  '{ contacts(first: "x") { totalCount } }',
  '{ nope }',
  `{ ${'contacts(first: 1) { nodes { company { contacts(first: 1) { nodes { '.repeat(8)} id ${'} } } } } }'.repeat(8)} }`,
  `{ ${Array.from({ length: 60 }, (_, i) => `a${i}: me { id }`).join(' ')} }`,
  'query { __schema { types { name } } }',
  'subscription { contactChanged { id } }',
  '',
];

/** One request body (a JSON string, or deliberately not JSON). */
export function fuzzRequest(seed: number): string {
  const pick = <T>(list: readonly T[], salt: number): T => list[(seed >>> salt) % list.length] as T;
  switch (seed % 5) {
    case 0:
      return JSON.stringify({ query: pick(BROKEN, 3) });
    case 1:
      return seed % 7 === 0 ? '{"query": ' : `not json ${seed}`.slice(0, 1 + (seed % 12));
    default: {
      const [query, variable] = pick(OPERATIONS, 2);
      return JSON.stringify({ query, variables: { t: 'task', [variable]: pick(VALUES, 5) } });
    }
  }
}
