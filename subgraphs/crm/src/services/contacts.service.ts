import {
  QueryOrder,
  UniqueConstraintViolationException,
  raw,
  type FilterQuery,
  type QueryOrderMap,
} from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  AUTOMATION_TRIGGER_JOB,
  QUEUES,
  WEBHOOK_EVENT_JOB,
  badInput,
  conflict,
  enqueue,
  webhookEvent,
  notFound,
  parseInput,
  publishSafely,
  zId,
  zName,
  findConnection,
  type ConnectionArgs,
  type EventBus,
  type Logger,
  type Viewer,
} from '@nexus/platform';
import {
  CONTACT_ROLES,
  Company,
  Contact,
  LEAD_SOURCES,
  LEAD_STATUSES,
  LIFECYCLE_STAGES,
  LeadScoreChange,
  contactNameSql,
} from '../entities/index.ts';
import { queueAudienceFeed } from './audience-feed.ts';
import {
  checkRanges,
  commonFilterShape,
  enumList,
  escapeLike,
  given,
  optionalCountry,
  optionalEmail,
  optionalId,
  optionalName,
  optionalPhone,
  optionalText,
  zCustomFields,
  zDirection,
  zScore,
  zSearch,
  zTagList,
} from './fields.ts';
import { assertForSelf, assertKnownStaff, managesOthersWork } from './actors.ts';
import { queueLeadScore } from './lead-scoring.ts';
import { rankedConnection, type ContactConnectionSource } from './pages.ts';
import { findRows, rowConnection } from '@nexus/platform';

const zStage = z.enum(LIFECYCLE_STAGES);

/** Fields that may be null (cleared); the same rules for create and update. */
const clearable = {
  lastName: optionalName,
  email: optionalEmail,
  phone: optionalPhone,
  jobTitle: optionalText(120),
  leadStatus: z.enum(LEAD_STATUSES).nullish(),
  leadSource: z.enum(LEAD_SOURCES).nullish(),
  contactRole: z.enum(CONTACT_ROLES).nullish(),
  companyId: optionalId,
  ownerId: optionalId,
  address: optionalText(500),
  city: optionalText(120),
  country: optionalCountry,
};

const createInput = z.object({
  ...clearable,
  firstName: zName,
  lifecycleStage: zStage.optional(),
  leadScore: zScore.optional(),
  customFields: zCustomFields.optional(),
  tags: zTagList.optional(),
});

const updateInput = z.object({
  ...clearable,
  id: zId,
  firstName: zName.optional(),
  lifecycleStage: zStage.optional(),
  leadScore: zScore.optional(),
  customFields: zCustomFields.optional(),
  tags: zTagList.optional(),
});

const filterInput = z
  .object({
    ...commonFilterShape,
    lifecycleStages: enumList(LIFECYCLE_STAGES),
    leadStatuses: enumList(LEAD_STATUSES),
    leadSources: enumList(LEAD_SOURCES),
    contactRoles: enumList(CONTACT_ROLES),
    companyId: optionalId,
    search: zSearch,
  })
  .superRefine(checkRanges);

const SORT_FIELDS = ['NAME', 'EMAIL', 'LEAD_SCORE', 'LIFECYCLE_STAGE', 'CREATED_AT', 'UPDATED_AT'] as const;
const sortInput = z.object({ field: z.enum(SORT_FIELDS), direction: zDirection }).nullish();

/** The sort allowlist: each GraphQL sort field and the columns it orders by (id breaks ties). */
const ORDER_BY: Record<(typeof SORT_FIELDS)[number], (asc: boolean) => QueryOrderMap<Contact>[]> = {
  NAME: (asc) => [
    { lastName: asc ? QueryOrder.ASC_NULLS_LAST : QueryOrder.DESC_NULLS_LAST },
    { firstName: asc ? QueryOrder.ASC : QueryOrder.DESC },
  ],
  EMAIL: (asc) => [{ email: asc ? QueryOrder.ASC_NULLS_LAST : QueryOrder.DESC_NULLS_LAST }],
  LEAD_SCORE: (asc) => [{ leadScore: asc ? QueryOrder.ASC : QueryOrder.DESC }],
  LIFECYCLE_STAGE: (asc) => [{ lifecycleStage: asc ? QueryOrder.ASC : QueryOrder.DESC }],
  CREATED_AT: (asc) => [{ createdAt: asc ? QueryOrder.ASC : QueryOrder.DESC }],
  UPDATED_AT: (asc) => [{ updatedAt: asc ? QueryOrder.ASC : QueryOrder.DESC }],
};

export interface ContactListArgs extends ConnectionArgs {
  filter?: unknown;
  orderBy?: unknown;
}

/**
 * Contacts matching a filter and a search over name, email and company name (the GIN trigram
 * indexes serve the ILIKE). Keyset pages in the order asked for (newest first by default), so
 * pages stay stable while contacts are added; a search without an order ranks by trigram
 * similarity instead, paged by position.
 */
export function listContacts(
  em: EntityManager,
  args: ContactListArgs,
  plain = true,
  /** On plain rows, only the properties the selected fields read (propertiesFor). */
  fields?: readonly string[],
): Promise<ContactConnectionSource> {
  const { search, ...filter } = parseInput(filterInput, args.filter ?? {}, 'filter');
  const sort = parseInput(sortInput, args.orderBy, 'orderBy');

  // Built afresh for each query: a raw() fragment is bound to the one query that uses it.
  const where = (): FilterQuery<Contact> => {
    const w: FilterQuery<Contact>[] = [];
    if (filter.lifecycleStages?.length) w.push({ lifecycleStage: { $in: filter.lifecycleStages } });
    if (filter.leadStatuses?.length) w.push({ leadStatus: { $in: filter.leadStatuses } });
    if (filter.leadSources?.length) w.push({ leadSource: { $in: filter.leadSources } });
    if (filter.contactRoles?.length) w.push({ contactRole: { $in: filter.contactRoles } });
    if (filter.companyId) w.push({ company: filter.companyId });
    if (filter.ownerId) w.push({ ownerId: filter.ownerId });
    if (filter.tags?.length) w.push({ tags: { $overlap: filter.tags } });
    if (filter.createdAfter) w.push({ createdAt: { $gte: filter.createdAfter } });
    if (filter.createdBefore) w.push({ createdAt: { $lt: filter.createdBefore } });
    if (filter.leadScoreMin != null) w.push({ leadScore: { $gte: filter.leadScoreMin } });
    if (filter.leadScoreMax != null) w.push({ leadScore: { $lte: filter.leadScoreMax } });
    if (search) {
      // any(array(…)) rather than in (…): the company ids are computed once, so PostgreSQL can OR
      // three index scans (name and email trigrams, company_id) instead of scanning every contact.
      const like = `%${escapeLike(search)}%`;
      w.push({
        [raw(
          (a) =>
            `(${contactNameSql(a)} ilike ? or ${a}."email" ilike ? or ${a}."company_id" = any(array(` +
            `select co."id" from "company" co where co."name" ilike ? and co."deleted_at" is null)))`,
          [like, like, like],
        )]: [],
      });
    }
    return w.length ? { $and: w } : {};
  };

  if (search && !sort) {
    const ranked = (): QueryOrderMap<Contact>[] => {
      const relevance = raw(
        (a) =>
          `greatest(similarity(${contactNameSql(a)}, ?), similarity(coalesce(${a}."email", ''), ?), ` +
          `coalesce((select similarity(co."name", ?) from "company" co where co."id" = ${a}."company_id"), 0))`,
        [search, search, search],
      );
      return [{ [relevance]: QueryOrder.DESC }, { lastName: QueryOrder.ASC_NULLS_LAST }, { id: QueryOrder.ASC }];
    };
    return rankedConnection(
      args,
      (offset, limit) =>
        plain
          ? findRows(em, Contact, where(), { orderBy: ranked(), limit, offset })
          : em.find(Contact, where(), { orderBy: ranked(), limit, offset }),
      () => em.count(Contact, where()),
    );
  }
  const orderBy: QueryOrderMap<Contact>[] = sort
    ? [...ORDER_BY[sort.field](sort.direction === 'ASC'), { id: QueryOrder.ASC }]
    : [{ createdAt: QueryOrder.DESC }, { id: QueryOrder.ASC }];
  return plain
    ? rowConnection(em, Contact, where(), args, orderBy, undefined, fields)
    : findConnection(em, Contact, where(), args, orderBy);
}

export async function getContact(em: EntityManager, id: unknown, includeDeleted: boolean): Promise<Contact | null> {
  const contactId = parseInput(zId, id, 'id');
  return em.findOne(Contact, { id: contactId }, includeDeleted ? { filters: false } : {});
}

/** A company a contact may point at: it exists and is not deleted. */
async function companyFor(em: EntityManager, companyId: string): Promise<Company> {
  const company = await em.findOne(Company, { id: companyId });
  if (!company)
    throw badInput('That company does not exist.', [{ path: 'input.companyId', message: 'no company has this id' }]);
  return company;
}

const emailTaken = (email: string) =>
  conflict(`A contact with email ${email} already exists.`, {
    fields: [{ path: 'input.email', message: 'is already in use' }],
  });

async function assertEmailFree(em: EntityManager, email: string, exceptId?: string): Promise<void> {
  const other = await em.findOne(
    Contact,
    { email, ...(exceptId ? { id: { $ne: exceptId } } : {}) },
    { fields: ['id'] },
  );
  if (other) throw emailTaken(email);
}

/** Flushes; two requests racing for one address both pass the check, and the index stops one. */
async function flushContact(em: EntityManager, email: string | null): Promise<void> {
  try {
    await em.flush();
  } catch (e) {
    if (e instanceof UniqueConstraintViolationException && email) throw emailTaken(email);
    throw e;
  }
}

/** Where a contact sits for `contactChanged` filters. */
export interface ContactKeys {
  companyId: string | null;
  ownerId: string | null;
}
export const keysOf = (c: Contact): ContactKeys => ({ companyId: c.company?.id ?? null, ownerId: c.ownerId ?? null });

/**
 * Announces a committed change to `contactChanged`, keys only. A contact that moved is announced
 * under every old/new combination of company and owner, so subscribers filtering on where it was
 * learn that it left.
 */
export async function announceContact(
  bus: EventBus,
  log: Logger,
  contact: Contact,
  before?: ContactKeys,
): Promise<void> {
  const now = keysOf(contact);
  const companies = [...new Set([now.companyId, before ? before.companyId : now.companyId])];
  const owners = [...new Set([now.ownerId, before ? before.ownerId : now.ownerId])];
  for (const companyId of companies) {
    for (const ownerId of owners)
      await publishSafely(bus, 'contactChanged', { id: contact.id, companyId, ownerId }, log);
  }
}

export async function createContact(
  em: EntityManager,
  bus: EventBus,
  log: Logger,
  viewer: Viewer,
  input: unknown,
): Promise<Contact> {
  const data = parseInput(createInput, input);
  // An agent's contact is theirs: left unassigned, it is owned by the agent who created it.
  if (data.ownerId == null && !managesOthersWork(viewer) && viewer.kind === 'user') data.ownerId = viewer.id;
  assertForSelf(viewer, data.ownerId, 'input.ownerId', 'contacts');
  await assertKnownStaff(em, viewer, data.ownerId, 'input.ownerId');
  const company = data.companyId ? await companyFor(em, data.companyId) : null;
  if (data.email) await assertEmailFree(em, data.email);
  const contact = em.create(Contact, {
    firstName: data.firstName,
    lastName: data.lastName ?? null,
    email: data.email ?? null,
    phone: data.phone ?? null,
    jobTitle: data.jobTitle ?? null,
    lifecycleStage: data.lifecycleStage ?? 'LEAD',
    leadStatus: data.leadStatus === undefined ? 'NEW' : data.leadStatus,
    leadSource: data.leadSource ?? null,
    contactRole: data.contactRole ?? null,
    leadScore: data.leadScore ?? 0,
    company,
    // An integrator's API key is not a person who could own a contact.
    ownerId: data.ownerId === undefined ? (viewer.apiKeyId ? null : viewer.id) : data.ownerId,
    address: data.address ?? null,
    city: data.city ?? null,
    country: data.country ?? null,
    customFields: data.customFields ?? {},
    tags: data.tags ?? [],
  });
  queueLeadScore(em, contact.id);
  queueAudienceFeed(em, contact);
  enqueue(em, QUEUES.webhooks, WEBHOOK_EVENT_JOB, webhookEvent('contact.created', { contactId: contact.id }));
  // Workflows (marketing) that start when a contact is created.
  enqueue(
    em,
    QUEUES.automation,
    AUTOMATION_TRIGGER_JOB,
    {
      type: 'CONTACT_CREATED',
      contactId: contact.id,
      occurredAt: new Date().toISOString(),
      dedupeKey: `contact-created:${contact.id}`,
      data: { lifecycleStage: contact.lifecycleStage ?? null },
    },
    { jobId: `trigger:contact-created:${contact.id}` },
  );
  await flushContact(em, data.email ?? null);
  await announceContact(bus, log, contact);
  return contact;
}

export async function updateContact(
  em: EntityManager,
  bus: EventBus,
  log: Logger,
  viewer: Viewer,
  input: unknown,
): Promise<Contact> {
  const { id, companyId, ...fields } = parseInput(updateInput, input);
  await assertKnownStaff(em, viewer, fields.ownerId, 'input.ownerId');
  const contact = await em.findOne(Contact, { id });
  if (!contact) throw notFound('Contact', id);
  const before = keysOf(contact);
  const was = { lifecycleStage: contact.lifecycleStage ?? null, tags: [...contact.tags] };
  const company = companyId ? await companyFor(em, companyId) : companyId;
  if (fields.email && fields.email !== contact.email) await assertEmailFree(em, fields.email, contact.id);
  if (fields.leadScore !== undefined && fields.leadScore !== contact.leadScore) {
    em.create(LeadScoreChange, {
      contact,
      previousScore: contact.leadScore,
      newScore: fields.leadScore,
      trigger: 'MANUAL',
      matchedRules: [],
    });
  }
  em.assign(contact, { ...given(fields), ...(company !== undefined ? { company } : {}) });
  // With scoring rules in place, the rules own the score: a hand-set score holds until then.
  queueLeadScore(em, contact.id);
  queueAudienceFeed(em, contact);
  enqueue(
    em,
    QUEUES.webhooks,
    WEBHOOK_EVENT_JOB,
    webhookEvent('contact.updated', { contactId: contact.id }, Object.keys(given({ ...fields, companyId }))),
  );
  queueContactTriggers(em, contact, was, Object.keys(given({ ...fields, companyId })));
  await flushContact(em, fields.email ?? null);
  await announceContact(bus, log, contact, before);
  return contact;
}

/**
 * Workflows (marketing) that start on a contact's change: the change itself, a lifecycle stage
 * reached, each tag added. In the change's unit of work (outbox); the dedupe keys make a repeated
 * relay enrol nobody twice.
 */
function queueContactTriggers(
  em: EntityManager,
  contact: Contact,
  was: { lifecycleStage: string | null; tags: string[] },
  changedFields: string[],
): void {
  const occurredAt = new Date().toISOString();
  const at = Date.now();
  const send = (
    type: 'CONTACT_UPDATED' | 'LIFECYCLE_STAGE_REACHED' | 'TAG_ADDED',
    key: string,
    data: Record<string, string | string[] | null>,
  ) =>
    enqueue(
      em,
      QUEUES.automation,
      AUTOMATION_TRIGGER_JOB,
      { type, contactId: contact.id, occurredAt, dedupeKey: key, data },
      { jobId: `trigger:${key}` },
    );
  if (!changedFields.length) return;
  send('CONTACT_UPDATED', `contact-updated:${contact.id}:${at}`, { changedFields });
  const stage = contact.lifecycleStage ?? null;
  if (stage && stage !== was.lifecycleStage)
    send('LIFECYCLE_STAGE_REACHED', `lifecycle:${contact.id}:${stage}:${at}`, { lifecycleStage: stage });
  for (const tag of contact.tags.filter((t) => !was.tags.includes(t)))
    send('TAG_ADDED', `tag:${contact.id}:${tag}:${at}`, { tag });
}

export async function deleteContact(em: EntityManager, bus: EventBus, log: Logger, id: unknown): Promise<Contact> {
  const contactId = parseInput(zId, id, 'id');
  const contact = await em.findOne(Contact, { id: contactId });
  if (!contact) throw notFound('Contact', contactId);
  contact.deletedAt = new Date();
  queueAudienceFeed(em, contact);
  enqueue(em, QUEUES.webhooks, WEBHOOK_EVENT_JOB, webhookEvent('contact.deleted', { contactId: contact.id }));
  await em.flush();
  await announceContact(bus, log, contact);
  return contact;
}
