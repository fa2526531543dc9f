import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const randomSecret = (bytes = 32) => randomBytes(bytes).toString('base64url');

/** Constant-time comparison of two hex digests. */
export const sameDigest = (a: string, b: string): boolean => {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
};

/** A presented shared secret against the configured one, in constant time whatever their lengths. */
export const secretsEqual = (given: string | undefined, secret: string): boolean =>
  given !== undefined && sameDigest(sha256(given), sha256(secret));
