import { z } from 'zod';
import { createPrivateKey } from 'node:crypto';
import { commonEnv, loadEnv, optionalVar, ownSecret } from '@nexus/platform';
import { automationEnvShape } from './automation/env.ts';

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
  /**
   * DKIM signing of every outgoing email (RFC 6376): the signing domain, the selector and the private
   * key (PEM; `\n` may stand for line breaks). No default: unset, mail goes unsigned and the sending
   * settings page says so. All three or none.
   */
  DKIM_DOMAIN: optionalVar(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, { message: 'must be a domain name' })),
  DKIM_SELECTOR: optionalVar(z.string().regex(/^[a-z0-9._-]+$/i, { message: 'must be a DNS label' })),
  DKIM_PRIVATE_KEY: optionalVar(z.string().min(100)),
  /** DNS servers for the sending-domain check (`host` or `host:port`, comma-separated); unset: the system's. */
  DNS_RESOLVER: optionalVar(z.string().min(1)),
  /** When set, the domain's SPF record must include this (`include:<value>`), e.g. the relay's SPF domain. */
  SPF_REQUIRED_INCLUDE: optionalVar(z.string().min(3)),
  /** The bounce mailbox (`imaps://user:pass@host:993/INBOX`), read every minute for delivery status notifications. */
  BOUNCE_IMAP_URL: optionalVar(z.url().refine((u) => /^imaps?:\/\//.test(u), 'must start with imap:// or imaps://')),
  /** The envelope sender (Return-Path) of marketing and transactional mail: where bounces go; unset: MAIL_FROM's. */
  MAIL_BOUNCE_ADDRESS: optionalVar(z.email()),
  ...automationEnvShape,
};

export type MarketingEnv = ReturnType<typeof loadMarketingEnv>;
export const loadMarketingEnv = (source?: Record<string, string | undefined>) => loadEnv(envShape, source);

/** Rules zod cannot express: production refuses a missing or placeholder unsubscribe secret. */
export function marketingEnvProblems(env: MarketingEnv): string[] {
  const dkim = [env.DKIM_DOMAIN, env.DKIM_SELECTOR, env.DKIM_PRIVATE_KEY].filter(Boolean).length;
  if (dkim !== 0 && dkim !== 3)
    return ['DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY go together: set all three or none'];
  if (env.DKIM_PRIVATE_KEY && !dkimKey(env.DKIM_PRIVATE_KEY)) return ['DKIM_PRIVATE_KEY is not a PEM private key'];
  if (env.NODE_ENV !== 'production') return [];
  if (!env.UNSUBSCRIBE_SECRET)
    return ['UNSUBSCRIBE_SECRET is required in production (unsubscribe links are signed with it)'];
  if (env.UNSUBSCRIBE_SECRET === UNSUBSCRIBE_SECRET_PLACEHOLDER)
    return ['UNSUBSCRIBE_SECRET is the example placeholder'];
  return [];
}

/** The DKIM private key as PEM (`\n` escapes turned into line breaks); null when it does not parse. */
export function dkimKey(value: string): string | null {
  const pem = value.includes('-----BEGIN') ? value.replace(/\\n/g, '\n') : null;
  if (!pem) return null;
  try {
    createPrivateKey(pem);
    return pem;
  } catch {
    return null;
  }
}
