// Every migration of this subgraph, in order. `npm run migrate -- create` rewrites this file.
import { Migration20261121191811_initial as m0 } from './Migration20261121191811_initial.ts';
import { Migration20261121194138_tt_links as m1 } from './Migration20261121194138_tt_links.ts';
import { Migration20261121201643_crm_complete as m2 } from './Migration20261121201643_crm_complete.ts';
import { Migration20261121215648_tt_sync as m3 } from './Migration20261121215648_tt_sync.ts';
import { Migration20261206050538_cents_bigint as m4 } from './Migration20261206050538_cents_bigint.ts';
import { Migration20261206054304_staff_directory as m5 } from './Migration20261206054304_staff_directory.ts';
import { Migration20261206172624_company_enrichment as m6 } from './Migration20261206172624_company_enrichment.ts';

export const migrations = [m0, m1, m2, m3, m4, m5, m6];
