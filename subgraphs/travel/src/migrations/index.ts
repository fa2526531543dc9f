// Every migration of this subgraph, in order. `npm run migrate -- create` rewrites this file.
import { Migration20261121193152_initial as m0 } from './Migration20261121193152_initial.ts';
import { Migration20261206055851_contact_owners as m1 } from './Migration20261206055851_contact_owners.ts';
import { Migration20261206061226_itineraries as m2 } from './Migration20261206061226_itineraries.ts';
import { Migration20261206080206_readiness as m3 } from './Migration20261206080206_readiness.ts';
import { Migration20261206082741_rooming_lists as m4 } from './Migration20261206082741_rooming_lists.ts';
import { Migration20261206110336_money_and_schedule_changes as m5 } from './Migration20261206110336_money_and_schedule_changes.ts';
import { Migration20261206144101_run_discrepancies as m6 } from './Migration20261206144101_run_discrepancies.ts';
import { Migration20261206233749_portal as m7 } from './Migration20261206233749_portal.ts';

export const migrations = [m0, m1, m2, m3, m4, m5, m6, m7];
