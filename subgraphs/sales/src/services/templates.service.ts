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
} from '@nexus/platform';
import { QuoteTemplate } from '../entities/index.ts';
import { opt, zCents } from './validation.ts';

const fields = {
  name: zLine(200).pipe(z.string().min(1, { message: 'is required' })),
  terms: opt(zText(20_000)),
  cancellationPolicy: opt(zText(20_000)),
  depositPercent: opt(
    z.number().int().min(0, { message: 'must not be negative' }).max(100, { message: 'must be at most 100' }),
  ),
  depositAmount: opt(zCents),
};
const createInput = z.object(fields);
const updateInput = z.object(fields).partial().extend({ id: zId });

function checkDeposit(d: { depositPercent?: number; depositAmount?: number }) {
  if (d.depositPercent !== undefined && d.depositPercent > 0 && d.depositAmount !== undefined)
    throw badInput('input.depositAmount: give a deposit percent or an amount, not both', [
      { path: 'input.depositAmount', message: 'give a deposit percent or an amount, not both' },
    ]);
}

async function assertNameFree(em: EntityManager, name: string, id?: string) {
  const clash = await em.findOne(QuoteTemplate, { name, ...(id ? { id: { $ne: id } } : {}) });
  if (clash)
    throw badInput(`input.name: a template called ${name} exists`, [
      { path: 'input.name', message: 'is already used' },
    ]);
}

export async function createQuoteTemplate(em: EntityManager, input: unknown): Promise<QuoteTemplate> {
  const d = parseInput(createInput, input);
  checkDeposit(d);
  await assertNameFree(em, d.name);
  const template = em.create(QuoteTemplate, {
    name: d.name,
    terms: d.terms ?? null,
    cancellationPolicy: d.cancellationPolicy ?? null,
    depositPercent: d.depositAmount !== undefined ? 0 : (d.depositPercent ?? 0),
    depositAmount: d.depositAmount ?? null,
  });
  await em.flush();
  return template;
}

export async function updateQuoteTemplate(em: EntityManager, input: unknown): Promise<QuoteTemplate> {
  const d = parseInput(updateInput, input);
  checkDeposit(d);
  const template = await em.findOne(QuoteTemplate, { id: d.id });
  if (!template) throw notFound('QuoteTemplate', d.id);
  if (d.name !== undefined) await assertNameFree(em, d.name, d.id);
  if (d.name !== undefined) template.name = d.name;
  if (d.terms !== undefined) template.terms = d.terms;
  if (d.cancellationPolicy !== undefined) template.cancellationPolicy = d.cancellationPolicy;
  if (d.depositAmount !== undefined) {
    template.depositAmount = d.depositAmount;
    template.depositPercent = 0;
  } else if (d.depositPercent !== undefined) {
    template.depositPercent = d.depositPercent;
    template.depositAmount = null;
  }
  await em.flush();
  return template;
}

export async function deleteQuoteTemplate(em: EntityManager, id: string): Promise<QuoteTemplate> {
  const template = await em.findOne(QuoteTemplate, { id: parseInput(zId, id, 'id') });
  if (!template) throw notFound('QuoteTemplate', id);
  const gone = Object.assign(Object.create(QuoteTemplate.prototype) as QuoteTemplate, { ...template });
  em.remove(template);
  await em.flush();
  return gone;
}

export interface TemplateListArgs extends ConnectionArgs {
  filter?: { search?: string | null } | null;
  orderBy?: { field: 'NAME' | 'CREATED_AT'; direction?: 'ASC' | 'DESC' | null } | null;
}

const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function listQuoteTemplates(em: EntityManager, args: TemplateListArgs) {
  const where: FilterQuery<QuoteTemplate> = {};
  const search = args.filter?.search?.trim();
  if (search) where.name = { $ilike: like(search) };
  const dir = args.orderBy?.direction === 'DESC' ? ('desc' as const) : ('asc' as const);
  const by: Record<string, QueryOrderMap<QuoteTemplate>> = { NAME: { name: dir }, CREATED_AT: { createdAt: dir } };
  return findConnection(em, QuoteTemplate, where, args, [
    by[args.orderBy?.field ?? 'NAME'] ?? { name: dir },
    { id: dir },
  ]);
}
