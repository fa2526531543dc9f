// Every migration of this subgraph, in order. `npm run migrate -- create` rewrites this file.
import { Migration20261206142452_initial as m0 } from './Migration20261206142452_initial.ts';
import { Migration20261206145305_slack as m1 } from './Migration20261206145305_slack.ts';
import { Migration20261206150336_health as m2 } from './Migration20261206150336_health.ts';
import { Migration20261206172602_webhooks as m3 } from './Migration20261206172602_webhooks.ts';

export const migrations = [m0, m1, m2, m3];
