// Every migration of this subgraph, in order. `npm run migrate -- create` rewrites this file.
import { Migration20260101000000_initial as m0 } from './Migration20260101000000_initial.ts';
import { Migration20261206054424_sales_domain as m1 } from './Migration20261206054424_sales_domain.ts';
import { Migration20261206060527_meetings as m2 } from './Migration20261206060527_meetings.ts';
import { Migration20261206080119_deposits_templates as m3 } from './Migration20261206080119_deposits_templates.ts';
import { Migration20261206084347_collective_meetings as m4 } from './Migration20261206084347_collective_meetings.ts';
import { Migration20261206110247_routing_forms as m5 } from './Migration20261206110247_routing_forms.ts';
import { Migration20261206120500_external_calendars as m6 } from './Migration20261206120500_external_calendars.ts';
import { Migration20261206234058_portal_requests as m7 } from './Migration20261206234058_portal_requests.ts';

export const migrations = [m0, m1, m2, m3, m4, m5, m6, m7];
