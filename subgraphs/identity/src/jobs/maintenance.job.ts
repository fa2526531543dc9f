import type { Processor } from '@nexus/platform';
import type { IdentityDeps } from '../context.ts';
import { RefreshToken } from '../entities/index.ts';
import { flushApiKeyUsage } from '../services/api-key-usage.service.ts';

export const SESSION_CLEANUP_JOB = 'session-cleanup';
/** Folds the gateway's per-key usage counters from Redis into PostgreSQL (reads fold them in too). */
export const API_KEY_USAGE_FLUSH_JOB = 'api-key-usage-flush';

/** `identity-maintenance` queue: a repeatable daily sweep of refresh tokens nobody can use any more. */
export const maintenanceProcessors = (deps: IdentityDeps): Record<string, Processor> => ({
  [SESSION_CLEANUP_JOB]: async () => {
    const dayAgo = new Date(Date.now() - 86_400_000);
    const removed = await deps.orm.em.fork().nativeDelete(RefreshToken, {
      $or: [{ expiresAt: { $lt: dayAgo } }, { revokedAt: { $lt: dayAgo } }],
    });
    return { removed };
  },
  [API_KEY_USAGE_FLUSH_JOB]: async () => ({ flushed: await flushApiKeyUsage(deps) }),
});
