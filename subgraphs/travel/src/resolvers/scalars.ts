import { GraphQLScalarType, Kind } from 'graphql';
import { badInput } from '@nexus/platform';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `YYYY-MM-DD` that is a real calendar day (no 2026-02-30). */
function toDate(value: unknown): string {
  if (typeof value !== 'string' || !DATE.test(value)) throw badInput('Date must be a YYYY-MM-DD string such as 2026-11-21.');
  const d = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) throw badInput(`${value} is not a calendar date.`);
  return value;
}

/** Calendar dates travel as TT-API's `YYYY-MM-DD` strings, unchanged both ways. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, `YYYY-MM-DD`.',
  serialize(value) {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === 'string') return value.slice(0, 10);
    throw new TypeError('Date cannot represent this value');
  },
  parseValue: toDate,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw badInput('Date must be a string.');
    return toDate(ast.value);
  },
});
