import { QueryOrder, ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  badInput,
  conflict,
  notFound,
  parseInput,
  zId,
  zName,
  findConnection,
  type ConnectionArgs,
  zText,
} from '@nexus/platform';
import {
  DEAL_STAGES,
  DEAL_STATUSES,
  Deal,
  DealStageChange,
  PIPELINE_TYPES,
  Pipeline,
  PipelineStage,
  type DealStage,
  type DealStatus,
  type PipelineType,
} from '../entities/index.ts';
import type { PipelineConnectionSource } from './pages.ts';

export const MAX_STAGES = 30;

interface StageTemplate {
  name: string;
  probability: number;
  outcome: DealStatus;
  ttDealStage: DealStage;
}

const open = (name: string, probability: number, ttDealStage: DealStage): StageTemplate => ({
  name,
  probability,
  outcome: 'OPEN',
  ttDealStage,
});
const won = (name: string): StageTemplate => ({ name, probability: 100, outcome: 'WON', ttDealStage: 'WON' });
const lost = (name: string): StageTemplate => ({ name, probability: 0, outcome: 'LOST', ttDealStage: 'LOST' });

/**
 * The standard stages of each pipeline type, mapped onto TT-API's 12 deal stages. TT-API's
 * post-sale stages (booking confirmed, traveling, completed) belong to the trip, not the sale, so
 * they sync into the WON stage; `stageFor` in tt-sync.service.ts gives every TT-API stage its place.
 */
export const STANDARD_STAGES: Record<PipelineType, StageTemplate[]> = {
  CORPORATE: [
    open('Lead', 5, 'LEAD'),
    open('Qualified', 15, 'QUALIFIED'),
    open('Proposal sent', 30, 'PROPOSAL_SENT'),
    open('Proposal viewed', 40, 'PROPOSAL_VIEWED'),
    open('Negotiating', 60, 'NEGOTIATING'),
    open('Verbal yes', 80, 'VERBAL_YES'),
    open('Booking pending', 90, 'BOOKING_PENDING'),
    won('Won'),
    lost('Lost'),
  ],
  GROUP: [
    open('Inquiry', 10, 'LEAD'),
    open('Interest gauging', 20, 'QUALIFIED'),
    open('Proposal sent', 35, 'PROPOSAL_SENT'),
    open('Minimum reached', 60, 'NEGOTIATING'),
    open('Deposits collecting', 85, 'BOOKING_PENDING'),
    won('Confirmed'),
    lost('Cancelled'),
  ],
  LEISURE: [
    open('Inquiry', 10, 'LEAD'),
    open('Consultation', 25, 'QUALIFIED'),
    open('Itinerary proposed', 45, 'PROPOSAL_SENT'),
    open('Verbal yes', 75, 'VERBAL_YES'),
    open('Deposit pending', 90, 'BOOKING_PENDING'),
    won('Booked'),
    lost('Lost'),
  ],
  PARTNERSHIP: [
    open('Prospect', 10, 'LEAD'),
    open('In discussion', 30, 'QUALIFIED'),
    open('Terms proposed', 50, 'PROPOSAL_SENT'),
    open('Negotiating', 70, 'NEGOTIATING'),
    won('Signed'),
    lost('Declined'),
  ],
};

const STANDARD_PIPELINES: { name: string; pipelineType: PipelineType; description: string }[] = [
  {
    name: 'Corporate travel',
    pipelineType: 'CORPORATE',
    description: 'Team offsites, leadership retreats and incentive trips for companies.',
  },
  { name: 'Group trips', pipelineType: 'GROUP', description: 'Hosted group departures, sold seat by seat.' },
  { name: 'Leisure & family', pipelineType: 'LEISURE', description: 'Trips for individuals, couples and families.' },
  {
    name: 'Partnerships',
    pipelineType: 'PARTNERSHIP',
    description: 'Host agencies, suppliers and co-selling partners.',
  },
];

/**
 * Deals need a pipeline, so a new database gets the four standard ones (production included).
 * Idempotent, and safe when several processes start at once: an advisory lock serialises them.
 */
export async function ensureStandardPipelines(em: EntityManager): Promise<number> {
  return em.transactional(async (tx) => {
    await tx.execute(`select pg_advisory_xact_lock(hashtext('nexus:crm:standard-pipelines'))`);
    if ((await tx.count(Pipeline, {}, { filters: false })) > 0) return 0;
    STANDARD_PIPELINES.forEach((p, i) => {
      const pipeline = tx.create(Pipeline, { ...p, isDefault: i === 0, position: i + 1 });
      STANDARD_STAGES[p.pipelineType].forEach((s, k) => tx.create(PipelineStage, { ...s, pipeline, position: k + 1 }));
    });
    return STANDARD_PIPELINES.length;
  });
}

// ---------------------------------------------------------------------------------------------
// Reads
// ---------------------------------------------------------------------------------------------

export function listPipelines(
  em: EntityManager,
  args: ConnectionArgs & { filter?: unknown },
): Promise<PipelineConnectionSource> {
  const { pipelineType } = parseInput(
    z.object({ pipelineType: z.enum(PIPELINE_TYPES).nullish() }),
    args.filter ?? {},
    'filter',
  );
  const where = pipelineType ? { pipelineType } : {};
  return findConnection(em, Pipeline, where, args, [{ position: QueryOrder.ASC }, { id: QueryOrder.ASC }]);
}

export async function getPipeline(em: EntityManager, id: unknown, includeDeleted: boolean): Promise<Pipeline | null> {
  const pipelineId = parseInput(zId, id, 'id');
  return em.findOne(Pipeline, { id: pipelineId }, includeDeleted ? { filters: false } : {});
}

/** The live stages of a pipeline in board order. */
export const stagesOf = (em: EntityManager, pipelineId: string) =>
  em.find(PipelineStage, { pipeline: pipelineId }, { orderBy: [{ position: QueryOrder.ASC }, { id: QueryOrder.ASC }] });

/** The default pipeline, or the first one when none is marked (a manager deleted it). */
export async function defaultPipeline(em: EntityManager): Promise<Pipeline | null> {
  return (
    (await em.findOne(Pipeline, { isDefault: true })) ??
    (await em.find(Pipeline, {}, { orderBy: [{ position: QueryOrder.ASC }, { id: QueryOrder.ASC }], limit: 1 }))[0] ??
    null
  );
}

// ---------------------------------------------------------------------------------------------
// Configuration (managers)
// ---------------------------------------------------------------------------------------------

const zStageName = z
  .string()
  .trim()
  .min(1, { message: 'is required' })
  .max(80, { message: 'must be at most 80 characters' });
const zProbability = z
  .number()
  .int({ message: 'must be a whole percent' })
  .min(0, { message: 'must be between 0 and 100' })
  .max(100, { message: 'must be between 0 and 100' });
const zDescription = zText(1000)
  .nullish()
  .transform((v) => (v === '' ? null : v));

const stageShape = {
  name: zStageName,
  probability: zProbability,
  outcome: z
    .enum(DEAL_STATUSES)
    .nullish()
    .transform((v) => v ?? 'OPEN'),
  ttDealStage: z.enum(DEAL_STAGES).nullish(),
};

/** WON stages are certain and LOST stages hopeless, so weighted values add up. */
const checkProbability = (
  s: { probability?: number; outcome?: DealStatus | null },
  ctx: z.RefinementCtx,
  path: (string | number)[] = [],
) => {
  if (s.outcome === 'WON' && s.probability !== undefined && s.probability !== 100) {
    ctx.addIssue({ code: 'custom', path: [...path, 'probability'], message: 'must be 100 for a WON stage' });
  }
  if (s.outcome === 'LOST' && s.probability !== undefined && s.probability !== 0) {
    ctx.addIssue({ code: 'custom', path: [...path, 'probability'], message: 'must be 0 for a LOST stage' });
  }
};

interface StageLike {
  name: string;
  outcome: DealStatus;
}

/** A board needs somewhere to work deals and somewhere to close them each way; names must differ. */
function checkStageSet(stages: readonly StageLike[], ctx: z.RefinementCtx, path: string[]) {
  for (const outcome of DEAL_STATUSES) {
    if (!stages.some((s) => s.outcome === outcome))
      ctx.addIssue({ code: 'custom', path, message: `need at least one ${outcome} stage` });
  }
  const seen = new Set<string>();
  stages.forEach((s, i) => {
    const key = s.name.toLowerCase();
    if (seen.has(key))
      ctx.addIssue({ code: 'custom', path: [...path, String(i), 'name'], message: 'is used by another stage' });
    seen.add(key);
  });
}

const createInput = z
  .object({
    name: zName,
    pipelineType: z.enum(PIPELINE_TYPES),
    description: zDescription,
    isDefault: z.boolean().nullish(),
    stages: z
      .array(z.object(stageShape).superRefine((s, ctx) => checkProbability(s, ctx)))
      .max(MAX_STAGES, { message: `at most ${MAX_STAGES} stages` })
      .nullish(),
  })
  .superRefine((p, ctx) => {
    if (p.stages) checkStageSet(p.stages, ctx, ['stages']);
  });

export async function createPipeline(em: EntityManager, input: unknown): Promise<Pipeline> {
  const data = parseInput(createInput, input);
  const stages = data.stages ?? STANDARD_STAGES[data.pipelineType];
  return em.transactional(async (tx) => {
    const [last] = await tx.find(Pipeline, {}, { orderBy: { position: QueryOrder.DESC }, limit: 1, filters: false });
    if (data.isDefault) await tx.nativeUpdate(Pipeline, { isDefault: true }, { isDefault: false });
    const pipeline = tx.create(Pipeline, {
      name: data.name,
      pipelineType: data.pipelineType,
      description: data.description ?? null,
      isDefault: data.isDefault ?? false,
      position: (last?.position ?? 0) + 1,
    });
    stages.forEach((s, i) =>
      tx.create(PipelineStage, { ...s, ttDealStage: s.ttDealStage ?? null, pipeline, position: i + 1 }),
    );
    return pipeline;
  });
}

const updateInput = z.object({
  id: zId,
  name: zName.optional(),
  description: zDescription.optional(),
  isDefault: z
    .literal(true, { message: 'can only be set to true; make another pipeline the default instead' })
    .nullish(),
  position: z.number().int().min(0).max(10_000).optional(),
});

export async function updatePipeline(em: EntityManager, input: unknown): Promise<Pipeline> {
  const { id, isDefault, ...fields } = parseInput(updateInput, input);
  return em.transactional(async (tx) => {
    const pipeline = await tx.findOne(Pipeline, { id });
    if (!pipeline) throw notFound('Pipeline', id);
    if (isDefault && !pipeline.isDefault) {
      await tx.nativeUpdate(Pipeline, { isDefault: true }, { isDefault: false });
      pipeline.isDefault = true;
    }
    if (fields.name !== undefined) pipeline.name = fields.name;
    if (fields.description !== undefined) pipeline.description = fields.description ?? null;
    if (fields.position !== undefined) pipeline.position = fields.position;
    return pipeline;
  });
}

export async function deletePipeline(em: EntityManager, id: unknown): Promise<Pipeline> {
  const pipelineId = parseInput(zId, id, 'id');
  return em.transactional(async (tx) => {
    const pipeline = await tx.findOne(Pipeline, { id: pipelineId });
    if (!pipeline) throw notFound('Pipeline', pipelineId);
    if (pipeline.isDefault)
      throw conflict('The default pipeline cannot be deleted; make another pipeline the default first.');
    const deals = await tx.count(Deal, { pipeline: pipelineId });
    if (deals > 0)
      throw conflict(`The pipeline still has ${deals} deal(s); move or delete them first.`, { dealCount: deals });
    const now = new Date();
    pipeline.deletedAt = now;
    await tx.nativeUpdate(PipelineStage, { pipeline: pipelineId }, { deletedAt: now });
    return pipeline;
  });
}

const createStageInput = z
  .object({ ...stageShape, pipelineId: zId, position: z.number().int().min(1).max(MAX_STAGES).nullish() })
  .superRefine((s, ctx) => checkProbability(s, ctx));

/** Renumbers stages 1..n in the given order. */
const renumber = (stages: PipelineStage[]) => stages.forEach((s, i) => (s.position = i + 1));

export async function createPipelineStage(em: EntityManager, input: unknown): Promise<PipelineStage> {
  const { pipelineId, position, ...data } = parseInput(createStageInput, input);
  return em.transactional(async (tx) => {
    const pipeline = await tx.findOne(Pipeline, { id: pipelineId });
    if (!pipeline)
      throw badInput('That pipeline does not exist.', [
        { path: 'input.pipelineId', message: 'no pipeline has this id' },
      ]);
    const stages = await stagesOf(tx, pipelineId);
    if (stages.length >= MAX_STAGES)
      throw badInput(`A pipeline has at most ${MAX_STAGES} stages.`, [
        { path: 'input.pipelineId', message: 'has no room for another stage' },
      ]);
    if (stages.some((s) => s.name.toLowerCase() === data.name.toLowerCase())) {
      throw badInput('Another stage of this pipeline has that name.', [
        { path: 'input.name', message: 'is used by another stage' },
      ]);
    }
    const firstClosing = stages.findIndex((s) => s.outcome !== 'OPEN');
    const at =
      position != null ? Math.min(position - 1, stages.length) : firstClosing === -1 ? stages.length : firstClosing;
    const stage = tx.create(PipelineStage, {
      ...data,
      ttDealStage: data.ttDealStage ?? null,
      pipeline,
      position: at + 1,
    });
    stages.splice(at, 0, stage);
    renumber(stages);
    return stage;
  });
}

const updateStageInput = z.object({
  id: zId,
  name: zStageName.optional(),
  probability: zProbability.optional(),
  outcome: z.enum(DEAL_STATUSES).optional(),
  ttDealStage: z.enum(DEAL_STAGES).nullish(),
});

export async function updatePipelineStage(em: EntityManager, input: unknown): Promise<PipelineStage> {
  const { id, ...fields } = parseInput(updateStageInput, input);
  return em.transactional(async (tx) => {
    const stage = await tx.findOne(PipelineStage, { id });
    if (!stage) throw notFound('Pipeline stage', id);
    const pipelineId = stage.pipeline.id;
    const stages = await stagesOf(tx, pipelineId);
    const next = {
      name: fields.name ?? stage.name,
      probability:
        fields.probability ?? (fields.outcome === 'WON' ? 100 : fields.outcome === 'LOST' ? 0 : stage.probability),
      outcome: fields.outcome ?? stage.outcome,
    };
    // The same rules as on creation, checked on the stage set as it would be after the change.
    parseInput(
      z.object({}).superRefine((_v, ctx) => {
        checkProbability(next, ctx);
        checkStageSet(
          stages.map((s) => (s.id === id ? { name: next.name, outcome: next.outcome } : s)),
          ctx,
          [],
        );
      }),
      {},
    );
    if (next.outcome !== stage.outcome) {
      // Deals take their status from their stage; closing dates follow.
      await tx.nativeUpdate(
        Deal,
        { stage: id },
        { status: next.outcome, closedAt: next.outcome === 'OPEN' ? null : new Date() },
      );
    }
    stage.name = next.name;
    stage.probability = next.probability;
    stage.outcome = next.outcome;
    if (fields.ttDealStage !== undefined) stage.ttDealStage = fields.ttDealStage ?? null;
    return stage;
  });
}

const reorderInput = z.object({
  pipelineId: zId,
  stageIds: z
    .array(zId)
    .min(1)
    .max(MAX_STAGES)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'must not repeat a stage' }),
});

export async function reorderPipelineStages(em: EntityManager, input: unknown): Promise<Pipeline> {
  const { pipelineId, stageIds } = parseInput(reorderInput, input);
  return em.transactional(async (tx) => {
    const pipeline = await tx.findOne(Pipeline, { id: pipelineId });
    if (!pipeline) throw notFound('Pipeline', pipelineId);
    const stages = await stagesOf(tx, pipelineId);
    const byId = new Map(stages.map((s) => [s.id, s]));
    const ordered = stageIds.map((id) => byId.get(id));
    if (stageIds.length !== stages.length || ordered.some((s) => s === undefined)) {
      throw badInput('List every live stage of the pipeline exactly once.', [
        { path: 'input.stageIds', message: `must be the ${stages.length} stages of this pipeline, in the new order` },
      ]);
    }
    renumber(ordered.filter((s): s is PipelineStage => s !== undefined));
    return pipeline;
  });
}

const deleteStageInput = z.object({ id: zId, moveDealsToStageId: zId.nullish() });

/** Deals moved off a deleted stage, for the caller to announce. */
export interface StageDeletion {
  pipeline: Pipeline;
  movedDealIds: string[];
}

export async function deletePipelineStage(
  em: EntityManager,
  changedById: string | null,
  input: unknown,
): Promise<StageDeletion> {
  const { id, moveDealsToStageId } = parseInput(deleteStageInput, input);
  return em.transactional(async (tx) => {
    const stage = await tx.findOne(PipelineStage, { id });
    if (!stage) throw notFound('Pipeline stage', id);
    const pipeline = await tx.findOneOrFail(Pipeline, { id: stage.pipeline.id }, { filters: false });
    const stages = await stagesOf(tx, pipeline.id);
    const remaining = stages.filter((s) => s.id !== id);
    parseInput(
      z.object({}).superRefine((_v, ctx) => checkStageSet(remaining, ctx, ['id'])),
      {},
      'input',
    );
    const deals = await tx.find(Deal, { stage: id });
    let target: PipelineStage | undefined;
    if (deals.length > 0) {
      target = remaining.find((s) => s.id === moveDealsToStageId);
      if (!target) {
        throw badInput("Say where the stage's deals go: another stage of the same pipeline.", [
          {
            path: 'input.moveDealsToStageId',
            message: moveDealsToStageId
              ? 'is not another live stage of this pipeline'
              : `is required: the stage has ${deals.length} deal(s)`,
          },
        ]);
      }
    }
    const now = new Date();
    for (const deal of deals) {
      if (!target) break;
      tx.create(DealStageChange, {
        deal,
        fromStage: stage,
        toStage: target,
        changedById,
        changedAt: now,
        note: `Stage "${stage.name}" was deleted`,
      });
      deal.stage = ref(target);
      deal.status = target.outcome;
      deal.stageEnteredAt = now;
      deal.closedAt = target.outcome === 'OPEN' ? null : (deal.closedAt ?? now);
    }
    stage.deletedAt = now;
    renumber(remaining);
    return { pipeline, movedDealIds: deals.map((d) => d.id) };
  });
}
