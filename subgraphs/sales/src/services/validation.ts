import { z } from 'zod';

/** Shared field rules for sales inputs. */
export const zCurrency = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code such as USD' }));
export const zCents = z.number().int({ message: 'must be whole cents' }).min(0, { message: 'must not be negative' });
export const zBasisPoints = z
  .number()
  .int({ message: 'must be a whole number of basis points' })
  .min(0, { message: 'must not be negative' })
  .max(10_000, { message: 'must be at most 10000 (100%)' });
export const zDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' });

/** Null and undefined both mean "not given" in GraphQL inputs. */
export const opt = <T extends z.ZodType>(t: T) => t.nullish().transform((v) => v ?? undefined);
