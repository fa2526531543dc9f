// Every migration of this subgraph, in order. `npm run migrate -- create` rewrites this file.
import { Migration20261121193152_initial as m0 } from './Migration20261121193152_initial.ts';

export const migrations = [m0];
