/**
 * The TT-API -> Nexus contact and deal sync (`POST /api/internal/contacts|deals` at the gateway).
 * TT-API sends its CRM records as it holds them; each batch is checked whole, then applied in one
 * transaction, so a bad record changes nothing. Records carry TT-API's `updatedAt`: a version no
 * newer than the last one applied is skipped, so retries and out-of-order deliveries are harmless.
 */
import { LockMode, UniqueConstraintViolationException, ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { badInput, conflict, parseInput, zEmail, zId, zName, type EventBus, type Logger } from '@nexus/platform';
import {
  CONTACT_ROLES,
  Contact,
  DEAL_STAGES,
  Deal,
  DealStageChange,
  LEAD_SOURCES,
  type DealStage,
  LIFECYCLE_STAGES,
  type PipelineStage,
  type Pipeline,
} from '../entities/index.ts';
import { announceContact, keysOf, type ContactKeys } from './contacts.service.ts';
import { announceDeal, enterStage } from './deals.service.ts';
import { optionalId, optionalPhone, optionalText, zCents } from './fields.ts';
import { queueLeadScore } from './lead-scoring.ts';
import { defaultPipeline, stagesOf } from './pipelines.service.ts';
import { companiesByTtIds, contactsByTtIds } from './tt-links.service.ts';

/** At most this many records per call: one transaction stays short. */
export const SYNC_BATCH_LIMIT = 500;

export type TtSyncAction = 'CREATED' | 'UPDATED' | 'UNCHANGED';
export interface TtSyncReport {
  created: number;
  updated: number;
  unchanged: number;
  items: { ttId: string; id: string; action: TtSyncAction }[];
}

const report = (items: TtSyncReport['items']): TtSyncReport => ({
  created: items.filter((i) => i.action === 'CREATED').length,
  updated: items.filter((i) => i.action === 'UPDATED').length,
  unchanged: items.filter((i) => i.action === 'UNCHANGED').length,
  items,
});

/** A batch: 1 to SYNC_BATCH_LIMIT records, each value of `unique` (the TT-API id, ...) at most once. */
const batch = <T extends z.ZodType<{ id: string }>>(item: T, unique: readonly (keyof z.infer<T> & string)[] = ['id']) =>
  z
    .array(item)
    .min(1, { message: 'must hold at least one record' })
    .max(SYNC_BATCH_LIMIT, { message: `must hold at most ${SYNC_BATCH_LIMIT} records` })
    .superRefine((records, ctx) => {
      for (const key of unique) {
        const seen = new Set<unknown>();
        records.forEach((r, i) => {
          const value = (r as z.infer<T>)[key];
          if (seen.has(value)) ctx.addIssue({ code: 'custom', path: [i, key], message: 'appears twice in the batch' });
          seen.add(value);
        });
      }
    });

/**
 * TT-API's lifecycle stage is free text; it counts when it names one of ours, whatever its case or
 * separators ("Sales qualified", "sales-qualified", "SALES_QUALIFIED").
 */
export function lifecycleStageFrom(text: string | null | undefined): (typeof LIFECYCLE_STAGES)[number] | null {
  const key = (text ?? '')
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
  return (LIFECYCLE_STAGES as readonly string[]).includes(key) ? (key as (typeof LIFECYCLE_STAGES)[number]) : null;
}

const contactRecord = z.object({
  id: zId,
  firstName: zName,
  lastName: zName,
  email: zEmail,
  phone: optionalPhone,
  companyId: optionalId,
  jobTitle: optionalText(120),
  role: z.enum(CONTACT_ROLES).nullish(),
  lifecycleStage: z.string().max(50, { message: 'must be at most 50 characters' }).nullish(),
  leadSource: z.enum(LEAD_SOURCES).nullish(),
  updatedAt: z.date(),
});

const dealRecord = z.object({
  id: zId,
  title: z.string().trim().min(1, { message: 'is required' }).max(200, { message: 'must be at most 200 characters' }),
  stage: z.enum(DEAL_STAGES),
  amountCents: zCents,
  companyId: optionalId,
  contactId: optionalId,
  expectedCloseDate: z.date().nullish(),
  leadSource: z.enum(LEAD_SOURCES).nullish(),
  updatedAt: z.date(),
});

const isNewer = (syncedAt: Date | null | undefined, updatedAt: Date) =>
  !syncedAt || updatedAt.getTime() > syncedAt.getTime();

const contactBatch = batch(contactRecord, ['id', 'email']);

/** Two batches racing for one address or one TT-API id: the unique indexes stop the second. */
async function inTransaction<T>(em: EntityManager, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  try {
    return await em.transactional(work);
  } catch (e) {
    if (e instanceof UniqueConstraintViolationException)
      throw conflict('Another change to the same records landed first; send the batch again.');
    throw e;
  }
}

export async function syncTtContacts(
  em: EntityManager,
  bus: EventBus,
  log: Logger,
  input: unknown,
): Promise<TtSyncReport> {
  const records = parseInput(contactBatch, input, 'contacts');
  const changed: { contact: Contact; before: ContactKeys | undefined }[] = [];
  const items = await inTransaction(em, async (tx) => {
    // Locked in a stable order, so two overlapping batches apply one after the other.
    const mirrored = await tx.find(
      Contact,
      { ttContactId: { $in: records.map((r) => r.id) } },
      { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } },
    );
    const byTtId = new Map(mirrored.map((c) => [c.ttContactId ?? '', c]));
    const emails = records.map((r) => r.email);
    const byEmail = new Map(
      (
        await tx.find(
          Contact,
          { email: { $in: emails } },
          { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } },
        )
      ).map((c) => [c.email ?? '', c]),
    );
    const companies = await companiesByTtIds(
      tx,
      records.map((r) => r.companyId),
    );

    // Check the whole batch before writing anything.
    const targets = records.map((record, i) => {
      const mirror = byTtId.get(record.id);
      const holder = byEmail.get(record.email);
      if (holder && mirror && holder.id !== mirror.id) {
        throw conflict(`Another contact already has the email ${record.email}.`, {
          fields: [{ path: `contacts.${i}.email`, message: 'belongs to another contact' }],
        });
      }
      if (!mirror && holder?.ttContactId) {
        throw conflict(`The contact with the email ${record.email} already mirrors another TT-API contact.`, {
          fields: [{ path: `contacts.${i}.email`, message: 'belongs to a contact linked to another TT-API contact' }],
        });
      }
      return mirror ?? holder ?? null;
    });

    return records.map((record, i) => {
      const existing = targets[i] ?? null;
      if (existing && !isNewer(existing.ttSyncedAt, record.updatedAt))
        return { ttId: record.id, id: existing.id, action: 'UNCHANGED' as const };
      const company = record.companyId ? companies.get(record.companyId) : undefined;
      const fields = {
        firstName: record.firstName,
        lastName: record.lastName,
        email: record.email,
        phone: record.phone ?? null,
        jobTitle: record.jobTitle ?? null,
        contactRole: record.role ?? null,
        leadSource: record.leadSource ?? null,
        ttContactId: record.id,
        ttSyncedAt: record.updatedAt,
      };
      const stage = lifecycleStageFrom(record.lifecycleStage);
      if (existing) {
        const before = keysOf(existing);
        tx.assign(existing, {
          ...fields,
          ...(stage ? { lifecycleStage: stage } : {}),
          ...(company ? { company } : {}),
        });
        queueLeadScore(tx, existing.id);
        changed.push({ contact: existing, before });
        return { ttId: record.id, id: existing.id, action: 'UPDATED' as const };
      }
      const contact = tx.create(Contact, {
        ...fields,
        lifecycleStage: stage ?? 'LEAD',
        leadStatus: 'NEW',
        leadScore: 0,
        company: company ?? null,
        ownerId: null,
        customFields: {},
        tags: [],
      });
      queueLeadScore(tx, contact.id);
      changed.push({ contact, before: undefined });
      return { ttId: record.id, id: contact.id, action: 'CREATED' as const };
    });
  });
  for (const { contact, before } of changed) await announceContact(bus, log, contact, before);
  return report(items);
}

/** TT-API's post-sale stages: the sale is made, so they stand for the pipeline's WON stage. */
const SOLD_TT_STAGES: readonly DealStage[] = ['BOOKING_CONFIRMED', 'TRAVELING', 'COMPLETED', 'WON'];

/**
 * The stage of a pipeline standing for a TT-API deal stage. Every one of TT-API's 12 stages has a
 * place in every pipeline, standard or custom:
 * - the stage mapped to it (`ttDealStage`), when there is one;
 * - `booking_confirmed`, `traveling`, `completed` and `won`: the pipeline's WON stage (a deal at
 *   those stages is sold; the trip, not the deal, goes on);
 * - `lost`: the pipeline's LOST stage;
 * - any other open stage: the stage mapped to the nearest earlier TT-API stage (a LEISURE deal at
 *   `proposal_viewed` sits in "Itinerary proposed"), else the nearest later one, else the first
 *   OPEN stage.
 * Null only when the pipeline has no stage of the needed outcome.
 */
export function stageFor<S extends Pick<PipelineStage, 'outcome' | 'ttDealStage'>>(
  stages: readonly S[],
  ttStage: DealStage,
): S | null {
  const mapped = stages.find((s) => s.ttDealStage === ttStage);
  if (mapped) return mapped;
  if (SOLD_TT_STAGES.includes(ttStage)) return stages.find((s) => s.outcome === 'WON') ?? null;
  if (ttStage === 'LOST') return stages.find((s) => s.outcome === 'LOST') ?? null;
  const open = stages.filter((s) => s.outcome === 'OPEN');
  const rank = DEAL_STAGES.indexOf(ttStage);
  const byTtStage = (k: number) => open.find((s) => s.ttDealStage === DEAL_STAGES[k]);
  for (let k = rank - 1; k >= 0; k--) {
    const earlier = byTtStage(k);
    if (earlier) return earlier;
  }
  for (let k = rank + 1; k < DEAL_STAGES.length; k++) {
    const later = byTtStage(k);
    if (later && !SOLD_TT_STAGES.includes(DEAL_STAGES[k] ?? 'WON')) return later;
  }
  return open[0] ?? null;
}

const SYNC_NOTE = 'Changed in TT-API';
const LOST_NOTE = 'Lost in TT-API';

export async function syncTtDeals(
  em: EntityManager,
  bus: EventBus,
  log: Logger,
  input: unknown,
): Promise<TtSyncReport> {
  const records = parseInput(batch(dealRecord), input, 'deals');
  const changed: Deal[] = [];
  const items = await inTransaction(em, async (tx) => {
    const mirrored = await tx.find(
      Deal,
      { ttDealId: { $in: records.map((r) => r.id) } },
      { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } },
    );
    const byTtId = new Map(mirrored.map((d) => [d.ttDealId ?? '', d]));
    const companies = await companiesByTtIds(
      tx,
      records.map((r) => r.companyId),
    );
    const contacts = await contactsByTtIds(
      tx,
      'ttContactId',
      records.map((r) => r.contactId),
    );
    const stagesByPipeline = new Map<string, PipelineStage[]>();
    const stagesIn = async (pipelineId: string) => {
      let stages = stagesByPipeline.get(pipelineId);
      if (!stages) stagesByPipeline.set(pipelineId, (stages = await stagesOf(tx, pipelineId)));
      return stages;
    };
    let fallbackPipeline: Pipeline | null | undefined;

    const items: TtSyncReport['items'] = [];
    for (const [i, record] of records.entries()) {
      const existing = byTtId.get(record.id);
      if (existing && !isNewer(existing.ttSyncedAt, record.updatedAt)) {
        items.push({ ttId: record.id, id: existing.id, action: 'UNCHANGED' });
        continue;
      }
      const company = record.companyId ? companies.get(record.companyId) : undefined;
      const contact = record.contactId ? contacts.get(record.contactId) : undefined;
      const fields = {
        title: record.title,
        amountCents: record.amountCents,
        expectedCloseDate: record.expectedCloseDate ?? null,
        source: record.leadSource ?? null,
        ttSyncedAt: record.updatedAt,
        ...(company ? { company } : {}),
        ...(contact ? { primaryContact: contact } : {}),
      };
      if (existing) {
        tx.assign(existing, fields);
        const stage = stageFor(await stagesIn(existing.pipeline.id), record.stage);
        if (stage) enterStage(tx, existing, stage, null, stage.outcome === 'LOST' ? LOST_NOTE : SYNC_NOTE);
        changed.push(existing);
        items.push({ ttId: record.id, id: existing.id, action: 'UPDATED' });
        continue;
      }
      if (fallbackPipeline === undefined) fallbackPipeline = await defaultPipeline(tx);
      if (!fallbackPipeline)
        throw badInput('There is no pipeline to put new deals in.', [
          { path: `deals.${i}`, message: 'needs a default pipeline' },
        ]);
      const stages = await stagesIn(fallbackPipeline.id);
      const stage = stageFor(stages, record.stage) ?? stages.find((s) => s.outcome === 'OPEN');
      if (!stage)
        throw badInput('The default pipeline has no open stage.', [
          { path: `deals.${i}.stage`, message: 'maps to no stage' },
        ]);
      const now = new Date();
      const deal = tx.create(Deal, {
        ...fields,
        pipeline: fallbackPipeline,
        stage,
        status: stage.outcome,
        company: company ?? null,
        primaryContact: contact ?? null,
        dealType: null,
        ownerId: null,
        closedAt: stage.outcome === 'OPEN' ? null : now,
        closeReason: stage.outcome === 'LOST' ? LOST_NOTE : null,
        stageEnteredAt: now,
        customFields: {},
        tags: [],
        ttDealId: record.id,
      });
      tx.create(DealStageChange, {
        deal,
        fromStage: null,
        toStage: ref(stage),
        changedById: null,
        changedAt: now,
        note: SYNC_NOTE,
      });
      changed.push(deal);
      items.push({ ttId: record.id, id: deal.id, action: 'CREATED' });
    }
    return items;
  });
  for (const deal of changed) await announceDeal(bus, log, deal);
  return report(items);
}
