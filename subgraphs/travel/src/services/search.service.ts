/**
 * Travel's part of the global search: clients, travelers, client trips, bookings (by reference,
 * destination or supplier confirmation) and trip offerings. crm's `search` covers contacts,
 * companies and deals; the web app asks both and shows the two lists together (travel records
 * live in TT-API, which crm never reads, so this is a field of travel's own).
 *
 * TT-API's `search` is a case-insensitive substring match and knows no typos, so a word that
 * matches nothing in a resource is retried with its first and second halves as substrings
 * (`nortwind` finds `Northwind` through `nort`), and every candidate is ranked here by edit
 * distance between the query's words and the record's title words. Results are ranked, so pages
 * are positions in the ranking (offset cursors), like crm's search.
 */
import { distance } from 'fastest-levenshtein';
import { badInput, offsetWindow, type ConnectionArgs } from '@nexus/platform';
import type { TtApiClient } from '../tt-api/client.ts';
import type { Booking, Client, ClientTrip, Traveler, TripOffering } from '../tt-api/contract.ts';
import { memoryConnection } from './lists.ts';

export const TRAVEL_SEARCH_KINDS = ['CLIENT', 'TRAVELER', 'CLIENT_TRIP', 'BOOKING', 'TRIP_OFFERING'] as const;
export type TravelSearchKind = (typeof TRAVEL_SEARCH_KINDS)[number];

type Rows = {
  CLIENT: Client;
  TRAVELER: Traveler;
  CLIENT_TRIP: ClientTrip;
  BOOKING: Booking;
  TRIP_OFFERING: TripOffering;
};
type Hit<K extends TravelSearchKind> = {
  id: string;
  kind: K;
  title: string;
  subtitle: string | null;
  score: number;
  row: Rows[K];
};
/** One hit, its record typed by its kind. */
export type TravelSearchHitSource = { [K in TravelSearchKind]: Hit<K> }[TravelSearchKind];

/** Candidates per resource and probe: enough to rank, few enough to stay one page of TT-API. */
const CANDIDATES = 20;
/** A fuzzy candidate must be at least this similar (1 = same word) to count as a match. */
const MIN_SCORE = 0.6;
const MIN_QUERY = 2;

const words = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}-]+/u)
    .filter((w) => w.length > 0);

/** 1 when a title word contains the query word, else 1 - edit distance / longer length. */
function wordScore(q: string, titleWords: string[]): number {
  let best = 0;
  for (const w of titleWords) {
    if (w.includes(q)) return 1;
    best = Math.max(best, 1 - distance(q, w) / Math.max(q.length, w.length));
    // A typo near the start of a longer word: compare with the word cut to the query's length.
    if (w.length > q.length) best = Math.max(best, 1 - distance(q, w.slice(0, q.length + 1)) / (q.length + 1));
  }
  return best;
}

/** The mean over the query's words of each word's best match in the record's text. */
export function similarity(query: string, text: string): number {
  const q = words(query);
  const t = words(text);
  if (q.length === 0 || t.length === 0) return 0;
  if (text.toLowerCase().includes(query.trim().toLowerCase())) return 1;
  return q.reduce((sum, w) => sum + wordScore(w, t), 0) / q.length;
}

/** Substrings to ask TT-API for when the query itself matched nothing: its halves (at least 3 letters). */
export function probesFor(term: string): string[] {
  if (term.length < 6) return term.length >= 4 ? [term.slice(0, 3), term.slice(-3)] : [];
  const half = Math.ceil(term.length / 2);
  return [term.slice(0, half), term.slice(term.length - half)];
}

type Source<K extends TravelSearchKind> = {
  kind: K;
  fetch: (search: string) => Promise<{ data: Rows[K][] }>;
  describe: (row: Rows[K]) => { id: string; title: string; subtitle: string | null; text: string };
};

async function candidates<K extends TravelSearchKind>(source: Source<K>, term: string): Promise<Rows[K][]> {
  const exact = await source.fetch(term);
  if (exact.data.length > 0) return exact.data;
  const probed = await Promise.all(probesFor(term).map((p) => source.fetch(p)));
  return probed.flatMap((r) => r.data);
}

/** The candidates of one kind that match well enough, each once. */
async function hitsOf<K extends TravelSearchKind>(source: Source<K>, query: string, term: string): Promise<Hit<K>[]> {
  const seen = new Set<string>();
  const hits: Hit<K>[] = [];
  for (const row of await candidates(source, term)) {
    const d = source.describe(row);
    if (seen.has(d.id)) continue;
    seen.add(d.id);
    const score = similarity(query, d.text);
    if (score >= MIN_SCORE)
      hits.push({ id: d.id, kind: source.kind, title: d.title, subtitle: d.subtitle, score, row });
  }
  return hits;
}

export async function travelSearch(
  tt: TtApiClient,
  args: ConnectionArgs & { filter: { search: string; kinds?: readonly TravelSearchKind[] | null } },
) {
  offsetWindow(args);
  const query = args.filter.search.trim();
  if (query.length < MIN_QUERY)
    throw badInput(`Search needs at least ${MIN_QUERY} characters.`, [
      { path: 'filter.search', message: `at least ${MIN_QUERY} characters` },
    ]);
  if (query.length > 200)
    throw badInput('Search is at most 200 characters.', [{ path: 'filter.search', message: 'at most 200 characters' }]);
  // TT-API matches one substring: ask for the longest word, rank on all of them.
  const term = words(query).sort((a, b) => b.length - a.length)[0] ?? query;
  const page = { page: 1, limit: CANDIDATES };
  const wanted = (kind: TravelSearchKind) => !args.filter.kinds?.length || args.filter.kinds.includes(kind);
  const search = <K extends TravelSearchKind>(source: Source<K>): Promise<Hit<K>[]> =>
    wanted(source.kind) ? hitsOf(source, query, term) : Promise.resolve([]);
  const found: TravelSearchHitSource[][] = await Promise.all([
    search({
      kind: 'CLIENT',
      fetch: (q) => tt.listClients({ search: q, ...page }),
      describe: (r) => ({ id: r.id, title: r.displayName, subtitle: r.email, text: `${r.displayName} ${r.email}` }),
    }),
    search({
      kind: 'TRAVELER',
      fetch: (q) => tt.listTravelers({ search: q, ...page }),
      describe: (r) => {
        const name = `${r.firstName} ${r.lastName}`;
        return { id: r.id, title: name, subtitle: r.email, text: `${name} ${r.email ?? ''}` };
      },
    }),
    search({
      kind: 'CLIENT_TRIP',
      fetch: (q) => tt.listClientTrips({ search: q, ...page }),
      describe: (r) => ({ id: r.id, title: r.name, subtitle: r.startDate, text: `${r.name} ${r.notes ?? ''}` }),
    }),
    search({
      kind: 'BOOKING',
      fetch: (q) => tt.listBookings({ search: q, ...page }),
      describe: (r) => ({
        id: r.id,
        title: r.bookingReference,
        subtitle: `${r.destination}, ${r.departureDate}`,
        text: `${r.bookingReference} ${r.destination} ${r.vendorConfirmationNumber ?? ''}`,
      }),
    }),
    search({
      kind: 'TRIP_OFFERING',
      fetch: (q) => tt.listTripOfferings({ search: q, ...page }),
      describe: (r) => ({ id: r.id, title: r.name, subtitle: r.departureDate, text: `${r.name} ${r.shipName ?? ''}` }),
    }),
  ]);
  const order = (k: TravelSearchKind) => TRAVEL_SEARCH_KINDS.indexOf(k);
  const ranked = found
    .flat()
    .sort((a, b) => b.score - a.score || order(a.kind) - order(b.kind) || a.title.localeCompare(b.title));
  return memoryConnection(ranked, args);
}
