import { z } from 'zod';
import { commonEnv, loadEnv } from '@nexus/platform';

export const envShape = {
  ...commonEnv,
  SALES_PORT: z.coerce.number().int().min(0).max(65535).default(4004),
  /** A quote whose discounts exceed this percent of its subtotal needs a manager's approval to be sent. */
  SALES_DISCOUNT_APPROVAL_PERCENT: z.coerce.number().int().min(0).max(100).default(15),
  /** A quote whose margin (when it has costs) is below this percent of its net needs a manager's approval. */
  SALES_MIN_MARGIN_PERCENT: z.coerce.number().int().min(0).max(100).default(10),
  /** Where copies of accepted quotes' signed PDFs go (the sales team's inbox). */
  SALES_TEAM_EMAIL: z.email().default('sales@nexus.test'),
  /**
   * The TT-API deal stage a deal moves to when its quote is accepted (the pipeline's stage mapped to
   * it; WON closes the deal). Sent and viewed quotes move deals to PROPOSAL_SENT / PROPOSAL_VIEWED.
   */
  SALES_QUOTE_ACCEPTED_STAGE: z
    .enum(['NEGOTIATING', 'VERBAL_YES', 'BOOKING_PENDING', 'BOOKING_CONFIRMED', 'WON'])
    .default('WON'),
  /** How long fetching a staff member's external busy calendar (ICS feed) may take. */
  SALES_ICS_FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /** How long before a meeting its reminder goes out. */
  SALES_MEETING_REMINDER_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(10_080)
    .default(60 * 24),
  /**
   * While TT-API is unavailable an accepted quote's deposit schedule is tried again after this
   * delay, doubling each time up to SALES_DEPOSIT_RETRY_MAX_MS (never given up on).
   */
  SALES_DEPOSIT_RETRY_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
  SALES_DEPOSIT_RETRY_MAX_MS: z.coerce
    .number()
    .int()
    .min(10)
    .max(86_400_000)
    .default(6 * 3_600_000),
  /** The agency's name and address printed on quotes. */
  SALES_AGENCY_NAME: z.string().min(1).default('Travel Tamers'),
  SALES_AGENCY_ADDRESS: z.string().min(1).default('1 Harbour Street, Suite 200, Portland, OR 97204'),
};

export type SalesEnv = ReturnType<typeof loadSalesEnv>;
export const loadSalesEnv = (source?: Record<string, string | undefined>) => loadEnv(envShape, source);
