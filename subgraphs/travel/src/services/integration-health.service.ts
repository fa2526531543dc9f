import type { Logger } from '@nexus/platform';
import type { TtApiClient } from '../tt-api/client.ts';
import type { BreakerSnapshot } from '../tt-api/circuit-breaker.ts';

export const TT_API_INTEGRATION_ID = 'tt-api';

/** What `IntegrationHealth` resolves from: the breaker's snapshot and a way to probe. */
export interface IntegrationHealthSource {
  id: string;
  name: string;
  snapshot: BreakerSnapshot;
  probe: () => Promise<IntegrationProbeResult>;
}

export interface IntegrationProbeResult {
  ok: boolean;
  status: string | null;
  checks: unknown;
  latencyMs: number;
  error: string | null;
  checkedAt: Date;
}

/**
 * The breaker is process-wide, so its snapshot is the truth for every request. The probe uses its
 * own short-timeout client that bypasses the breaker: it must answer while the circuit is open.
 */
export function integrationHealth(client: TtApiClient, probeClient: TtApiClient, log: Logger): IntegrationHealthSource {
  return {
    id: TT_API_INTEGRATION_ID,
    name: 'TT-API',
    snapshot: client.breaker.snapshot(),
    probe: async () => {
      const started = performance.now();
      const checkedAt = new Date();
      try {
        const health = await probeClient.health();
        return {
          ok: health.status === 'ok',
          status: health.status,
          checks: health.checks,
          latencyMs: Math.round(performance.now() - started),
          error: null,
          checkedAt,
        };
      } catch (e) {
        log.debug({ err: e }, 'tt-api health probe failed');
        return {
          ok: false,
          status: null,
          checks: null,
          latencyMs: Math.round(performance.now() - started),
          error: e instanceof Error ? e.message : 'TT-API did not answer.',
          checkedAt,
        };
      }
    },
  };
}
