import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, notFound } from '@nexus/platform';
import { KbArticle, Ticket, TriageSuggestion } from '../entities/index.ts';

/**
 * Ranks published articles (internal and public) for a text: PostgreSQL full text over title and
 * body plus trigram similarity of the title, deterministic and with no external service.
 */
export async function relevantArticles(em: EntityManager, text: string, limit = 3): Promise<string[]> {
  const rows = await em.getConnection().execute<{ id: string }[]>(
    `select id from kb_article
      where status = 'PUBLISHED'
        and (search_vector @@ websearch_to_tsquery('english', ?) or similarity(title, ?) > 0.1)
      order by ts_rank(search_vector, websearch_to_tsquery('english', ?)) + similarity(title, ?) desc, id
      limit ?`,
    [orWords(text), text.slice(0, 300), orWords(text), text.slice(0, 300), limit],
  );
  return rows.map((r) => r.id);
}

/** Any of the words, so a long ticket body still matches an article sharing a few of them. */
const orWords = (text: string) =>
  [...new Set(text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? [])].slice(0, 40).join(' or ');

/** The most common category and priority among the ten most similar solved tickets. */
async function fromSimilarTickets(em: EntityManager, t: Ticket) {
  const rows = await em.getConnection().execute<{ category: string; priority: string }[]>(
    `select category, priority from ticket
      where status in ('SOLVED', 'CLOSED') and id <> ?
        and (search_vector @@ websearch_to_tsquery('english', ?) or similarity(subject, ?) > 0.2)
      order by ts_rank(search_vector, websearch_to_tsquery('english', ?)) + similarity(subject, ?) desc, id
      limit 10`,
    [t.id, orWords(`${t.subject} ${t.description}`), t.subject, orWords(`${t.subject} ${t.description}`), t.subject],
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
    relevantArticles(em, `${t.subject} ${t.description}`),
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
