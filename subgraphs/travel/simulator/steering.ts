/**
 * Steering state of the simulator: injected faults and the record of requests received.
 * Shared by the programmatic control API and the `/__sim/*` HTTP routes.
 */
import { z } from 'zod';
import { Prng } from './prng.ts';

export const malformedModes = ['none', 'wrong-shape', 'non-json'] as const;
export type MalformedMode = (typeof malformedModes)[number];

export const simFaultsSchema = z.object({
  /** Added before every faulted request is handled. */
  latencyMs: z.int().min(0).max(120_000),
  /** Extra uniform random latency in [0, latencyJitterMs). */
  latencyJitterMs: z.int().min(0).max(120_000),
  /** Share of faulted requests answered with one of `errorStatuses` instead of being handled. */
  errorRate: z.number().min(0).max(1),
  /** 429 answers RATE_LIMITED with retryAfterMs (and Retry-After), the others a 5xx envelope. */
  errorStatuses: z.array(z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(429)])).min(1),
  /** The next N faulted requests fail whatever `errorRate` says (counts down). */
  failNext: z.int().min(0).max(10_000),
  /**
   * 2xx answers replaced by a body of the wrong shape (valid JSON) or by non-JSON text
   * (labelled application/json, the nastier case).
   */
  malformed: z.enum(malformedModes),
  malformedRate: z.number().min(0).max(1),
  /** Faults apply only to paths starting with this prefix; null: every non-`/__sim` path. */
  pathPrefix: z.string().startsWith('/').nullable(),
});
export type SimFaults = z.infer<typeof simFaultsSchema>;
export const simFaultsPatchSchema = simFaultsSchema.partial().strict();
export type SimFaultsPatch = z.infer<typeof simFaultsPatchSchema>;

export const NO_FAULTS: SimFaults = {
  latencyMs: 0,
  latencyJitterMs: 0,
  errorRate: 0,
  errorStatuses: [500, 502, 503],
  failNext: 0,
  malformed: 'none',
  malformedRate: 1,
  pathPrefix: null,
};

export interface RequestRecord {
  method: string;
  path: string;
  /** Epoch ms when the request arrived. */
  at: number;
}

export interface SimStats {
  total: number;
  /** Requests per path (query string excluded), every method together. */
  byPath: Record<string, number>;
  /** Requests per `METHOD path`. */
  byRoute: Record<string, number>;
  /** The most recent requests, oldest first (at most 500). */
  recent: RequestRecord[];
}

const RECENT_LIMIT = 500;

export class Steering {
  faults: SimFaults = { ...NO_FAULTS, errorStatuses: [...NO_FAULTS.errorStatuses] };
  #stats: SimStats = emptyStats();
  #prng = new Prng(7);
  #errorCursor = 0;

  setFaults(patch: SimFaultsPatch): SimFaults {
    this.faults = simFaultsSchema.parse({ ...this.faults, ...patch });
    return this.getFaults();
  }

  getFaults(): SimFaults {
    return { ...this.faults, errorStatuses: [...this.faults.errorStatuses] };
  }

  clearFaults(): void {
    this.faults = { ...NO_FAULTS, errorStatuses: [...NO_FAULTS.errorStatuses] };
    this.#prng = new Prng(7);
    this.#errorCursor = 0;
  }

  record(method: string, path: string, at: number): void {
    const s = this.#stats;
    s.total++;
    s.byPath[path] = (s.byPath[path] ?? 0) + 1;
    const route = `${method} ${path}`;
    s.byRoute[route] = (s.byRoute[route] ?? 0) + 1;
    s.recent.push({ method, path, at });
    if (s.recent.length > RECENT_LIMIT) s.recent.splice(0, s.recent.length - RECENT_LIMIT);
  }

  stats(): SimStats {
    const s = this.#stats;
    return { total: s.total, byPath: { ...s.byPath }, byRoute: { ...s.byRoute }, recent: [...s.recent] };
  }

  requestCount(path?: string, method?: string): number {
    if (path === undefined) return this.#stats.total;
    if (method === undefined) return this.#stats.byPath[path] ?? 0;
    return this.#stats.byRoute[`${method.toUpperCase()} ${path}`] ?? 0;
  }

  resetStats(): void {
    this.#stats = emptyStats();
  }

  applies(path: string): boolean {
    return this.faults.pathPrefix === null || path.startsWith(this.faults.pathPrefix);
  }

  latency(): number {
    const { latencyMs, latencyJitterMs } = this.faults;
    return latencyMs + (latencyJitterMs > 0 ? Math.floor(this.#prng.next() * latencyJitterMs) : 0);
  }

  /** The status to fail this request with, or null to handle it. Deterministic sequence. */
  injectedError(): number | null {
    const { errorRate, errorStatuses, failNext } = this.faults;
    if (failNext > 0) {
      this.faults = { ...this.faults, failNext: failNext - 1 };
    } else {
      if (errorRate <= 0) return null;
      if (errorRate < 1 && this.#prng.next() >= errorRate) return null;
    }
    const status = errorStatuses[this.#errorCursor % errorStatuses.length] ?? 500;
    this.#errorCursor++;
    return status;
  }

  malformed(): MalformedMode {
    const { malformed, malformedRate } = this.faults;
    if (malformed === 'none') return 'none';
    if (malformedRate < 1 && this.#prng.next() >= malformedRate) return 'none';
    return malformed;
  }
}

function emptyStats(): SimStats {
  return { total: 0, byPath: {}, byRoute: {}, recent: [] };
}
