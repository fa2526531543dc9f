import { LockMode, QueryOrder, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  QUEUES,
  WEBHOOK_EVENT_JOB,
  conflict,
  enqueue,
  notFound,
  parseInput,
  publishSafely,
  zId,
  findConnection,
  type ConnectionArgs,
  type EventBus,
  type Logger,
  type Viewer,
  webhookEvent,
} from '@nexus/platform';
import { Company, Contact, Deal, MERGE_KINDS, MergeRecord, type MergeSnapshot } from '../entities/index.ts';
import { actorId } from './actors.ts';
import { queueAudienceFeed } from './audience-feed.ts';
import { announceDeal } from './deals.service.ts';
import { queueLeadScore } from './lead-scoring.ts';
import type { MergeRecordConnectionSource } from './pages.ts';

/** A merge can be undone while the merged record is inside the soft-delete window. */
export const MERGE_UNDO_DAYS = 30;
export const undoableUntil = (record: MergeRecord) =>
  new Date(record.createdAt.getTime() + MERGE_UNDO_DAYS * 86_400_000);

const mergeInput = z
  .object({ survivorId: zId, duplicateId: zId })
  .refine((m) => m.survivorId !== m.duplicateId, { path: ['duplicateId'], message: 'must differ from survivorId' });

/** The survivor's plain fields a merge may fill in from the duplicate when they are empty. */
const CONTACT_FILLABLE = [
  'lastName',
  'email',
  'phone',
  'jobTitle',
  'leadStatus',
  'leadSource',
  'contactRole',
  'ownerId',
  'address',
  'city',
  'country',
] as const;
const COMPANY_FILLABLE = [
  'domain',
  'industry',
  'companyType',
  'accountTier',
  'engagementLevel',
  'annualTravelBudgetCents',
  'phone',
  'website',
  'city',
  'country',
  'ownerId',
] as const;

/** Key order does not matter for equality of JSON values (jsonb reorders keys). */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
const same = (a: unknown, b: unknown) => canonical(a ?? null) === canonical(b ?? null);

interface Mergeable {
  id: string;
  customFields: Record<string, string | number | boolean | null>;
  tags: string[];
}

/** Fills the survivor's empty fields and combines custom fields and tags; records before/after. */
function combine<T extends Mergeable, K extends keyof T & string>(
  survivor: T,
  duplicate: T,
  fillable: readonly K[],
): Pick<MergeSnapshot, 'before' | 'after'> & { patch: Partial<T> } {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const patch: Partial<T> = {};
  for (const key of fillable) {
    if (
      (survivor[key] === null || survivor[key] === undefined) &&
      duplicate[key] !== null &&
      duplicate[key] !== undefined
    ) {
      before[key] = null;
      after[key] = duplicate[key];
      patch[key] = duplicate[key];
    }
  }
  const customFields = { ...duplicate.customFields, ...survivor.customFields };
  if (!same(customFields, survivor.customFields)) {
    before.customFields = survivor.customFields;
    after.customFields = customFields;
    Object.assign(patch, { customFields });
  }
  const tags = [...new Set([...survivor.tags, ...duplicate.tags])];
  if (tags.length !== survivor.tags.length) {
    before.tags = survivor.tags;
    after.tags = tags;
    Object.assign(patch, { tags });
  }
  return { before, after, patch };
}

/** Ids of every row (deleted ones too) of a table pointing at a record. Table and column are ours, never input. */
const ids = async (em: EntityManager, table: string, column: string, id: string) =>
  (await em.execute<{ id: string }[]>(`select "id" from "${table}" where "${column}" = ? order by "id"`, [id])).map(
    (r) => r.id,
  );

const moveRows = async (
  em: EntityManager,
  table: string,
  column: string,
  rowIds: readonly string[],
  from: string,
  to: string,
) => {
  if (rowIds.length)
    await em.execute(
      `update "${table}" set "${column}" = ?, "updated_at" = now() where "id" in (?) and "${column}" = ?`,
      [to, [...rowIds], from],
    );
};

interface MergeOutcome {
  record: MergeRecord;
  /** What to announce once committed. */
  contacts: { id: string; companyId: string | null; ownerId: string | null }[];
  dealIds: string[];
}

async function announce(em: EntityManager, bus: EventBus, log: Logger, outcome: MergeOutcome) {
  for (const c of outcome.contacts)
    await publishSafely(bus, 'contactChanged', { id: c.id, companyId: c.companyId, ownerId: c.ownerId }, log);
  if (outcome.dealIds.length) {
    for (const deal of await em.find(Deal, { id: { $in: outcome.dealIds } }, { filters: false }))
      await announceDeal(bus, log, deal);
  }
}

const contactKeys = (c: Contact) => ({ id: c.id, companyId: c.company?.id ?? null, ownerId: c.ownerId ?? null });

/**
 * What the rest of the system hears of a merge's contacts, in its unit of work: marketing's audience,
 * travel, sales and service (a merged-away contact leaves them, so no campaign reaches it), and
 * integrators' webhooks (`contact.deleted` for the merged contact, naming the survivor;
 * `contact.updated` with the changed fields for the others).
 */
function feedMergedContacts(
  tx: EntityManager,
  contacts: readonly Contact[],
  o: { mergedId?: string; survivorId?: string; changedFields: string[] },
) {
  for (const contact of contacts) {
    queueAudienceFeed(tx, contact);
    const event =
      contact.id === o.mergedId && contact.deletedAt
        ? webhookEvent('contact.deleted', { contactId: contact.id, mergedIntoId: o.survivorId ?? null })
        : webhookEvent('contact.updated', { contactId: contact.id }, o.changedFields);
    enqueue(tx, QUEUES.webhooks, WEBHOOK_EVENT_JOB, event);
  }
}

/** The two records of a merge (loaded live and locked), or NOT_FOUND naming the missing one. */
function pair<T extends { id: string }>(rows: readonly T[], survivorId: string, duplicateId: string, name: string) {
  const survivor = rows.find((r) => r.id === survivorId);
  const duplicate = rows.find((r) => r.id === duplicateId);
  if (!survivor) throw notFound(name, survivorId);
  if (!duplicate) throw notFound(name, duplicateId);
  return { survivor, duplicate };
}

/**
 * Merges a duplicate contact into the survivor in one transaction: its activities, deals (as
 * primary contact) and tasks move over, empty fields are filled from it, custom fields and tags are
 * combined, the duplicate is soft-deleted, and the merge is audited with what it takes to undo it.
 */
export async function mergeContacts(
  em: EntityManager,
  bus: EventBus,
  log: Logger,
  viewer: Viewer,
  input: unknown,
): Promise<MergeRecord> {
  const { survivorId, duplicateId } = parseInput(mergeInput, input);
  const outcome = await em.transactional(async (tx): Promise<MergeOutcome> => {
    const locked = await tx.find(
      Contact,
      { id: { $in: [survivorId, duplicateId] } },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    const { survivor, duplicate } = pair(locked, survivorId, duplicateId, 'Contact');
    const moved = {
      activities: await ids(tx, 'activity', 'contact_id', duplicate.id),
      deals: await ids(tx, 'deal', 'primary_contact_id', duplicate.id),
      tasks: await ids(tx, 'task', 'contact_id', duplicate.id),
      contacts: [],
    };
    await moveRows(tx, 'activity', 'contact_id', moved.activities, duplicate.id, survivor.id);
    await moveRows(tx, 'deal', 'primary_contact_id', moved.deals, duplicate.id, survivor.id);
    await moveRows(tx, 'task', 'contact_id', moved.tasks, duplicate.id, survivor.id);
    const { before, after, patch } = combine<Contact, (typeof CONTACT_FILLABLE)[number]>(
      survivor,
      duplicate,
      CONTACT_FILLABLE,
    );
    if (!survivor.company && duplicate.company) {
      before.companyId = null;
      after.companyId = duplicate.company.id;
      survivor.company = duplicate.company;
    }
    const duplicateKeys = contactKeys(duplicate);
    // The duplicate goes first, so the survivor may take over its email address.
    duplicate.deletedAt = new Date();
    await tx.flush();
    Object.assign(survivor, patch);
    queueLeadScore(tx, survivor.id, 'MERGE');
    feedMergedContacts(tx, [survivor, duplicate], {
      mergedId: duplicate.id,
      survivorId: survivor.id,
      changedFields: Object.keys(after),
    });
    const record = tx.create(MergeRecord, {
      kind: 'CONTACT',
      survivorId,
      mergedId: duplicateId,
      mergedById: actorId(viewer),
      snapshot: { before, after, moved },
    });
    await tx.flush();
    return { record, contacts: [contactKeys(survivor), duplicateKeys], dealIds: moved.deals };
  });
  await announce(em, bus, log, outcome);
  return outcome.record;
}

/** Merges a duplicate company into the survivor: contacts, deals, activities and tasks move over. */
export async function mergeCompanies(
  em: EntityManager,
  bus: EventBus,
  log: Logger,
  viewer: Viewer,
  input: unknown,
): Promise<MergeRecord> {
  const { survivorId, duplicateId } = parseInput(mergeInput, input);
  const outcome = await em.transactional(async (tx): Promise<MergeOutcome> => {
    const locked = await tx.find(
      Company,
      { id: { $in: [survivorId, duplicateId] } },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    const { survivor, duplicate } = pair(locked, survivorId, duplicateId, 'Company');
    const moved = {
      contacts: await ids(tx, 'contact', 'company_id', duplicate.id),
      deals: await ids(tx, 'deal', 'company_id', duplicate.id),
      activities: await ids(tx, 'activity', 'company_id', duplicate.id),
      tasks: await ids(tx, 'task', 'company_id', duplicate.id),
    };
    await moveRows(tx, 'contact', 'company_id', moved.contacts, duplicate.id, survivor.id);
    await moveRows(tx, 'deal', 'company_id', moved.deals, duplicate.id, survivor.id);
    await moveRows(tx, 'activity', 'company_id', moved.activities, duplicate.id, survivor.id);
    await moveRows(tx, 'task', 'company_id', moved.tasks, duplicate.id, survivor.id);
    const { before, after, patch } = combine<Company, (typeof COMPANY_FILLABLE)[number]>(
      survivor,
      duplicate,
      COMPANY_FILLABLE,
    );
    duplicate.deletedAt = new Date();
    Object.assign(survivor, patch);
    for (const id of moved.contacts) queueLeadScore(tx, id, 'MERGE');
    const record = tx.create(MergeRecord, {
      kind: 'COMPANY',
      survivorId,
      mergedId: duplicateId,
      mergedById: actorId(viewer),
      snapshot: { before, after, moved },
    });
    await tx.flush();
    const contacts = moved.contacts.length
      ? await tx.find(Contact, { id: { $in: moved.contacts } }, { filters: false, populate: ['company'] })
      : [];
    feedMergedContacts(tx, contacts, { changedFields: ['company'] });
    await tx.flush();
    return {
      record,
      contacts: contacts.flatMap((c) => [contactKeys(c), { ...contactKeys(c), companyId: duplicate.id }]),
      dealIds: moved.deals,
    };
  });
  await announce(em, bus, log, outcome);
  return outcome.record;
}

const undoInput = z.object({ mergeId: zId });

/** Puts back what the merge changed, where nobody has changed it since. */
function restoreFields(
  entity: object,
  snapshot: MergeSnapshot,
  current: (key: string) => unknown,
): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(snapshot.after)) {
    if (same(current(key), value))
      patch[key] = snapshot.before[key] ?? (key === 'customFields' ? {} : key === 'tags' ? [] : null);
  }
  Object.assign(entity, Object.fromEntries(Object.entries(patch).filter(([k]) => k !== 'companyId')));
  return patch;
}

export async function undoMerge(
  em: EntityManager,
  bus: EventBus,
  log: Logger,
  viewer: Viewer,
  input: unknown,
): Promise<MergeRecord> {
  const { mergeId } = parseInput(undoInput, input);
  const outcome = await em.transactional(async (tx): Promise<MergeOutcome> => {
    const record = await tx.findOne(MergeRecord, { id: mergeId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!record) throw notFound('Merge', mergeId);
    if (record.undoneAt) throw conflict('This merge was already undone.');
    if (undoableUntil(record) < new Date())
      throw conflict(`Merges can be undone for ${MERGE_UNDO_DAYS} days; this one is older.`);
    const load = (id: string) =>
      record.kind === 'CONTACT'
        ? tx.findOne(Contact, { id }, { filters: false })
        : tx.findOne(Company, { id }, { filters: false });
    const survivor = await load(record.survivorId);
    const merged = await load(record.mergedId);
    if (!survivor || survivor.deletedAt)
      throw conflict('The surviving record has been deleted since; restore it first.');
    if (!merged) throw notFound(record.kind === 'CONTACT' ? 'Contact' : 'Company', record.mergedId);
    if (!merged.deletedAt) throw conflict('The merged record is live again already.');
    const { snapshot } = record;
    const current = (key: string): unknown =>
      key === 'companyId'
        ? survivor instanceof Contact
          ? (survivor.company?.id ?? null)
          : null
        : (Reflect.get(survivor, key) as unknown);
    const patch = restoreFields(survivor, snapshot, current);
    if ('companyId' in patch && survivor instanceof Contact) survivor.company = null;
    // The survivor first gives back what it took (an email address), then the merged record returns.
    await tx.flush();
    const col =
      record.kind === 'CONTACT'
        ? { activity: 'contact_id', deal: 'primary_contact_id', task: 'contact_id' }
        : { activity: 'company_id', deal: 'company_id', task: 'company_id' };
    await moveRows(tx, 'activity', col.activity, snapshot.moved.activities, survivor.id, merged.id);
    await moveRows(tx, 'deal', col.deal, snapshot.moved.deals, survivor.id, merged.id);
    await moveRows(tx, 'task', col.task, snapshot.moved.tasks, survivor.id, merged.id);
    await moveRows(tx, 'contact', 'company_id', snapshot.moved.contacts, survivor.id, merged.id);
    merged.deletedAt = null;
    record.undoneAt = new Date();
    record.undoneById = actorId(viewer);
    try {
      await tx.flush();
    } catch (e) {
      if (e instanceof UniqueConstraintViolationException)
        throw conflict("Another live contact now uses the merged contact's email address; change it first.");
      throw e;
    }
    const contactIds = record.kind === 'CONTACT' ? [survivor.id, merged.id] : snapshot.moved.contacts;
    for (const id of contactIds) queueLeadScore(tx, id, 'MERGE');
    await tx.flush();
    const contacts = contactIds.length
      ? await tx.find(Contact, { id: { $in: contactIds } }, { filters: false, populate: ['company'] })
      : [];
    feedMergedContacts(tx, contacts, {
      changedFields: record.kind === 'CONTACT' ? Object.keys(snapshot.before) : ['company'],
    });
    await tx.flush();
    return {
      record,
      contacts: contacts.flatMap((c) =>
        record.kind === 'COMPANY' ? [contactKeys(c), { ...contactKeys(c), companyId: survivor.id }] : [contactKeys(c)],
      ),
      dealIds: snapshot.moved.deals,
    };
  });
  await announce(em, bus, log, outcome);
  return outcome.record;
}

export function listMerges(
  em: EntityManager,
  args: ConnectionArgs & { filter?: unknown },
): Promise<MergeRecordConnectionSource> {
  const { kind } = parseInput(z.object({ kind: z.enum(MERGE_KINDS).nullish() }), args.filter ?? {}, 'filter');
  const where = kind ? { kind } : {};
  return findConnection(em, MergeRecord, where, args, [{ createdAt: QueryOrder.DESC }, { id: QueryOrder.DESC }]);
}
