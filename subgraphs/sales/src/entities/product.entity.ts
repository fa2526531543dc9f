import { defineEntity, p } from '@mikro-orm/core';
import { idProperty, timestampProperties } from '@nexus/platform';
import { BILLING_FREQUENCIES, PRICING_UNITS } from './enums.ts';

export interface PriceTier {
  minQuantity: number;
  unitPrice: number;
}
export interface SeasonPrice {
  startsOn: string;
  endsOn: string;
  unitPrice: number;
}

/** A catalogue product; amounts in integer cents of `currency`, tax in basis points. */
export const ProductSchema = defineEntity({
  name: 'Product',
  tableName: 'product',
  indexes: [{ properties: ['name'] }, { properties: ['category'] }],
  properties: {
    id: idProperty(),
    sku: p.string().length(64).unique(),
    name: p.string().length(200),
    description: p.text().nullable(),
    category: p.string().length(100).nullable(),
    unitPrice: p.bigint('number'),
    unitCost: p.bigint('number').nullable(),
    currency: p.string().length(3).default('USD'),
    billingFrequency: p.enum(BILLING_FREQUENCIES).nativeEnumName('nx_billing_frequency').default('ONE_TIME'),
    pricingUnit: p.enum(PRICING_UNITS).nativeEnumName('nx_pricing_unit').default('PER_UNIT'),
    taxRate: p.integer().default(0),
    taxInclusive: p.boolean().default(false),
    tiers: p.json<PriceTier[]>().default('[]'),
    seasons: p.json<SeasonPrice[]>().default('[]'),
    ttOfferingId: p.string().length(100).nullable(),
    active: p.boolean().default(true),
    ...timestampProperties(),
  },
});
export class Product extends ProductSchema.class {}
ProductSchema.setClass(Product);
