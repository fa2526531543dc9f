import { createHmac, timingSafeEqual } from 'node:crypto';
import { NexusError } from '@nexus/platform';

/**
 * Signed tokens in email links (unsubscribe, open pixel, click redirect): the payload in base64url
 * JSON and an HMAC-SHA256 over it with UNSUBSCRIBE_SECRET, verified in constant time. Nothing is
 * stored per link, so a token works as long as it is valid (a year: at least the 30 days people
 * expect an unsubscribe link in an old email to work).
 */
export type TokenPurpose = 'unsubscribe' | 'open' | 'click' | 'preferences' | 'export' | 'erase';
export interface TokenPayload {
  p: TokenPurpose;
  /** The send the link was in (links in campaign emails). */
  s?: string;
  /** The address the link was mailed to (preference-centre links sent on request). */
  e?: string;
  /** Issued at (seconds). */
  t: number;
  /** Click: the link's URL. */
  u?: string;
}

export const TOKEN_LIFETIME_SECONDS = 365 * 24 * 3600;
/**
 * Export and erase links act on someone's data: they live a day, long enough to open the email,
 * short enough that an old email found later cannot be used.
 */
const LIFETIMES: Partial<Record<TokenPurpose, number>> = { export: 24 * 3600, erase: 24 * 3600 };

export class MissingSecret extends NexusError {
  constructor() {
    super(
      'SERVICE_UNAVAILABLE',
      'Marketing email is not configured: set UNSUBSCRIBE_SECRET (unsubscribe links are signed with it).',
    );
  }
}

const mac = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('base64url');

export function signToken(secret: string | undefined, payload: Omit<TokenPayload, 't'>, now = new Date()): string {
  if (!secret) throw new MissingSecret();
  const body = Buffer.from(JSON.stringify({ ...payload, t: Math.floor(now.getTime() / 1000) })).toString('base64url');
  return `${body}.${mac(secret, body)}`;
}

/** The payload of a genuine, unexpired token of this purpose; null for anything else. */
export function verifyToken(
  secret: string | undefined,
  token: string,
  purpose: TokenPurpose,
  now = new Date(),
): TokenPayload | null {
  if (!secret || token.length > 4000) return null;
  const [body, sig, extra] = token.split('.');
  if (!body || !sig || extra !== undefined) return null;
  const expected = Buffer.from(mac(secret, body));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let payload: TokenPayload;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenPayload;
  } catch {
    return null;
  }
  if (payload.p !== purpose || typeof payload.t !== 'number') return null;
  if (typeof payload.s !== 'string' && typeof payload.e !== 'string') return null;
  if (now.getTime() / 1000 - payload.t > (LIFETIMES[purpose] ?? TOKEN_LIFETIME_SECONDS)) return null;
  return payload;
}
