import type { EntityManager } from '@mikro-orm/postgresql';
import { arrayConnection, badInput, RANK_OF, type ConnectionArgs, type Viewer } from '@nexus/platform';
import { Ticket } from '../entities/index.ts';

/** The most tickets one search ranks (pages are positions in that ranking). */
const MAX_RANKED = 200;

export interface TicketSearchHit {
  id: string;
  title: string;
  subtitle: string | null;
  score: number;
  ticket: Ticket;
}

/** `refund cancel` → `refund:* & cancel:*` (letters and digits only, so nothing reaches tsquery syntax). */
const prefixQuery = (text: string) =>
  (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
    .slice(0, 12)
    .map((w) => `${w}:*`)
    .join(' & ');

const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Tickets for the header search, ranked in SQL: the exact reference (`SR-1001` or `1001`) first,
 * then full text over subject and description (word prefixes, GIN on `search_vector`), trigram
 * similarity of the subject (GIN `gin_trgm_ops`) and the requester's name or email (a trigram index
 * on both). Agents find only the tickets they may read: the unassigned queue and their own.
 */
export async function searchTickets(em: EntityManager, v: Viewer, filter: { search: string }, args: ConnectionArgs) {
  const text = filter.search.trim();
  if (text.length < 2 || text.length > 200)
    throw badInput('filter.search: must be 2 to 200 characters', [
      { path: 'filter.search', message: 'must be 2 to 200 characters' },
    ]);
  const ref = /^(?:SR-?)?(\d{1,9})$/i.exec(text);
  const number = ref ? Number(ref[1]) : -1;
  const agentOnly = v.rank === RANK_OF.AGENT;
  const rows = await em.getConnection().execute<{ id: string; score: number }[]>(
    `with q as (select to_tsquery('english', ?) as tsq)
     select t.id,
            (case when t.number = ? then 10 else 0 end)
            + ts_rank(t.search_vector, q.tsq)
            + similarity(t.subject, ?)
            + (case when (coalesce(t.requester_name, '') || ' ' || coalesce(t.requester_email, '')) ilike ? then 0.5 else 0 end)
            as score
       from ticket t, q
      where (not ? or t.assignee_id is null or t.assignee_id = ?)
        and (t.number = ?
             or t.search_vector @@ q.tsq
             or t.subject % ?
             or (coalesce(t.requester_name, '') || ' ' || coalesce(t.requester_email, '')) ilike ?)
      order by score desc, t.number desc
      limit ${MAX_RANKED}`,
    [
      prefixQuery(text),
      number,
      text,
      like(text),
      agentOnly,
      v.id ?? '00000000-0000-0000-0000-000000000000',
      number,
      text,
      like(text),
    ],
  );
  const tickets = rows.length ? await em.find(Ticket, { id: { $in: rows.map((r) => r.id) } }) : [];
  const byId = new Map(tickets.map((t) => [t.id, t]));
  const hits: TicketSearchHit[] = [];
  for (const r of rows) {
    const t = byId.get(r.id);
    if (!t) continue;
    const requester = t.requesterName ?? t.requesterEmail;
    hits.push({
      id: t.id,
      title: `SR-${t.number} ${t.subject}`,
      subtitle: [requester, t.status.replace('_', ' ').toLowerCase()].filter(Boolean).join(' · ') || null,
      score: Number(r.score),
      ticket: t,
    });
  }
  return arrayConnection(hits, args);
}
