import { z } from 'zod';

/**
 * Several processes of one service (replicas) behind a comma-separated URL list: a subgraph's
 * `<NAME>_URL` for the gateway, `GATEWAY_URL` for jobs and shims that act on the graph. Calls go
 * to the replicas in turn, and a replica that refuses the connection is skipped for that call (and
 * set aside briefly), so one replica down fails no request while another answers.
 */

/** A URL list: one URL, or one per replica separated by commas. */
export const splitUrls = (list: string): string[] =>
  list
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);

/** An environment variable holding a URL list, with a default. */
export const urlListVariable = (fallback: string) =>
  z
    .string()
    .refine((v) => splitUrls(v).length > 0 && splitUrls(v).every((u) => z.url().safeParse(u).success), {
      message: 'must be a URL, or several separated by commas (one per replica)',
    })
    .default(fallback);

/**
 * Errors that mean no connection was made, so nothing reached the replica and asking another is
 * safe, mutations included. A reset or timeout after connecting is not: the call may have run.
 */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Whether `error` (or one of its causes, as fetch wraps them) says the connection was never made. */
export function connectionRefused(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; depth < 5 && typeof e === 'object' && e !== null; depth++) {
    if ('code' in e && NOT_CONNECTED.has(String(e.code))) return true;
    if (e instanceof AggregateError && e.errors.some(connectionRefused)) return true;
    e = 'cause' in e ? e.cause : undefined;
  }
  return false;
}

export class ReplicaPicker {
  readonly urls: readonly string[];
  private turn = 0;
  /** Per replica: until when it is asked only after the others (it refused a connection). */
  private readonly asideUntil: number[];
  private readonly asideMs: number;
  private readonly now: () => number;

  constructor(urls: readonly string[], o: { asideMs?: number; now?: () => number } = {}) {
    if (urls.length === 0) throw new Error('a subgraph needs at least one URL');
    this.urls = urls;
    this.asideUntil = urls.map(() => 0);
    this.asideMs = o.asideMs ?? 2_000;
    this.now = o.now ?? Date.now;
  }

  /** The replicas to try for one call: the next in turn first, then the others; those set aside last. */
  order(): string[] {
    const n = this.urls.length;
    if (n === 1) return [...this.urls];
    const start = this.turn;
    this.turn = (this.turn + 1) % n;
    const now = this.now();
    const ready: string[] = [];
    const aside: string[] = [];
    for (let i = 0; i < n; i++) {
      const k = (start + i) % n;
      ((this.asideUntil[k] ?? 0) > now ? aside : ready).push(this.urls[k] ?? '');
    }
    return [...ready, ...aside];
  }

  /** Runs `send` on the next replica, moving on to the others while connections are refused. */
  async call<T>(send: (url: string) => Promise<T>): Promise<T> {
    let refused: unknown;
    for (const url of this.order()) {
      try {
        const result = await send(url);
        this.asideUntil[this.urls.indexOf(url)] = 0;
        return result;
      } catch (error) {
        if (!connectionRefused(error)) throw error;
        this.asideUntil[this.urls.indexOf(url)] = this.now() + this.asideMs;
        refused = error;
      }
    }
    throw refused;
  }
}

