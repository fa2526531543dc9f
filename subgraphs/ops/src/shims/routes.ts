import type { Router } from 'express';
import type { OpsDeps } from '../context.ts';
import { groupsHookHandler, ttApiHookHandler } from './hooks.ts';
import { n8nHandler } from './n8n.ts';

/** ops' machine-facing routes at the gateway's REST edge (prefixes in subgraphs/registry.ts). */
export function shimRoutes(router: Router, deps: OpsDeps): void {
  router.post('/api/n8n/webhook/:action', n8nHandler(deps));
  router.post('/hooks/tt-api/:hook', ttApiHookHandler(deps));
  router.post('/hooks/groups/:event', groupsHookHandler(deps));
}
