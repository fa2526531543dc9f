import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import {
  CLEAR_REFRESH_HEADER,
  FORWARDED_REFRESH_HEADER,
  SET_REFRESH_HEADER,
  VIEWER_HEADER,
  signViewerToken,
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
