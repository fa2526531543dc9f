import type { z } from 'zod';
import { parseInput } from '@nexus/platform';
import { checkId } from './lists.ts';

/**
 * A GraphQL mutation input as TT-API's JSON: DateTime scalars (Dates here) become ISO strings and
 * absent fields stay absent; nulls stay (they clear a field). Enums already hold TT-API's values.
 */
export function toTtJson(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toTtJson);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toTtJson(v);
    return out;
  }
  return value;
}

/**
 * Checks a mutation input against TT-API's own contract before sending it, so bad input is a
 * BAD_USER_INPUT naming the field (`input.x`) and costs no upstream call.
 */
export const parseTt = <S extends z.ZodType>(schema: S, input: unknown, root = 'input'): z.output<S> =>
  parseInput(schema, toTtJson(input), root);

/** `{ id, ...changes }` of an update input: the checked id and the checked changes. */
export function parseUpdate<S extends z.ZodType>(
  schema: S,
  input: { id: string },
): { id: string; changes: z.output<S> } {
  const { id, ...changes } = input;
  return { id: checkId(id, 'input.id'), changes: parseTt(schema, changes) };
}
