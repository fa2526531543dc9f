import { z } from 'zod';
import { commonEnv, envBool, loadEnv, optionalVar } from '@nexus/platform';

export const envShape = {
  ...commonEnv,
  CRM_PORT: z.coerce.number().int().min(0).max(65535).default(4002),
  /** Company enrichment provider's base URL (src/enrichment); unset, `enrichCompany` says it is not configured. */
  ENRICHMENT_URL: optionalVar(z.url()),
  /** The enrichment provider's API key (a bearer token); unset, enrichment is not configured. */
  ENRICHMENT_API_KEY: optionalVar(z.string().min(1)),
  /** How long one enrichment lookup may take, in ms. */
  ENRICHMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  /**
   * Lists and boards read plain rows (platform's rows.ts) rather than managed entities. Off, they
   * hydrate entities as before: kept so benchmarks can measure both paths side by side.
   */
  CRM_PLAIN_READS: envBool.default(true),
};

export type CrmEnv = ReturnType<typeof loadCrmEnv>;
export const loadCrmEnv = (source?: Record<string, string | undefined>) => loadEnv(envShape, source);
