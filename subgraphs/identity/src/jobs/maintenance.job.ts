import type { Processor } from '@nexus/platform';
import type { IdentityDeps } from '../context.ts';
import { PortalRefreshToken, PortalSignIn, RefreshToken } from '../entities/index.ts';
import { flushApiKeyUsage } from '../services/api-key-usage.service.ts';

export const SESSION_CLEANUP_JOB = 'session-cleanup';
/** Folds the gateway's per-key usage counters from Redis into PostgreSQL (reads fold them in too). */
export const API_KEY_USAGE_FLUSH_JOB = 'api-key-usage-flush';

/**
 * `identity-maintenance` queue: a repeatable daily sweep of refresh tokens (staff and portal) and
 * portal sign-in links and codes nobody can use any more.
 */
export const maintenanceProcessors = (deps: IdentityDeps): Record<string, Processor> => ({
  [SESSION_CLEANUP_JOB]: async () => {
    const dayAgo = new Date(Date.now() - 86_400_000);
    const em = deps.orm.em.fork();
    const removed = await em.nativeDelete(RefreshToken, {
      $or: [{ expiresAt: { $lt: dayAgo } }, { revokedAt: { $lt: dayAgo } }],
    });
    const portalSessions = await em.nativeDelete(PortalRefreshToken, {
      $or: [{ expiresAt: { $lt: dayAgo } }, { revokedAt: { $lt: dayAgo } }],
    });
    const signIns = await em.nativeDelete(PortalSignIn, {
      $or: [{ expiresAt: { $lt: dayAgo } }, { usedAt: { $lt: dayAgo } }],
    });
    return { removed, portalSessions, signIns };
  },
  [API_KEY_USAGE_FLUSH_JOB]: async () => ({ flushed: await flushApiKeyUsage(deps) }),
});
