import type { Response, Router } from 'express';
import { escapeHtml } from '@nexus/platform';
import type { TravelDeps } from '../context.ts';
import type { ItineraryVersion } from '../entities/index.ts';
import { dayLabel, renderItineraryPdf, timeLabel } from '../pdf/itinerary-pdf.ts';
import { ordered, publishedByToken } from '../services/itinerary.service.ts';
import { emergencyNumbersFor } from '../portal/trips.service.ts';

const escape = escapeHtml;

const html = (res: Response, status: number, body: string) =>
  res.status(status).set('cache-control', 'no-store').set('x-robots-tag', 'noindex').type('html').send(body);

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>
body{margin:0;font:16px/1.5 system-ui,sans-serif;background:#f6f4ef;color:#17171c}
header{background:#121219;color:#fff;padding:1rem 1.25rem}header strong{color:#c9a34d}
main{max-width:44rem;margin:0 auto;padding:1rem 1.25rem 3rem}
h2{color:#8a6d2b;font-size:1.1rem;margin:1.75rem 0 .5rem}
ol{list-style:none;padding:0;margin:0}li{background:#fff;border-radius:.5rem;padding:.75rem 1rem;margin:.5rem 0}
.when{font-variant-numeric:tabular-nums;color:#55555c;font-size:.9rem}.meta{color:#6b6b73;font-size:.85rem}
a.pdf{display:inline-block;margin-top:1rem;color:#17171c}
</style></head><body><header><strong>Travel Tamers</strong></header><main>${body}</main></body></html>`;

function render(v: ItineraryVersion, token: string, numbers: readonly { label: string; phone: string }[] = []): string {
  const entries = ordered(v.entries);
  const days = [...new Set(entries.map((e) => e.day))];
  const body = days
    .map((day) => {
      const items = entries
        .filter((e) => e.day === day)
        .map((e) => {
          const when = timeLabel(e);
          const meta = [
            e.location,
            e.supplier,
            e.flightNumber ? `Flight ${e.flightNumber}` : null,
            e.confirmationNumber ? `Confirmation ${e.confirmationNumber}` : null,
          ]
            .filter((x): x is string => Boolean(x))
            .map(escape)
            .join(' · ');
          return `<li>${when ? `<div class="when">${escape(when)}</div>` : ''}<strong>${escape(e.title)}</strong>${
            meta ? `<div class="meta">${meta}</div>` : ''
          }${e.description ? `<p>${escape(e.description)}</p>` : ''}</li>`;
        })
        .join('');
      return `<section><h2>${escape(dayLabel(v.startDate ?? null, day))}</h2><ol>${items}</ol></section>`;
    })
    .join('');
  return page(
    v.title,
    `<h1>${escape(v.title)}</h1><p>For ${escape(v.clientName)}${
      v.travelerNames.length ? ` · ${v.travelerNames.map(escape).join(', ')}` : ''
    }</p><p class="meta">Version ${v.version}, published ${escape(v.publishedAt.toISOString().slice(0, 10))}</p>${body}${
      numbers.length
        ? `<section><h2>Numbers to call</h2><ol>${numbers
            .map((n) => `<li><strong>${escape(n.label)}</strong><div class="when"><a href="tel:${escape(n.phone.replace(/[^\d+]/g, ''))}">${escape(n.phone)}</a></div></li>`)
            .join('')}</ol></section>`
        : ''
    }<a class="pdf" href="/i/${escape(token)}/pdf">Download the PDF</a>`,
  );
}

/** `/i/:token`: the client's one live link to the latest published itinerary, and its PDF. */
export function itineraryRoutes(router: Router, deps: TravelDeps) {
  const missing = (res: Response) => html(res, 404, page('Not found', '<h1>This itinerary link is not valid.</h1>'));

  router.get('/i/:token', async (req, res) => {
    const found = await publishedByToken(deps.orm.em.fork(), req.params.token);
    if (!found) return missing(res);
    // Kept on travellers' phones for use offline: the numbers to call travel with the itinerary.
    const trip = await deps.tt.getClientTrip(found.itinerary.clientTripId).catch(() => null);
    const numbers = trip ? await emergencyNumbersFor(deps.tt, trip, deps.env.PORTAL_EMERGENCY_PHONE ?? null) : [];
    html(res, 200, render(found.version, req.params.token, numbers));
  });

  router.get('/i/:token/pdf', async (req, res) => {
    const found = await publishedByToken(deps.orm.em.fork(), req.params.token);
    if (!found) return missing(res);
    const v = found.version;
    const bytes = await renderItineraryPdf({ ...v, startDate: v.startDate ?? null, entries: ordered(v.entries) });
    const name = v.title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'itinerary';
    res
      .status(200)
      .set('cache-control', 'no-store')
      .set('content-disposition', `inline; filename="${encodeURIComponent(name)}-v${v.version}.pdf"`)
      .type('application/pdf')
      .send(Buffer.from(bytes));
  });
}
