import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import {
  badInput,
  findConnection,
  notFound,
  parseInput,
  zId,
  zLine,
  zText,
  type ConnectionArgs,
  type Viewer,
} from '@nexus/platform';
import { PLAYBOOK_ITEM_KINDS, Playbook, PlaybookAnswer, type StoredSection } from '../entities/index.ts';
import { opt } from './validation.ts';

const item = z.object({
  key: opt(zLine(60).pipe(z.string().regex(/^[A-Za-z0-9-]+$/, { message: 'letters, digits and dashes only' }))),
  kind: z.enum(PLAYBOOK_ITEM_KINDS),
  text: zText(1000).pipe(z.string().min(1, { message: 'is required' })),
});
const section = z.object({
  title: zLine(200).pipe(z.string().min(1, { message: 'is required' })),
  items: z.array(item).max(100),
});
const sections = z.array(section).max(30);
const fields = {
  name: zLine(200).pipe(z.string().min(1, { message: 'is required' })),
  description: opt(zText(5000)),
  stageId: opt(zId),
  dealType: opt(zLine(60)),
  sections,
};
const createInput = z.object(fields);
const updateInput = z
  .object(fields)
  .partial()
  .extend({ id: zId, active: opt(z.boolean()) });

/** Keys default to `s<section>-<item>`; every key is unique within the playbook. */
function storeSections(input: z.infer<typeof sections>): StoredSection[] {
  const seen = new Set<string>();
  const out = input.map((s, si) => ({
    title: s.title,
    items: s.items.map((it, ii) => {
      const key = it.key ?? `s${si + 1}-${ii + 1}`;
      if (seen.has(key))
        throw badInput(`input.sections.${si}.items.${ii}.key: ${key} is used twice`, [
          { path: `input.sections.${si}.items.${ii}.key`, message: 'is used twice' },
        ]);
      seen.add(key);
      return { key, kind: it.kind, text: it.text };
    }),
  }));
  return out;
}

export async function createPlaybook(em: EntityManager, input: unknown) {
  const d = parseInput(createInput, input);
  const playbook = em.create(Playbook, { ...d, sections: storeSections(d.sections) });
  await em.flush();
  return playbook;
}

export async function updatePlaybook(em: EntityManager, input: unknown) {
  const d = parseInput(updateInput, input);
  const playbook = await em.findOne(Playbook, { id: d.id });
  if (!playbook) throw notFound('Playbook', d.id);
  const { id: _id, sections: s, ...rest } = d;
  const stored = s ? storeSections(s) : undefined;
  em.assign(playbook, Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)));
  if (stored) playbook.sections = stored;
  await em.flush();
  return playbook;
}

export async function recordProgress(em: EntityManager, viewer: Viewer, input: unknown) {
  const d = parseInput(
    z.object({ playbookId: zId, dealId: zId, itemKey: zLine(60), done: z.boolean(), answer: opt(zText(5000)) }),
    input,
  );
  const playbook = await em.findOne(Playbook, { id: d.playbookId });
  if (!playbook) throw notFound('Playbook', d.playbookId);
  if (!playbook.sections.some((s) => s.items.some((i) => i.key === d.itemKey)))
    throw badInput('input.itemKey: is not an item of this playbook', [
      { path: 'input.itemKey', message: 'is not an item of this playbook' },
    ]);
  const existing = await em.findOne(PlaybookAnswer, { playbookId: d.playbookId, dealId: d.dealId, itemKey: d.itemKey });
  const answer =
    existing ?? em.create(PlaybookAnswer, { playbookId: d.playbookId, dealId: d.dealId, itemKey: d.itemKey });
  answer.done = d.done;
  answer.answer = d.answer ?? null;
  answer.updatedById = viewer.id;
  await em.flush();
  return answer;
}

export const progressOf = (em: EntityManager, playbookId: string, dealId: string) =>
  em.find(PlaybookAnswer, { playbookId, dealId: parseInput(zId, dealId, 'dealId') }, { orderBy: { itemKey: 'asc' } });

export interface PlaybookListArgs extends ConnectionArgs {
  filter?: { search?: string | null; stageId?: string | null; active?: boolean | null } | null;
  orderBy?: { field: 'NAME' | 'CREATED_AT'; direction?: 'ASC' | 'DESC' | null } | null;
}

export function listPlaybooks(em: EntityManager, args: PlaybookListArgs) {
  const f = args.filter ?? {};
  const where: FilterQuery<Playbook> = {};
  const search = f.search?.trim();
  if (search) where.name = { $ilike: `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` };
  if (f.stageId) where.stageId = parseInput(zId, f.stageId, 'filter.stageId');
  if (f.active != null) where.active = f.active;
  const dir = args.orderBy?.direction === 'DESC' ? ('desc' as const) : ('asc' as const);
  const first: QueryOrderMap<Playbook> = args.orderBy?.field === 'CREATED_AT' ? { createdAt: dir } : { name: dir };
  return findConnection(em, Playbook, where, args, [first, { id: dir }]);
}

/** The active playbooks for a deal in a stage and of a type, plus those for any stage or type. */
export function playbooksForDeal(
  em: EntityManager,
  args: ConnectionArgs & { stageId?: string | null; dealType?: string | null },
) {
  const stageId = args.stageId ? parseInput(zId, args.stageId, 'stageId') : null;
  const where: FilterQuery<Playbook> = {
    active: true,
    $and: [
      { $or: [{ stageId: null }, ...(stageId ? [{ stageId }] : [])] },
      { $or: [{ dealType: null }, ...(args.dealType ? [{ dealType: args.dealType }] : [])] },
    ],
  };
  return findConnection(em, Playbook, where, args, [{ name: 'asc' }, { id: 'asc' }]);
}
