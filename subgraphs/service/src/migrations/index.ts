// Every migration of this subgraph, in order. `npm run migrate -- create` rewrites this file.
import { Migration20260101000000_initial as m0 } from './Migration20260101000000_initial.ts';
import { Migration20261206054044_service_desk as m1 } from './Migration20261206054044_service_desk.ts';
import { Migration20261206083000_search_indexes as m2 } from './Migration20261206083000_search_indexes.ts';
import { Migration20261206110000_desk_escalation_attachments as m3 } from './Migration20261206110000_desk_escalation_attachments.ts';
import { Migration20261206143000_kb_index_fastupdate as m4 } from './Migration20261206143000_kb_index_fastupdate.ts';
import { Migration20261206233810_portal_requests as m5 } from './Migration20261206233810_portal_requests.ts';

export const migrations = [m0, m1, m2, m3, m4, m5];
