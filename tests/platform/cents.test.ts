import { graphql, buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CentsScalar } from '@nexus/platform';

/** `Cents` on its own: an amount argument echoed back, as every subgraph's amount fields are. */
const schema = buildSchema('scalar Cents type Query { echo(amount: Cents!): Cents! stored: Cents! }');
Object.assign(schema.getType('Cents') as object, {
  serialize: CentsScalar.serialize,
  parseValue: CentsScalar.parseValue,
  parseLiteral: CentsScalar.parseLiteral,
});
const run = (source: string, variableValues?: Record<string, unknown>, stored: unknown = 0) =>
  graphql({ schema, source, variableValues, rootValue: { echo: ({ amount }: { amount: number }) => amount, stored } });

describe('Cents', () => {
  it('accepts amounts beyond 32 bits, as variables and literals', async () => {
    expect((await run('query($a: Cents!) { echo(amount: $a) }', { a: 2_147_483_648 })).data).toEqual({
      echo: 2_147_483_648,
    });
    expect((await run('{ echo(amount: 2147483648) }')).data).toEqual({ echo: 2_147_483_648 });
    expect((await run('{ echo(amount: -9007199254740991) }')).data).toEqual({ echo: -9_007_199_254_740_991 });
  });

  it.each([
    ['a fraction', 1.5],
    ['a string', '12'],
    ['2^53', 2 ** 53],
  ])('refuses %s as a variable', async (_, a) => {
    const r = await run('query($a: Cents!) { echo(amount: $a) }', { a });
    expect(r.data).toBeUndefined();
    expect(r.errors?.[0]?.message).toMatch(/Cents must be a whole number/);
  });

  it.each(['1.5', '"12"', '9007199254740992'])('refuses the literal %s', async (literal) => {
    const r = await run(`{ echo(amount: ${literal}) }`);
    expect(r.errors?.[0]?.message).toMatch(/Cents must be a whole number/);
  });

  it('serves bigint columns (strings from the driver) as exact numbers, and refuses unsafe ones', async () => {
    expect((await run('{ stored }', undefined, '2147483648')).data).toEqual({ stored: 2_147_483_648 });
    const r = await run('{ stored }', undefined, '9007199254740993');
    expect(r.errors?.[0]?.message).toMatch(/Cents cannot represent/);
  });
});
