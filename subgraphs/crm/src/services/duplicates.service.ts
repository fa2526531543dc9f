import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  offsetConnection,
  offsetWindow,
  parseInput,
  settleWindow,
  zId,
  type Connection,
  type ConnectionArgs,
  type OffsetWindow,
} from '@nexus/platform';
import { contactNameSql } from '../entities/index.ts';
import {
  MAX_RANKED_OFFSET,
  type CompanyDuplicateConnectionSource,
  type ContactDuplicateConnectionSource,
} from './pages.ts';

export const DUPLICATE_REASONS = ['SAME_EMAIL', 'SAME_PHONE', 'SIMILAR_NAME', 'SAME_DOMAIN'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

/** Two records that look like one (ContactDuplicate, CompanyDuplicate); `firstId` is the older. */
export interface DuplicatePair {
  firstId: string;
  secondId: string;
  reasons: DuplicateReason[];
  similarity: number;
}

/** Names this close (trigram similarity, 0..1) count as the same person or organisation. */
const SIMILAR = 0.6;

// Comparison keys, computed the same way on both sides of every join.
const contactKeys = (a: string) => `
  ${a}."id", ${a}."created_at", ${a}."company_id",
  ${contactNameSql(a)} as "name",
  lower(trim(regexp_replace(${contactNameSql(a)}, '\\s+', ' ', 'g'))) as "name_key",
  lower(regexp_replace(${a}."email", '\\+[^@]*@', '@')) as "email_key",
  case when length(regexp_replace(coalesce(${a}."phone", ''), '\\D', '', 'g')) >= 7
       then right(regexp_replace(${a}."phone", '\\D', '', 'g'), 10) end as "phone_key"`;

const companyKeys = (a: string) => `
  ${a}."id", ${a}."created_at", ${a}."name", lower(${a}."domain") as "domain_key",
  regexp_replace(lower(${a}."name"), '[^[:alnum:]]+|\\m(inc|llc|ltd|gmbh|corp|co|company|the)\\M', '', 'g') as "name_key",
  case when length(regexp_replace(coalesce(${a}."phone", ''), '\\D', '', 'g')) >= 7
       then right(regexp_replace(${a}."phone", '\\D', '', 'g'), 10) end as "phone_key"`;

interface PairRow {
  a_id: string;
  b_id: string;
  a_created: Date;
  b_created: Date;
  same_email: boolean;
  same_phone: boolean;
  same_domain: boolean;
  sim: number;
  total: number;
}

function toPair(r: PairRow): DuplicatePair {
  const reasons: DuplicateReason[] = [];
  if (r.same_email) reasons.push('SAME_EMAIL');
  if (r.same_phone) reasons.push('SAME_PHONE');
  if (Number(r.sim) >= SIMILAR) reasons.push('SIMILAR_NAME');
  if (r.same_domain) reasons.push('SAME_DOMAIN');
  const aFirst = new Date(r.a_created).getTime() <= new Date(r.b_created).getTime();
  return {
    firstId: aFirst ? r.a_id : r.b_id,
    secondId: aFirst ? r.b_id : r.a_id,
    reasons,
    similarity: Math.round(Number(r.sim) * 1000) / 1000,
  };
}

/**
 * Runs one pairs query, ranked by similarity and paged by position (pairs have no key of their
 * own to page by); the total rides along as a window count, so a page costs one statement.
 */
async function pairsPage(
  em: EntityManager,
  sql: string,
  params: unknown[],
  args: ConnectionArgs,
): Promise<Connection<DuplicatePair>> {
  const count = async () => {
    const [row] = await em.execute<{ n: number }[]>(`select count(*)::int as "n" from (${sql}) p`, params);
    return row?.n ?? 0;
  };
  const load = (w: OffsetWindow) =>
    em.transactional(async (tx) => {
      await tx.execute(`select set_config('pg_trgm.similarity_threshold', ?, true)`, [String(SIMILAR)]);
      return tx.execute<PairRow[]>(
        `select p.*, count(*) over ()::int as "total" from (${sql}) p
         order by p."sim" desc, least(p."a_id", p."b_id"), greatest(p."a_id", p."b_id") limit ? offset ?`,
        [...params, w.limit, w.offset],
      );
    });
  let window = offsetWindow(args, MAX_RANKED_OFFSET);
  let totalCount: number | undefined;
  if (window.fromEnd) {
    totalCount = await count();
    window = settleWindow(window, totalCount);
  }
  const rows = window.limit > 0 ? await load(window) : [];
  // An offset past the end returns no rows, so no window count either.
  totalCount ??= rows[0]?.total ?? (window.offset === 0 && window.limit > 0 ? 0 : await count());
  return offsetConnection(rows.map(toPair), totalCount, window);
}

/**
 * Likely duplicate contacts. Across the whole base only equality joins (hash joins, fine at 100k
 * rows): email without `+tag`, phone digits, the same name, or a near-identical name within one
 * company. For one contact, names anywhere that are close (trigram index).
 */
export function duplicateContacts(
  em: EntityManager,
  args: ConnectionArgs & { filter?: unknown },
): Promise<ContactDuplicateConnectionSource> {
  const { contactId } = parseInput(z.object({ contactId: zId.nullish() }), args.filter ?? {}, 'filter');
  const select = `select a."id" as "a_id", b."id" as "b_id", a."created_at" as "a_created", b."created_at" as "b_created",
      coalesce(a."email_key" = b."email_key", false) as "same_email", coalesce(a."phone_key" = b."phone_key", false) as "same_phone",
      false as "same_domain", similarity(a."name", b."name") as "sim"`;
  if (contactId) {
    const sql = `with a as (select ${contactKeys('c')} from "contact" c where c."id" = ? and c."deleted_at" is null),
      b as (select ${contactKeys('c')} from "contact" c, a where c."deleted_at" is null and c."id" <> a."id"
              and (lower(regexp_replace(c."email", '\\+[^@]*@', '@')) = a."email_key"
                   or right(regexp_replace(c."phone", '\\D', '', 'g'), 10) = a."phone_key"
                   or ${contactNameSql('c')} % a."name"))
      ${select} from a, b`;
    return pairsPage(em, sql, [contactId], args);
  }
  const sql = `with live as (select ${contactKeys('c')} from "contact" c where c."deleted_at" is null),
    pairs as (
      select a."id" as a, b."id" as b from live a join live b on a."email_key" = b."email_key" and a."id" < b."id"
      union select a."id", b."id" from live a join live b on a."phone_key" = b."phone_key" and a."id" < b."id"
      union select a."id", b."id" from live a join live b on a."name_key" = b."name_key" and a."id" < b."id"
      union select a."id", b."id" from live a join live b on a."company_id" = b."company_id" and a."id" < b."id" and a."name" % b."name")
    ${select} from pairs p join live a on a."id" = p.a join live b on b."id" = p.b`;
  return pairsPage(em, sql, [], args);
}

/** Likely duplicate companies: the same domain, phone or normalised name, or a close name. */
export function duplicateCompanies(
  em: EntityManager,
  args: ConnectionArgs & { filter?: unknown },
): Promise<CompanyDuplicateConnectionSource> {
  const { companyId } = parseInput(z.object({ companyId: zId.nullish() }), args.filter ?? {}, 'filter');
  const select = `select a."id" as "a_id", b."id" as "b_id", a."created_at" as "a_created", b."created_at" as "b_created",
      false as "same_email", coalesce(a."phone_key" = b."phone_key", false) as "same_phone",
      coalesce(a."domain_key" = b."domain_key", false) as "same_domain",
      greatest(similarity(a."name", b."name"), case when a."name_key" = b."name_key" and a."name_key" <> '' then 1 else 0 end) as "sim"`;
  const live = `live as (select ${companyKeys('c')} from "company" c where c."deleted_at" is null)`;
  const sql = companyId
    ? `with ${live}, a as (select * from live where "id" = ?)
       ${select} from a join live b on b."id" <> a."id" and (b."domain_key" = a."domain_key" or b."phone_key" = a."phone_key"
         or b."name_key" = a."name_key" or b."name" % a."name")`
    : `with ${live},
       pairs as (
         select a."id" as a, b."id" as b from live a join live b on a."domain_key" = b."domain_key" and a."id" < b."id"
         union select a."id", b."id" from live a join live b on a."phone_key" = b."phone_key" and a."id" < b."id"
         union select a."id", b."id" from live a join live b on a."name_key" = b."name_key" and a."name_key" <> '' and a."id" < b."id"
         union select a."id", b."id" from live a join live b on a."name" % b."name" and a."id" < b."id")
       ${select} from pairs p join live a on a."id" = p.a join live b on b."id" = p.b`;
  return pairsPage(em, sql, companyId ? [companyId] : [], args);
}
