import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { badInput, parseInput, type ConnectionArgs } from '@nexus/platform';
import { contactNameSql } from '../entities/index.ts';
import { rankedConnection, type SearchHitConnectionSource } from './pages.ts';

export const SEARCH_KINDS = ['CONTACT', 'COMPANY', 'DEAL'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** One hit before its record is loaded (SearchHit). */
export interface SearchHitSource {
  kind: SearchKind;
  id: string;
  title: string;
  subtitle: string | null;
  score: number;
}

const searchInput = z.object({
  search: z
    .string()
    .trim()
    .min(2, { message: 'must be at least 2 characters' })
    .max(200, { message: 'must be at most 200 characters' }),
  kinds: z.array(z.enum(SEARCH_KINDS)).min(1).max(3).nullish(),
});

/** Typo-tolerant matching starts here: shorter queries only match words and word beginnings. */
const FUZZY_MIN_LENGTH = 4;
/** How close a name must be to count as a typo of the query (pg_trgm word similarity). */
const FUZZY_THRESHOLD = '0.6';

interface KindSql {
  /** The matching rows: the where clause (with `?` placeholders) and its parameters. */
  where: [string, unknown[]];
  from: string;
  /** Columns the outer select needs from the matching rows. */
  columns: string;
  vector: string;
  /** The select list over the candidates (alias `x`), with the name to compare the query to. */
  outer: (score: string) => string;
  outerFrom: string;
  name: string;
}

/**
 * For each kind: full text (`search_vector @@ prefix query`, GIN) OR, for longer queries, a fuzzy
 * word match on the name (`<%`, trigram GIN). Both are index conditions, so PostgreSQL ORs two
 * bitmap index scans instead of reading the table. Ranking is in two steps, so a broad query
 * (every "travel coordinator") stays cheap: ts_rank (name words weigh most) picks the best
 * candidates, then the closeness of the name to the query as typed orders them.
 */
function kindSql(kind: SearchKind, tsquery: string, raw: string, fuzzy: boolean): KindSql {
  const match = (vector: string, name: string): [string, unknown[]] =>
    fuzzy
      ? [`(${vector} @@ to_tsquery('simple', ?) or ? <% ${name})`, [tsquery, raw]]
      : [`${vector} @@ to_tsquery('simple', ?)`, [tsquery]];
  switch (kind) {
    case 'CONTACT':
      return {
        from: `"contact" c`,
        where: (([m, p]) => [`c."deleted_at" is null and ${m}`, p] as [string, unknown[]])(
          match('c."search_vector"', contactNameSql('c')),
        ),
        columns: 'c."id", c."first_name", c."last_name", c."email"',
        vector: 'c."search_vector"',
        name: contactNameSql('x'),
        outerFrom: '',
        outer: (score) =>
          `'CONTACT' as "kind", x."id", trim(${contactNameSql('x')}) as "title", x."email" as "subtitle", ${score}`,
      };
    case 'COMPANY':
      return {
        from: `"company" co`,
        where: (([m, p]) => [`co."deleted_at" is null and ${m}`, p] as [string, unknown[]])(
          match('co."search_vector"', 'co."name"'),
        ),
        columns: 'co."id", co."name", co."domain"',
        vector: 'co."search_vector"',
        name: 'x."name"',
        outerFrom: '',
        outer: (score) => `'COMPANY' as "kind", x."id", x."name" as "title", x."domain" as "subtitle", ${score}`,
      };
    case 'DEAL':
      return {
        from: `"deal" d`,
        where: (([m, p]) => [`d."deleted_at" is null and ${m}`, p] as [string, unknown[]])(
          match('d."search_vector"', 'd."title"'),
        ),
        columns: 'd."id", d."title", d."stage_id"',
        vector: 'd."search_vector"',
        name: 'x."title"',
        outerFrom: ' join "pipeline_stage" st on st."id" = x."stage_id"',
        outer: (score) => `'DEAL' as "kind", x."id", x."title" as "title", st."name" as "subtitle", ${score}`,
      };
  }
}

/** Words of the query as prefix terms ANDed: `maya ngu` finds Maya Nguyen. Only letters and digits reach to_tsquery. */
function prefixQuery(query: string): string {
  const words = query
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
  if (!words.length)
    throw badInput('Search for at least one letter or digit.', [
      { path: 'filter.search', message: 'must contain a letter or digit' },
    ]);
  return words.map((w) => `${w}:*`).join(' & ');
}

export function search(
  em: EntityManager,
  args: ConnectionArgs & { filter: unknown },
): Promise<SearchHitConnectionSource> {
  const { search: query, kinds } = parseInput(searchInput, args.filter, 'filter');
  const tsquery = prefixQuery(query);
  const fuzzy = query.replace(/\s+/g, '').length >= FUZZY_MIN_LENGTH;
  const parts = [...new Set(kinds ?? SEARCH_KINDS)].map((k) => kindSql(k, tsquery, query, fuzzy));

  // Settings for this transaction only: the fuzzy threshold, and no sequential scans. Every
  // condition here has an index, but the planner underestimates how selective a trigram match is
  // and would rather read a whole table, computing word similarity on every row (20 ms instead of
  // 0.2 ms for 5,000 companies).
  const inTransaction = <T>(run: (tx: EntityManager) => Promise<T>) =>
    em.transactional(async (tx) => {
      await tx.execute(
        `select set_config('pg_trgm.word_similarity_threshold', ?, true), set_config('enable_seqscan', 'off', true)`,
        [FUZZY_THRESHOLD],
      );
      return run(tx);
    });

  const nodes = (offset: number, limit: number) =>
    inTransaction(async (tx) => {
      const top = offset + limit;
      const candidates = Math.max(top, 200);
      const sql = parts
        .map(
          (p) =>
            `(select ${p.outer(`x."rank" + word_similarity(?, ${p.name}) as "score"`)}
              from (select ${p.columns}, ts_rank(${p.vector}, to_tsquery('simple', ?)) as "rank"
                    from ${p.from} where ${p.where[0]} order by "rank" desc limit ?) x${p.outerFrom}
              order by "score" desc, x."id" limit ?)`,
        )
        .join(' union all ');
      const params = parts.flatMap((p) => [query, tsquery, ...p.where[1], candidates, top]);
      const rows = await tx.execute<
        { kind: SearchKind; id: string; title: string; subtitle: string | null; score: number }[]
      >(`select * from (${sql}) hits order by "score" desc, "kind", "id" limit ? offset ?`, [...params, limit, offset]);
      return rows.map((r) => ({ ...r, score: Number(r.score) }));
    });

  const totalCount = () =>
    inTransaction(async (tx) => {
      const sql = parts.map((p) => `(select count(*) from ${p.from} where ${p.where[0]})`).join(' + ');
      const [row] = await tx.execute<{ n: number }[]>(
        `select (${sql})::int as "n"`,
        parts.flatMap((p) => p.where[1]),
      );
      return row?.n ?? 0;
    });

  return rankedConnection(args, nodes, totalCount);
}
