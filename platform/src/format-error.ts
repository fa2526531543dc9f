import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode, publicCodes } from './errors.ts';
import type { Logger } from './logger.ts';

/** Extensions a client may see besides `code`; everything else (stack traces, SQL) stays in the log. */
const SAFE_EXTENSIONS = ['fields', 'retryAfterMs', 'service', 'requiredRank'] as const;

/** graphql-js phrases its suggestions `Did you mean "x"?` or `Did you mean the enum value "X"?`. */
const SUGGESTION = / ?Did you mean [^?]*\?/g;

/** Codes for a request the caller got wrong before anything ran: worth an info line, not an alert. */
const REQUEST_SHAPE_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'LIMIT_EXCEEDED']);

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
  log.error({ err: original, path: formatted.path }, 'internal error');
  return {
    message: 'Something went wrong on our side. It has been logged.',
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}
