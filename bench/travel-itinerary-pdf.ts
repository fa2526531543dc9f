/**
 * Issue 14 figure: the PDF of a published 21-day itinerary with 60 entries (time and size), made by
 * the same renderer as `/i/<token>/pdf` (pdf-lib, embedded DejaVu subsets), days flowing over pages,
 * local times and confirmation numbers, Polish and accented names. In-process, no database.
 *
 *   npm run bench -- travel-itinerary-pdf
 */
import { randomUUID } from 'node:crypto';
import { ITINERARY_ENTRY_KINDS, type ItineraryEntryData } from '../subgraphs/travel/src/entities/index.ts';
import { renderItineraryPdf } from '../subgraphs/travel/src/pdf/itinerary-pdf.ts';
import { percentile, record, round2 } from './support.ts';

const DAYS = 21;
const ENTRIES = 60;
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const places = ['Łódź', 'Kraków', 'Gdańsk', 'Wrocław', 'Zakopane', 'Poznań'];

const entries: ItineraryEntryData[] = Array.from({ length: ENTRIES }, (_, i) => {
  const kind = ITINERARY_ENTRY_KINDS[i % ITINERARY_ENTRY_KINDS.length] ?? 'NOTE';
  const place = places[i % places.length] ?? 'Łódź';
  return {
    id: randomUUID(),
    day: 1 + Math.floor((i * DAYS) / ENTRIES),
    kind,
    title: `${kind === 'FLIGHT' ? 'Fly to' : kind === 'HOTEL' ? 'Check in at Hotel' : 'Visit'} ${place}`,
    description:
      i % 3 === 0 ? `Zoë's note: meet the guide in the lobby; bring walking shoes for ${place}'s old town.` : null,
    location: place,
    startTime: `${String(7 + (i % 12)).padStart(2, '0')}:${i % 2 === 0 ? '15' : '45'}`,
    endTime: i % 4 === 0 ? `${String(9 + (i % 12)).padStart(2, '0')}:00` : null,
    timeZone: 'Europe/Warsaw',
    supplier: kind === 'NOTE' ? null : `Supplier ${1 + (i % 9)}`,
    confirmationNumber: kind === 'NOTE' || i % 5 === 0 ? null : `CNF-${10_000 + i}`,
    bookingId: null,
  };
});

const times: number[] = [];
let bytes = 0;
for (let i = 0; i < RUNS + 3; i++) {
  const t0 = performance.now();
  const pdf = await renderItineraryPdf({
    title: 'Poland in three weeks: Łódź, Kraków and the Tatras',
    clientName: 'Zoë Kowalska',
    travelerNames: ['Zoë Kowalska', 'Łukasz Kowalski'],
    startDate: '2027-05-03',
    version: 3,
    publishedAt: new Date(),
    entries,
  });
  const ms = performance.now() - t0;
  if (i >= 3) times.push(ms); // the first renders load and parse the fonts and warm the JIT
  bytes = pdf.length;
}

record('travel-itinerary-pdf', {
  days: DAYS,
  entries: ENTRIES,
  runs: RUNS,
  p50Ms: round2(percentile(times, 50)),
  p95Ms: round2(percentile(times, 95)),
  sizeKiB: round2(bytes / 1024),
});
