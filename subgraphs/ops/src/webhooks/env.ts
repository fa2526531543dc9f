import { z } from 'zod';
import { envBool, optionalVar } from '@nexus/platform';

const list = (s: string | undefined) =>
  (s ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** The outbound webhooks' variables (spread into ops' env shape). */
export const webhookEnvShape = {
  /**
   * Hosts, addresses and CIDRs a webhook may reach although they are private (`hooks.internal,10.0.0.0/8`).
   * Everything private, loopback, link-local, CGNAT, unique-local or metadata is refused otherwise.
   */
  WEBHOOK_ALLOWED_HOSTS: z.string().default('').transform(list),
  /** Accept `http://` endpoint URLs (always accepted when NODE_ENV=development). */
  WEBHOOK_ALLOW_HTTP: envBool.default(false),
  /** Extra CA certificates (PEM) the delivery client trusts beside the system's (a receiver with its own CA). */
  WEBHOOK_CA_PEM: optionalVar(z.string().min(1)),
  /** Static name resolution for deliveries (`host=address,...`), resolved before DNS and still checked. */
  WEBHOOK_RESOLVE: z.string().default('').transform(list),
  /**
   * Waits before each retry, in ms (the first attempt is immediate): 5 s, 5 min, 30 min, 2 h, 5 h,
   * 10 h. Each wait gets ±10 % jitter.
   */
  WEBHOOK_RETRY_DELAYS_MS: z
    .string()
    .default('5000,300000,1800000,7200000,18000000,36000000')
    .transform((s) => list(s).map(Number))
    .pipe(z.array(z.number().int().min(0).max(86_400_000)).max(12)),
  /** How long one attempt may take, connection to last byte. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(15_000),
  /** An endpoint is disabled once this many events in a row failed every attempt. */
  WEBHOOK_DISABLE_AFTER_FAILED_EVENTS: z.coerce.number().int().min(1).max(1000).default(5),
  /** ... or once it has failed without a success for this long (ms; 5 days). */
  WEBHOOK_DISABLE_AFTER_FAILING_MS: z.coerce
    .number()
    .int()
    .min(1)
    .default(5 * 86_400_000),
};
