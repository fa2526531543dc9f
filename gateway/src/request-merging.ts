/**
 * Merging identical in-flight subgraph requests: while one read is on its way to a subgraph, the
 * same read (same subgraph, same body, same headers, so the same signed viewer token) waits for
 * its answer instead of being sent again. Under load many screens of one person (or one integrator's
 * key) ask the same thing at once; each subgraph then answers it once.
 *
 * The key holds everything the subgraph sees except the request id, so nothing is ever shared
 * between principals: two viewers' tokens differ, and a request is merged only with another that
 * carries the very same token. What may not be merged at all is decided by the caller
 * (`mergeable`): mutations, and requests that carry a browser's refresh cookie or a caller's budget.
 */
import type { OutgoingHttpHeaders } from 'node:http';

/** Headers that differ per incoming request without changing the subgraph's answer. */
const PER_REQUEST = new Set(['x-request-id']);

/**
 * The merge key: the subgraph (by name, so replicas of one subgraph share it), every header but the
 * request id (in the order they were set), and the body.
 */
export function mergeKey(subgraph: string, headers: OutgoingHttpHeaders, body: string): string {
  let key = subgraph;
  for (const name in headers) {
    if (PER_REQUEST.has(name)) continue;
    key += `\n${name}:${String(headers[name])}`;
  }
  return `${key}\n\n${body}`;
}

/** A subgraph operation that only reads: `query ...` or the `{ ... }` shorthand, never `mutation`/`subscription`. */
export const isQueryDocument = (query: string) => /^\s*(?:query\b|\{)/.test(query);

/**
 * The same test on a request body as the gateway serializes it (`{"query":"...`). Anything else,
 * escaped leading whitespace included, counts as not a read, so it is never merged.
 */
export const isQueryBody = (body: string) => /^\{"query":"(?:query\b|\{)/.test(body);

/**
 * Changes confirmed so far, as seen by one gateway: a write it forwarded (when sent and when
 * answered) and a change event it received from the bus. The count is part of every merge key, so
 * a read asked for after a change was confirmed never joins a read that began before it.
 */
export class ChangeGeneration {
  private count = 0;

  get value(): number {
    return this.count;
  }

  bump(): void {
    this.count += 1;
  }
}

export interface Merged<T> {
  answer: Promise<T>;
  /** True when this request joined another one's fetch (its answer came from that fetch). */
  joined: boolean;
}

/** In-flight fetches by key; an entry lives exactly as long as its fetch. */
export class RequestMerger<T> {
  private readonly inFlight = new Map<string, Promise<T>>();

  run(key: string, send: () => Promise<T>): Merged<T> {
    const pending = this.inFlight.get(key);
    if (pending) return { answer: pending, joined: true };
    const answer = send();
    this.inFlight.set(key, answer);
    const settle = () => void this.inFlight.delete(key);
    answer.then(settle, settle);
    return { answer, joined: false };
  }

  /** Fetches on their way now. */
  get size() {
    return this.inFlight.size;
  }
}
