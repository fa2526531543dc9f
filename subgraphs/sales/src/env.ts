import { z } from 'zod';
import { commonEnv, loadEnv, optionalVar } from '@nexus/platform';

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
  /** How long reading a staff member's external busy calendar (ICS feed, CalDAV, Google) may take. */
  SALES_CALENDAR_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /**
   * CalDAV credentials (basic auth; an app password) of the agency account that reads members'
   * calendars. Unset: CalDAV calendars are not read; the log says what would have been (P-08).
   */
  SALES_CALDAV_USERNAME: optionalVar(z.string().min(1)),
  SALES_CALDAV_PASSWORD: optionalVar(z.string().min(1)),
  /**
   * Google Calendar (OAuth client and a refresh token of the agency account that may see members'
   * free/busy). All three or none: without them Google calendars are not read (P-08).
   */
  SALES_GOOGLE_CLIENT_ID: optionalVar(z.string().min(1)),
  SALES_GOOGLE_CLIENT_SECRET: optionalVar(z.string().min(1)),
  SALES_GOOGLE_REFRESH_TOKEN: optionalVar(z.string().min(1)),
  SALES_GOOGLE_API_URL: z.url().default('https://www.googleapis.com/calendar/v3'),
  SALES_GOOGLE_TOKEN_URL: z.url().default('https://oauth2.googleapis.com/token'),
  /** How long a routing form's answers wait, server-side, for the visitor on the booking page. */
  SALES_ROUTING_HANDOFF_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
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
