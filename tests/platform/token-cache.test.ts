import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  InvalidViewerToken,
  ViewerTokenCache,
  serviceViewer,
  signViewerToken,
  verifyViewerToken,
  viewerFor,
} from '@nexus/platform';

/**
 * Subgraphs verify the gateway-signed viewer token once per token, not once per request: the
 * verified viewer is kept until the token's `exp`, and only for the audience and secret it was
 * verified with.
 */
const SECRET = 'a-secret-of-at-least-thirty-two-characters!';
const OTHER_SECRET = 'another-secret-of-at-least-thirty-two-chars';
const ADVISOR = viewerFor('6f1c1a52-6a36-4c39-9a37-0a1a4a8d2a11', 'ADVISOR', { requestId: 'r-1' });

afterEach(() => {
  vi.useRealTimers();
});

describe('viewer-token verification cache', () => {
  it('answers a token it verified before from the cache, with the same viewer', async () => {
    const cache = new ViewerTokenCache();
    const token = await signViewerToken(ADVISOR, 'crm', SECRET, 60);
    const first = await verifyViewerToken(token, 'crm', SECRET, cache);
    const second = await verifyViewerToken(token, 'crm', SECRET, cache);
    expect(second).toEqual(first);
    expect(first).toMatchObject({ kind: 'user', id: ADVISOR.id, role: 'ADVISOR', rank: 2, requestId: 'r-1' });
    expect({ hits: cache.hits, misses: cache.misses, size: cache.size }).toEqual({ hits: 1, misses: 1, size: 1 });
    // A caller changing its copy does not change what the next request is told.
    second.rank = 4;
    expect((await verifyViewerToken(token, 'crm', SECRET, cache)).rank).toBe(2);
  });

  it('refuses a cached token once it has expired', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-06T12:00:00.000Z'));
    const cache = new ViewerTokenCache();
    const token = await signViewerToken(ADVISOR, 'crm', SECRET, 60);
    await verifyViewerToken(token, 'crm', SECRET, cache);
    vi.setSystemTime(new Date('2026-12-06T12:00:59.000Z'));
    expect((await verifyViewerToken(token, 'crm', SECRET, cache)).id).toBe(ADVISOR.id);
    expect(cache.hits).toBe(1);

    vi.setSystemTime(new Date('2026-12-06T12:01:00.000Z'));
    await expect(verifyViewerToken(token, 'crm', SECRET, cache)).rejects.toBeInstanceOf(InvalidViewerToken);
    expect(cache.hits).toBe(1);
    expect(cache.size).toBe(0);
  });

  it('refuses a cached token under a changed secret, and for another audience', async () => {
    const cache = new ViewerTokenCache();
    const token = await signViewerToken(ADVISOR, 'crm', SECRET, 60);
    await verifyViewerToken(token, 'crm', SECRET, cache);
    await expect(verifyViewerToken(token, 'crm', OTHER_SECRET, cache)).rejects.toBeInstanceOf(InvalidViewerToken);
    await expect(verifyViewerToken(token, 'identity', SECRET, cache)).rejects.toBeInstanceOf(InvalidViewerToken);
    expect(cache.hits).toBe(0);
  });

  it('never caches a refused token', async () => {
    const cache = new ViewerTokenCache();
    const forged = await signViewerToken(ADVISOR, 'crm', OTHER_SECRET, 60);
    await expect(verifyViewerToken(forged, 'crm', SECRET, cache)).rejects.toBeInstanceOf(InvalidViewerToken);
    await expect(verifyViewerToken(forged, 'crm', SECRET, cache)).rejects.toBeInstanceOf(InvalidViewerToken);
    expect(cache.size).toBe(0);
  });

  it('keeps service principals as they were signed', async () => {
    const cache = new ViewerTokenCache();
    const token = await signViewerToken(serviceViewer('tt-sync', 'ADVISOR'), 'crm', SECRET, 60);
    await verifyViewerToken(token, 'crm', SECRET, cache);
    expect(await verifyViewerToken(token, 'crm', SECRET, cache)).toMatchObject({
      kind: 'service',
      id: null,
      service: 'tt-sync',
      rank: 2,
    });
  });

  it('stays within its size bound', async () => {
    const cache = new ViewerTokenCache({ maxEntries: 10 });
    const tokens = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        signViewerToken(
          viewerFor(`6f1c1a52-6a36-4c39-9a37-0a1a4a8d2a${String(i).padStart(2, '0')}`, 'AGENT'),
          'crm',
          SECRET,
          60,
        ),
      ),
    );
    for (const token of tokens) await verifyViewerToken(token, 'crm', SECRET, cache);
    expect(cache.size).toBeLessThanOrEqual(10);
    // The newest is still answered from the cache; every token still verifies.
    await verifyViewerToken(tokens.at(-1) ?? '', 'crm', SECRET, cache);
    expect(cache.hits).toBe(1);
    for (const token of tokens) expect((await verifyViewerToken(token, 'crm', SECRET, cache)).role).toBe('AGENT');
  });
});
