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
import { BILLING_FREQUENCIES, PRICING_UNITS, Product } from '../entities/index.ts';
import { opt, zBasisPoints, zCents, zCurrency, zDate } from './validation.ts';

const tier = z.object({
  minQuantity: z.number().int().min(2, { message: 'must be at least 2 (quantity 1 is the base price)' }),
  unitPrice: zCents,
});
const season = z
  .object({ startsOn: zDate, endsOn: zDate, unitPrice: zCents })
  .refine((s) => s.startsOn <= s.endsOn, { message: 'must not end before it starts', path: ['endsOn'] });

const fields = {
  sku: zLine(64)
    .pipe(
      z
        .string()
        .min(1, { message: 'is required' })
        .regex(/^[A-Za-z0-9._-]+$/, { message: 'letters, digits, dot, dash, underscore' }),
    )
    .transform((s) => s.toUpperCase()),
  name: zLine(200).pipe(z.string().min(1, { message: 'is required' })),
  description: opt(zText(5000)),
  category: opt(zLine(100)),
  unitPrice: zCents,
  unitCost: opt(zCents),
  currency: opt(zCurrency),
  billingFrequency: opt(z.enum(BILLING_FREQUENCIES)),
  pricingUnit: opt(z.enum(PRICING_UNITS)),
  taxRate: opt(zBasisPoints),
  taxInclusive: opt(z.boolean()),
  tiers: opt(
    z
      .array(tier)
      .max(20)
      .refine((t) => new Set(t.map((x) => x.minQuantity)).size === t.length, {
        message: 'minimum quantities must differ',
      }),
  ),
  seasons: opt(
    z
      .array(season)
      .max(50)
      .refine(
        (list) => {
          const sorted = [...list].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
          return sorted.every((s, i) => i === 0 || (sorted[i - 1]?.endsOn ?? '') < s.startsOn);
        },
        { message: 'seasons must not overlap' },
      ),
  ),
  ttOfferingId: opt(zLine(100)),
};
const createInput = z.object(fields);
const updateInput = z
  .object(fields)
  .partial()
  .extend({ id: zId, active: opt(z.boolean()) });

const sortTiers = <T extends { minQuantity: number }>(t: T[]) => [...t].sort((a, b) => a.minQuantity - b.minQuantity);
const sortSeasons = <T extends { startsOn: string }>(s: T[]) =>
  [...s].sort((a, b) => a.startsOn.localeCompare(b.startsOn));

async function assertSkuFree(em: EntityManager, sku: string, id?: string) {
  const clash = await em.findOne(Product, { sku, ...(id ? { id: { $ne: id } } : {}) });
  if (clash)
    throw badInput(`input.sku: ${sku} is already used by ${clash.name}`, [
      { path: 'input.sku', message: 'is already used' },
    ]);
}

export async function createProduct(em: EntityManager, input: unknown): Promise<Product> {
  const d = parseInput(createInput, input);
  await assertSkuFree(em, d.sku);
  const product = em.create(Product, {
    ...d,
    tiers: sortTiers(d.tiers ?? []),
    seasons: sortSeasons(d.seasons ?? []),
  });
  await em.flush();
  return product;
}

export async function updateProduct(em: EntityManager, input: unknown): Promise<Product> {
  const d = parseInput(updateInput, input);
  const product = await em.findOne(Product, { id: d.id });
  if (!product) throw notFound('Product', d.id);
  if (d.sku !== undefined) await assertSkuFree(em, d.sku, d.id);
  const { id: _id, tiers, seasons, ...rest } = d;
  em.assign(product, Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)));
  if (tiers !== undefined) product.tiers = sortTiers(tiers);
  if (seasons !== undefined) product.seasons = sortSeasons(seasons);
  await em.flush();
  return product;
}

/** The price of one unit for a quantity and a travel date: the season's price, else the best tier reached. */
export function unitPriceFor(
  product: Pick<Product, 'unitPrice' | 'tiers' | 'seasons'>,
  quantity: number,
  on?: string,
): number {
  const season = on ? product.seasons.find((s) => s.startsOn <= on && on <= s.endsOn) : undefined;
  if (season) return season.unitPrice;
  const tier = sortTiers(product.tiers)
    .filter((t) => t.minQuantity <= quantity)
    .pop();
  return tier?.unitPrice ?? product.unitPrice;
}

export interface ProductListArgs extends ConnectionArgs {
  filter?: { search?: string | null; category?: string | null; active?: boolean | null } | null;
  orderBy?: { field: 'NAME' | 'SKU' | 'UNIT_PRICE' | 'CREATED_AT'; direction?: 'ASC' | 'DESC' | null } | null;
}

const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function listProducts(em: EntityManager, args: ProductListArgs) {
  const f = args.filter ?? {};
  const where: FilterQuery<Product> = {};
  const search = f.search?.trim();
  if (search)
    where.$or = [
      { name: { $ilike: like(search) } },
      { sku: { $ilike: like(search) } },
      { description: { $ilike: like(search) } },
    ];
  if (f.category) where.category = f.category;
  if (f.active != null) where.active = f.active;
  const dir = args.orderBy?.direction === 'DESC' ? ('desc' as const) : ('asc' as const);
  const by: Record<string, QueryOrderMap<Product>> = {
    NAME: { name: dir },
    SKU: { sku: dir },
    UNIT_PRICE: { unitPrice: dir },
    CREATED_AT: { createdAt: dir },
  };
  return findConnection(em, Product, where, args, [by[args.orderBy?.field ?? 'NAME'] ?? { name: dir }, { id: dir }]);
}

export async function productCategories(em: EntityManager): Promise<string[]> {
  const rows = await em
    .getConnection()
    .execute<{ category: string }[]>(
      'select distinct category from product where category is not null order by category',
    );
  return rows.map((r) => r.category);
}
