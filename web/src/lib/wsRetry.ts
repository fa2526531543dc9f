/**
 * How a graphql-ws client retries a lost socket: the web app's subscription link and the fault
 * suite's live subscribers (R7) use these same numbers, so a measured reconnect is the app's.
 *
 * Exponential backoff from 1 s, capped at 30 s, plus up to 1 s of random jitter: when a gateway
 * restarts, every open tab loses its socket at the same instant, and without jitter they would all
 * come back in the same millisecond, retry after retry.
 */
export const WS_RETRY_ATTEMPTS = 8;

export const wsRetryDelayMs = (retries: number, random: () => number = Math.random): number =>
  Math.min(2 ** retries * 1000, 30_000) + random() * 1000;

/**
 * Retry connection errors too, not only close events (graphql-ws's default). While a gateway
 * restarts its port refuses connections, and a refused socket reports an `error` event before its
 * close: with the default, every client gave up on its first refused attempt and live updates
 * stopped until a reload (fault R7). Close codes that can never succeed (4400, 4401, 4406, 4409,
 * 4500...) are still final: graphql-ws refuses those before asking this.
 */
export const wsShouldRetry = (): boolean => true;
