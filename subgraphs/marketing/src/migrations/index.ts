// Every migration of this subgraph, in order. `npm run migrate -- create` rewrites this file.
import { Migration20260101000000_initial as m0 } from './Migration20260101000000_initial.ts';
import { Migration20261206054104_marketing_domain as m1 } from './Migration20261206054104_marketing_domain.ts';
import { Migration20261206061850_send_open_rows as m2 } from './Migration20261206061850_send_open_rows.ts';
import { Migration20261206063021_send_queued_at as m3 } from './Migration20261206063021_send_queued_at.ts';
import { Migration20261206080208_travel_feed as m4 } from './Migration20261206080208_travel_feed.ts';
import { Migration20261206081140_send_policy as m5 } from './Migration20261206081140_send_policy.ts';
import { Migration20261206083330_social_posts as m6 } from './Migration20261206083330_social_posts.ts';
import { Migration20261206110000_preferences_attribution as m7 } from './Migration20261206110000_preferences_attribution.ts';
import { Migration20261206123000_quote_commission_attribution as m8 } from './Migration20261206123000_quote_commission_attribution.ts';
import { Migration20261206143000_send_lease as m9 } from './Migration20261206143000_send_lease.ts';
import { Migration20261206233753_forms_landing_pages as m10 } from './Migration20261206233753_forms_landing_pages.ts';
import { Migration20261206234340_automation as m11 } from './Migration20261206234340_automation.ts';
import { Migration20261207013000_travel_time_zone as m12 } from './Migration20261207013000_travel_time_zone.ts';

export const migrations = [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12];
