/**
 * The graph's error vocabulary (`extensions.code`, platform/src/errors.ts) as error classes, so
 * callers can `catch (e) { if (e instanceof NotFoundError) ... }` instead of comparing strings.
 */

/** One error of a GraphQL answer, as the gateway sends it. */
export interface GraphQLErrorPayload {
  message: string;
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown> & { code?: string };
}

/** A problem with one input field (BAD_USER_INPUT's `extensions.fields`). */
export interface FieldProblem {
  path: string;
  message: string;
}

/** Any error the API answered with; `code` is its `extensions.code`. */
export class NexusApiError extends Error {
  readonly code: string;
  /** The HTTP status of the answer (200 for errors inside a GraphQL result). */
  readonly status: number;
  readonly path: readonly (string | number)[] | undefined;
  readonly extensions: Record<string, unknown>;
  /** Every error of the answer (this one is the first), and what data came with them. */
  readonly errors: readonly GraphQLErrorPayload[];
  readonly data: unknown;
  constructor(
    error: GraphQLErrorPayload,
    status: number,
    errors: readonly GraphQLErrorPayload[] = [error],
    data: unknown = null,
  ) {
    super(error.message);
    this.name = new.target.name;
    this.code = String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
    this.status = status;
    this.path = error.path;
    this.extensions = error.extensions ?? {};
    this.errors = errors;
    this.data = data;
  }
}

/** No credential, or one that is not (or no longer) valid. */
export class UnauthenticatedError extends NexusApiError {}
/** The key's or user's role may not do this (or a persisted-documents-only key sent another document). */
export class ForbiddenError extends NexusApiError {}
/** Bad arguments or input; `fields` names each offending input field. */
export class BadUserInputError extends NexusApiError {
  get fields(): FieldProblem[] {
    const fields = this.extensions.fields;
    return Array.isArray(fields) ? (fields as FieldProblem[]) : [];
  }
}
export class NotFoundError extends NexusApiError {}
/** The change clashes with the current state (a duplicate, a stale version). */
export class ConflictError extends NexusApiError {}
/** Too many requests, or the key's hourly cost budget is spent; `retryAfterMs` says when to try again. */
export class RateLimitedError extends NexusApiError {
  get retryAfterMs(): number | null {
    const ms = this.extensions.retryAfterMs;
    return typeof ms === 'number' ? ms : null;
  }
}
/** The operation is larger than the gateway serves (cost, depth, aliases, size). */
export class LimitExceededError extends NexusApiError {}
/** A service behind the gateway is down; retrying later may work. */
export class UpstreamUnavailableError extends NexusApiError {}
/** A feature this deployment has not configured. */
export class ServiceUnavailableError extends NexusApiError {}
export class InternalServerError extends NexusApiError {}

/** The request never got an answer (connection refused, reset, timed out). */
export class NetworkError extends Error {
  override readonly cause: unknown;
  constructor(message: string, cause: unknown) {
    super(message);
    this.name = 'NetworkError';
    this.cause = cause;
  }
}

const CLASSES: Record<string, typeof NexusApiError> = {
  UNAUTHENTICATED: UnauthenticatedError,
  FORBIDDEN: ForbiddenError,
  BAD_USER_INPUT: BadUserInputError,
  NOT_FOUND: NotFoundError,
  CONFLICT: ConflictError,
  RATE_LIMITED: RateLimitedError,
  LIMIT_EXCEEDED: LimitExceededError,
  UPSTREAM_UNAVAILABLE: UpstreamUnavailableError,
  SERVICE_UNAVAILABLE: ServiceUnavailableError,
  INTERNAL_SERVER_ERROR: InternalServerError,
};

/** The typed error for an answer's first error (NexusApiError itself for a code this SDK does not know). */
export function errorFor(errors: readonly GraphQLErrorPayload[], status: number, data: unknown = null): NexusApiError {
  const first = errors[0] ?? { message: `HTTP ${status}`, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  const Class = CLASSES[String(first.extensions?.code ?? '')] ?? NexusApiError;
  return new Class(first, status, errors, data);
}
