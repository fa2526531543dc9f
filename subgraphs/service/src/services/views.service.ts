import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FilterQuery } from '@mikro-orm/core';
import {
  badInput,
  findConnection,
  forbidden,
  notFound,
  parseInput,
  zId,
  zLine,
  type ConnectionArgs,
  type Viewer,
} from '@nexus/platform';
import {
  AgentProfile,
  TICKET_CATEGORIES,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  TicketSavedView,
} from '../entities/index.ts';

const field = (path: string, message: string) => badInput(`${path}: ${message}`, [{ path, message }]);

/** The saved filter: the ticket list's own filter fields, checked as the list would check them. */
const filterShape = z
  .object({
    view: z.enum(['MINE', 'UNASSIGNED', 'AT_RISK', 'BREACHED']).nullish(),
    statuses: z.array(z.enum(TICKET_STATUSES)).max(6).nullish(),
    priorities: z.array(z.enum(TICKET_PRIORITIES)).max(4).nullish(),
    categories: z.array(z.enum(TICKET_CATEGORIES)).max(8).nullish(),
    assigneeId: zId.nullish(),
    parentId: zId.nullish(),
    tag: zLine(60).nullish(),
    search: zLine(200).nullish(),
    destination: zLine(200).nullish(),
    supplier: zLine(200).nullish(),
    minEscalationLevel: z.number().int().min(1).max(3).nullish(),
  })
  .transform((f) =>
    Object.fromEntries(Object.entries(f).filter(([, v]) => v != null && !(Array.isArray(v) && !v.length))),
  );

const saveInput = z.object({
  id: zId.nullish(),
  name: zLine(80).pipe(z.string().min(1, 'is required')),
  filter: filterShape,
  orderBy: z
    .object({
      field: z.enum(['CREATED_AT', 'NUMBER', 'RESOLUTION_DUE_AT']),
      direction: z.enum(['ASC', 'DESC']).nullish(),
    })
    .nullish(),
  shareWithTeam: z.boolean().nullish(),
});

const teamOf = async (em: EntityManager, v: Viewer) =>
  v.id ? ((await em.findOne(AgentProfile, { userId: v.id }))?.team ?? null) : null;

/** The viewer's own views and those shared with their team, by name (then id). */
export async function listViews(em: EntityManager, v: Viewer, args: ConnectionArgs) {
  const team = await teamOf(em, v);
  const mine: FilterQuery<TicketSavedView> = { ownerId: v.id ?? '00000000-0000-0000-0000-000000000000' };
  const where: FilterQuery<TicketSavedView> = team ? { $or: [mine, { team }] } : mine;
  return findConnection(em, TicketSavedView, where, args, [{ name: 'asc' }, { id: 'asc' }]);
}

/** Creates or changes one of the viewer's views; sharing names the viewer's team (refused without one). */
export async function saveView(em: EntityManager, v: Viewer, input: unknown): Promise<TicketSavedView> {
  const d = parseInput(saveInput, input);
  if (!v.id) throw forbidden('Only staff members save views.');
  let row = d.id ? await em.findOne(TicketSavedView, { id: d.id }) : null;
  if (d.id && !row) throw notFound('Saved view', d.id);
  if (row && row.ownerId !== v.id) throw forbidden('Only its owner changes a saved view.');
  const clash = await em.findOne(TicketSavedView, { ownerId: v.id, name: d.name });
  if (clash && clash.id !== row?.id) throw field('input.name', 'you already have a view with this name');
  let team: string | null = row?.team ?? null;
  if (d.shareWithTeam === true) {
    team = await teamOf(em, v);
    if (!team) throw field('input.shareWithTeam', 'you are in no team (your agent profile names none)');
  } else if (d.shareWithTeam === false) team = null;
  const values = {
    name: d.name,
    filter: d.filter,
    orderBy: d.orderBy ? { field: d.orderBy.field, direction: d.orderBy.direction ?? 'ASC' } : null,
    team,
  };
  if (row) Object.assign(row, values);
  else row = em.create(TicketSavedView, { ownerId: v.id, ...values });
  await em.flush();
  return row;
}

export async function deleteView(em: EntityManager, v: Viewer, id: string): Promise<string> {
  if (!z.uuid().safeParse(id).success) throw field('id', 'must be a valid id');
  const row = await em.findOne(TicketSavedView, { id });
  if (!row) throw notFound('Saved view', id);
  if (row.ownerId !== v.id) throw forbidden('Only its owner deletes a saved view.');
  await em.remove(row).flush();
  return id;
}
