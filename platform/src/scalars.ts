import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { badInput } from './errors.ts';

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(Z|[+-](\d{2}):?(\d{2}))?)?$/;

/**
 * JavaScript's Date rolls impossible values over (2026-02-30 becomes March 2nd), so every part is
 * range-checked before parsing: a typo must be refused, never stored as another day.
 */
const toDate = (value: unknown): Date => {
  const m = typeof value === 'string' ? DATE_TIME.exec(value) : null;
  if (!m) throw badInput('DateTime must be an ISO-8601 string such as 2026-11-21T09:30:00Z.');
  const [, year, month, day, hour = '0', minute = '0', second = '0', , offsetHours = '0', offsetMinutes = '0'] = m;
  const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  const valid =
    Number(month) >= 1 &&
    Number(month) <= 12 &&
    Number(day) >= 1 &&
    Number(day) <= daysInMonth &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 59 &&
    Number(offsetHours) <= 23 &&
    Number(offsetMinutes) <= 59;
  const d = new Date(value as string);
  if (!valid || Number.isNaN(d.getTime())) throw badInput(`${String(value)} is not a valid date and time.`);
  return d;
};

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An ISO-8601 date and time in UTC.',
  serialize(value) {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'string' || typeof value === 'number') return new Date(value).toISOString();
    throw new TypeError('DateTime cannot represent this value');
  },
  parseValue: toDate,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw badInput('DateTime must be a string.');
    return toDate(ast.value);
  },
});

const literalToJson = (ast: ValueNode): unknown => {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map(literalToJson);
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literalToJson(f.value)]));
    default:
      throw badInput('JSON values cannot use variables inside literals.');
  }
};

export const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Arbitrary JSON.',
  serialize: (v) => v,
  parseValue: (v) => v,
  parseLiteral: literalToJson,
});

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `YYYY-MM-DD` that is a real calendar day (no 2026-02-30). */
function toDay(value: unknown): string {
  if (typeof value !== 'string' || !DAY.test(value))
    throw badInput('Date must be a YYYY-MM-DD string such as 2026-11-21.');
  const d = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value)
    throw badInput(`${value} is not a calendar date.`);
  return value;
}

/** Calendar dates travel as `YYYY-MM-DD` strings, unchanged both ways. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, `YYYY-MM-DD`.',
  serialize(value) {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === 'string') return value.slice(0, 10);
    throw new TypeError('Date cannot represent this value');
  },
  parseValue: toDay,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw badInput('Date must be a string.');
    return toDay(ast.value);
  },
});

const toCents = (value: unknown): number => {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw badInput('Cents must be a whole number of cents within ±9007199254740991 (e.g. 1234 for 12.34).');
  }
  return value;
};

/**
 * Money in whole cents. PostgreSQL `bigint` columns arrive as strings from the driver; they are
 * served as numbers while they stay exact, and refused (never rounded) beyond 2^53 - 1.
 */
export const CentsScalar = new GraphQLScalarType<number, number>({
  name: 'Cents',
  description: 'An amount of money in whole cents, exact up to ±9,007,199,254,740,991.',
  serialize(value) {
    const n =
      typeof value === 'string' && /^-?\d+$/.test(value)
        ? Number(value)
        : typeof value === 'bigint'
          ? Number(value)
          : value;
    if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new TypeError('Cents cannot represent this value');
    return n;
  },
  parseValue: toCents,
  parseLiteral(ast) {
    if (ast.kind !== Kind.INT) throw badInput('Cents must be a whole number of cents (e.g. 1234 for 12.34).');
    return toCents(Number(ast.value));
  },
});

export const scalarResolvers = { DateTime: DateTimeScalar, Date: DateScalar, JSON: JSONScalar, Cents: CentsScalar };

/**
 * How each custom input scalar reads a variable value, so the gateway can refuse a bad one (naming
 * its argument path) before a subgraph fetch is planned.
 */
export const inputScalarParsers: Readonly<Record<string, (value: unknown) => unknown>> = {
  DateTime: toDate,
  Date: toDay,
  Cents: toCents,
};
