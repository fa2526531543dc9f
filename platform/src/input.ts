import { z } from 'zod';
import { badInput, type FieldProblem } from './errors.ts';

/**
 * Validates resolver input with zod; a failure is BAD_USER_INPUT naming every offending field, and
 * nothing is written because services validate before they touch the EntityManager.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, root = 'input'): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const fields: FieldProblem[] = r.error.issues.map((i) => ({
    path: [root, ...i.path.map(String)].join('.'),
    message: i.message,
  }));
  throw badInput(
    fields.length === 1 && fields[0] ? `${fields[0].path}: ${fields[0].message}` : 'Some fields are not valid.',
    fields,
  );
}

export const zId = z.uuid({ message: 'must be a valid id' });
export const zEmail = z
  .string()
  .trim()
  .max(254, { message: 'must be at most 254 characters' })
  .pipe(z.email({ message: 'must be a valid email address' }))
  .transform((s) => s.toLowerCase());
export const zName = z.string().trim().min(1, { message: 'is required' }).max(120, { message: 'must be at most 120 characters' });
export const zText = (max: number) => z.string().trim().max(max, { message: `must be at most ${max} characters` });
export const zTags = z.array(z.string().trim().min(1).max(50)).max(50, { message: 'at most 50 tags' });
export const zCustomFields = z
  .record(z.string().max(64), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]))
  .refine((o) => Object.keys(o).length <= 100, { message: 'at most 100 custom fields' });

/** limit/offset paging shared by every list; limit 1..200. */
export const zPaging = z.object({
  limit: z.number().int().min(1, { message: 'must be at least 1' }).max(200, { message: 'must be at most 200' }).default(25),
  offset: z.number().int().min(0, { message: 'must not be negative' }).max(1_000_000).default(0),
});
