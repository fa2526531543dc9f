// Every migration of this subgraph, in order. `npm run migrate -- create` rewrites this file.
import { Migration20261121191447_initial as m0 } from './Migration20261121191447_initial.ts';
import { Migration20261206051945_audit_actors as m1 } from './Migration20261206051945_audit_actors.ts';
import { Migration20261206060357_profile_preferences as m2 } from './Migration20261206060357_profile_preferences.ts';
import { Migration20261206172336_api_key_limits as m3 } from './Migration20261206172336_api_key_limits.ts';
import { Migration20261206234146_portal_accounts as m4 } from './Migration20261206234146_portal_accounts.ts';

export const migrations = [m0, m1, m2, m3, m4];
