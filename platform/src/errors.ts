import { GraphQLError } from 'graphql';

/**
 * The one error vocabulary of Nexus. Every error a client can see carries one of these codes in
 * `extensions.code`; REST shims map the same codes to HTTP statuses.
 */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  /** The operation is larger than the gateway serves (size, depth, aliases, cost, open subscriptions). */
  LIMIT_EXCEEDED: 'LIMIT_EXCEEDED',
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  /** A feature this deployment has not configured (e.g. internal sync without its secret). */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const httpStatusOf: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  LIMIT_EXCEEDED: 400,
  UPSTREAM_UNAVAILABLE: 502,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
};

/** A problem with one input field, as BAD_USER_INPUT reports it. */
export interface FieldProblem {
  /** Dotted path of the offending field inside the input, e.g. `input.email`. */
  path: string;
  message: string;
}

export class NexusError extends GraphQLError {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extra, code } });
    this.code = code;
  }
}

export const unauthenticated = (message = 'Sign in to continue.') => new NexusError(ErrorCode.UNAUTHENTICATED, message);

export const forbidden = (message = 'Your role does not allow this.', extra: Record<string, unknown> = {}) =>
  new NexusError(ErrorCode.FORBIDDEN, message, extra);

export const badInput = (message: string, fields: FieldProblem[] = []) =>
  new NexusError(ErrorCode.BAD_USER_INPUT, message, { fields });

export const notFound = (what: string, id?: string) =>
  new NexusError(ErrorCode.NOT_FOUND, id ? `${what} ${id} was not found.` : `${what} was not found.`);

export const conflict = (message: string, extra: Record<string, unknown> = {}) =>
  new NexusError(ErrorCode.CONFLICT, message, extra);

export const rateLimited = (retryAfterMs: number, message = 'Too many requests. Try again shortly.') =>
  new NexusError(ErrorCode.RATE_LIMITED, message, { retryAfterMs });

export const upstreamUnavailable = (service: string, message = `${service} is unavailable right now.`) =>
  new NexusError(ErrorCode.UPSTREAM_UNAVAILABLE, message, { service });

export const limitExceeded = (message: string, extra: Record<string, unknown> = {}) =>
  new NexusError(ErrorCode.LIMIT_EXCEEDED, message, extra);

export const isNexusError = (e: unknown): e is NexusError => e instanceof NexusError;

/** Codes that are safe to show a client as they are; anything else becomes INTERNAL_SERVER_ERROR. */
export const publicCodes: ReadonlySet<string> = new Set<string>([
  ...Object.values(ErrorCode),
  // graphql-js and Apollo's own client-facing validation codes
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);
