import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, notFound } from '@nexus/platform';
import { KbArticle, Ticket, TriageSuggestion } from '../entities/index.ts';

/** How many candidates each index contributes before the exact ranking (see `relevantArticles`). */
const CANDIDATES = 30;

/**
 * Ranks published articles (internal and public) for a ticket: PostgreSQL full text over title and
 * body plus trigram similarity of the title to the subject, deterministic and with no external
 * service. Only index-served candidates are ranked, never every article that shares a common word:
 * articles whose title has any of the ticket's words (GIN on the title-only `title_vector`), those
 * whose title or body has all of the subject's words (GIN on `search_vector`), and titles
 * trigram-similar to the subject (GIN `gin_trgm_ops` through `%`, at pg_trgm's similarity
 * threshold), which catches misspellings. Each set gives its best few; the union is ordered by
 * full-text rank over title and body plus title similarity. The three article indexes take writes
 * directly (`fastupdate = off`): a GIN pending list would be scanned row by row on every call.
 */
export async function relevantArticles(
  em: EntityManager,
  text: { subject: string; body: string; destination?: string | null; supplier?: string | null },
  limit = 3,
): Promise<string[]> {
  const words = orWords(`${text.subject} ${text.body}`);
  const subject = text.subject.slice(0, 300);
  if (!words && !subject.trim()) return [];
  // Where the trip's destination and supplier are known, articles tagged for another destination
  // (`destination:<slug>`) or supplier (`supplier:<slug>`) are left out, and those tagged for this
  // one rank higher; untagged articles apply everywhere.
  const dest = text.destination ? `destination:${tagSlug(text.destination)}` : null;
  const supp = text.supplier ? `supplier:${tagSlug(text.supplier)}` : null;
  const scope = `(?::text is null or ?::text = any(a.tags) or not exists (select 1 from unnest(a.tags) g where g like 'destination:%'))
             and (?::text is null or ?::text = any(a.tags) or not exists (select 1 from unnest(a.tags) g where g like 'supplier:%'))`;
  const scopeArgs = [dest, dest, supp, supp];
  const rows = await em.getConnection().execute<{ id: string }[]>(
    `with q as (select websearch_to_tsquery('english', ?) as any_word, websearch_to_tsquery('english', ?) as subject_words),
          by_title as (select a.id from kb_article a, q
                        where a.status = 'PUBLISHED' and a.title_vector @@ q.any_word and ${scope}
                        order by ts_rank(a.title_vector, q.any_word) desc, a.id limit ${CANDIDATES}),
          by_subject as (select a.id from kb_article a, q
                          where a.status = 'PUBLISHED' and a.search_vector @@ q.subject_words and ${scope}
                          order by ts_rank(a.search_vector, q.any_word) desc, a.id limit ${CANDIDATES}),
          by_trigram as (select a.id from kb_article a
                          where a.status = 'PUBLISHED' and a.title % ? and ${scope}
                          order by similarity(a.title, ?) desc, a.id limit ${CANDIDATES}),
          candidates as (select id from by_title union select id from by_subject union select id from by_trigram)
     select a.id from kb_article a join candidates c on c.id = a.id, q
      order by ts_rank(a.search_vector, q.any_word) + similarity(a.title, ?)
               + case when ?::text = any(a.tags) then 0.5 else 0 end + case when ?::text = any(a.tags) then 0.5 else 0 end desc, a.id
      limit ?`,
    [words, subject, ...scopeArgs, ...scopeArgs, subject, ...scopeArgs, subject, subject, dest, supp, limit],
  );
  return rows.map((r) => r.id);
}

/** `Lima, Peru` -> `lima-peru`: how destination and supplier tags are written on articles. */
export const tagSlug = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** Any of the words, so a long ticket body still matches an article sharing a few of them. */
const orWords = (text: string) =>
  [...new Set(text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? [])].slice(0, 40).join(' or ');

/** The most common category and priority among the ten most similar solved tickets (index-served candidates, as above). */
async function fromSimilarTickets(em: EntityManager, t: Ticket) {
  const words = orWords(`${t.subject} ${t.description}`);
  const rows = await em.getConnection().execute<{ category: string; priority: string }[]>(
    `with q as (select websearch_to_tsquery('english', ?) as tsq),
          fts as (select x.id from ticket x, q
                   where x.status in ('SOLVED', 'CLOSED') and x.id <> ? and x.search_vector @@ q.tsq
                   order by ts_rank(x.search_vector, q.tsq) desc, x.id limit ${CANDIDATES}),
          tri as (select id from ticket
                   where status in ('SOLVED', 'CLOSED') and id <> ? and subject % ?
                   order by similarity(subject, ?) desc, id limit ${CANDIDATES}),
          candidates as (select id from fts union select id from tri)
     select x.category, x.priority from ticket x join candidates c on c.id = x.id, q
      order by ts_rank(x.search_vector, q.tsq) + similarity(x.subject, ?) desc, x.id
      limit 10`,
    [words, t.id, t.id, t.subject, t.subject, t.subject],
  );
  const top = (k: 'category' | 'priority') => {
    const n = new Map<string, number>();
    for (const r of rows) n.set(r[k], (n.get(r[k]) ?? 0) + 1);
    return [...n.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
  };
  return { category: top('category'), priority: top('priority') };
}

/** Computes and stores the suggestion for a new ticket. */
export async function suggestForTicket(em: EntityManager, t: Ticket): Promise<TriageSuggestion> {
  const [articleIds, similar] = await Promise.all([
    relevantArticles(em, {
      subject: t.subject,
      body: t.description,
      destination: t.tripDestination,
      supplier: t.tripSupplier,
    }),
    fromSimilarTickets(em, t),
  ]);
  const s = em.create(TriageSuggestion, {
    ticketId: t.id,
    articleIds,
    category: similar.category,
    priority: similar.priority,
  });
  await em.flush();
  return s;
}

export async function acceptSuggestion(
  em: EntityManager,
  ticketId: string,
  articleId: string | null | undefined,
  now: Date,
) {
  const s = await em.findOne(TriageSuggestion, { ticketId });
  if (!s) throw notFound('Triage suggestion', ticketId);
  if (articleId && !s.articleIds.includes(articleId))
    throw badInput('input.articleId: was not suggested for this ticket', [
      { path: 'input.articleId', message: 'was not suggested for this ticket' },
    ]);
  const t = await em.findOneOrFail(Ticket, { id: ticketId });
  if (s.category) t.category = s.category as Ticket['category'];
  if (s.priority) t.priority = s.priority as Ticket['priority'];
  s.acceptedAt ??= now;
  s.acceptedArticleId = articleId ?? s.acceptedArticleId ?? null;
  await em.flush();
  return t;
}

export async function triageStats(em: EntityManager) {
  const [suggested, accepted] = await Promise.all([
    em.count(TriageSuggestion, {}),
    em.count(TriageSuggestion, { acceptedAt: { $ne: null } }),
  ]);
  return { suggested, accepted, hitRate: suggested ? accepted / suggested : 0 };
}

export const articlesByIds = async (em: EntityManager, ids: string[]) => {
  const rows = ids.length ? await em.find(KbArticle, { id: { $in: ids } }) : [];
  return ids.map((id) => rows.find((r) => r.id === id)).filter((x): x is KbArticle => !!x);
};
