import { z } from 'zod';
import { zCustomFields, zEmail, zId, zName, zTags, zText } from '@nexus/platform';

/**
 * Field rules shared by contacts and companies. Optional text treats a blank string as "clear it",
 * so a cleared form field arrives as null.
 */
const blankToNull = (v: string | null | undefined) => (v === '' ? null : v);

export const optionalName = zName.nullish();
export const optionalText = (max: number) => zText(max).nullish().transform(blankToNull);

export const optionalEmail = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
  zEmail.nullish(),
);

export const optionalPhone = zText(40)
  .regex(/^(\+?[0-9().\-\s]{3,}(\s*(x|ext\.?)\s*[0-9]{1,6})?)?$/i, { message: 'must be a phone number' })
  .nullish()
  .transform(blankToNull);

export const optionalCountry = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^([A-Z]{2})?$/, { message: 'must be a 2-letter ISO 3166-1 country code' })
  .nullish()
  .transform(blankToNull);

export const optionalId = zId.nullish();

export const zScore = z
  .number()
  .int({ message: 'must be a whole number' })
  .min(0, { message: 'must not be negative' })
  .max(1000, { message: 'must be at most 1000' });

/** An amount in cents, not negative; the Cents scalar already refused fractions and unsafe integers. */
export const zCents = z
  .number()
  .int({ message: 'must be whole cents' })
  .min(0, { message: 'must not be negative' })
  .max(Number.MAX_SAFE_INTEGER, { message: 'is too large' });

export const zTagList = zTags.transform((tags) => [...new Set(tags)]);
export { zCustomFields };

/** Shared list filters: tags (any), created range, lead score range. */
export const commonFilterShape = {
  ownerId: optionalId,
  tags: zTags.nullish(),
  createdAfter: z.date().nullish(),
  createdBefore: z.date().nullish(),
  leadScoreMin: z.number().int().nullish(),
  leadScoreMax: z.number().int().nullish(),
};

export const enumList = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .array(z.enum(values))
    .max(values.length * 2)
    .nullish();

/** Escapes LIKE wildcards so a search for `50%` matches the text `50%`. */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export const zSearch = z.string().trim().max(200, { message: 'must be at most 200 characters' }).nullish();

export const zDirection = z.enum(['ASC', 'DESC']).default('ASC');

/** The fields given, without the ones left out (undefined); null stays, meaning "clear". */
export function given<T extends Record<string, unknown>>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

interface RangeFields {
  leadScoreMin?: number | null;
  leadScoreMax?: number | null;
  createdAfter?: Date | null;
  createdBefore?: Date | null;
}

/** A range whose ends are the wrong way round matches nothing; say so instead. */
export const checkRanges = (f: RangeFields, ctx: z.RefinementCtx) => {
  if (f.leadScoreMin != null && f.leadScoreMax != null && f.leadScoreMin > f.leadScoreMax) {
    ctx.addIssue({ code: 'custom', path: ['leadScoreMin'], message: 'must not exceed leadScoreMax' });
  }
  if (f.createdAfter && f.createdBefore && f.createdAfter >= f.createdBefore) {
    ctx.addIssue({ code: 'custom', path: ['createdAfter'], message: 'must be before createdBefore' });
  }
};
