/**
 * Timestamps read from PostgreSQL: the fast reading of UTC timestamps (`parseUtcTimestamp`) gives
 * the very Date MikroORM's own PostgreSQL parser gives, for every form the database sends, and
 * leaves every other form to that parser.
 */
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NexusPostgreSqlPlatform, parseUtcTimestamp } from '@nexus/platform';
import { startCrm, type Crm } from './harness.ts';

const general = new PostgreSqlPlatform();

let crm: Crm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(async () => {
  await crm?.stop();
});

describe('timestamps read from PostgreSQL', () => {
  it('reads what the database sends exactly as the general parser does, fractions and all', async () => {
    const em = crm.deps.orm.em.fork();
    expect(em.getPlatform()).toBeInstanceOf(NexusPostgreSqlPlatform);
    // A spread of instants: whole seconds, 1 to 6 fractional digits, leap day, year ends, epoch.
    const rows = await em.getConnection().execute<{ at: string }[]>(
      `select (timestamptz '1970-01-01 00:00:00+00' + (n * interval '7 days 3 hours 1 minute 1.000137 seconds'))::text as at
         from generate_series(0, 3000) as n
       union all select v::timestamptz::text from unnest(array[
         '2024-02-29 23:59:59.999999+00', '1999-12-31 23:59:59.5+00', '2000-01-01 00:00:00+00',
         '2026-12-07 02:29:37.12+00', '0101-03-04 05:06:07+00', '9999-12-31 23:59:59.999+00']) as v`,
    );
    let fast = 0;
    for (const { at } of rows) {
      const ours = parseUtcTimestamp(at);
      if (ours) fast++;
      expect(em.getPlatform().parseDate(at).getTime(), at).toBe(general.parseDate(at).getTime());
    }
    // The database answers in UTC here, so every one of them took the fast reading.
    expect(fast).toBe(rows.length);
  });

  it('leaves every other form to the general parser', () => {
    for (const text of [
      '2026-12-07 02:29:37+01',
      '2026-12-07 02:29:37.123-05:30',
      '2026-12-07',
      'infinity',
      '-infinity',
      '0050-01-01 00:00:00+00',
      '2026-12-07 02:29:37 BC',
      '12026-12-07 02:29:37+00',
      '2026-12-07T02:29:37.000Z',
      '2026-12-07 02:29:37.1234567+00',
      '2026-1x-07 02:29:37+00',
    ]) {
      expect(parseUtcTimestamp(text), text).toBeNull();
      const platform = new NexusPostgreSqlPlatform();
      const theirs = general.parseDate(text);
      const ours = platform.parseDate(text);
      expect(ours instanceof Date ? ours.getTime() : ours, text).toEqual(
        theirs instanceof Date ? theirs.getTime() : theirs,
      );
    }
  });
});
