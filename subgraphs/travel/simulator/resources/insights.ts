/** TT-API simulator: the read-only modules (analytics, social, touchpoints, activities, content). */
import type { SimDb } from '../db.ts';
import { mountResource } from '../crud.ts';
import type { SimApp, SimCtx } from '../crud.ts';
import { R } from './shared.ts';

const from = (field: 'occurredAt') => (row: { occurredAt: string }, v: unknown) =>
  typeof v === 'string' && row[field] >= v;
const until = (field: 'occurredAt') => (row: { occurredAt: string }, v: unknown) =>
  typeof v === 'string' && row[field] <= v;

export function mountInsights(app: SimApp, ctx: SimCtx): void {
  mountResource(app, ctx, {
    def: R.analyticsEvents,
    table: (db: SimDb) => db.analyticsEvents,
    filters: { occurredAfter: from('occurredAt'), occurredBefore: until('occurredAt') },
  });
  mountResource(app, ctx, {
    def: R.kpiSnapshots,
    table: (db: SimDb) => db.kpiSnapshots,
    filters: {
      from: (r, v) => typeof v === 'string' && r.snapshotDate >= v,
      to: (r, v) => typeof v === 'string' && r.snapshotDate <= v,
    },
  });
  mountResource(app, ctx, { def: R.socialPosts, table: (db: SimDb) => db.socialPosts });
  mountResource(app, ctx, { def: R.touchpoints, table: (db: SimDb) => db.touchpoints });
  mountResource(app, ctx, { def: R.activities, table: (db: SimDb) => db.activities });
  mountResource(app, ctx, { def: R.content, table: (db: SimDb) => db.content });
}
