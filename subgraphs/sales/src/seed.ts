import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '@nexus/platform';
import { Playbook, Product } from './entities/index.ts';
import type { SalesEnv } from './env.ts';

/** Demo catalogue and a discovery playbook; idempotent (keyed by SKU and name). */
export async function seedSales(orm: MikroORM, _env: SalesEnv, log: Logger) {
  const em = orm.em.fork();
  const products = [
    { sku: 'PLAN-FEE', name: 'Trip planning fee', category: 'Services', unitPrice: 15_000, unitCost: 0, taxRate: 0 },
    {
      sku: 'LIS-5N-4S',
      name: 'Lisbon 5 nights, 4-star hotel',
      category: 'Packages',
      unitPrice: 129_000,
      unitCost: 98_000,
      pricingUnit: 'PER_PERSON' as const,
      tiers: [{ minQuantity: 4, unitPrice: 119_000 }],
    },
    {
      sku: 'LIS-5N-5S',
      name: 'Lisbon 5 nights, 5-star hotel',
      category: 'Packages',
      unitPrice: 189_000,
      unitCost: 150_000,
      pricingUnit: 'PER_PERSON' as const,
    },
    {
      sku: 'INS-TRAVEL',
      name: 'Travel insurance',
      category: 'Insurance',
      unitPrice: 8_900,
      unitCost: 5_000,
      pricingUnit: 'PER_PERSON' as const,
    },
  ];
  let created = 0;
  for (const p of products) {
    if (await em.findOne(Product, { sku: p.sku })) continue;
    em.create(Product, p);
    created += 1;
  }
  if (!(await em.findOne(Playbook, { name: 'Discovery call' })))
    em.create(Playbook, {
      name: 'Discovery call',
      description: 'What to learn before proposing a trip.',
      sections: [
        {
          title: 'The trip',
          items: [
            { key: 'dates', kind: 'QUESTION', text: 'When would you like to travel, and how flexible are the dates?' },
            { key: 'travellers', kind: 'QUESTION', text: 'Who is travelling (adults, children, rooms)?' },
            { key: 'budget', kind: 'QUESTION', text: 'What budget per person do you have in mind?' },
          ],
        },
        {
          title: 'Before the proposal',
          items: [{ key: 'passports', kind: 'CHECKLIST', text: 'Passports valid 6 months past return' }],
        },
      ],
    });
  await em.flush();
  if (created) log.info({ created }, 'seeded demo products');
}
