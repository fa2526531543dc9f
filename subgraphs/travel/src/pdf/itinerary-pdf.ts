import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { ItineraryEntryData } from '../entities/index.ts';

/**
 * Itinerary PDFs with pdf-lib, set in DejaVu Sans embedded from the `dejavu-fonts-ttf` package (read
 * once from node_modules), so "Łódź" and "Zoë" print as typed. Travel Tamers' colours: a near-black
 * band with the agency's name, gold day headings. Made only from a published version, which holds
 * traveler names and never identity documents.
 */
const require = createRequire(import.meta.url);
const fontPath = (file: string) => require.resolve(`dejavu-fonts-ttf/ttf/${file}`);
let fontBytes: { regular: Uint8Array; bold: Uint8Array } | null = null;
const fonts = () =>
  (fontBytes ??= {
    regular: readFileSync(fontPath('DejaVuSans.ttf')),
    bold: readFileSync(fontPath('DejaVuSans-Bold.ttf')),
  });

const INK = rgb(0.09, 0.09, 0.11);
const BAND = rgb(0.07, 0.07, 0.1);
const GOLD = rgb(0.79, 0.64, 0.3);
const MUTED = rgb(0.42, 0.42, 0.46);
const A4: [number, number] = [595.28, 841.89];
const MARGIN = 48;
const WIDTH = A4[0] - 2 * MARGIN;

export interface ItineraryDocument {
  title: string;
  clientName: string;
  travelerNames: readonly string[];
  startDate: string | null;
  version: number;
  publishedAt: Date;
  entries: readonly ItineraryEntryData[];
}

/** The calendar date of trip day `day` (1-based) from the start date, e.g. "Mon 4 May 2027". */
export function dayLabel(startDate: string | null, day: number): string {
  if (!startDate) return `Day ${day}`;
  const d = new Date(Date.parse(`${startDate}T00:00:00Z`) + (day - 1) * 86_400_000);
  const date = d.toLocaleDateString('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return `Day ${day} · ${date}`;
}

/** "09:40–11:05 (Europe/Warsaw)" from an entry's local times. */
export function timeLabel(e: Pick<ItineraryEntryData, 'startTime' | 'endTime' | 'timeZone'>): string {
  if (!e.startTime) return '';
  const span = e.endTime ? `${e.startTime}–${e.endTime}` : e.startTime;
  return e.timeZone ? `${span} (${e.timeZone})` : span;
}

/** Lines of at most `width` points, broken at spaces (a word longer than a line stands alone). */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (line && font.widthOfTextAtSize(next, size) > width) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    lines.push(line);
  }
  return lines;
}

export async function renderItineraryPdf(it: ItineraryDocument, agencyName = 'Travel Tamers'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const regular = await doc.embedFont(fonts().regular, { subset: true });
  const bold = await doc.embedFont(fonts().bold, { subset: true });
  doc.setTitle(`${it.title} (version ${it.version})`);
  doc.setAuthor(agencyName);
  doc.setCreationDate(it.publishedAt);
  doc.setModificationDate(it.publishedAt);

  let page: PDFPage = doc.addPage(A4);
  let y = 0;
  const band = () => {
    page.drawRectangle({ x: 0, y: A4[1] - 64, width: A4[0], height: 64, color: BAND });
    page.drawText(agencyName, { x: MARGIN, y: A4[1] - 40, size: 16, font: bold, color: GOLD });
    const tag = `Itinerary · version ${it.version}`;
    page.drawText(tag, {
      x: A4[0] - MARGIN - regular.widthOfTextAtSize(tag, 9),
      y: A4[1] - 38,
      size: 9,
      font: regular,
      color: rgb(1, 1, 1),
    });
    y = A4[1] - 96;
  };
  const ensure = (space: number) => {
    if (y - space > 56) return;
    page = doc.addPage(A4);
    band();
  };
  const text = (s: string, o: { size: number; font?: PDFFont; color?: typeof INK; indent?: number; gap?: number }) => {
    const font = o.font ?? regular;
    for (const line of wrap(s, font, o.size, WIDTH - (o.indent ?? 0))) {
      ensure(o.size + 4);
      page.drawText(line, { x: MARGIN + (o.indent ?? 0), y, size: o.size, font, color: o.color ?? INK });
      y -= o.size + (o.gap ?? 4);
    }
  };

  band();
  text(it.title, { size: 20, font: bold, gap: 8 });
  text(`For ${it.clientName}`, { size: 11, color: MUTED });
  if (it.travelerNames.length > 0) text(`Travelers: ${it.travelerNames.join(', ')}`, { size: 11, color: MUTED });
  y -= 8;

  const days = [...new Set(it.entries.map((e) => e.day))].sort((a, b) => a - b);
  for (const day of days) {
    ensure(60);
    y -= 6;
    text(dayLabel(it.startDate, day), { size: 13, font: bold, color: GOLD, gap: 6 });
    for (const e of it.entries.filter((x) => x.day === day)) {
      ensure(40);
      const when = timeLabel(e);
      text(`${when ? `${when}  ` : ''}${e.title}`, { size: 11, font: bold, indent: 8 });
      const details = [
        e.location,
        e.supplier,
        e.flightNumber ? `Flight ${e.flightNumber}` : null,
        e.confirmationNumber ? `Confirmation ${e.confirmationNumber}` : e.kind === 'NOTE' ? null : 'Not yet confirmed',
      ].filter((x): x is string => Boolean(x));
      if (details.length > 0) text(details.join(' · '), { size: 9, color: MUTED, indent: 8 });
      if (e.description) text(e.description, { size: 10, indent: 8 });
      y -= 4;
    }
  }
  const pages = doc.getPages();
  pages.forEach((p, k) => {
    const footer = `${it.title} · page ${k + 1} of ${pages.length}`;
    p.drawText(footer, { x: MARGIN, y: 28, size: 8, font: regular, color: MUTED });
  });
  return doc.save();
}
