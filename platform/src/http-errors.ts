import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler } from 'express';
import type { Logger } from './logger.ts';

/** The REST error envelope every non-GraphQL answer uses. */
export const errorEnvelope = (code: string, message: string, requestId: string, details: unknown = null) => ({
  error: { code, message, details, requestId },
});

/**
 * Express's last handler: malformed bodies and anything thrown outside GraphQL become the error
 * envelope; the stack trace stays in the log.
 */
export const errorHandler =
  (log: Logger): ErrorRequestHandler =>
  (err: unknown, req, res, _next) => {
    const requestId = req.header('x-request-id') ?? randomUUID();
    const status = typeof err === 'object' && err && 'status' in err && typeof err.status === 'number' ? err.status : 500;
    if (status >= 500) log.error({ err, requestId, path: req.path }, 'unhandled HTTP error');
    if (res.headersSent) return;
    if (status === 400 || status === 413 || status === 415) {
      const message = status === 413 ? 'The request body is too large.' : 'The request body is not valid JSON.';
      res.status(status).json(errorEnvelope('BAD_USER_INPUT', message, requestId));
      return;
    }
    res.status(500).json(errorEnvelope('INTERNAL_SERVER_ERROR', 'Something went wrong on our side. It has been logged.', requestId));
  };
