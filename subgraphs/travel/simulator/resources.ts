/**
 * TT-API resources and their domain rules, mounted on the simulator app: one module per area in
 * `resources/`. Order matters: the special routes go first (see `mountSpecialRoutes`).
 */
import type { SimApp, SimCtx } from './crud.ts';
import { mountChildRoutes } from './resources/children.ts';
import { mountClientsAndTravelers } from './resources/clients.ts';
import { mountCrm } from './resources/crm.ts';
import { mountFinanceAndVendors } from './resources/finance.ts';
import { mountGroups } from './resources/groups.ts';
import { mountInsights } from './resources/insights.ts';
import { mountSpecialRoutes } from './resources/special.ts';
import { mountTripsAndBookings } from './resources/trips.ts';

export function mountResources(app: SimApp, ctx: SimCtx): void {
  mountSpecialRoutes(app, ctx);
  mountChildRoutes(app, ctx);
  mountCrm(app, ctx);
  mountClientsAndTravelers(app, ctx);
  mountTripsAndBookings(app, ctx);
  mountGroups(app, ctx);
  mountFinanceAndVendors(app, ctx);
  mountInsights(app, ctx);
}
