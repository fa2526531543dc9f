/**
 * The gateway's HTTP client towards its subgraphs: `node:http` over a keep-alive agent, so a fetch
 * reuses a warm connection and costs no URL parsing, web streams or abort signal. The timeout is the
 * socket's own (no byte from the subgraph for `timeoutMs` ends the request), which holds nothing once
 * the answer is in. Idle connections do not hold the process open (the agent unrefs them).
 */
import http, { type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';

/** A subgraph's answer, read whole: the status, the headers and the body as text. */
export interface SubgraphAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Where a subgraph listens, parsed once per subgraph rather than per fetch. */
export interface SubgraphTarget {
  url: string;
  secure: boolean;
  hostname: string;
  port: number;
  path: string;
}

export const parseTarget = (url: string): SubgraphTarget => {
  const u = new URL(url);
  const secure = u.protocol === 'https:';
  return {
    url,
    secure,
    // `[::1]` in a URL is `::1` to the socket.
    hostname: u.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: u.port ? Number(u.port) : secure ? 443 : 80,
    path: `${u.pathname}${u.search}`,
  };
};

/** No answer (refused, reset, timed out): the subgraph is down for this request. `code` is the socket's. */
export class SubgraphUnreachable extends Error {
  readonly code: string;
  constructor(url: string, cause: NodeJS.ErrnoException) {
    super(`no answer from ${url}: ${cause.code ?? cause.message}`, { cause });
    this.name = 'SubgraphUnreachable';
    this.code = cause.code ?? 'ERR_SUBGRAPH_UNREACHABLE';
  }
}

export interface SubgraphClientOptions {
  /** Longest silence from a subgraph before the request is given up. */
  timeoutMs: number;
  /** Open connections per subgraph at most; further requests queue for a free one. */
  maxSockets?: number;
  /** How long an idle connection is kept for reuse (default `IDLE_CONNECTION_MS`). */
  idleMs?: number;
}

/**
 * How long an idle connection is kept for reuse. Subgraphs keep theirs open for
 * `SUBGRAPH_KEEP_ALIVE_MS` (platform), so the gateway always retires an idle connection well before
 * the subgraph would close it: otherwise a request sent on a connection as the subgraph closes it
 * gets no answer, and a write (which is never sent twice) fails as if the subgraph were down.
 */
export const IDLE_CONNECTION_MS = 10_000;

/** A connection reset on a reused keep-alive socket: the subgraph closed it as we sent; safe to resend a read. */
const STALE_SOCKET = new Set(['ECONNRESET', 'EPIPE']);

export function createSubgraphClient(o: SubgraphClientOptions) {
  const agentOptions = {
    keepAlive: true,
    // The idle timeout of a free connection (each request sets its own while it runs).
    timeout: o.idleMs ?? IDLE_CONNECTION_MS,
    maxSockets: o.maxSockets ?? 128,
    maxFreeSockets: 64,
    scheduling: 'lifo' as const,
  };
  const plain = new http.Agent(agentOptions);
  const secure = new https.Agent(agentOptions);

  const once = (target: SubgraphTarget, headers: OutgoingHttpHeaders, body: string) =>
    new Promise<SubgraphAnswer>((resolve, reject) => {
      const request = (target.secure ? https : http).request(
        {
          agent: target.secure ? secure : plain,
          method: 'POST',
          hostname: target.hostname,
          port: target.port,
          path: target.path,
          headers,
          timeout: o.timeoutMs,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', (e) => reject(e));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      request.on('timeout', () => request.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
      request.on('error', (e: NodeJS.ErrnoException) =>
        reject(Object.assign(e, { reusedSocket: request.reusedSocket })),
      );
      request.end(body);
    });

  /** Targets by URL: a handful per gateway (one per subgraph replica), parsed once each. */
  const targets = new Map<string, SubgraphTarget>();
  const targetOf = (url: string) => {
    let target = targets.get(url);
    if (!target) targets.set(url, (target = parseTarget(url)));
    return target;
  };

  return {
    /**
     * POSTs `body` to `url` and reads the whole answer. `retryStale` resends once when a reused idle
     * connection turns out closed before any answer (reads only: a write is never sent twice).
     */
    async post(url: string, headers: OutgoingHttpHeaders, body: string, retryStale: boolean): Promise<SubgraphAnswer> {
      const target = targetOf(url);
      try {
        return await once(target, headers, body);
      } catch (e) {
        const error = e as NodeJS.ErrnoException & { reusedSocket?: boolean };
        if (retryStale && error.reusedSocket && error.code && STALE_SOCKET.has(error.code)) {
          try {
            return await once(target, headers, body);
          } catch (again) {
            throw new SubgraphUnreachable(url, again as NodeJS.ErrnoException);
          }
        }
        throw new SubgraphUnreachable(url, error);
      }
    },
  };
}

export type SubgraphClient = ReturnType<typeof createSubgraphClient>;
