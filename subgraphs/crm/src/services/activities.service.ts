import { QueryOrder, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  badInput,
  forbidden,
  notFound,
  parseInput,
  zId,
  findConnection,
  type ConnectionArgs,
  type EventBus,
  type Logger,
  type Viewer,
} from '@nexus/platform';
import {
  ACTIVITY_DIRECTIONS,
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  Activity,
  Company,
  Contact,
  Deal,
  INTERACTION_CHANNELS,
} from '../entities/index.ts';
import { actorId, managesOthersWork } from './actors.ts';
import { announceDeal } from './deals.service.ts';
import { enumList, given, optionalId } from './fields.ts';
import { queueLeadScore } from './lead-scoring.ts';
import type { ActivityConnectionSource } from './pages.ts';

const zSubject = z
  .string()
  .trim()
  .min(1, { message: 'is required' })
  .max(300, { message: 'must be at most 300 characters' });
const zBody = z.string().max(20_000, { message: 'must be at most 20000 characters' }).nullish();
const zDuration = z
  .number()
  .int()
  .min(0, { message: 'must not be negative' })
  .max(1440, { message: 'must be at most 1440 (a day)' })
  .nullish();

const logInput = z
  .object({
    type: z.enum(ACTIVITY_TYPES),
    subject: zSubject,
    body: zBody,
    occurredAt: z.date().nullish(),
    status: z.enum(ACTIVITY_STATUSES).nullish(),
    durationMinutes: zDuration,
    direction: z.enum(ACTIVITY_DIRECTIONS).nullish(),
    channel: z.enum(INTERACTION_CHANNELS).nullish(),
    contactId: optionalId,
    companyId: optionalId,
    dealId: optionalId,
  })
  .superRefine((a, ctx) => {
    if (!a.contactId && !a.companyId && !a.dealId) {
      ctx.addIssue({
        code: 'custom',
        path: ['contactId'],
        message: 'one of contactId, companyId or dealId is required',
      });
    }
  });

const updateInput = z.object({
  id: zId,
  subject: zSubject.optional(),
  body: zBody,
  occurredAt: z.date().optional(),
  status: z.enum(ACTIVITY_STATUSES).optional(),
  durationMinutes: zDuration,
  direction: z.enum(ACTIVITY_DIRECTIONS).nullish(),
  channel: z.enum(INTERACTION_CHANNELS).nullish(),
});

const filterInput = z
  .object({
    contactId: optionalId,
    companyId: optionalId,
    dealId: optionalId,
    types: enumList(ACTIVITY_TYPES),
    statuses: enumList(ACTIVITY_STATUSES),
    loggedById: optionalId,
    occurredAfter: z.date().nullish(),
    occurredBefore: z.date().nullish(),
  })
  .superRefine((f, ctx) => {
    if (f.occurredAfter && f.occurredBefore && f.occurredAfter >= f.occurredBefore) {
      ctx.addIssue({ code: 'custom', path: ['occurredAfter'], message: 'must be before occurredBefore' });
    }
  });

/** Newest first; the id breaks ties so pages never overlap. */
export const TIMELINE_ORDER = [{ occurredAt: QueryOrder.DESC }, { id: QueryOrder.DESC }] as const;

export function listActivities(
  em: EntityManager,
  args: ConnectionArgs & { filter?: unknown },
): Promise<ActivityConnectionSource> {
  const f = parseInput(filterInput, args.filter ?? {}, 'filter');
  const w: FilterQuery<Activity>[] = [];
  if (f.contactId) w.push({ contact: f.contactId });
  if (f.companyId) w.push({ company: f.companyId });
  if (f.dealId) w.push({ deal: f.dealId });
  if (f.types?.length) w.push({ type: { $in: f.types } });
  if (f.statuses?.length) w.push({ status: { $in: f.statuses } });
  if (f.loggedById) w.push({ loggedById: f.loggedById });
  if (f.occurredAfter) w.push({ occurredAt: { $gte: f.occurredAfter } });
  if (f.occurredBefore) w.push({ occurredAt: { $lt: f.occurredBefore } });
  const where: FilterQuery<Activity> = w.length ? { $and: w } : {};
  return findConnection(em, Activity, where, args, [...TIMELINE_ORDER]);
}

export async function getActivity(em: EntityManager, id: unknown, includeDeleted: boolean): Promise<Activity | null> {
  const activityId = parseInput(zId, id, 'id');
  return em.findOne(Activity, { id: activityId }, includeDeleted ? { filters: false } : {});
}

/**
 * The records an activity belongs to. Named ones must exist; a deal brings its primary contact and
 * company, a contact its company, so every timeline is one indexed read of one column.
 */
async function subjects(
  em: EntityManager,
  ids: { contactId?: string | null; companyId?: string | null; dealId?: string | null },
) {
  const deal = ids.dealId ? await em.findOne(Deal, { id: ids.dealId }) : null;
  if (ids.dealId && !deal)
    throw badInput('That deal does not exist.', [{ path: 'input.dealId', message: 'no deal has this id' }]);
  const contactId = ids.contactId ?? deal?.primaryContact?.id;
  const contact = contactId ? await em.findOne(Contact, { id: contactId }) : null;
  if (ids.contactId && !contact)
    throw badInput('That contact does not exist.', [{ path: 'input.contactId', message: 'no contact has this id' }]);
  const companyId = ids.companyId ?? deal?.company?.id ?? contact?.company?.id;
  const company = companyId ? await em.findOne(Company, { id: companyId }) : null;
  if (ids.companyId && !company)
    throw badInput('That company does not exist.', [{ path: 'input.companyId', message: 'no company has this id' }]);
  return { deal, contact, company };
}

export async function logActivity(
  em: EntityManager,
  bus: EventBus,
  log: Logger,
  viewer: Viewer,
  input: unknown,
): Promise<Activity> {
  const data = parseInput(logInput, input);
  const { deal, contact, company } = await subjects(em, data);
  const now = new Date();
  const occurredAt = data.occurredAt ?? now;
  const activity = em.create(Activity, {
    type: data.type,
    status: data.status ?? (occurredAt > now ? 'PLANNED' : 'COMPLETED'),
    subject: data.subject,
    body: data.body ?? null,
    occurredAt,
    durationMinutes: data.durationMinutes ?? null,
    direction: data.direction ?? null,
    channel: data.channel ?? null,
    contact,
    company,
    deal,
    loggedById: actorId(viewer),
  });
  if (contact) queueLeadScore(em, contact.id);
  await em.flush();
  if (deal) await announceDeal(bus, log, deal);
  return activity;
}

async function editable(em: EntityManager, viewer: Viewer, id: string): Promise<Activity> {
  const activity = await em.findOne(Activity, { id });
  if (!activity) throw notFound('Activity', id);
  if (!managesOthersWork(viewer) && activity.loggedById !== viewer.id)
    throw forbidden('Agents may edit only activities they logged.');
  return activity;
}

const announceActivity = async (em: EntityManager, bus: EventBus, log: Logger, activity: Activity) => {
  if (!activity.deal) return;
  const deal = await em.findOne(Deal, { id: activity.deal.id }, { filters: false });
  if (deal) await announceDeal(bus, log, deal);
};

export async function updateActivity(
  em: EntityManager,
  bus: EventBus,
  log: Logger,
  viewer: Viewer,
  input: unknown,
): Promise<Activity> {
  const { id, ...fields } = parseInput(updateInput, input);
  const activity = await editable(em, viewer, id);
  em.assign(activity, given(fields));
  if (activity.contact) queueLeadScore(em, activity.contact.id);
  await em.flush();
  await announceActivity(em, bus, log, activity);
  return activity;
}

export async function deleteActivity(em: EntityManager, bus: EventBus, log: Logger, id: unknown): Promise<Activity> {
  const activityId = parseInput(zId, id, 'id');
  const activity = await em.findOne(Activity, { id: activityId });
  if (!activity) throw notFound('Activity', activityId);
  activity.deletedAt = new Date();
  if (activity.contact) queueLeadScore(em, activity.contact.id);
  await em.flush();
  await announceActivity(em, bus, log, activity);
  return activity;
}
