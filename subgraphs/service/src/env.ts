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
  /** Where attachment bytes live: a folder on disk (`ATTACHMENT_DIR`) or an S3-compatible bucket (`S3_*`). */
  ATTACHMENT_STORE: z.enum(['disk', 's3']).default('disk'),
  /** The attachment folder (created when missing). */
  ATTACHMENT_DIR: z.string().min(1).default('.data/attachments'),
  /** Largest attachment in bytes; the gateway's and this subgraph's REST body limit (1 MiB) caps it. */
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(1024 * 1024)
    .default(1024 * 1024),
  /** Accepted attachment types (comma-separated MIME types). */
  ATTACHMENT_TYPES: z
    .string()
    .default(
      'image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,text/csv,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim().toLowerCase())
        .filter(Boolean),
    ),
  /** The S3-compatible endpoint (`https://s3.eu-west-2.amazonaws.com`, a MinIO URL); path-style addressing. */
  S3_ENDPOINT: optionalVar(z.url()),
  S3_BUCKET: optionalVar(z.string().min(3).max(63)),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: optionalVar(z.string().min(1)),
  S3_SECRET_ACCESS_KEY: optionalVar(z.string().min(1)),
  /** How long opening a ticket waits for the requester's trips from TT-API (through the gateway) before going on without them. */
  TRAVEL_LOOKUP_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(3000),
};

export type ServiceEnv = ReturnType<typeof loadServiceEnv>;
export const loadServiceEnv = (source?: Record<string, string | undefined>) => loadEnv(envShape, source);
