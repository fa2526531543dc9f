import { describe, expect, it } from 'vitest';
import { shownHits } from '../../web/src/features/crm/useSearch.ts';

/** The header search's list: sources in order, none shown before the ones above it have answered. */
const crm = (loading: boolean) => ({ hits: ['contact Ana Lima'], loading });
const tickets = (loading: boolean) => ({ hits: loading ? [] : ['ticket SR-1001'], loading });
const travel = (loading: boolean) => ({ hits: loading ? [] : ['client Ana Lima'], loading });

describe('shownHits', () => {
  it('keeps a faster source below back until the sources above it answer, so no row moves under the pointer', () => {
    // Travel answered first: nothing of it shows while CRM, listed first, is still on its way.
    expect(shownHits([{ hits: [], loading: true }, tickets(false), travel(false)])).toEqual([]);
    // CRM answered, tickets not yet: CRM's rows only.
    expect(shownHits([crm(false), tickets(true), travel(false)])).toEqual(['contact Ana Lima']);
    // Everything answered: every row, in source order.
    expect(shownHits([crm(false), tickets(false), travel(false)])).toEqual([
      'contact Ana Lima',
      'ticket SR-1001',
      'client Ana Lima',
    ]);
  });

  it("shows a source's earlier rows while it asks again, and still nothing below it", () => {
    expect(shownHits([crm(true), tickets(false), travel(false)])).toEqual(['contact Ana Lima']);
  });

  it('moves on past a source that failed (answered, with no rows)', () => {
    expect(shownHits([{ hits: [], loading: false }, tickets(false), travel(false)])).toEqual([
      'ticket SR-1001',
      'client Ana Lima',
    ]);
  });
});
