import { z } from 'zod';
import { commonEnv, loadEnv, optionalVar } from '@nexus/platform';

export const envShape = {
  ...commonEnv,
  SERVICE_PORT: z.coerce.number().int().min(0).max(65535).default(4005),
  /** The address ticket replies come from (and requesters answer to). */
  SERVICE_MAIL_FROM: z.email().default('support@traveltamers.test'),
  /** Shared secret of the inbound-email webhook (`x-inbound-secret`); the webhook refuses everything when unset. */
  INBOUND_EMAIL_SECRET: optionalVar(z.string().min(16)),
  /** Delay between a ticket being solved and its survey (ms; about a day). */
  SURVEY_DELAY_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(24 * 60 * 60 * 1000),
  /** A mailbox read every minute for inbound email (`imaps://user:pass@host:993/INBOX`); unset, only the webhook. */
  IMAP_URL: optionalVar(z.url().refine((u) => /^imaps?:\/\//.test(u), 'must start with imap:// or imaps://')),
};

export type ServiceEnv = ReturnType<typeof loadServiceEnv>;
export const loadServiceEnv = (source?: Record<string, string | undefined>) => loadEnv(envShape, source);
