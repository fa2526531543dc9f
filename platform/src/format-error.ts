import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import {
  ClientClosedError,
  ClientOfflineError,
  ConnectionTimeoutError,
  ErrorReply,
  ReconnectStrategyError,
  SocketClosedUnexpectedlyError,
  SocketTimeoutError,
} from 'redis';
import { ErrorCode, publicCodes } from './errors.ts';
import type { Logger } from './logger.ts';

/** Extensions a client may see besides `code`; everything else (stack traces, SQL) stays in the log. */
const SAFE_EXTENSIONS = ['fields', 'retryAfterMs', 'service', 'requiredRank'] as const;

/** graphql-js phrases its suggestions `Did you mean "x"?` or `Did you mean the enum value "X"?`. */
const SUGGESTION = / ?Did you mean [^?]*\?/g;

/** Codes for a request the caller got wrong before anything ran: worth an info line, not an alert. */
const REQUEST_SHAPE_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'LIMIT_EXCEEDED']);

/** Socket-level codes Node gives a refused, reset or unreachable connection. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL SQLSTATEs that mean "the server is not there right now", not "your statement is
 * wrong": class 08 (connection exception), 57P01-57P03 (admin/crash shutdown, cannot connect now),
 * 53300 (too many connections).
 */
const isPostgresUnavailableState = (code: string) =>
  code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300';

/** pg's own wording for a pool or client whose server went away; these errors carry no code. */
const PG_CONNECTION_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/;

const REDIS_CONNECTION_ERRORS = [
  ClientClosedError,
  ClientOfflineError,
  ConnectionTimeoutError,
  ReconnectStrategyError,
  SocketClosedUnexpectedlyError,
  SocketTimeoutError,
];

/**
 * Replies a Redis that is up but not serving yet gives: LOADING while it replays its AOF after a
 * restart (the first seconds after an outage), MASTERDOWN/TRYAGAIN/CLUSTERDOWN during failover.
 */
const REDIS_NOT_READY = /^(LOADING|MASTERDOWN|TRYAGAIN|CLUSTERDOWN|BUSY)\b/;

/**
 * Errors a node-redis client reported on its `error` event. When its socket fails (a reset, a
 * refusal), node-redis emits the bare socket error and then rejects every command in flight with
 * that same object, which on its own could be any driver's lost connection.
 */
const redisClientErrors = new WeakSet<object>();

/**
 * Remembers each error the client reports, so a command that fails with it is known as Redis's
 * (node-redis emits `error` before it rejects the commands waiting on the socket).
 */
export function recordRedisErrors(client: { on(event: 'error', listener: (err: unknown) => void): unknown }): void {
  client.on('error', (err: unknown) => {
    if (err !== null && typeof err === 'object') redisClientErrors.add(err);
  });
}

/** The error and everything it wraps (`cause`, `originalError`, an AggregateError's `errors`). */
function* errorChain(error: unknown, depth = 0): Generator<unknown> {
  if (error === null || error === undefined || depth > 5) return;
  yield error;
  if (typeof error !== 'object') return;
  if ('cause' in error) yield* errorChain(error.cause, depth + 1);
  if ('originalError' in error) yield* errorChain(error.originalError, depth + 1);
  if (error instanceof AggregateError) for (const e of error.errors) yield* errorChain(e, depth + 1);
}

/**
 * Which infrastructure a thrown error says is unreachable (`PostgreSQL` or `Redis`), if any. The
 * driver errors are told apart by what they are, not by the message a client would see: a caller
 * may retry these, so they are UPSTREAM_UNAVAILABLE rather than an INTERNAL_SERVER_ERROR (fault R4).
 */
export function unavailableDependency(error: unknown): 'PostgreSQL' | 'Redis' | undefined {
  for (const e of errorChain(error)) {
    if (REDIS_CONNECTION_ERRORS.some((type) => e instanceof type)) return 'Redis';
    if (e instanceof ErrorReply && REDIS_NOT_READY.test(e.message)) return 'Redis';
    if (!(e instanceof Error)) continue;
    if (redisClientErrors.has(e)) return 'Redis';
    const code = 'code' in e && typeof e.code === 'string' ? e.code : '';
    if (isPostgresUnavailableState(code) || PG_CONNECTION_MESSAGE.test(e.message)) return 'PostgreSQL';
    // A refused or reset socket no Redis client reported (recordRedisErrors): pg raises these from
    // connect() and on a lost connection, so a bare one here is the database's.
    if (SOCKET_CODES.has(code)) return 'PostgreSQL';
  }
  return undefined;
}

/**
 * PostgreSQL's class 22 ("data exception": a malformed uuid, an out-of-range number, an invalid
 * byte sequence) means a value from the request reached SQL unchecked. Services validate their
 * input first; this is the net under them, so such input is still the caller's BAD_USER_INPUT and
 * never a server error. The statement failed, so nothing was written.
 */
export function isDataException(error: unknown): boolean {
  for (const e of errorChain(error)) {
    if (
      e instanceof Error &&
      'severity' in e &&
      'code' in e &&
      typeof e.code === 'string' &&
      /^22[0-9A-Z]{3}$/.test(e.code)
    )
      return true;
  }
  return false;
}

export interface MaskOptions {
  /** Production: drop "Did you mean" hints, which spell out field and enum names to anyone asking. */
  hideSuggestions?: boolean;
}

/** A message with graphql-js's schema suggestions removed. */
export const withoutSuggestions = (message: string) => message.replace(SUGGESTION, '').trim();

/**
 * Apollo's formatError: errors with a public code pass with their message; anything else is logged
 * with the request id and replaced by a generic INTERNAL_SERVER_ERROR.
 */
export function maskError(
  formatted: GraphQLFormattedError,
  error: unknown,
  log: Logger,
  options: MaskOptions = {},
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : undefined;
  // Apollo only takes a code from a GraphQLError's own extensions (a subgraph's, once masked there,
  // or ours); anything thrown without one is INTERNAL_SERVER_ERROR and never shown.
  if (code && publicCodes.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
    const extensions: Record<string, unknown> = { code };
    for (const key of SAFE_EXTENSIONS) {
      if (formatted.extensions && key in formatted.extensions) extensions[key] = formatted.extensions[key];
    }
    if (REQUEST_SHAPE_CODES.has(code)) log.info({ code, message: formatted.message }, 'operation refused');
    return {
      message: options.hideSuggestions ? withoutSuggestions(formatted.message) : formatted.message,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions,
    };
  }
  const dependency = unavailableDependency(original);
  if (dependency) {
    // Expected while the dependency restarts; it is in the log, but it is not a bug to page about.
    log.warn({ err: original, path: formatted.path, dependency }, 'dependency unavailable');
    return {
      message: `${dependency} is unavailable right now; this is temporary, try again shortly.`,
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.UPSTREAM_UNAVAILABLE, service: dependency.toLowerCase() },
    };
  }
  if (isDataException(original)) {
    // A validation gap in a service: worth fixing at the source, hence the warning.
    log.warn({ err: original, path: formatted.path }, 'unchecked input reached the database');
    return {
      message: 'A value in this request is not valid for its field.',
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.BAD_USER_INPUT, fields: [] },
    };
  }
  log.error({ err: original, path: formatted.path }, 'internal error');
  return {
    message: 'Something went wrong on our side. It has been logged.',
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}
