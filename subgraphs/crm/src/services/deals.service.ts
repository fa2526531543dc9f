import {
  LockMode,
  QueryOrder,
  UniqueConstraintViolationException,
  ref,
  type FilterQuery,
  type QueryOrderMap,
} from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  NOTIFY_JOB,
  QUEUES,
  badInput,
  conflict,
  enqueue,
  notFound,
  parseInput,
  publishSafely,
  zId,
  findConnection,
  type ConnectionArgs,
  zTags,
  type EventBus,
  type Logger,
  type NotifyJob,
  SLACK_ANNOUNCE_JOB,
  AUTOMATION_TRIGGER_JOB,
  type Viewer,
  WEBHOOK_EVENT_JOB,
  webhookEvent,
} from '@nexus/platform';
import {
  Company,
  Contact,
  DEAL_SOURCES,
  DEAL_STATUSES,
  DEAL_TYPES,
  Deal,
  DealStageChange,
  Pipeline,
  PipelineStage,
} from '../entities/index.ts';
import { actorId, assertKnownStaff } from './actors.ts';
import { enumList, escapeLike, given, optionalId, zCents, zCustomFields, zDirection, zTagList } from './fields.ts';
import type { DealConnectionSource } from './pages.ts';
import { rowConnection } from '@nexus/platform';
import { defaultPipeline, stagesOf } from './pipelines.service.ts';
import type { DealCondition } from './pipeline-totals.ts';

const zTitle = z
  .string()
  .trim()
  .min(1, { message: 'is required' })
  .max(200, { message: 'must be at most 200 characters' });
const zReason = z
  .string()
  .trim()
  .min(1, { message: 'must not be blank' })
  .max(500, { message: 'must be at most 500 characters' });

const clearable = {
  dealType: z.enum(DEAL_TYPES).nullish(),
  source: z.enum(DEAL_SOURCES).nullish(),
  companyId: optionalId,
  primaryContactId: optionalId,
  ownerId: optionalId,
  expectedCloseDate: z.date().nullish(),
  ttDealId: optionalId,
};

const createInput = z.object({
  ...clearable,
  title: zTitle,
  pipelineId: zId.nullish(),
  stageId: zId.nullish(),
  amountCents: zCents.nullish(),
  customFields: zCustomFields.nullish(),
  tags: zTagList.nullish(),
});

const updateInput = z.object({
  ...clearable,
  id: zId,
  title: zTitle.optional(),
  amountCents: zCents.optional(),
  customFields: zCustomFields.optional(),
  tags: zTagList.optional(),
});

const filterInput = z
  .object({
    pipelineId: optionalId,
    stageIds: z.array(zId).max(100).nullish(),
    statuses: enumList(DEAL_STATUSES),
    ownerId: optionalId,
    companyId: optionalId,
    primaryContactId: optionalId,
    dealTypes: enumList(DEAL_TYPES),
    sources: enumList(DEAL_SOURCES),
    tags: zTags.nullish(),
    amountMinCents: z.number().int().nullish(),
    amountMaxCents: z.number().int().nullish(),
    expectedCloseAfter: z.date().nullish(),
    expectedCloseBefore: z.date().nullish(),
    closedAfter: z.date().nullish(),
    closedBefore: z.date().nullish(),
    search: z.string().trim().max(200).nullish(),
  })
  .superRefine((f, ctx) => {
    if (f.amountMinCents != null && f.amountMaxCents != null && f.amountMinCents > f.amountMaxCents) {
      ctx.addIssue({ code: 'custom', path: ['amountMinCents'], message: 'must not exceed amountMaxCents' });
    }
    if (f.expectedCloseAfter && f.expectedCloseBefore && f.expectedCloseAfter >= f.expectedCloseBefore) {
      ctx.addIssue({ code: 'custom', path: ['expectedCloseAfter'], message: 'must be before expectedCloseBefore' });
    }
    if (f.closedAfter && f.closedBefore && f.closedAfter >= f.closedBefore) {
      ctx.addIssue({ code: 'custom', path: ['closedAfter'], message: 'must be before closedBefore' });
    }
  });

export type DealFilterValues = z.infer<typeof filterInput>;

/** A `DealFilter` argument, validated (BAD_USER_INPUT naming the field under `path`). */
export const parseDealFilter = (raw: unknown, path = 'filter'): DealFilterValues =>
  parseInput(filterInput, raw ?? {}, path);

/**
 * The same conditions as `deals(filter:)`, as SQL over the deal table aliased `d`, for the grouped
 * statements (board totals, dashboard) that cannot go through the ORM's query builder.
 */
export function dealFilterSql(f: DealFilterValues): DealCondition {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    parts.push(sql);
    params.push(...values);
  };
  if (f.pipelineId) add(`d."pipeline_id" = ?`, f.pipelineId);
  if (f.stageIds?.length) add(`d."stage_id" in (?)`, f.stageIds);
  if (f.statuses?.length) add(`d."status"::text in (?)`, f.statuses);
  if (f.ownerId) add(`d."owner_id" = ?`, f.ownerId);
  if (f.companyId) add(`d."company_id" = ?`, f.companyId);
  if (f.primaryContactId) add(`d."primary_contact_id" = ?`, f.primaryContactId);
  if (f.dealTypes?.length) add(`d."deal_type"::text in (?)`, f.dealTypes);
  if (f.sources?.length) add(`d."source"::text in (?)`, f.sources);
  if (f.tags?.length) add(`d."tags" && array[?]::text[]`, f.tags);
  if (f.amountMinCents != null) add(`d."amount_cents" >= ?`, f.amountMinCents);
  if (f.amountMaxCents != null) add(`d."amount_cents" <= ?`, f.amountMaxCents);
  if (f.expectedCloseAfter) add(`d."expected_close_date" >= ?`, f.expectedCloseAfter);
  if (f.expectedCloseBefore) add(`d."expected_close_date" < ?`, f.expectedCloseBefore);
  if (f.closedAfter) add(`d."closed_at" >= ?`, f.closedAfter);
  if (f.closedBefore) add(`d."closed_at" < ?`, f.closedBefore);
  if (f.search) add(`d."title" ilike ?`, `%${escapeLike(f.search)}%`);
  return { sql: parts.length ? parts.join(' and ') : 'true', params };
}

const SORT_FIELDS = [
  'CREATED_AT',
  'UPDATED_AT',
  'TITLE',
  'AMOUNT',
  'EXPECTED_CLOSE_DATE',
  'STAGE',
  'STAGE_ENTERED_AT',
] as const;
const sortInput = z.object({ field: z.enum(SORT_FIELDS), direction: zDirection }).nullish();

/** The sort allowlist: each GraphQL sort field and the columns it orders by (id breaks ties). */
const ORDER_BY: Record<(typeof SORT_FIELDS)[number], (asc: boolean) => QueryOrderMap<Deal>[]> = {
  CREATED_AT: (asc) => [{ createdAt: asc ? QueryOrder.ASC : QueryOrder.DESC }],
  UPDATED_AT: (asc) => [{ updatedAt: asc ? QueryOrder.ASC : QueryOrder.DESC }],
  TITLE: (asc) => [{ title: asc ? QueryOrder.ASC : QueryOrder.DESC }],
  AMOUNT: (asc) => [{ amountCents: asc ? QueryOrder.ASC : QueryOrder.DESC }],
  EXPECTED_CLOSE_DATE: (asc) => [{ expectedCloseDate: asc ? QueryOrder.ASC_NULLS_LAST : QueryOrder.DESC_NULLS_LAST }],
  STAGE: (asc) => [{ stage: { position: asc ? QueryOrder.ASC : QueryOrder.DESC } }, { stageEnteredAt: QueryOrder.ASC }],
  STAGE_ENTERED_AT: (asc) => [{ stageEnteredAt: asc ? QueryOrder.ASC : QueryOrder.DESC }],
};

export interface DealListArgs extends ConnectionArgs {
  filter?: unknown;
  orderBy?: unknown;
}

/**
 * Where the plain-row board reads each stage's position (its cursors hold it): the request's
 * batched stage loader, which the deals' `stage` fields then answer from without another query.
 * Without it, the list hydrates entities (the path `CRM_PLAIN_READS=0` keeps for comparison).
 */
export type StagePositions = (id: string) => Promise<{ position: number }>;

export function listDeals(
  em: EntityManager,
  args: DealListArgs,
  stages?: StagePositions,
  /** On plain rows, only the properties the selected fields read (propertiesFor). */
  fields?: readonly string[],
): Promise<DealConnectionSource> {
  const f = parseDealFilter(args.filter);
  const sort = parseInput(sortInput, args.orderBy, 'orderBy');
  const w: FilterQuery<Deal>[] = [];
  if (f.pipelineId) w.push({ pipeline: f.pipelineId });
  if (f.stageIds?.length) w.push({ stage: { $in: f.stageIds } });
  if (f.statuses?.length) w.push({ status: { $in: f.statuses } });
  if (f.ownerId) w.push({ ownerId: f.ownerId });
  if (f.companyId) w.push({ company: f.companyId });
  if (f.primaryContactId) w.push({ primaryContact: f.primaryContactId });
  if (f.dealTypes?.length) w.push({ dealType: { $in: f.dealTypes } });
  if (f.sources?.length) w.push({ source: { $in: f.sources } });
  if (f.tags?.length) w.push({ tags: { $overlap: f.tags } });
  if (f.amountMinCents != null) w.push({ amountCents: { $gte: f.amountMinCents } });
  if (f.amountMaxCents != null) w.push({ amountCents: { $lte: f.amountMaxCents } });
  if (f.expectedCloseAfter) w.push({ expectedCloseDate: { $gte: f.expectedCloseAfter } });
  if (f.expectedCloseBefore) w.push({ expectedCloseDate: { $lt: f.expectedCloseBefore } });
  if (f.closedAfter) w.push({ closedAt: { $gte: f.closedAfter } });
  if (f.closedBefore) w.push({ closedAt: { $lt: f.closedBefore } });
  if (f.search) w.push({ title: { $ilike: `%${escapeLike(f.search)}%` } });
  const where: FilterQuery<Deal> = w.length ? { $and: w } : {};
  const orderBy = sort
    ? [...ORDER_BY[sort.field](sort.direction === 'ASC'), { id: QueryOrder.ASC }]
    : [{ createdAt: QueryOrder.DESC }, { id: QueryOrder.ASC }];
  if (stages) {
    // The board order reads the stage's position: each row's stage carries it for its cursor.
    const decorate =
      sort?.field === 'STAGE'
        ? async (rows: Deal[]) => {
            await Promise.all(
              rows.map(async (row) => {
                const stage = await stages(row.stage.id);
                Object.assign(row, { stage: { id: row.stage.id, position: stage.position } });
              }),
            );
          }
        : undefined;
    return rowConnection(em, Deal, where, args, orderBy, decorate, fields);
  }
  // The board order reads the stage's position: the stage comes with each deal for its cursor.
  return findConnection(
    em,
    Deal,
    where,
    args,
    orderBy,
    sort?.field === 'STAGE' ? { populate: ['stage'] as never } : {},
  );
}

export async function getDeal(em: EntityManager, id: unknown, includeDeleted: boolean): Promise<Deal | null> {
  const dealId = parseInput(zId, id, 'id');
  return em.findOne(Deal, { id: dealId }, includeDeleted ? { filters: false } : {});
}

/** Keys-only event for `dealChanged`; boards filter on the pipeline. */
export const announceDeal = (bus: EventBus, log: Logger, deal: { id: string; pipeline: { id: string } }) =>
  publishSafely(bus, 'dealChanged', { id: deal.id, pipelineId: deal.pipeline.id }, log);

async function liveCompany(em: EntityManager, id: string, path: string): Promise<Company> {
  const company = await em.findOne(Company, { id });
  if (!company) throw badInput('That company does not exist.', [{ path, message: 'no company has this id' }]);
  return company;
}

async function liveContact(em: EntityManager, id: string, path: string): Promise<Contact> {
  const contact = await em.findOne(Contact, { id });
  if (!contact) throw badInput('That contact does not exist.', [{ path, message: 'no contact has this id' }]);
  return contact;
}

const ttTaken = (ttDealId: string) =>
  conflict(`Another deal already mirrors TT-API deal ${ttDealId}.`, {
    fields: [{ path: 'input.ttDealId', message: 'is already linked to another deal' }],
  });

async function flushDeal(em: EntityManager, ttDealId: string | null | undefined): Promise<void> {
  try {
    await em.flush();
  } catch (e) {
    if (e instanceof UniqueConstraintViolationException && ttDealId) throw ttTaken(ttDealId);
    throw e;
  }
}

/** Where a new deal starts: the named (or default) pipeline, and the named (or first open) stage. */
async function placement(em: EntityManager, pipelineId: string | null | undefined, stageId: string | null | undefined) {
  let stage: PipelineStage | null = null;
  if (stageId) {
    stage = await em.findOne(PipelineStage, { id: stageId });
    if (!stage)
      throw badInput('That stage does not exist.', [{ path: 'input.stageId', message: 'no live stage has this id' }]);
  }
  const pipeline = pipelineId
    ? await em.findOne(Pipeline, { id: pipelineId })
    : stage
      ? await em.findOne(Pipeline, { id: stage.pipeline.id })
      : await defaultPipeline(em);
  if (!pipeline) {
    throw badInput('That pipeline does not exist.', [
      {
        path: 'input.pipelineId',
        message: pipelineId ? 'no pipeline has this id' : 'is required: there is no default pipeline',
      },
    ]);
  }
  if (stage && stage.pipeline.id !== pipeline.id) {
    throw badInput('That stage belongs to another pipeline.', [
      { path: 'input.stageId', message: 'is a stage of another pipeline' },
    ]);
  }
  stage ??= (await stagesOf(em, pipeline.id)).find((s) => s.outcome === 'OPEN') ?? null;
  if (!stage)
    throw badInput('The pipeline has no open stage.', [{ path: 'input.pipelineId', message: 'has no OPEN stage' }]);
  return { pipeline, stage };
}

export async function createDeal(
  em: EntityManager,
  bus: EventBus,
  log: Logger,
  viewer: Viewer,
  input: unknown,
): Promise<Deal> {
  const data = parseInput(createInput, input);
  await assertKnownStaff(em, viewer, data.ownerId, 'input.ownerId');
  const { pipeline, stage } = await placement(em, data.pipelineId, data.stageId);
  const company = data.companyId ? await liveCompany(em, data.companyId, 'input.companyId') : null;
  const primaryContact = data.primaryContactId
    ? await liveContact(em, data.primaryContactId, 'input.primaryContactId')
    : null;
  if (data.ttDealId && (await em.count(Deal, { ttDealId: data.ttDealId }))) throw ttTaken(data.ttDealId);
  const now = new Date();
  const deal = em.create(Deal, {
    title: data.title,
    pipeline,
    stage,
    status: stage.outcome,
    amountCents: data.amountCents ?? 0,
    dealType: data.dealType ?? null,
    source: data.source ?? null,
    company,
    primaryContact,
    ownerId: data.ownerId === undefined ? actorId(viewer) : data.ownerId,
    expectedCloseDate: data.expectedCloseDate ?? null,
    closedAt: stage.outcome === 'OPEN' ? null : now,
    closeReason: null,
    stageEnteredAt: now,
    customFields: data.customFields ?? {},
    tags: data.tags ?? [],
    ttDealId: data.ttDealId ?? null,
  });
  em.create(DealStageChange, {
    deal,
    fromStage: null,
    toStage: stage,
    changedById: actorId(viewer),
    changedAt: now,
    note: null,
  });
  await flushDeal(em, data.ttDealId);
  await announceDeal(bus, log, deal);
  return deal;
}

export async function updateDeal(
  em: EntityManager,
  bus: EventBus,
  log: Logger,
  viewer: Viewer,
  input: unknown,
): Promise<Deal> {
  const { id, companyId, primaryContactId, ...fields } = parseInput(updateInput, input);
  await assertKnownStaff(em, viewer, fields.ownerId, 'input.ownerId');
  const deal = await em.findOne(Deal, { id });
  if (!deal) throw notFound('Deal', id);
  const company = companyId ? await liveCompany(em, companyId, 'input.companyId') : companyId;
  const primaryContact = primaryContactId
    ? await liveContact(em, primaryContactId, 'input.primaryContactId')
    : primaryContactId;
  if (
    fields.ttDealId &&
    fields.ttDealId !== deal.ttDealId &&
    (await em.count(Deal, { ttDealId: fields.ttDealId, id: { $ne: id } }))
  ) {
    throw ttTaken(fields.ttDealId);
  }
  em.assign(deal, {
    ...given(fields),
    ...(company !== undefined ? { company } : {}),
    ...(primaryContact !== undefined ? { primaryContact } : {}),
  });
  await flushDeal(em, fields.ttDealId);
  await announceDeal(bus, log, deal);
  return deal;
}

/**
 * Tells a deal's owner (through identity, via the outbox in this unit of work) that someone else
 * moved their deal. Keyed by the transition, so a retried job notifies once.
 */
function notifyOwner(em: EntityManager, deal: Deal, to: PipelineStage, changeId: string) {
  if (!deal.ownerId) return;
  const job: NotifyJob = {
    userId: deal.ownerId,
    type: 'DEAL_STAGE_CHANGED',
    title: `Deal moved to ${to.name}: ${deal.title}`.slice(0, 200),
    body: `${deal.title} is now in ${to.name}${to.outcome === 'OPEN' ? '' : ` (${to.outcome.toLowerCase()})`}.`.slice(
      0,
      4000,
    ),
    link: `/crm/deals/${deal.id}`,
    dedupeKey: `deal-stage-changed:${changeId}`,
  };
  enqueue(em, QUEUES.notifications, NOTIFY_JOB, { ...job }, { jobId: job.dedupeKey ?? undefined });
}

/** Tells the sales channel in Slack (through ops, via the outbox in this unit of work); once per transition. */
function announceStage(em: EntityManager, deal: Deal, to: PipelineStage, changeId: string) {
  const dedupeKey = `deal-stage-changed:${changeId}`;
  enqueue(
    em,
    QUEUES.slack,
    SLACK_ANNOUNCE_JOB,
    {
      kind: 'DEAL_STAGE_CHANGED',
      text: `Deal “${deal.title}” moved to ${to.name}${to.outcome === 'OPEN' ? '' : ` (${to.outcome.toLowerCase()})`}.`.slice(
        0,
        500,
      ),
      link: `/crm/deals/${deal.id}`,
      ref: { type: 'Deal', id: deal.id },
      actions: to.outcome === 'OPEN' ? [{ action: 'deal-move', label: 'Move to next stage', value: deal.id }] : null,
      dedupeKey,
    },
    { jobId: dedupeKey },
  );
}

/**
 * Puts a deal in a stage and records the transition. Closing stages stamp closedAt and keep the
 * reason; an OPEN stage reopens the deal. Returns false when the deal is already there.
 */
export function enterStage(
  em: EntityManager,
  deal: Deal,
  to: PipelineStage,
  changedById: string | null,
  note: string | null,
  now = new Date(),
): boolean {
  if (deal.stage.id === to.id) return false;
  const change = em.create(DealStageChange, {
    deal,
    fromStage: deal.stage.id,
    toStage: to,
    changedById,
    changedAt: now,
    note,
  });
  if (changedById && deal.ownerId && deal.ownerId !== changedById) notifyOwner(em, deal, to, change.id);
  announceStage(em, deal, to, change.id);
  const ids = { dealId: deal.id, fromStageId: deal.stage.id, toStageId: to.id };
  enqueue(em, QUEUES.webhooks, WEBHOOK_EVENT_JOB, webhookEvent('deal.stage_changed', ids, ['stage', 'status']));
  if (to.outcome === 'WON')
    enqueue(em, QUEUES.webhooks, WEBHOOK_EVENT_JOB, webhookEvent('deal.won', ids, ['stage', 'status']));
  // Workflows (marketing) start on a contact's deal moving, won or lost.
  const contactId = deal.primaryContact?.id;
  if (contactId) {
    const data = { dealId: deal.id, pipelineId: deal.pipeline.id, stageId: to.id, fromStageId: deal.stage.id };
    const occurredAt = now.toISOString();
    const trigger = (type: 'DEAL_STAGE_CHANGED' | 'DEAL_WON' | 'DEAL_LOST', key: string) =>
      enqueue(
        em,
        QUEUES.automation,
        AUTOMATION_TRIGGER_JOB,
        { type, contactId, occurredAt, dedupeKey: key, data },
        { jobId: `trigger:${key}` },
      );
    trigger('DEAL_STAGE_CHANGED', `deal-stage:${change.id}`);
    if (to.outcome === 'WON') trigger('DEAL_WON', `deal-won:${change.id}`);
    if (to.outcome === 'LOST') trigger('DEAL_LOST', `deal-lost:${change.id}`);
  }
  deal.stage = ref(to);
  deal.status = to.outcome;
  deal.stageEnteredAt = now;
  deal.closedAt = to.outcome === 'OPEN' ? null : now;
  deal.closeReason = to.outcome === 'OPEN' ? null : note;
  return true;
}

const moveInput = z.object({ dealId: zId, stageId: zId, reason: zReason.nullish() });

export async function moveDeal(
  em: EntityManager,
  bus: EventBus,
  log: Logger,
  viewer: Viewer,
  input: unknown,
): Promise<Deal> {
  const data = parseInput(moveInput, input);
  const { deal, moved } = await em.transactional(async (tx) => {
    // Locked, so two people dragging the same card record two clean transitions, not a fork.
    const deal = await tx.findOne(Deal, { id: data.dealId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!deal) throw notFound('Deal', data.dealId);
    const stage = await tx.findOne(PipelineStage, { id: data.stageId });
    if (!stage)
      throw badInput('That stage does not exist.', [{ path: 'input.stageId', message: 'no live stage has this id' }]);
    if (stage.pipeline.id !== deal.pipeline.id) {
      throw badInput("That stage belongs to another pipeline than the deal's.", [
        { path: 'input.stageId', message: 'is a stage of another pipeline' },
      ]);
    }
    if (stage.outcome === 'LOST' && !data.reason && deal.stage.id !== stage.id) {
      throw badInput('Say why the deal was lost.', [
        { path: 'input.reason', message: 'is required when moving into a LOST stage' },
      ]);
    }
    return { deal, moved: enterStage(tx, deal, stage, actorId(viewer), data.reason ?? null) };
  });
  if (moved) await announceDeal(bus, log, deal);
  return deal;
}

const closeInput = z
  .object({ dealId: zId, outcome: z.enum(['WON', 'LOST']), reason: zReason.nullish(), stageId: zId.nullish() })
  .superRefine((c, ctx) => {
    if (c.outcome === 'LOST' && !c.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required when a deal is lost' });
  });

export async function closeDeal(
  em: EntityManager,
  bus: EventBus,
  log: Logger,
  viewer: Viewer,
  input: unknown,
): Promise<Deal> {
  const data = parseInput(closeInput, input);
  const deal = await em.transactional(async (tx) => {
    const deal = await tx.findOne(Deal, { id: data.dealId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!deal) throw notFound('Deal', data.dealId);
    if (deal.status === data.outcome) throw conflict(`The deal is already ${data.outcome}.`);
    const candidates = (await stagesOf(tx, deal.pipeline.id)).filter((s) => s.outcome === data.outcome);
    const stage = data.stageId ? candidates.find((s) => s.id === data.stageId) : candidates[0];
    if (!stage) {
      throw badInput(`No ${data.outcome} stage to close into.`, [
        data.stageId
          ? { path: 'input.stageId', message: `is not a ${data.outcome} stage of the deal's pipeline` }
          : { path: 'input.dealId', message: `its pipeline has no ${data.outcome} stage` },
      ]);
    }
    enterStage(tx, deal, stage, actorId(viewer), data.reason ?? null);
    return deal;
  });
  await announceDeal(bus, log, deal);
  return deal;
}

export async function deleteDeal(em: EntityManager, bus: EventBus, log: Logger, id: unknown): Promise<Deal> {
  const dealId = parseInput(zId, id, 'id');
  const deal = await em.findOne(Deal, { id: dealId });
  if (!deal) throw notFound('Deal', dealId);
  deal.deletedAt = new Date();
  await em.flush();
  await announceDeal(bus, log, deal);
  return deal;
}
