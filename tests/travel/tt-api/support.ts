/** Shared helpers for the TT-API client and simulator tests. */
import { expect } from 'vitest';
import { NexusError } from '../../../platform/src/errors.ts';
import type { ErrorCode } from '../../../platform/src/errors.ts';
import { createManualClock } from '../../../subgraphs/travel/src/tt-api/circuit-breaker.ts';
import type { ManualClock } from '../../../subgraphs/travel/src/tt-api/circuit-breaker.ts';
import { createTtApiClient } from '../../../subgraphs/travel/src/tt-api/client.ts';
import type { TtApiClient, TtApiClientDeps } from '../../../subgraphs/travel/src/tt-api/client.ts';
import type { TtApiClientConfigInput, TtApiLogger } from '../../../subgraphs/travel/src/tt-api/client-config.ts';
import type { RunningSimulator } from '../../../subgraphs/travel/simulator/index.ts';

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  obj: Record<string, unknown>;
  msg: string | undefined;
}

export function captureLogger(): TtApiLogger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry['level']) => (obj: object, msg?: string) => {
    entries.push({ level, obj: { ...obj }, msg });
  };
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export interface TestClient {
  client: TtApiClient;
  logger: ReturnType<typeof captureLogger>;
  clock: ManualClock;
}

/**
 * A client against the simulator with test-friendly timings. The breaker runs on a manual clock
 * (starting at the real time so logged dates read sensibly) so tests never sleep through resets.
 */
export function makeClient(
  sim: RunningSimulator,
  config: Partial<TtApiClientConfigInput> = {},
  deps: Partial<TtApiClientDeps> = {},
): TestClient {
  const logger = captureLogger();
  const clock = createManualClock(Date.now());
  const client = createTtApiClient(
    { baseUrl: sim.url, apiKey: sim.apiKeys[0] ?? 'none', timeoutMs: 2_000, retryCount: 0, retryBaseMs: 50, ...config },
    { logger, clock, ...deps },
  );
  return { client, logger, clock };
}

/** Awaits a rejection and checks it is the NexusError a GraphQL caller would see. */
export async function expectNexusError(promise: Promise<unknown>, code: ErrorCode, message?: RegExp): Promise<NexusError> {
  let caught: unknown;
  try {
    await promise;
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected a ${code} error`).toBeInstanceOf(NexusError);
  if (!(caught instanceof NexusError)) throw new Error('unreachable');
  expect(caught.code).toBe(code);
  expect(caught.extensions['code']).toBe(code);
  if (message) expect(caught.message).toMatch(message);
  return caught;
}

export const MISSING_ID = '00000000-0000-4000-8000-000000000000';

export async function rawFetch(sim: RunningSimulator, path: string, init: RequestInit = {}): Promise<{ status: number; body: unknown; text: string; headers: Headers }> {
  const res = await fetch(`${sim.url}${path}`, init);
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: callers look at `text`
  }
  return { status: res.status, body, text, headers: res.headers };
}

export const withKey = (sim: RunningSimulator, init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { 'x-api-key': sim.apiKeys[0] ?? '', 'content-type': 'application/json', ...(init.headers ?? {}) },
});
