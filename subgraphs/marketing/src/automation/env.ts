import { z } from 'zod';
import { envBool, optionalVar, ownSecret } from '@nexus/platform';

const list = (s: string | undefined) =>
  (s ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** Workflow and sequence variables (spread into marketing's env shape). */
export const automationEnvShape = {
  /**
   * Signs every workflow webhook call (`X-Nexus-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">`).
   * No default: webhook steps fail with a clear error while unset.
   */
  AUTOMATION_WEBHOOK_SECRET: ownSecret(optionalVar(z.string().min(32, { message: 'must be at least 32 characters' }))),
  /** Hosts, addresses and CIDRs a webhook step may reach although they are private or loopback. */
  AUTOMATION_WEBHOOK_ALLOWED_HOSTS: z.string().default('').transform(list),
  /** Accept `http://` webhook URLs (always accepted when NODE_ENV=development). */
  AUTOMATION_WEBHOOK_ALLOW_HTTP: envBool.default(false),
  /** How long one webhook call may take. */
  AUTOMATION_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /**
   * The domain of sequence emails' Reply-To addresses (`reply+<token>@<domain>`); its inbound-parse
   * webhook posts replies to `/webhooks/sequence-replies`. Unset: MAIL_FROM's domain.
   */
  AUTOMATION_REPLY_DOMAIN: optionalVar(
    z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, { message: 'must be a domain name' }),
  ),
  /** Shared secret of the reply webhook (`x-inbound-secret`); the webhook refuses everything while unset. */
  AUTOMATION_INBOUND_SECRET: ownSecret(optionalVar(z.string().min(32, { message: 'must be at least 32 characters' }))),
};
