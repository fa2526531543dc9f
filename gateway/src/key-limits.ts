/**
 * Per-key budgets, counted in query cost as GitHub's GraphQL API counts points: every API-key
 * request spends its operation cost (cost-limit.ts) from the key's hourly budget in Redis, shared
 * by every gateway replica. Answers carry `X-RateLimit-Limit/Remaining/Reset/Used` (Reset in Unix
 * seconds); a spent budget is 429 + `Retry-After` + RATE_LIMITED, before any subgraph is called.
 * Staff are counted against their own budget (for `rateLimit`) but never refused. Each key's
 * requests, cost and errors per UTC day go to a Redis hash identity folds into PostgreSQL.
 *
 * Keys flagged `persistedOnly` may only run the allow-listed persisted documents (the SDK's), named
 * by their sha256 in `extensions.persistedQuery`.
 */
import { Kind, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RedisClientType } from 'redis';
import { NexusError, apiKeyUsageKey, type Viewer } from '@nexus/platform';
import type { GatewayContext, RateLimitState } from './context.ts';
import { operationCost } from './cost-limit.ts';

const WINDOW_SECONDS = 3600;
/** Usage hashes outlive the day they count long enough for identity to fold them in. */
const USAGE_TTL_SECONDS = 8 * 86_400;

export interface KeyLimitOptions {
  redis: RedisClientType;
  redisPrefix: string;
  schema: GraphQLSchema;
  /** Points per hour for a key without its own budget. */
  defaultKeyBudget: number;
  /** Points per hour staff are measured against (never enforced). */
  staffBudget: number;
  /** sha256 hashes of the documents a `persistedOnly` key may run. */
  allowList: ReadonlySet<string>;
}

export const rateLimitHeaders = (state: RateLimitState): [string, string][] => [
  ['x-ratelimit-limit', String(state.limit)],
  ['x-ratelimit-remaining', String(state.remaining)],
  ['x-ratelimit-reset', String(Math.ceil(state.resetAt.getTime() / 1000))],
  ['x-ratelimit-used', String(state.used)],
];

const selectsRateLimit = (operation: OperationDefinitionNode) =>
  operation.selectionSet.selections.some((s) => s.kind === Kind.FIELD && s.name.value === 'rateLimit');

export function keyLimitPlugin(o: KeyLimitOptions): ApolloServerPlugin<GatewayContext> {
  const limiters = new Map<number, RateLimiterRedis>();
  const limiterFor = (points: number) => {
    let l = limiters.get(points);
    if (!l) {
      l = new RateLimiterRedis({
        storeClient: o.redis,
        useRedisPackage: true,
        keyPrefix: `${o.redisPrefix}:cost-budget:${points}`,
        points,
        duration: WINDOW_SECONDS,
        // Redis down: each gateway process counts on its own rather than letting everything through.
        insuranceLimiter: new RateLimiterMemory({ points, duration: WINDOW_SECONDS }),
      });
      limiters.set(points, l);
    }
    return l;
  };
  const subjectOf = (viewer: Viewer, policy: GatewayContext['apiKey']) =>
    viewer.apiKeyId
      ? { key: `key:${viewer.apiKeyId}`, limit: policy?.costBudgetPerHour ?? o.defaultKeyBudget, enforce: true }
      : viewer.kind === 'user' && viewer.id
        ? { key: `user:${viewer.id}`, limit: o.staffBudget, enforce: false }
        : // Portal travellers are limited like integrators: a leaked token cannot drain the graph.
          viewer.kind === 'client' && viewer.id
          ? { key: `client:${viewer.id}`, limit: o.defaultKeyBudget, enforce: true }
          : null;
  const stateOf = (limit: number, cost: number, r: RateLimiterRes): RateLimitState => ({
    limit,
    cost,
    used: Math.min(limit, r.consumedPoints),
    remaining: Math.max(0, r.remainingPoints),
    resetAt: new Date(Date.now() + r.msBeforeNext),
  });

  const spend = async (
    ctx: GatewayContext,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
  ) => {
    const subject = subjectOf(ctx.viewer, ctx.apiKey);
    if (!subject) return;
    const cost = operationCost(o.schema, document, operation, variables);
    const limiter = limiterFor(subject.limit);
    if (!subject.enforce) {
      // Staff are measured, not limited: only a request that reads its budget waits for the count.
      const counted = limiter.consume(subject.key, cost).then(
        (r) => (ctx.rateLimit = stateOf(subject.limit, cost, r)),
        (e: unknown) => {
          if (e instanceof RateLimiterRes) ctx.rateLimit = stateOf(subject.limit, cost, e);
        },
      );
      if (selectsRateLimit(operation)) await counted;
      return;
    }
    try {
      ctx.rateLimit = stateOf(subject.limit, cost, await limiter.consume(subject.key, cost));
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
      // The refused cost is given back: a request that did not run spends nothing.
      const after = await limiter.reward(subject.key, cost).catch(() => e);
      const state = stateOf(subject.limit, 0, after instanceof RateLimiterRes ? after : e);
      ctx.rateLimit = state;
      const retryAfter = Math.max(1, Math.ceil((state.resetAt.getTime() - Date.now()) / 1000));
      const whose = ctx.viewer.kind === 'client' ? 'your portal session' : 'this API key';
      throw new NexusError(
        'RATE_LIMITED',
        cost > subject.limit
          ? `This operation costs ${cost} points, more than ${whose}'s budget of ${subject.limit} an hour. Ask for smaller pages or fewer nested lists.`
          : `${whose.charAt(0).toUpperCase()}${whose.slice(1)} has spent its budget of ${subject.limit} points for this hour (this operation costs ${cost}). Try again after ${state.resetAt.toISOString()}.`,
        {
          retryAfterMs: retryAfter * 1000,
          limit: subject.limit,
          cost,
          resetAt: state.resetAt.toISOString(),
          http: { status: 429, headers: new Map([['retry-after', String(retryAfter)], ...rateLimitHeaders(state)]) },
        },
      );
    }
  };

  return {
    async requestDidStart({ request, contextValue }) {
      if (contextValue.viewer.apiKeyId && contextValue.apiKey?.persistedOnly) {
        const ext = request.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined;
        const hash = typeof ext?.sha256Hash === 'string' ? ext.sha256Hash : null;
        if (!hash || !o.allowList.has(hash)) {
          contextValue.persistedRefused = true;
        }
      }
      return {
        async didResolveOperation({ document, operation, contextValue: ctx, request: req }) {
          if (ctx.persistedRefused) {
            throw new NexusError(
              'FORBIDDEN',
              "This API key may only run the allow-listed persisted documents (the SDK's operations), sent with their sha256 in `extensions.persistedQuery`; this document is not one of them.",
              { http: { status: 403 } },
            );
          }
          if (!operation || operation.operation === 'subscription') return;
          await spend(ctx, document, operation, req.variables ?? {});
        },
        async willSendResponse({ contextValue: ctx, response }) {
          const keyId = ctx.viewer.apiKeyId;
          if (!keyId) return;
          const state =
            ctx.rateLimit ??
            (await limiterFor(ctx.apiKey?.costBudgetPerHour ?? o.defaultKeyBudget)
              .get(`key:${keyId}`)
              .then((r) => {
                const limit = ctx.apiKey?.costBudgetPerHour ?? o.defaultKeyBudget;
                return r
                  ? stateOf(limit, 0, r)
                  : {
                      limit,
                      cost: 0,
                      used: 0,
                      remaining: limit,
                      resetAt: new Date(Date.now() + WINDOW_SECONDS * 1000),
                    };
              })
              .catch(() => null));
          if (state) for (const [name, value] of rateLimitHeaders(state)) response.http.headers.set(name, value);
          const failed = response.body.kind === 'single' && (response.body.singleResult.errors?.length ?? 0) > 0;
          const key = apiKeyUsageKey(o.redisPrefix, keyId, new Date().toISOString().slice(0, 10));
          await o.redis
            .multi()
            .hIncrBy(key, 'requests', 1)
            .hIncrBy(key, 'cost', ctx.rateLimit?.cost ?? 0)
            .hIncrBy(key, 'errors', failed ? 1 : 0)
            .expire(key, USAGE_TTL_SECONDS)
            .exec()
            .catch((err: unknown) => ctx.log.warn({ err }, 'API key usage not counted'));
        },
      };
    },
  };
}
