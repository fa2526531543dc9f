import { describe, expect, it } from 'vitest';
import {
  UNSUBSCRIBE_SECRET_PLACEHOLDER,
  loadMarketingEnv,
  marketingEnvProblems,
} from '../../subgraphs/marketing/src/env.ts';
import { MissingSecret, signToken, verifyToken } from '../../subgraphs/marketing/src/services/tokens.ts';

/** Signed link tokens and the unsubscribe secret's start-up rules. */
describe('marketing link tokens', () => {
  const secret = 'a-secret-of-at-least-thirty-two-characters!';
  const issued = new Date('2026-01-01T00:00:00Z');
  const days = (n: number) => new Date(issued.getTime() + n * 86_400_000);

  it('stays valid well past 30 days and expires after a year', () => {
    const token = signToken(secret, { p: 'unsubscribe', s: 'send-1' }, issued);
    expect(verifyToken(secret, token, 'unsubscribe', days(31))?.s).toBe('send-1');
    expect(verifyToken(secret, token, 'unsubscribe', days(366))).toBeNull();
  });

  it('refuses another purpose, another secret and any altered byte', () => {
    const token = signToken(secret, { p: 'click', s: 'send-1', u: 'https://a.test/' }, issued);
    expect(verifyToken(secret, token, 'unsubscribe', issued)).toBeNull();
    expect(verifyToken(`${secret}x`, token, 'click', issued)).toBeNull();
    const flipped = `${token.slice(0, 5)}${token[5] === 'A' ? 'B' : 'A'}${token.slice(6)}`;
    expect(verifyToken(secret, flipped, 'click', issued)).toBeNull();
    expect(verifyToken(secret, `${token}.x`, 'click', issued)).toBeNull();
  });

  it('has no built-in secret: signing refuses without one, production refuses the placeholder', () => {
    expect(() => signToken(undefined, { p: 'unsubscribe', s: 's' })).toThrow(MissingSecret);
    const internal = 'Zq3v9LmX2pR7tY5wB8nK1cF4hJ6dG0sA-internal';
    const base = loadMarketingEnv({ NODE_ENV: 'production', INTERNAL_TOKEN_SECRET: internal });
    const prod = (v?: string) => marketingEnvProblems({ ...base, UNSUBSCRIBE_SECRET: v });
    expect(prod(undefined)).toEqual([
      'UNSUBSCRIBE_SECRET is required in production (unsubscribe links are signed with it)',
    ]);
    // Platform's env loader already refuses any *_SECRET placeholder in every environment.
    expect(prod(UNSUBSCRIBE_SECRET_PLACEHOLDER)).toEqual(['UNSUBSCRIBE_SECRET is the example placeholder']);
    expect(prod(secret)).toEqual([]);
    expect(
      marketingEnvProblems(loadMarketingEnv({ NODE_ENV: 'development', INTERNAL_TOKEN_SECRET: internal })),
    ).toEqual([]);
  });
});
