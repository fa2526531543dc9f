/**
 * Issue figures for the service desk, at the service subgraph's own services on PostgreSQL:
 * - triage: the three most relevant published articles for a ticket's text among 5,000 articles
 *   (full text plus trigram), one at a time, p50/p95 over varied texts, alternated with the earlier
 *   full-scan query on the same texts. Target: p95 under 50 ms.
 * - ticket list with SLA state: a page of 25 of 10,000 tickets (the AT_RISK view and the whole
 *   list by resolution due time, with totalCount), 10 concurrent callers for BENCH_SECONDS.
 *
 *   npm run bench -- service-desk
 */
import { createLogger, loadSubgraphEnv, openSubgraph, randomSecret, serviceViewer } from '@nexus/platform';
import type { ServiceDeps } from '../subgraphs/service/src/context.ts';
import { serviceManifest } from '../subgraphs/service/src/manifest.ts';
import { listTickets } from '../subgraphs/service/src/services/tickets.service.ts';
import { relevantArticles } from '../subgraphs/service/src/services/triage.service.ts';
import { closedLoop, percentile, record, round2 } from './support.ts';
import os from 'node:os';

const ARTICLES = 5_000;
const TICKETS = 10_000;
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const WORDS =
  'baggage allowance refund visa passport ferry flight hotel transfer cancellation delay insurance seat upgrade meal lounge check-in boarding voucher deposit balance invoice safari cruise rail car rental strike weather connection layover passport validity vaccination currency tipping wifi accessibility wheelchair infant pet'.split(
    ' ',
  );
const pick = (i: number, n: number) =>
  Array.from({ length: n }, (_, k) => WORDS[(i * 7 + k * 13) % WORDS.length]).join(' ');

const log = createLogger('bench');
log.level = 'warn';
const env = loadSubgraphEnv(serviceManifest, {
  JWT_SECRET: randomSecret(48),
  INTERNAL_TOKEN_SECRET: randomSecret(48),
  ...process.env,
  DATABASE_PREFIX: 'nexus_benchservice_',
  REDIS_PREFIX: 'nexus_benchservice-redis',
});
const deps = (await openSubgraph(serviceManifest, env, log, { seed: false })) as ServiceDeps & {
  close(): Promise<void>;
};
const sql = deps.orm.em.getConnection();

await sql.execute(`truncate kb_article, ticket cascade`);
await sql.execute(
  `insert into kb_article (id, slug, title, body_markdown, body_html, status, visibility, created_at, updated_at, published_at)
   select gen_random_uuid(), 'a-' || g, initcap(w1 || ' ' || w2 || ' guide ' || g), b, '<p>' || b || '</p>',
          'PUBLISHED', case when g % 3 = 0 then 'INTERNAL' else 'PUBLIC' end::sd_article_visibility, now(), now(), now()
     from (select g, ws[1 + g % array_length(ws, 1)] w1, ws[1 + (g * 7) % array_length(ws, 1)] w2,
                  array_to_string(array(select ws[1 + ((g * k * 31) % array_length(ws, 1))] from generate_series(1, 60) k), ' ') b
             from generate_series(1, ${ARTICLES}) g, (select string_to_array(?, ' ') ws) w) s`,
  [WORDS.join(' ')],
);
await sql.execute(
  `insert into ticket (id, number, subject, description, status, priority, category, source, sla_state,
                       first_reply_due_at, resolution_due_at, assignee_id, created_at, updated_at)
   select gen_random_uuid(), nextval('ticket_number_seq'), 'Ticket ' || g, 'About my booking ' || g,
          (array['NEW','OPEN','PENDING','ON_HOLD','SOLVED'])[1 + g % 5]::sd_ticket_status, 'NORMAL', 'GENERAL', 'EMAIL',
          (array['ON_TRACK','AT_RISK','BREACHED','ON_TRACK','PAUSED'])[1 + g % 5]::sd_sla_state,
          now() + (g % 500) * interval '1 minute', now() + (g % 5000) * interval '1 minute',
          case when g % 4 = 0 then null else gen_random_uuid() end, now() - g * interval '1 second', now()
     from generate_series(1, ${TICKETS}) g`,
);
await sql.execute(`analyze kb_article; analyze ticket`);

// Triage, one at a time, alternated with the earlier query (an `or similarity()` term beside the
// full-text match, so every article was ranked) on the same texts, so a busy machine weighs on both.
const fullScan = (text: { subject: string; body: string }) => {
  const all = `${text.subject} ${text.body}`;
  const words = [...new Set(all.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? [])].slice(0, 40).join(' or ');
  return sql.execute(
    `select id from kb_article
      where status = 'PUBLISHED'
        and (search_vector @@ websearch_to_tsquery('english', ?) or similarity(title, ?) > 0.1)
      order by ts_rank(search_vector, websearch_to_tsquery('english', ?)) + similarity(title, ?) desc, id
      limit 3`,
    [words, all.slice(0, 300), words, all.slice(0, 300)],
  );
};
const triage: number[] = [];
const before: number[] = [];
for (let i = 0; i < 300; i++) {
  const text = { subject: `${pick(i, 3)} question`, body: pick(i + 1, 12) };
  let t0 = performance.now();
  await relevantArticles(deps.orm.em.fork(), text);
  triage.push(performance.now() - t0);
  t0 = performance.now();
  await fullScan(text);
  before.push(performance.now() - t0);
}
const figures3 = (xs: number[]) => ({
  p50Ms: round2(percentile(xs, 50)),
  p95Ms: round2(percentile(xs, 95)),
  p99Ms: round2(percentile(xs, 99)),
});
const triageFigures = {
  articles: ARTICLES,
  samples: triage.length,
  ...figures3(triage),
  earlierFullScan: figures3(before),
  load: os.loadavg().map(round2),
};

const viewer = serviceViewer('bench', 'ADVISOR');
const atRisk = await closedLoop(
  async () => {
    await listTickets(deps.orm.em.fork(), viewer, { first: 25, filter: { view: 'AT_RISK' } });
  },
  seconds,
  10,
);
const byDue = await closedLoop(
  async () => {
    await listTickets(deps.orm.em.fork(), viewer, {
      first: 25,
      orderBy: { field: 'RESOLUTION_DUE_AT', direction: 'ASC' },
    });
  },
  seconds,
  10,
);
const figures = { triage: triageFigures, ticketList: { tickets: TICKETS, atRiskView: atRisk, byResolutionDue: byDue } };
console.log(JSON.stringify(figures, null, 2));
record('service-desk', figures);
await deps.close();
