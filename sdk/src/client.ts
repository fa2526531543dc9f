import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Kind, print, type DocumentNode } from 'graphql';
import persistedDocuments from './__generated__/persisted-documents.json' with { type: 'json' };
import { NetworkError, errorFor, type GraphQLErrorPayload } from './errors.ts';

export interface NexusClientOptions {
  /** The gateway's GraphQL endpoint, e.g. `http://localhost:4000/graphql`. */
  url: string;
  /** An integrator API key (`nxk_...`), sent as `X-Api-Key`. */
  apiKey?: string;
  /** Or a staff access token, sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Retries of a query after a network error, a 5xx or a 429 (mutations are never retried). Default 3. */
  maxRetries?: number;
  /** First backoff delay in ms, doubled on each retry (with jitter) unless the answer says Retry-After. Default 300. */
  retryDelayMs?: number;
  /** Longest wait between retries in ms. Default 30 000. */
  maxRetryDelayMs?: number;
  /** Automatic persisted queries: send the document's sha256 first, the text only when asked. Default true. */
  persistedQueries?: boolean;
  /** Per-request timeout in ms. Default 30 000. */
  timeoutMs?: number;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  fetch?: typeof fetch;
  /** How the client waits between retries (tests pass their own). */
  sleep?: (ms: number) => Promise<void>;
}

/** The budget headers of the last answer (API keys only). */
export interface RateLimitHeaders {
  limit: number;
  remaining: number;
  used: number;
  /** When the budget is whole again. */
  resetAt: Date;
}

interface Answer {
  data?: unknown;
  errors?: GraphQLErrorPayload[];
}

type Variables = Record<string, unknown>;

const PERSISTED = persistedDocuments as Record<string, string>;

/** Items of the one connection (`{ nodes, pageInfo }`) a paged query selects at its root. */
type NodeOf<TResult> = {
  [K in keyof TResult]: NonNullable<TResult[K]> extends { nodes: readonly (infer N)[] } ? N : never;
}[keyof TResult];

interface Connection {
  nodes: unknown[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/**
 * A small client for the Nexus API: typed documents in, typed data out, errors as typed classes
 * (errors.ts), idempotent reads retried with backoff, connections followed with `paginate`.
 */
export class NexusClient {
  private readonly options: Required<
    Pick<NexusClientOptions, 'maxRetries' | 'retryDelayMs' | 'maxRetryDelayMs' | 'persistedQueries' | 'timeoutMs'>
  > &
    NexusClientOptions;
  private readonly texts = new WeakMap<DocumentNode, { query: string; hash: string | null }>();
  /** The `X-RateLimit-*` headers of the most recent answer, when it had them. */
  rateLimit: RateLimitHeaders | null = null;

  constructor(options: NexusClientOptions) {
    if (options.apiKey && options.token) throw new Error('Pass an API key or a token, not both.');
    this.options = {
      maxRetries: 3,
      retryDelayMs: 300,
      maxRetryDelayMs: 30_000,
      persistedQueries: true,
      timeoutMs: 30_000,
      ...options,
    };
  }

  /** Runs one operation and returns its data; any error in the answer is thrown as its typed class. */
  async request<TResult, TVariables extends Variables>(
    document: TypedDocumentNode<TResult, TVariables>,
    ...[variables]: Record<string, never> extends TVariables ? [variables?: TVariables] : [variables: TVariables]
  ): Promise<TResult> {
    const { status, body } = await this.send(document, variables ?? {});
    if (body.errors?.length) throw errorFor(body.errors, status, body.data ?? null);
    return body.data as TResult;
  }

  /**
   * Every item of a paged query, page after page (`first`/`after`), as an async iterator:
   * `for await (const contact of sdk.paginate(ListContacts, { filter }))`.
   */
  async *paginate<TResult, TVariables extends Variables & { first?: number | null; after?: string | null }>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables: Omit<TVariables, 'first' | 'after'> = {} as Omit<TVariables, 'first' | 'after'>,
    options: { pageSize?: number } = {},
  ): AsyncGenerator<NodeOf<TResult>, void, undefined> {
    let after: string | null = null;
    for (;;) {
      const vars = { ...variables, first: options.pageSize ?? 100, after } as unknown as TVariables;
      const run = this.request.bind(this) as (d: DocumentNode, v: Variables) => Promise<unknown>;
      const data = (await run(document, vars)) as Record<string, unknown> | null;
      const connection = Object.entries(data ?? {}).find(([k]) => k !== '__typename')?.[1] as Connection | null;
      if (!connection) return;
      for (const node of connection.nodes) yield node as NodeOf<TResult>;
      if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) return;
      after = connection.pageInfo.endCursor;
    }
  }

  private documentText(document: DocumentNode) {
    let text = this.texts.get(document);
    if (!text) {
      // Codegen's documents carry their hash; the persisted list holds the exact text it hashes.
      const meta = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
      const persisted = meta ? PERSISTED[meta] : undefined;
      text =
        persisted && meta
          ? { query: persisted, hash: meta.replace(/^sha256:/, '') }
          : { query: print(document), hash: null };
      this.texts.set(document, text);
    }
    return text;
  }

  private async send(document: DocumentNode, variables: Variables): Promise<{ status: number; body: Answer }> {
    const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    const idempotent = operation?.operation === 'query';
    const operationName = operation?.name?.value;
    const text = this.documentText(document);
    const hash = text.hash ?? (this.options.persistedQueries ? await sha256Hex(text.query) : null);
    const usePersisted = this.options.persistedQueries && hash !== null;
    for (let attempt = 0; ; attempt++) {
      let res: { status: number; headers: Headers; body: Answer };
      try {
        res = await this.post(
          usePersisted
            ? { operationName, variables, extensions: persisted(hash) }
            : { query: text.query, operationName, variables },
        );
        if (usePersisted && notFound(res.body)) {
          res = await this.post({ query: text.query, operationName, variables, extensions: persisted(hash) });
        }
      } catch (e) {
        if (!idempotent || attempt >= this.options.maxRetries)
          throw new NetworkError(`No answer from ${this.options.url}: ${String(e)}`, e);
        await this.wait(this.backoff(attempt, null));
        continue;
      }
      this.readRateLimit(res.headers);
      const retryable = res.status >= 500 || res.status === 429;
      if (retryable && idempotent && attempt < this.options.maxRetries) {
        await this.wait(this.backoff(attempt, res.headers.get('retry-after')));
        continue;
      }
      if (res.status >= 400 && !res.body.errors?.length) {
        return {
          status: res.status,
          body: { errors: [{ message: `HTTP ${res.status}`, extensions: { code: codeOfStatus(res.status) } }] },
        };
      }
      return { status: res.status, body: res.body };
    }
  }

  private async post(payload: Record<string, unknown>) {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
      ...this.options.headers,
    };
    if (this.options.apiKey) headers['x-api-key'] = this.options.apiKey;
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    const res = await (this.options.fetch ?? fetch)(this.options.url, {
      method: 'POST',
      headers,
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    const raw = await res.text();
    let body: Answer;
    try {
      body = raw ? (JSON.parse(raw) as Answer) : {};
    } catch {
      body = {};
    }
    return { status: res.status, headers: res.headers, body };
  }

  private readRateLimit(headers: Headers) {
    const limit = headers.get('x-ratelimit-limit');
    if (limit === null) return;
    this.rateLimit = {
      limit: Number(limit),
      remaining: Number(headers.get('x-ratelimit-remaining') ?? 0),
      used: Number(headers.get('x-ratelimit-used') ?? 0),
      resetAt: new Date(Number(headers.get('x-ratelimit-reset') ?? 0) * 1000),
    };
  }

  /** Retry-After (seconds or an HTTP date) when the answer gave one, else exponential with full jitter. */
  private backoff(attempt: number, retryAfter: string | null): number {
    if (retryAfter) {
      const seconds = Number(retryAfter);
      const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - Date.now();
      if (Number.isFinite(ms)) return Math.min(Math.max(0, ms), this.options.maxRetryDelayMs);
    }
    const ceiling = Math.min(this.options.retryDelayMs * 2 ** attempt, this.options.maxRetryDelayMs);
    return ceiling / 2 + Math.random() * (ceiling / 2);
  }

  private wait(ms: number) {
    return (this.options.sleep ?? ((t: number) => new Promise<void>((r) => setTimeout(r, t))))(ms);
  }
}

const persisted = (hash: string | null) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

const notFound = (body: Answer) =>
  body.errors?.some(
    (e) => e.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND' || e.message === 'PersistedQueryNotFound',
  ) ?? false;

const codeOfStatus = (status: number) =>
  status === 401
    ? 'UNAUTHENTICATED'
    : status === 403
      ? 'FORBIDDEN'
      : status === 404
        ? 'NOT_FOUND'
        : status === 429
          ? 'RATE_LIMITED'
          : status >= 500
            ? 'INTERNAL_SERVER_ERROR'
            : 'BAD_USER_INPUT';

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
