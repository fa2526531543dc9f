/** TT-API's error classes, as the simulator raises them (seed: AppError and subclasses). */
import type { z } from 'zod';
import { ttErrorStatus } from '../src/tt-api/contract.ts';
import type { ErrorEnvelope, TtErrorCode, ValidationIssue } from '../src/tt-api/contract.ts';

export class SimHttpError extends Error {
  readonly code: TtErrorCode;
  readonly status: number;
  readonly details: ErrorEnvelope['error']['details'];
  readonly retryAfterMs: number | undefined;
  constructor(
    code: TtErrorCode,
    message: string,
    details: ErrorEnvelope['error']['details'] = null,
    options: { status?: number; retryAfterMs?: number } = {},
  ) {
    super(message);
    this.name = 'SimHttpError';
    this.code = code;
    this.status = options.status ?? ttErrorStatus[code];
    this.details = details;
    this.retryAfterMs = options.retryAfterMs;
  }
}

export const validationError = (issues: ValidationIssue[], message = 'Invalid input') =>
  new SimHttpError('VALIDATION_ERROR', message, issues);

export const notFoundError = (entity: string, id: string) =>
  new SimHttpError('NOT_FOUND', `${entity} not found: ${id}`, { entity, id });

export const conflictError = (message: string) => new SimHttpError('CONFLICT', message);

/** A reference in a body that points nowhere is the caller's input problem (400 on that field). */
export const missingReference = (field: string, entity: string, id: string) =>
  validationError([{ path: [field], message: `${entity} ${id} does not exist` }]);

export function issuesOf(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((i) => ({
    path: i.path.map((p) => (typeof p === 'number' ? p : String(p))),
    message: i.message,
  }));
}

export function envelope(err: SimHttpError, requestId: string): ErrorEnvelope {
  return {
    error: {
      code: err.code,
      message: err.message,
      details: err.details,
      requestId,
      ...(err.retryAfterMs === undefined ? {} : { retryAfterMs: err.retryAfterMs }),
    },
  };
}
