/**
 * Issue figure for search: `search(filter: { search })` across contacts, companies and deals on 100,000
 * contacts (plus 5,000 companies and 20,000 deals), measured at the crm subgraph (HTTP, with a
 * gateway-signed viewer token), over a mix of real-looking queries: names, name beginnings, two
 * words, email and domain words, and typos. Target: p95 under 50 ms.
 * - one client, one search at a time (the latency a user sees);
 * - 10 connections for BENCH_SECONDS (throughput, and latency under load).
 *
 *   npm run bench -- crm-search
 */
import autocannon from 'autocannon';
import { createLogger, signViewerToken, viewerFor } from '@nexus/platform';
import { loadCrmEnv } from '../subgraphs/crm/src/env.ts';
import { openCrm } from '../subgraphs/crm/src/runtime.ts';
import { percentile, record, round2, startStack } from './support.ts';

const CONTACTS = 100_000;
const COMPANIES = 5_000;
const DEALS = 20_000;
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const prefix = 'nexus_benchsearch_';

const FIRST = [
  'Maya',
  'Liam',
  'Priya',
  'Noah',
  'Sofia',
  'Ethan',
  'Aisha',
  'Lucas',
  'Chloe',
  'Mateo',
  'Hana',
  'Owen',
  'Zara',
  'Diego',
  'Ingrid',
  'Kofi',
  'Elena',
  'Ravi',
  'Grace',
  'Tomas',
  'Olivia',
  'Emma',
  'Ava',
  'Elijah',
  'Isabella',
  'Mia',
  'Levi',
  'Amelia',
  'Ezra',
  'Harper',
  'Asher',
  'Evelyn',
  'James',
  'Luna',
  'Leo',
  'Camila',
  'Henry',
  'Gianna',
  'Hudson',
  'Aria',
  'Scarlett',
  'Kai',
  'Penelope',
  'Julian',
  'Layla',
  'Theo',
  'Nora',
  'Samuel',
  'Zoe',
  'Miles',
  'Keiko',
  'Ines',
  'Omar',
  'Fatima',
  'Andre',
  'Lena',
  'Marcus',
  'Wei',
  'Jonah',
  'Ruth',
  'Felix',
  'Clara',
  'Idris',
  'Aaliyah',
  'Bruno',
  'Carmen',
  'Dmitri',
  'Esther',
  'Farah',
  'Gustav',
  'Helga',
  'Ivan',
  'Jasmine',
  'Kenji',
  'Leila',
  'Malik',
  'Nadia',
  'Oscar',
  'Pilar',
  'Quentin',
  'Rosa',
  'Stefan',
  'Tariq',
  'Uma',
  'Viktor',
  'Wanda',
  'Ximena',
  'Yusuf',
  'Zeynep',
];
const LAST = [
  'Nguyen',
  'Okafor',
  'Schmidt',
  'Garcia',
  'Kim',
  'Patel',
  'Rossi',
  'Johansson',
  'Murphy',
  'Haddad',
  'Silva',
  'Cohen',
  'Tanaka',
  'Dubois',
  'Walker',
  'Moreno',
  'Novak',
  'Ahmed',
  'Fischer',
  'Brooks',
  'Hartley',
  'Lindqvist',
  'Moreau',
  'Castillo',
  'Nakamura',
  'Brennan',
  'Whitfield',
  'Adeyemi',
  'Kowalski',
  'Delacroix',
  'Sato',
  'Fitzgerald',
  'Mendes',
  'Thornton',
  'Vasquez',
  'Albright',
  'Kensington',
  'Park',
  'Ferreira',
  'Chandra',
  'Ellison',
  'Gallagher',
  'Iverson',
  'Jansen',
  'Kaur',
  'Lombardi',
  'Marchetti',
  'Osei',
  'Petrov',
  'Quinn',
  'Ramos',
  'Sinclair',
  'Takahashi',
  'Underwood',
  'Varga',
  'Abara',
  'Bergstrom',
  'Carvalho',
  'Demir',
  'Eriksen',
  'Farouk',
  'Gonzaga',
  'Hoffmann',
  'Ibrahim',
  'Jovanovic',
  'Kovacs',
  'Larsen',
  'Mbeki',
  'Nakashima',
  'Olsen',
  'Pereira',
  'Qureshi',
  'Rahman',
  'Svensson',
  'Tremblay',
  'Ueda',
  'Vargas',
  'Wojcik',
  'Xu',
  'Yilmaz',
  'Zielinski',
  'Achterberg',
  'Bianchi',
  'Costa',
  'Dimitrov',
  'Engel',
  'Fontaine',
  'Grieve',
  'Holm',
  'Ishikawa',
];
const WORDS = [
  'Summit',
  'Harbor',
  'Northwind',
  'Bluefin',
  'Cedar',
  'Atlas',
  'Lumen',
  'Orchard',
  'Vertex',
  'Meridian',
  'Juniper',
  'Beacon',
  'Granite',
  'Solstice',
  'Tidewater',
  'Copperleaf',
  'Helios',
  'Quarry',
  'Larkspur',
  'Redwood',
];
const SUFFIXES = [
  'Labs',
  'Partners',
  'Group',
  'Health',
  'Analytics',
  'Foundation',
  'Studios',
  'Logistics',
  'Ventures',
  'Academy',
];
const TITLES = [
  'CEO',
  'VP People',
  'Director of Operations',
  'Head of Culture',
  'Office Manager',
  'Travel Coordinator',
  'Executive Assistant',
  'Founder',
];
const CITIES = [
  'Austin',
  'Denver',
  'Seattle',
  'Chicago',
  'Boston',
  'Toronto',
  'Vancouver',
  'London',
  'Dublin',
  'Berlin',
  'Sydney',
  'Mexico City',
];
const TRIPS = [
  'Leadership retreat',
  'Team offsite',
  'Incentive trip',
  'Board retreat',
  'Galapagos expedition',
  'Danube cruise',
  'Family safari',
  'Honeymoon',
];

const QUERIES = [
  'nguyen',
  'maya',
  'maya nguyen',
  'okafor',
  'priya patel',
  'schmi',
  'lindq',
  'fitzgerald',
  'kensington',
  'ramos',
  'harbor',
  'northwind labs',
  'meridian',
  'offsite',
  'leadership retreat',
  'galapagos',
  'acme',
  'travel coordinator',
  'berlin',
  'sato',
  'nguyne',
  'okafro',
  'lindqvst',
  'fitzgerlad',
  'marchetti',
  'ell',
  'zeynep yilmaz',
  'tidewater ventures',
  'honeymoon',
  'castillo',
];

const arr = (values: readonly string[]) => `array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]`;
const pick = (values: readonly string[], seedExpr: string) => `(${arr(values)})[1 + (${seedExpr}) % ${values.length}]`;

// 1. A database of its own, migrated, filled with SQL (fast, and repeatable: only when empty).
const log = createLogger('bench');
log.level = 'warn';
const env = loadCrmEnv({
  ...process.env,
  DATABASE_PREFIX: prefix,
  REDIS_PREFIX: 'nexus-benchsearch',
  SEED_DEMO_DATA: 'false',
});
const deps = await openCrm(env, log, { seed: false });
const conn = deps.orm.em.fork().getConnection();
const [{ n } = { n: 0 }] = await conn.execute<{ n: number }[]>('select count(*)::int as n from contact');
if (n < CONTACTS) {
  console.log(`Filling ${prefix}crm: ${COMPANIES} companies, ${CONTACTS} contacts, ${DEALS} deals ...`);
  await conn.execute(
    'truncate table activity, task, deal_stage_change, deal, lead_score_change, contact, company cascade',
  );
  await conn.execute(`insert into company (id, name, domain, industry, city, status, lead_score, custom_fields, tags, created_at, updated_at)
    select gen_random_uuid(), ${pick(WORDS, 'i * 7')} || ' ' || ${pick(SUFFIXES, 'i * 3 + i / 20')} || ' ' || i,
           lower(${pick(WORDS, 'i * 7')}) || i || '.example', 'Travel', ${pick(CITIES, 'i')}, 'TARGET', 0, '{}', '{}', now(), now()
    from generate_series(1, ${COMPANIES}) i`);
  await conn.execute(`insert into contact (id, first_name, last_name, email, job_title, city, lifecycle_stage, lead_score, company_id, custom_fields, tags, created_at, updated_at)
    select gen_random_uuid(), f, l, lower(f) || '.' || lower(l) || '.' || i || '@' || coalesce(co.domain, 'mail.example'),
           ${pick(TITLES, 'i * 13')}, ${pick(CITIES, 'i * 5')}, 'LEAD', 0, co.id, '{}', '{}', now(), now()
    from (select i, ${pick(FIRST, 'i * 31 + i / 7')} as f, ${pick(LAST, 'i * 17 + i / 3')} as l, 1 + (i * 7919) % ${COMPANIES} as c
          from generate_series(1, ${CONTACTS}) i) g
    left join (select id, domain, row_number() over (order by id) as rn from company) co on co.rn = g.c and g.i % 10 <> 0`);
  const [pipeline] = await conn.execute<{ id: string; stage_id: string }[]>(
    `select p.id, s.id as stage_id from pipeline p join pipeline_stage s on s.pipeline_id = p.id where p.is_default and s.position = 1`,
  );
  if (!pipeline) throw new Error('no default pipeline');
  await conn.execute(
    `insert into deal (id, title, pipeline_id, stage_id, status, amount_cents, company_id, stage_entered_at, custom_fields, tags, created_at, updated_at)
    select gen_random_uuid(), co.name || ': ' || ${pick(TRIPS, 'i')}, ?, ?, 'OPEN', 100000 * (1 + i % 500), co.id, now(), '{}', '{}', now(), now()
    from generate_series(1, ${DEALS}) i join (select id, name, row_number() over (order by id) as rn from company) co on co.rn = 1 + i % ${COMPANIES}`,
    [pipeline.id, pipeline.stage_id],
  );
  await conn.execute('vacuum analyze contact');
  await conn.execute('vacuum analyze company');
  await conn.execute('vacuum analyze deal');
}
await deps.close();

// 2. The crm subgraph as its own process, called directly with a gateway-signed viewer token.
const stack = await startStack({
  subgraphs: ['crm'],
  gateway: false,
  env: { DATABASE_PREFIX: prefix, SEED_DEMO_DATA: 'false' },
  portBase: 4200,
});
try {
  const token = await signViewerToken(
    viewerFor('0b6f6f0e-0000-4000-8000-000000000005', 'VIEWER'),
    'crm',
    env.INTERNAL_TOKEN_SECRET,
    3600,
  );
  const headers = { 'content-type': 'application/json', 'x-nexus-viewer': token };
  const body = (q: string) =>
    JSON.stringify({
      query: `query($q: String!) { search(filter: { search: $q }, first: 10) { nodes { kind id title subtitle score } } }`,
      variables: { q },
    });
  const url = `${stack.urls.crm}/graphql`;
  const hits: Record<string, number> = {};
  for (const q of QUERIES) {
    const res = (await (await fetch(url, { method: 'POST', headers, body: body(q) })).json()) as {
      data?: { search: { nodes: unknown[] } };
      errors?: unknown;
    };
    if (res.errors || !res.data) throw new Error(`search "${q}" failed: ${JSON.stringify(res.errors)}`);
    hits[q] = res.data.search.nodes.length;
  }

  // One user: each search waits for the previous one.
  const times: number[] = [];
  for (let round = 0; round < 20; round++) {
    for (const q of QUERIES) {
      const t = performance.now();
      const res = await fetch(url, { method: 'POST', headers, body: body(q) });
      await res.text();
      times.push(performance.now() - t);
    }
  }

  // Ten users at once, cycling through the same queries.
  const loaded: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        connections: 10,
        duration: seconds,
        headers,
        requests: QUERIES.map((q) => ({ method: 'POST', body: body(q) })),
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_c, _s, _b, responseTime) => void loaded.push(responseTime));
  });

  record('crm-search', {
    command: 'npm run bench -- crm-search',
    data: { contacts: CONTACTS, companies: COMPANIES, deals: DEALS },
    queries: QUERIES.length,
    hitsPerQuery: hits,
    oneAtATime: {
      searches: times.length,
      p50: round2(percentile(times, 50)),
      p95: round2(percentile(times, 95)),
      p99: round2(percentile(times, 99)),
    },
    tenConnections: {
      seconds,
      requestsPerSecond: Math.round(result.requests.average),
      p50: round2(percentile(loaded, 50)),
      p95: round2(percentile(loaded, 95)),
      errors: result.errors,
      non2xx: result.non2xx,
    },
    targetP95Ms: 50,
  });
} finally {
  await stack.stop();
}
