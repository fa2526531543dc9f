import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher, FetcherHeaders, FetcherResponse } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import {
  ErrorCode,
  NexusError,
  CLEAR_REFRESH_HEADER,
  CLIENT_AGENT_HEADER,
  CLIENT_IP_HEADER,
  FORWARDED_REFRESH_HEADER,
  RATE_LIMIT_HEADER,
  SET_REFRESH_HEADER,
  VIEWER_HEADER,
  signViewerToken,
  upstreamUnavailable,
  type Logger,
  type Viewer,
} from '@nexus/platform';
import type { GatewayContext } from './context.ts';
import { EntityBatcher } from './entity-dedupe.ts';
import { ChangeGeneration, RequestMerger, isQueryBody, isQueryDocument, mergeKey } from './request-merging.ts';
import { createSubgraphClient, type SubgraphAnswer } from './subgraph-client.ts';
import type { ReplicaPicker } from '@nexus/platform';
import { overReplicas } from './replicas.ts';

/**
 * Viewer tokens live 60 s; reusing one for 30 s saves a signature per fetch under load. The signing
 * itself is shared too, so a burst of one viewer's fetches signs once (and so carries one token).
 */
class ViewerTokenCache {
  private readonly cache = new Map<string, { token: Promise<string>; until: number }>();
  private readonly secret: string;
  constructor(secret: string) {
    this.secret = secret;
  }
  get(viewer: Viewer, audience: string): Promise<string> {
    const key = `${audience}|${viewer.kind}|${viewer.id ?? viewer.service ?? '-'}|${viewer.role ?? '-'}|${viewer.apiKeyId ?? '-'}|${viewer.client ? `${viewer.client.ttClientId}/${viewer.client.ttTravelerId}/${viewer.client.access}` : '-'}`;
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && hit.until > now) return hit.token;
    const token = signViewerToken(viewer, audience, this.secret, 60);
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(key, { token, until: now + 30_000 });
    // A failed signature is not kept.
    token.catch(() => this.cache.get(key)?.token === token && this.cache.delete(key));
    return token;
  }
}

/** Codes a subgraph's refusal may carry on to the client unchanged (its messages are already public). */
const PASSED_ON = new Set<string>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.NOT_FOUND,
  ErrorCode.CONFLICT,
  ErrorCode.FORBIDDEN,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.RATE_LIMITED,
  ErrorCode.LIMIT_EXCEEDED,
]);

const firstError = (body: unknown): { code?: unknown; message?: unknown } | undefined => {
  if (typeof body !== 'object' || body === null || !('errors' in body) || !Array.isArray(body.errors)) return undefined;
  const first: unknown = body.errors[0];
  if (typeof first !== 'object' || first === null) return undefined;
  const extensions = 'extensions' in first && typeof first.extensions === 'object' ? first.extensions : null;
  return {
    code: extensions && 'code' in extensions ? extensions.code : undefined,
    message: 'message' in first ? first.message : undefined,
  };
};

/**
 * What the client sees when a subgraph answers with an HTTP error: a 4xx is the request's fault and
 * keeps a stable code (the subgraph's own public one, else BAD_USER_INPUT), never a 500 and never
 * the subgraph's internal wording; a 5xx or no answer at all means the service is down, and only
 * its fields fail (the other subgraphs' data is still returned).
 */
export function subgraphHttpError(service: string, status: number, body: unknown): NexusError {
  if (status >= 500) return unavailable(service);
  const first = firstError(body);
  if (typeof first?.code === 'string' && PASSED_ON.has(first.code) && typeof first.message === 'string') {
    return new NexusError(first.code as ErrorCode, first.message, { service });
  }
  if (status === 401 || status === 403) return unavailable(service);
  if (status === 413) return new NexusError(ErrorCode.LIMIT_EXCEEDED, 'The request is too large.', { service });
  if (status === 429)
    return new NexusError(ErrorCode.RATE_LIMITED, 'Too many requests. Try again shortly.', { service });
  return new NexusError(ErrorCode.BAD_USER_INPUT, `The ${service} service could not accept this request.`, { service });
}

const unavailable = (service: string) =>
  upstreamUnavailable(
    service,
    `The ${service} service is unavailable right now; its fields are missing from this answer and the rest is unaffected. Try again shortly.`,
  );

/** Headers by which a subgraph's answer changes a browser's cookies: only the request that asked may see them. */
const COOKIE_HEADERS = new Set(['set-cookie', SET_REFRESH_HEADER, CLEAR_REFRESH_HEADER]);

/** The read-only headers of a subgraph's answer, in the shape RemoteGraphQLDataSource reads. */
class AnswerHeaders implements FetcherHeaders {
  private readonly headers: IncomingHttpHeaders;
  constructor(headers: IncomingHttpHeaders, withCookies: boolean) {
    if (withCookies) this.headers = headers;
    else {
      this.headers = {};
      for (const name in headers) if (!COOKIE_HEADERS.has(name)) this.headers[name] = headers[name];
    }
  }
  get(name: string): string | null {
    const value = this.headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  }
  has(name: string) {
    return this.headers[name.toLowerCase()] !== undefined;
  }
  *entries(): IterableIterator<[string, string]> {
    for (const name in this.headers) yield [name, this.get(name) ?? ''];
  }
  *keys() {
    for (const [name] of this.entries()) yield name;
  }
  *values() {
    for (const [, value] of this.entries()) yield value;
  }
  [Symbol.iterator]() {
    return this.entries();
  }
  append(): void {
    throw new Error('subgraph answer headers are read-only');
  }
  delete(): void {
    throw new Error('subgraph answer headers are read-only');
  }
  set(): void {
    throw new Error('subgraph answer headers are read-only');
  }
}

/** A subgraph's answer as a fetch response; every reader parses the body itself, so no object is shared. */
const asResponse = (url: string, answer: SubgraphAnswer, withCookies: boolean): FetcherResponse => {
  const response: FetcherResponse = {
    bodyUsed: false,
    url,
    redirected: false,
    status: answer.status,
    ok: answer.status >= 200 && answer.status < 300,
    statusText: '',
    headers: new AnswerHeaders(answer.headers, withCookies),
    text: () => Promise.resolve(answer.body),
    json: () => new Promise((resolve) => resolve(JSON.parse(answer.body))),
    arrayBuffer: () => Promise.resolve(new TextEncoder().encode(answer.body).buffer),
    clone: () => asResponse(url, answer, withCookies),
  };
  return response;
};

/** Options of the subgraph data sources beyond what every deployment sets. */
export interface DataSourceOptions {
  /** Merge identical in-flight reads of one principal (request-merging.ts); on unless turned off. */
  mergeRequests?: boolean;
  /** Each subgraph's replicas (replicas.ts): every request that goes out goes to the next one. */
  replicas?: ReadonlyMap<string, ReplicaPicker>;
  /** Each merged request is logged at debug level, with its request id and subgraph. */
  log?: Logger;
  /**
   * The gateway's count of confirmed changes, shared with its subscriptions (an event received
   * moves it too); the data sources keep their own when none is given.
   */
  changes?: ChangeGeneration;
}

/**
 * Every fetch to a subgraph carries a short-lived token signed for that subgraph alone, the request
 * id, and (identity only) the browser's refresh cookie on writes and the caller's budget when the
 * operation reads `rateLimit`; identity's answer to a write may set or clear the cookie.
 *
 * Fetches go over a keep-alive `node:http` agent (subgraph-client.ts) with the socket's own timeout.
 * Identical reads in flight at once for the same principal are sent once (request-merging.ts):
 * never a write, never a request carrying the refresh cookie or the caller's budget.
 */
/** `urls` overrides the defaults recorded in the supergraph, so each deployment configures its own. */
export function dataSourceFactory(
  secret: string,
  timeoutMs: number,
  urls: ReadonlyMap<string, string>,
  options: DataSourceOptions = {},
) {
  const tokens = new ViewerTokenCache(secret);
  const client = createSubgraphClient({ timeoutMs });
  const merge = options.mergeRequests ?? true;
  // Reads never join a read that began before a change was confirmed: every write through this
  // gateway, to any subgraph, starts a new generation when it is sent and again when it is answered,
  // as does every change event the gateway's subscriptions receive (a subscription's re-read of an
  // event must see that change), and the generation is part of the merge key.
  const changes = options.changes ?? new ChangeGeneration();
  return ({ name, url }: { name: string; url?: string }) => {
    const merger = new RequestMerger<SubgraphAnswer>();
    const entities = new EntityBatcher<GatewayContext>();
    const post = overReplicas(options.replicas?.get(name), client.post);
    /** The fetch RemoteGraphQLDataSource calls (`post` sends to the subgraph's next replica). */
    const fetcher: Fetcher = async (target, init) => {
      const body = typeof init?.body === 'string' ? init.body : (init?.body?.toString('utf8') ?? '');
      const headers: OutgoingHttpHeaders = { ...init?.headers, 'content-length': Buffer.byteLength(body) };
      const read = isQueryBody(body);
      const mergeable =
        merge &&
        read &&
        headers[VIEWER_HEADER] !== undefined &&
        headers[FORWARDED_REFRESH_HEADER] === undefined &&
        headers[RATE_LIMIT_HEADER] === undefined;
      if (!mergeable) {
        if (!read) changes.bump();
        try {
          return asResponse(target, await post(target, headers, body, read), true);
        } finally {
          if (!read) changes.bump();
        }
      }
      const key = `${changes.value}\n${mergeKey(name, headers, body)}`;
      const { answer, joined } = merger.run(key, () => post(target, headers, body, true));
      if (joined) options.log?.debug({ requestId: headers['x-request-id'], subgraph: name }, 'subgraph request merged');
      return asResponse(target, await answer, !joined);
    };
    return new (class extends RemoteGraphQLDataSource<GatewayContext> {
      // An entity asked for at many places (one owner of a whole board, under two aliases) is sent
      // to the subgraph once, in one request.
      override process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
        return entities.process(options, (o) => super.process(o));
      }
      override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
        const headers = request.http?.headers;
        if (!headers || !('viewer' in context) || !context.viewer) return;
        headers.set(VIEWER_HEADER, await tokens.get(context.viewer, name));
        headers.set('x-request-id', context.requestId);
        // A traveller's writes (accepting a waiver or a proposal) record where they came from.
        if (context.viewer.kind === 'client' && !isQueryDocument(request.query ?? '')) {
          headers.set(CLIENT_IP_HEADER, context.ip);
          headers.set(CLIENT_AGENT_HEADER, (context.userAgent ?? '').slice(0, 500));
        }
        if (name !== 'identity') return;
        // Portal sign-in is limited per network address as well as per email address.
        if ('ip' in context && context.ip) headers.set(CLIENT_IP_HEADER, context.ip);
        // Only identity's writes (refresh, logout, password change) read the browser's refresh token.
        if (context.refreshCookie && !isQueryDocument(request.query ?? '')) {
          headers.set(FORWARDED_REFRESH_HEADER, context.refreshCookie);
        }
        // The caller's budget after this request, from which identity answers `rateLimit`.
        if (context.rateLimit && /\brateLimit\b/.test(request.query ?? '')) {
          headers.set(RATE_LIMIT_HEADER, JSON.stringify(context.rateLimit));
        }
      }
      override didReceiveResponse({
        response,
        context,
      }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0]) {
        if (name === 'identity' && 'cookieChanges' in context) {
          const set = response.http?.headers.get(SET_REFRESH_HEADER);
          if (set) {
            const [token, expires] = set.split(';');
            if (token && expires) context.cookieChanges.push({ kind: 'set', token, expiresAt: new Date(expires) });
          }
          if (response.http?.headers.get(CLEAR_REFRESH_HEADER)) context.cookieChanges.push({ kind: 'clear' });
        }
        return response;
      }
      override async errorFromResponse(
        response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0],
      ): Promise<GraphQLError> {
        const body = await this.parseBody(response).catch(() => null);
        return subgraphHttpError(name, response.status, body);
      }
      override didEncounterError(error: Error): void {
        // Refused connections, timeouts and unreadable answers: the service is down for this request.
        throw error instanceof GraphQLError ? error : unavailable(name);
      }
    })({ url: urls.get(name) ?? url, fetcher });
  };
}
