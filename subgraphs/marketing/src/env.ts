import { z } from 'zod';
import { commonEnv, loadEnv, optionalVar, ownSecret } from '@nexus/platform';

/** What `.env.example` shows for UNSUBSCRIBE_SECRET; never accepted in production. */
export const UNSUBSCRIBE_SECRET_PLACEHOLDER = 'change-me-unsubscribe-secret-at-least-32-chars';

export const envShape = {
  ...commonEnv,
  MARKETING_PORT: z.coerce.number().int().min(0).max(65535).default(4003),
  /** SMTP relay (`smtp://user:pass@host:port`); `npm start` runs a local catcher when unset. */
  SMTP_URL: optionalVar(z.url()),
  MAIL_FROM: z.string().min(3).default('Travel Tamers <hello@traveltamers.test>'),
  /** Signs unsubscribe and tracking links. No default: marketing sending refuses while unset. */
  UNSUBSCRIBE_SECRET: ownSecret(optionalVar(z.string().min(32, { message: 'must be at least 32 characters' }))),
  /** The sender's postal address, printed in every marketing email's footer (CAN-SPAM). */
  MARKETING_POSTAL_ADDRESS: z.string().min(5).default('Travel Tamers, 100 Harbour Street, Sydney NSW 2000, Australia'),
  /** Campaign emails per second, across all receiving domains (sliding window). */
  MARKETING_SEND_RATE: z.coerce.number().int().min(1).max(10_000).default(100),
  /** Campaign emails per second to one receiving domain (sliding window). */
  MARKETING_DOMAIN_RATE: z.coerce.number().int().min(1).max(10_000).default(50),
  /** A campaign pauses itself after this many failed sends. */
  MARKETING_PAUSE_AFTER_ERRORS: z.coerce.number().int().min(1).default(100),
  /** SendGrid Event Webhook verification key (base64 ECDSA public key); the webhook answers 503 while unset. */
  SENDGRID_WEBHOOK_PUBLIC_KEY: optionalVar(z.string().min(20)),
};

export type MarketingEnv = ReturnType<typeof loadMarketingEnv>;
export const loadMarketingEnv = (source?: Record<string, string | undefined>) => loadEnv(envShape, source);

/** Rules zod cannot express: production refuses a missing or placeholder unsubscribe secret. */
export function marketingEnvProblems(env: MarketingEnv): string[] {
  if (env.NODE_ENV !== 'production') return [];
  if (!env.UNSUBSCRIBE_SECRET)
    return ['UNSUBSCRIBE_SECRET is required in production (unsubscribe links are signed with it)'];
  if (env.UNSUBSCRIBE_SECRET === UNSUBSCRIBE_SECRET_PLACEHOLDER)
    return ['UNSUBSCRIBE_SECRET is the example placeholder'];
  return [];
}
