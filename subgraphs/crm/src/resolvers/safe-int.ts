import { GraphQLScalarType, Kind } from 'graphql';
import { badInput } from '@nexus/platform';

const check = (value: unknown): number => {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw badInput('SafeInt must be a whole number within ±9007199254740991.');
  return value;
};

/** Totals of cents: whole numbers beyond Int's 32 bits, still exact in a JSON number. */
export const SafeInt = new GraphQLScalarType<number, number>({
  name: 'SafeInt',
  description: 'A whole number of up to 53 bits.',
  serialize: (value) => {
    const n = typeof value === 'string' ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new TypeError('SafeInt cannot represent this value');
    return n;
  },
  parseValue: check,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.INT) throw badInput('SafeInt must be a whole number.');
    return check(Number(ast.value));
  },
});
