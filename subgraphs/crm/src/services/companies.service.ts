import { QueryOrder, raw, type FilterQuery, type QueryOrderMap } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { notFound, parseInput, zId, zName, findConnection, type ConnectionArgs, type Viewer } from '@nexus/platform';
import {
  ACCOUNT_TIERS,
  COMPANY_STATUSES,
  COMPANY_TYPES,
  Company,
  Contact,
  ENGAGEMENT_LEVELS,
} from '../entities/index.ts';
import {
  checkRanges,
  commonFilterShape,
  enumList,
  escapeLike,
  given,
  optionalCountry,
  optionalId,
  optionalPhone,
  optionalText,
  zCents,
  zCustomFields,
  zDirection,
  zScore,
  zSearch,
  zTagList,
} from './fields.ts';
import { queueLeadScore } from './lead-scoring.ts';
import { assertKnownStaff } from './actors.ts';
import { rankedConnection, type CompanyConnectionSource } from './pages.ts';
import { findRows, rowConnection } from '@nexus/platform';

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

/** `https://www.Acme.com/about` and `acme.com` are the same company domain: keep the bare host. */
const optionalDomain = z.preprocess(
  blankToNull,
  z
    .string()
    .trim()
    .toLowerCase()
    .max(500, { message: 'must be at most 500 characters' })
    .transform((v) =>
      v
        .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
        .replace(/[/?#].*$/, '')
        .replace(/^www\./, '')
        .replace(/\.$/, ''),
    )
    .pipe(
      z
        .string()
        .max(253, { message: 'must be at most 253 characters' })
        .regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
          message: 'must be a domain such as acme.com',
        }),
    )
    .nullish(),
);

const optionalWebsite = z.preprocess(
  blankToNull,
  z
    .string()
    .trim()
    .max(500, { message: 'must be at most 500 characters' })
    .pipe(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }))
    .nullish(),
);

const clearable = {
  domain: optionalDomain,
  industry: optionalText(120),
  companyType: z.enum(COMPANY_TYPES).nullish(),
  accountTier: z.enum(ACCOUNT_TIERS).nullish(),
  engagementLevel: z.enum(ENGAGEMENT_LEVELS).nullish(),
  annualTravelBudgetCents: zCents.nullish(),
  phone: optionalPhone,
  website: optionalWebsite,
  city: optionalText(120),
  country: optionalCountry,
  ownerId: optionalId,
};

const createInput = z.object({
  ...clearable,
  name: zName,
  status: z.enum(COMPANY_STATUSES).optional(),
  leadScore: zScore.optional(),
  customFields: zCustomFields.optional(),
  tags: zTagList.optional(),
});

const updateInput = z.object({
  ...clearable,
  id: zId,
  name: zName.optional(),
  status: z.enum(COMPANY_STATUSES).optional(),
  leadScore: zScore.optional(),
  customFields: zCustomFields.optional(),
  tags: zTagList.optional(),
});

const filterInput = z
  .object({
    ...commonFilterShape,
    statuses: enumList(COMPANY_STATUSES),
    companyTypes: enumList(COMPANY_TYPES),
    accountTiers: enumList(ACCOUNT_TIERS),
    engagementLevels: enumList(ENGAGEMENT_LEVELS),
    search: zSearch,
  })
  .superRefine(checkRanges);

const SORT_FIELDS = ['NAME', 'LEAD_SCORE', 'ANNUAL_TRAVEL_BUDGET', 'STATUS', 'CREATED_AT', 'UPDATED_AT'] as const;
const sortInput = z.object({ field: z.enum(SORT_FIELDS), direction: zDirection }).nullish();

/** The sort allowlist: each GraphQL sort field and the columns it orders by (id breaks ties). */
const ORDER_BY: Record<(typeof SORT_FIELDS)[number], (asc: boolean) => QueryOrderMap<Company>> = {
  NAME: (asc) => ({ name: asc ? QueryOrder.ASC : QueryOrder.DESC }),
  LEAD_SCORE: (asc) => ({ leadScore: asc ? QueryOrder.ASC : QueryOrder.DESC }),
  ANNUAL_TRAVEL_BUDGET: (asc) => ({
    annualTravelBudgetCents: asc ? QueryOrder.ASC_NULLS_LAST : QueryOrder.DESC_NULLS_LAST,
  }),
  STATUS: (asc) => ({ status: asc ? QueryOrder.ASC : QueryOrder.DESC }),
  CREATED_AT: (asc) => ({ createdAt: asc ? QueryOrder.ASC : QueryOrder.DESC }),
  UPDATED_AT: (asc) => ({ updatedAt: asc ? QueryOrder.ASC : QueryOrder.DESC }),
};

export interface CompanyListArgs extends ConnectionArgs {
  filter?: unknown;
  orderBy?: unknown;
}

/**
 * Companies matching a filter and a name search. Keyset pages in the order asked for (newest first
 * by default); a search without an order ranks by trigram similarity, paged by position.
 */
export function listCompanies(
  em: EntityManager,
  args: CompanyListArgs,
  plain = true,
): Promise<CompanyConnectionSource> {
  const { search, ...filter } = parseInput(filterInput, args.filter ?? {}, 'filter');
  const sort = parseInput(sortInput, args.orderBy, 'orderBy');

  // Built afresh for each query: a raw() fragment is bound to the one query that uses it.
  const where = (): FilterQuery<Company> => {
    const w: FilterQuery<Company>[] = [];
    if (filter.statuses?.length) w.push({ status: { $in: filter.statuses } });
    if (filter.companyTypes?.length) w.push({ companyType: { $in: filter.companyTypes } });
    if (filter.accountTiers?.length) w.push({ accountTier: { $in: filter.accountTiers } });
    if (filter.engagementLevels?.length) w.push({ engagementLevel: { $in: filter.engagementLevels } });
    if (filter.ownerId) w.push({ ownerId: filter.ownerId });
    if (filter.tags?.length) w.push({ tags: { $overlap: filter.tags } });
    if (filter.createdAfter) w.push({ createdAt: { $gte: filter.createdAfter } });
    if (filter.createdBefore) w.push({ createdAt: { $lt: filter.createdBefore } });
    if (filter.leadScoreMin != null) w.push({ leadScore: { $gte: filter.leadScoreMin } });
    if (filter.leadScoreMax != null) w.push({ leadScore: { $lte: filter.leadScoreMax } });
    if (search) w.push({ name: { $ilike: `%${escapeLike(search)}%` } });
    return w.length ? { $and: w } : {};
  };

  if (search && !sort) {
    const ranked = (): QueryOrderMap<Company>[] => [
      { [raw((a) => `similarity(${a}."name", ?)`, [search])]: QueryOrder.DESC },
      { name: QueryOrder.ASC },
      { id: QueryOrder.ASC },
    ];
    return rankedConnection(
      args,
      (offset, limit) =>
        plain
          ? findRows(em, Company, where(), { orderBy: ranked(), limit, offset })
          : em.find(Company, where(), { orderBy: ranked(), limit, offset }),
      () => em.count(Company, where()),
    );
  }
  const orderBy: QueryOrderMap<Company>[] = sort
    ? [ORDER_BY[sort.field](sort.direction === 'ASC'), { id: QueryOrder.ASC }]
    : [{ createdAt: QueryOrder.DESC }, { id: QueryOrder.ASC }];
  return plain
    ? rowConnection(em, Company, where(), args, orderBy)
    : findConnection(em, Company, where(), args, orderBy);
}

export async function getCompany(em: EntityManager, id: unknown, includeDeleted: boolean): Promise<Company | null> {
  const companyId = parseInput(zId, id, 'id');
  return em.findOne(Company, { id: companyId }, includeDeleted ? { filters: false } : {});
}

export async function createCompany(em: EntityManager, viewer: Viewer, input: unknown): Promise<Company> {
  const data = parseInput(createInput, input);
  await assertKnownStaff(em, viewer, data.ownerId, 'input.ownerId');
  const company = em.create(Company, {
    name: data.name,
    domain: data.domain ?? null,
    industry: data.industry ?? null,
    companyType: data.companyType ?? null,
    status: data.status ?? 'TARGET',
    accountTier: data.accountTier ?? null,
    engagementLevel: data.engagementLevel ?? null,
    leadScore: data.leadScore ?? 0,
    annualTravelBudgetCents: data.annualTravelBudgetCents ?? null,
    phone: data.phone ?? null,
    website: data.website ?? null,
    city: data.city ?? null,
    country: data.country ?? null,
    // An integrator's API key is not a person who could own an account.
    ownerId: data.ownerId === undefined ? (viewer.apiKeyId ? null : viewer.id) : data.ownerId,
    customFields: data.customFields ?? {},
    tags: data.tags ?? [],
  });
  await em.flush();
  return company;
}

export async function updateCompany(em: EntityManager, viewer: Viewer, input: unknown): Promise<Company> {
  const { id, ...fields } = parseInput(updateInput, input);
  await assertKnownStaff(em, viewer, fields.ownerId, 'input.ownerId');
  const company = await em.findOne(Company, { id });
  if (!company) throw notFound('Company', id);
  em.assign(company, given(fields));
  // Firmographic scoring rules read the company: its contacts are re-scored (a very large account's
  // beyond the first 1000 wait for the nightly run).
  const contacts = await em.find(Contact, { company: company.id }, { fields: ['id'], limit: 1000 });
  for (const c of contacts) queueLeadScore(em, c.id);
  await em.flush();
  return company;
}

/** Soft delete; its contacts keep their link, so restoring the company restores the picture. */
export async function deleteCompany(em: EntityManager, id: unknown): Promise<Company> {
  const companyId = parseInput(zId, id, 'id');
  const company = await em.findOne(Company, { id: companyId });
  if (!company) throw notFound('Company', companyId);
  company.deletedAt = new Date();
  await em.flush();
  return company;
}
