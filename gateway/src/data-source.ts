import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import {
  ErrorCode,
  NexusError,
  CLEAR_REFRESH_HEADER,
  FORWARDED_REFRESH_HEADER,
  RATE_LIMIT_HEADER,
  SET_REFRESH_HEADER,
  VIEWER_HEADER,
  signViewerToken,
  upstreamUnavailable,
  type Viewer,
} from '@nexus/platform';
import type { GatewayContext } from './context.ts';

/** Viewer tokens live 60 s; reusing one for 30 s saves a signature per fetch under load. */
class ViewerTokenCache {
  private readonly cache = new Map<string, { token: string; until: number }>();
  private readonly secret: string;
  constructor(secret: string) {
    this.secret = secret;
  }
  async get(viewer: Viewer, audience: string): Promise<string> {
    const key = `${audience}|${viewer.kind}|${viewer.id ?? viewer.service ?? '-'}|${viewer.role ?? '-'}|${viewer.apiKeyId ?? '-'}`;
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && hit.until > now) return hit.token;
    const token = await signViewerToken(viewer, audience, this.secret, 60);
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(key, { token, until: now + 30_000 });
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

/**
 * Every fetch to a subgraph carries a short-lived token signed for that subgraph alone, the request
 * id, and (identity only) the browser's refresh cookie; identity's answer may set or clear it.
 */
/** `urls` overrides the defaults recorded in the supergraph, so each deployment configures its own. */
export function dataSourceFactory(secret: string, timeoutMs: number, urls: ReadonlyMap<string, string>) {
  const tokens = new ViewerTokenCache(secret);
  return ({ name, url }: { name: string; url?: string }) =>
    new (class extends RemoteGraphQLDataSource<GatewayContext> {
      override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
        const headers = request.http?.headers;
        if (!headers || !('viewer' in context) || !context.viewer) return;
        headers.set(VIEWER_HEADER, await tokens.get(context.viewer, name));
        headers.set('x-request-id', context.requestId);
        if (name === 'identity' && context.refreshCookie) headers.set(FORWARDED_REFRESH_HEADER, context.refreshCookie);
        // The caller's budget after this request, from which identity answers `rateLimit`.
        if (name === 'identity' && context.rateLimit) headers.set(RATE_LIMIT_HEADER, JSON.stringify(context.rateLimit));
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
    })({
      url: urls.get(name) ?? url,
      fetcher: (input, init) =>
        fetch(input, {
          method: init?.method ?? 'POST',
          headers: init?.headers ?? {},
          ...(init?.body !== undefined
            ? { body: typeof init.body === 'string' ? init.body : new Uint8Array(init.body) }
            : {}),
          signal: AbortSignal.timeout(timeoutMs),
        }),
    });
}
