import { CombinedGraphQLErrors, ServerError, ServerParseError } from '@apollo/client/errors';
import type { GraphQLFormattedError } from 'graphql';

/**
 * The one place that turns what the gateway (or the network) says into words a person reads.
 * Components never look at `extensions.code` themselves; they call `describeError`.
 */

export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'UPSTREAM_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR'
  /** The request never got a GraphQL answer: offline, gateway down, proxy error page. */
  | 'NETWORK'
  /** The app sent something the schema does not know: usually a stale tab after a deploy. */
  | 'OUTDATED_CLIENT';

export interface FieldProblem {
  /** Dotted path of the field inside the input, e.g. `input.email`. */
  path: string;
  message: string;
}

export interface DescribedError {
  code: ErrorCode;
  title: string;
  message: string;
  /** BAD_USER_INPUT: what is wrong with each field. */
  fields: FieldProblem[];
  /** RATE_LIMITED: how long to wait before trying again. */
  retryAfterMs: number | null;
}

/** The GraphQL errors inside whatever Apollo (or fetch) gave us, wherever they hide. */
export function graphQLErrorsOf(error: unknown): readonly GraphQLFormattedError[] {
  if (CombinedGraphQLErrors.is(error)) return error.errors;
  // A non-2xx answer served as plain application/json arrives as a ServerError with the body as text.
  if (ServerError.is(error)) {
    try {
      const body: unknown = JSON.parse(error.bodyText);
      if (isObject(body) && Array.isArray(body.errors)) return body.errors.filter(isFormattedError);
    } catch {
      return [];
    }
  }
  return [];
}

/** The `extensions.code` of the first error, if the gateway sent one. */
export function errorCodeOf(error: unknown): string | null {
  const code = graphQLErrorsOf(error)[0]?.extensions?.code;
  return typeof code === 'string' ? code : null;
}

export function hasErrorCode(error: unknown, code: ErrorCode): boolean {
  return graphQLErrorsOf(error).some((e) => e.extensions?.code === code);
}

const DEFAULTS: Record<ErrorCode, { title: string; message: string; trustServerMessage: boolean }> = {
  UNAUTHENTICATED: { title: 'Please sign in', message: 'Sign in to continue.', trustServerMessage: true },
  FORBIDDEN: { title: 'Not allowed', message: 'Your role does not allow this.', trustServerMessage: true },
  BAD_USER_INPUT: { title: 'Check your input', message: 'Some fields need attention.', trustServerMessage: true },
  NOT_FOUND: { title: 'Not found', message: 'We could not find what you were looking for.', trustServerMessage: true },
  CONFLICT: {
    title: 'Changed elsewhere',
    message: 'Someone else changed this at the same time. Reload and try again.',
    trustServerMessage: true,
  },
  RATE_LIMITED: {
    title: 'Too many requests',
    message: 'Too many requests. Try again shortly.',
    trustServerMessage: true,
  },
  // The server's line names a status code ("TT-API answered HTTP 503."): true, but not for people.
  UPSTREAM_UNAVAILABLE: {
    title: 'Service unavailable',
    message: 'A service Nexus depends on is unavailable right now. Try again in a few minutes.',
    trustServerMessage: false,
  },
  // The gateway masks internals already; our own words are still kinder than a generic server line.
  INTERNAL_SERVER_ERROR: {
    title: 'Something went wrong',
    message: 'Something went wrong on our side. It has been logged; please try again.',
    trustServerMessage: false,
  },
  NETWORK: {
    title: 'Cannot reach Nexus',
    message: 'Nexus is not answering. Check your connection and try again.',
    trustServerMessage: false,
  },
  OUTDATED_CLIENT: {
    title: 'Nexus was updated',
    message: 'This page is out of date. Reload the page and try again.',
    trustServerMessage: false,
  },
};

/** UPSTREAM_UNAVAILABLE names the service in `extensions.service`; say what that means to the person. */
const UPSTREAMS: Record<string, { title: string; message: string }> = {
  'TT-API': {
    title: 'Travel data unavailable',
    message:
      'TT-API, the travel system, is not answering right now, so trips, bookings and documents cannot be shown. ' +
      'Everything else keeps working; try again in a few minutes.',
  },
};

const KNOWN_CODES = new Set<string>(Object.keys(DEFAULTS));
const isKnownCode = (code: string): code is ErrorCode => KNOWN_CODES.has(code);

export function describeError(error: unknown): DescribedError {
  const first = graphQLErrorsOf(error)[0];
  const code = classify(error, first);
  const upstream = code === 'UPSTREAM_UNAVAILABLE' ? UPSTREAMS[String(first?.extensions?.service)] : undefined;
  const defaults = upstream ? { ...DEFAULTS[code], ...upstream } : DEFAULTS[code];
  const serverMessage = first?.message.trim();
  let message = defaults.trustServerMessage && serverMessage ? serverMessage : defaults.message;

  const retryAfterMs = numberOr(first?.extensions?.retryAfterMs, null);
  if (code === 'RATE_LIMITED' && retryAfterMs !== null) {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    message = `${message} You can try again in ${seconds} second${seconds === 1 ? '' : 's'}.`;
  }

  const fields = code === 'BAD_USER_INPUT' ? fieldProblems(first?.extensions?.fields) : [];
  return { code, title: defaults.title, message, fields, retryAfterMs };
}

/** The message for one form field, matching `email` to a problem at `email` or `input.email`. */
export function fieldMessage(described: DescribedError | null, field: string): string | undefined {
  return described?.fields.find((f) => f.path === field || f.path.endsWith(`.${field}`))?.message;
}

function classify(error: unknown, first: GraphQLFormattedError | undefined): ErrorCode {
  const code = first?.extensions?.code;
  if (typeof code === 'string') {
    if (isKnownCode(code)) return code;
    if (code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED') return 'OUTDATED_CLIENT';
    if (code === 'BAD_REQUEST') return 'BAD_USER_INPUT';
    return 'INTERNAL_SERVER_ERROR';
  }
  if (first) return 'INTERNAL_SERVER_ERROR';
  if (ServerError.is(error)) {
    if (error.statusCode === 401) return 'UNAUTHENTICATED';
    if (error.statusCode === 403) return 'FORBIDDEN';
    if (error.statusCode === 429) return 'RATE_LIMITED';
    if (error.statusCode >= 500) return 'NETWORK';
    return 'INTERNAL_SERVER_ERROR';
  }
  // fetch throws TypeError when offline; a proxy's HTML error page fails to parse.
  if (ServerParseError.is(error) || error instanceof TypeError) return 'NETWORK';
  return 'INTERNAL_SERVER_ERROR';
}

function fieldProblems(value: unknown): FieldProblem[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) =>
    isObject(item) && typeof item.path === 'string' && typeof item.message === 'string'
      ? [{ path: item.path, message: item.message }]
      : [],
  );
}

function numberOr<T>(value: unknown, fallback: T): number | T {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isFormattedError(value: unknown): value is GraphQLFormattedError {
  return isObject(value) && typeof value.message === 'string';
}
