// Every migration of this subgraph, in order. `npm run migrate -- create` rewrites this file.
import { Migration20260101000000_initial as m0 } from './Migration20260101000000_initial.ts';
import { Migration20261206054104_marketing_domain as m1 } from './Migration20261206054104_marketing_domain.ts';
import { Migration20261206061850_send_open_rows as m2 } from './Migration20261206061850_send_open_rows.ts';
import { Migration20261206063021_send_queued_at as m3 } from './Migration20261206063021_send_queued_at.ts';

export const migrations = [m0, m1, m2, m3];
