// Every migration of this subgraph, in order. `npm run migrate -- create` rewrites this file.
import { Migration20260101000000_initial as m0 } from './Migration20260101000000_initial.ts';
import { Migration20261206054044_service_desk as m1 } from './Migration20261206054044_service_desk.ts';
import { Migration20261206083000_search_indexes as m2 } from './Migration20261206083000_search_indexes.ts';

export const migrations = [m0, m1, m2];
