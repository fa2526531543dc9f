import { z } from 'zod';
import { DEMO_USERS, commonEnv, loadEnv } from '@nexus/platform';
import { TT_API_DEFAULTS } from './tt-api/client-config.ts';
import type { TtApiClientConfigInput } from './tt-api/client-config.ts';

const demoAdvisor = DEMO_USERS.find((u) => u.email === 'advisor@nexus.test');

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const envShape = {
  ...commonEnv,
  TRAVEL_PORT: z.coerce.number().int().min(0).max(65535).default(4006),
  /** TT-API base URL (no path). `npm start` runs the simulator here when TT_API_URL is unset. */
  TT_API_URL: z.url().default('http://127.0.0.1:3100'),
  /** Sent as X-API-Key; the simulator's default key. */
  TT_API_KEY: z.string().min(1).default('tt-sim-key'),
  /** Per attempt (I-01 / DR-07: 10 s). */
  TT_PROXY_TIMEOUT_MS: positiveInt(TT_API_DEFAULTS.timeoutMs),
  /** Retries of idempotent calls after the first attempt (DR-07: 1). */
  TT_PROXY_RETRY_COUNT: z.coerce.number().int().min(0).max(10).default(TT_API_DEFAULTS.retryCount),
  /** First retry delay; doubles per retry (DR-07: 500 ms). */
  TT_PROXY_RETRY_BASE_MS: z.coerce.number().int().min(0).default(TT_API_DEFAULTS.retryBaseMs),
  /** Failures within the window that open the circuit (DR-06: 5). */
  TT_CB_FAILURE_THRESHOLD: positiveInt(TT_API_DEFAULTS.breaker.failureThreshold),
  /** Open -> half-open after this long (DR-06: 30 s). */
  TT_CB_RESET_TIMEOUT_MS: positiveInt(TT_API_DEFAULTS.breaker.resetTimeoutMs),
  /** Consecutive half-open successes that close the circuit (DR-06: 2). */
  TT_CB_SUCCESS_THRESHOLD: positiveInt(TT_API_DEFAULTS.breaker.successThreshold),
  /** The failure-counting window (DR-06: 30 s). */
  TT_CB_WINDOW_MS: positiveInt(TT_API_DEFAULTS.breaker.windowMs),
  /** Passports expiring within this many days raise an alert (180: the common six-month validity rule). */
  PASSPORT_ALERT_WINDOW_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  /**
   * Who hears about an expiring passport. TT-API records no owner for clients or travelers, and the
   * CRM contact's owner lives in another subgraph, so alerts go to this advisor (the demo advisor).
   */
  PASSPORT_ALERT_DEFAULT_USER_ID: z.uuid().default(demoAdvisor?.id ?? '0b6f6f0e-0000-4000-8000-000000000003'),
  /** Daily schedule of the passport-expiry job (bull repeat cron, server time). */
  PASSPORT_ALERT_CRON: z.string().min(9).default('15 6 * * *'),
  /**
   * The flight-status provider (AeroDataBox-style `GET <url>/flights/number/<number>/<date>`). Optional
   * (P-08): unset, the flight check only logs which flights it would ask about.
   */
  FLIGHT_STATUS_URL: z.url().optional(),
  /** Sent as `x-api-key` to the flight-status provider. */
  FLIGHT_STATUS_API_KEY: z.string().min(1).optional(),
  /** Flights departing within this many days are checked. */
  FLIGHT_STATUS_LOOKAHEAD_DAYS: z.coerce.number().int().min(1).max(30).default(3),
  /** Schedule of the flight check (bull repeat cron). */
  FLIGHT_STATUS_CRON: z.string().min(9).default('*/30 * * * *'),
  /** The advisor's share of the agency's commission (after the host agency's split), in percent. */
  ADVISOR_COMMISSION_SPLIT_PCT: z.coerce.number().min(0).max(100).default(70),
  /** The agency's line for travellers on the road, shown in the portal and kept offline. Optional. */
  PORTAL_EMERGENCY_PHONE: z.string().trim().min(3).max(40).optional(),
  /** Largest file a traveller uploads or staff share to a trip's vault (GraphQL bodies stop at 1 MB, base64 included). */
  PORTAL_UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).max(740_000).default(700_000),
  /** Passport scans are deleted this many days after their trip's last day. */
  PORTAL_SCAN_RETENTION_DAYS: z.coerce.number().int().min(0).max(365).default(7),
  /** Daily schedule of the scan purge (bull repeat cron). */
  PORTAL_VAULT_PURGE_CRON: z.string().min(9).default('30 3 * * *'),
  /** Installments due within this many days are reminded to travellers who opted in. */
  PORTAL_PAYMENT_DUE_DAYS: z.coerce.number().int().min(1).max(60).default(7),
  /** Daily schedule of the payment reminders (bull repeat cron). */
  PORTAL_PAYMENT_DUE_CRON: z.string().min(9).default('0 8 * * *'),
  /** What travellers read when no payment provider is configured. */
  PORTAL_PAYMENT_INSTRUCTIONS: z
    .string()
    .min(10)
    .default(
      'Pay by bank transfer or card over the phone: call your advisor or reply to your invoice email, quoting the trip and installment number.',
    ),
  /** Stripe secret key: set it to take installments through Stripe Checkout. Optional. */
  STRIPE_SECRET_KEY: z.string().min(1).optional(),
  /** Signing secret of the Stripe webhook endpoint (`/webhooks/stripe`); needed with STRIPE_SECRET_KEY. */
  STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
  /** Another Stripe API base (a stand-in such as stripe-mock); Stripe's own by default. */
  STRIPE_API_URL: z.url().optional(),
};

export type TravelEnv = ReturnType<typeof loadEnv<typeof envShape>>;

/** What production must not run with: the demo advisor (production has no demo data). */
export function travelEnvProblems(env: TravelEnv): string[] {
  const problems: string[] = [];
  if (env.NODE_ENV === 'production' && env.PASSPORT_ALERT_DEFAULT_USER_ID === demoAdvisor?.id) {
    problems.push('PASSPORT_ALERT_DEFAULT_USER_ID: still the demo advisor; name a real advisor in production');
  }
  if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
    problems.push('STRIPE_WEBHOOK_SECRET: needed with STRIPE_SECRET_KEY, or paid installments are never recorded');
  }
  return problems;
}

export function loadTravelEnv(source?: Record<string, string | undefined>): TravelEnv {
  const env = loadEnv(envShape, source);
  const problems = travelEnvProblems(env);
  if (problems.length === 0) return env;
  process.stderr.write(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
  process.exit(1);
}

/** The process-wide TT-API client's configuration (I-01, DR-06, DR-07, every value env-overridable). */
export const ttApiClientConfig = (env: TravelEnv): TtApiClientConfigInput => ({
  baseUrl: env.TT_API_URL,
  apiKey: env.TT_API_KEY,
  timeoutMs: env.TT_PROXY_TIMEOUT_MS,
  retryCount: env.TT_PROXY_RETRY_COUNT,
  retryBaseMs: env.TT_PROXY_RETRY_BASE_MS,
  breaker: {
    failureThreshold: env.TT_CB_FAILURE_THRESHOLD,
    windowMs: env.TT_CB_WINDOW_MS,
    resetTimeoutMs: env.TT_CB_RESET_TIMEOUT_MS,
    successThreshold: env.TT_CB_SUCCESS_THRESHOLD,
  },
});

/** Health probes answer fast or not at all: a probe must never hang the health query. */
export const PROBE_TIMEOUT_MS = 2000;
