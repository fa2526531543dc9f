import type { Request, Response, Router } from 'express';
import { DateTime, IANAZone } from 'luxon';
import { escapeHtml, isNexusError, publicRawBody } from '@nexus/platform';
import type { SalesDeps } from '../context.ts';
import { Availability, MeetingType, type Meeting } from '../entities/index.ts';
import {
  bookMeeting,
  cancelMeeting,
  manageLinkOf,
  meetingByToken,
  rescheduleMeeting,
  slotWindow,
  slotsOf,
  typeBySlug,
} from '../services/meetings.service.ts';
import type { Slot } from '../services/slots.ts';
import { dropHandoff, readHandoff } from '../services/routing-handoff.ts';
import { routingRoutes } from './routing-page.ts';

/**
 * Meeting booking at `/meet/<slug>`: server-rendered, works without JavaScript. The page lists the
 * open slots of the next two weeks in the visitor's time zone (`?tz=`; a small script fills it
 * from the browser once), and a POST books one. `/meet/booking/<token>` (the link in the
 * confirmation email) reschedules or cancels, each with a POST. `/meet/<member>/<slug>` is one
 * member's page for a type they host (only their slots), where a routing form at
 * `/meet/route/<slug>` sends a visitor.
 */
const esc = escapeHtml;

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;background:#f5f4f0;color:#17171c}
header{background:#121219;color:#caa34d;padding:16px 20px;font-size:20px;font-weight:700}
main{max-width:760px;margin:0 auto;padding:16px}.muted{color:#6b6b75}.box{background:#fff;padding:16px;margin:16px 0;border:1px solid #ddd}
.day{margin:12px 0}.slots{display:flex;flex-wrap:wrap;gap:6px}.slots label{border:1px solid #ccc;padding:6px 10px;background:#fff;border-radius:4px}
button{background:#121219;color:#caa34d;border:0;padding:10px 16px;font-size:16px}input,textarea{font-size:16px;padding:6px;box-sizing:border-box}
.wide{width:100%}.error{color:#a00;font-weight:600}`;

const page = (title: string, body: string, script = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${esc(title)}</title><style>${STYLE}</style></head><body><header>Travel Tamers</header><main>${body}</main>${script}</body></html>`;

const TZ_SCRIPT = `(function(){try{var u=new URL(location.href);if(u.searchParams.get('tz'))return;var z=Intl.DateTimeFormat().resolvedOptions().timeZone;if(z){u.searchParams.set('tz',z);location.replace(u.toString())}}catch(e){}})();`;

const zoneOf = (v: unknown, fallback: string) => (typeof v === 'string' && IANAZone.isValidZone(v) ? v : fallback);

function slotPicker(slots: Slot[], zone: string) {
  if (!slots.length) return '<p>No open times in the next two weeks. Please check back later.</p>';
  const days = new Map<string, Slot[]>();
  for (const s of slots) {
    const day = DateTime.fromJSDate(s.startsAt).setZone(zone).toFormat('cccc d LLLL yyyy');
    days.set(day, [...(days.get(day) ?? []), s]);
  }
  return [...days]
    .map(
      ([day, list]) =>
        `<div class="day"><h3>${esc(day)}</h3><div class="slots">${list
          .map(
            (s) =>
              `<label><input type="radio" name="slot" value="${s.startsAt.toISOString()}" required> ${esc(DateTime.fromJSDate(s.startsAt).setZone(zone).toFormat('HH:mm'))}</label>`,
          )
          .join('')}</div></div>`,
    )
    .join('');
}

function readForm(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(publicRawBody(req).toString('utf8'))) out[k] ??= v;
  return out;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const html = (res: Response, status: number, body: string) =>
  res.status(status).set('cache-control', 'no-store').set('x-robots-tag', 'noindex').type('html').send(body);

export function meetingRoutes(router: Router, deps: SalesDeps) {
  const hostsOf = async (type: MeetingType) => {
    const em = deps.orm.em.fork();
    return em.find(Availability, { userId: { $in: type.hostIds } });
  };

  /**
   * The booking page of a type, or of one member for it (`host`: only their slots, booked with them;
   * where a routing form sends a visitor). `form` prefills the visitor's details; `handoff` is the
   * routing form's token, kept through a change of time zone and dropped once they book.
   */
  async function bookingPage(
    type: MeetingType,
    zone: string,
    o: { error?: string; form?: Record<string, string>; host?: Availability; handoff?: string } = {},
  ) {
    const em = deps.orm.em.fork();
    const bookable = o.host ? ({ ...type, hostIds: [o.host.userId] } as MeetingType) : type;
    const slots = await slotsOf(em, deps, bookable, slotWindow(null, null, deps.clock()));
    const hosts = o.host ? [o.host] : await hostsOf(type);
    const who =
      !o.host && type.kind === 'ROUND_ROBIN'
        ? 'one of our specialists'
        : type.kind === 'COLLECTIVE'
          ? hosts.map((h) => h.displayName).join(', ')
          : (hosts[0]?.displayName ?? 'us');
    const action = o.host ? `/meet/${esc(o.host.userId)}/${esc(type.slug)}` : `/meet/${esc(type.slug)}`;
    const f = o.form ?? {};
    const handoff = o.handoff ? `<input type="hidden" name="h" value="${esc(o.handoff)}">` : '';
    const body = `<h1>${esc(type.name)}</h1>
<p class="muted">${type.durationMinutes} minutes with ${esc(who)}${type.location ? ` · ${esc(type.location)}` : ''}</p>
${type.description ? `<p>${esc(type.description)}</p>` : ''}
${o.error ? `<p class="error" role="alert">${esc(o.error)}</p>` : ''}
<form method="get" action="${action}"><p>Times shown in <label><input name="tz" value="${esc(zone)}" aria-label="Time zone"></label> <button type="submit">Change</button></p>${handoff}</form>
<form method="post" action="${action}"><input type="hidden" name="tz" value="${esc(zone)}">${handoff}
<div class="box"><h2>Pick a time</h2>${slotPicker(slots, zone)}</div>
<div class="box"><h2>Your details</h2>
<p><label>Name <input class="wide" name="name" autocomplete="name" required value="${esc(f.name ?? '')}"></label></p>
<p><label>Email <input class="wide" type="email" name="email" autocomplete="email" required value="${esc(f.email ?? '')}"></label></p>
<p><label>Anything we should know? <textarea class="wide" name="notes">${esc(f.notes ?? '')}</textarea></label></p>
<button type="submit">Book</button></div></form>`;
    return page(type.name, body, '<script src="/meet/assets/tz.js" defer></script>');
  }

  const notFoundPage = (res: Response) =>
    html(res, 404, page('Not found', '<h1>This booking page does not exist.</h1>'));

  function manageBody(
    m: Meeting,
    type: MeetingType,
    token: string,
    slots: Slot[],
    o: { notice?: string; error?: string } = {},
  ) {
    const zone = m.visitorTimeZone;
    const when = DateTime.fromJSDate(m.startsAt).setZone(zone).toFormat("cccc d LLLL yyyy 'at' HH:mm ZZZZ");
    const base = `/meet/booking/${encodeURIComponent(token)}`;
    if (m.status === 'CANCELLED')
      return `<h1>This meeting is cancelled.</h1><p>${esc(type.name)} on ${esc(when)}.</p><p><a href="/meet/${esc(type.slug)}">Book another time</a></p>`;
    return `<h1>${esc(type.name)}</h1><p>${esc(when)}</p>
${o.notice ? `<p><strong>${esc(o.notice)}</strong></p>` : ''}${o.error ? `<p class="error" role="alert">${esc(o.error)}</p>` : ''}
<form method="post" action="${base}/reschedule"><div class="box"><h2>Move it</h2>${slotPicker(slots, zone)}<button type="submit">Move to this time</button></div></form>
<form method="post" action="${base}/cancel"><div class="box"><h2>Cancel</h2><p><label>Reason (optional) <textarea class="wide" name="reason"></textarea></label></p><button type="submit">Cancel the meeting</button></div></form>`;
  }

  async function managePage(m: Meeting, token: string, o: { notice?: string; error?: string } = {}) {
    const em = deps.orm.em.fork();
    const type = await em.findOneOrFail(MeetingType, { id: m.meetingTypeId });
    const own = { ...type, hostIds: [m.hostId] } as MeetingType;
    const slots =
      m.status === 'BOOKED'
        ? await slotsOf(em, deps, own, slotWindow(null, null, deps.clock()), { exceptMeetingId: m.id })
        : [];
    return page(type.name, manageBody(m, type, token, slots, o));
  }

  // A file, not an inline script, so the pages keep a strict content security policy.
  router.get('/meet/assets/tz.js', (_req, res) => {
    res.set('cache-control', 'public, max-age=3600').type('application/javascript').send(TZ_SCRIPT);
  });

  router.get('/meet/booking/:token', async (req, res) => {
    const m = await meetingByToken(deps.orm.em.fork(), req.params.token);
    if (!m) return html(res, 404, page('Not found', '<h1>This booking link is not valid.</h1>'));
    html(res, 200, await managePage(m, req.params.token));
  });

  router.post('/meet/booking/:token/reschedule', async (req, res) => {
    const em = deps.orm.em.fork();
    const m = await meetingByToken(em, req.params.token);
    if (!m) return html(res, 404, page('Not found', '<h1>This booking link is not valid.</h1>'));
    const form = readForm(req);
    try {
      const moved = await rescheduleMeeting(
        em,
        deps,
        m.id,
        form.slot ? new Date(form.slot) : undefined,
        null,
        manageLinkOf(deps.env, req.params.token),
      );
      html(
        res,
        200,
        await managePage(moved, req.params.token, { notice: 'Moved. An updated invitation is on its way.' }),
      );
    } catch (e) {
      if (!isNexusError(e)) throw e;
      html(res, 400, await managePage(m, req.params.token, { error: e.message }));
    }
  });

  router.post('/meet/booking/:token/cancel', async (req, res) => {
    const em = deps.orm.em.fork();
    const m = await meetingByToken(em, req.params.token);
    if (!m) return html(res, 404, page('Not found', '<h1>This booking link is not valid.</h1>'));
    try {
      const cancelled = await cancelMeeting(em, deps, m.id, readForm(req).reason || undefined, null);
      html(res, 200, await managePage(cancelled, req.params.token));
    } catch (e) {
      if (!isNexusError(e)) throw e;
      html(res, 400, await managePage(m, req.params.token, { error: e.message }));
    }
  });

  routingRoutes(router, deps, { page, html, esc, readForm });

  /** A member's own booking page for a type they host: `/meet/<member id>/<type>` (not for collective types). */
  async function memberPage(userId: string, slug: string) {
    if (!UUID.test(userId)) return null;
    const em = deps.orm.em.fork();
    const type = await typeBySlug(em, slug);
    if (!type || type.kind === 'COLLECTIVE' || !type.hostIds.includes(userId)) return null;
    const host = await em.findOne(Availability, { userId });
    return host ? { type, host } : null;
  }

  /** Prefilled visitor details: what a routing form handed over (`?h=`), while it lasts. */
  async function prefill(q: Request['query']): Promise<{ form?: Record<string, string>; handoff?: string }> {
    const found = await readHandoff(deps, q.h);
    return found && typeof q.h === 'string' ? { form: { ...found }, handoff: q.h } : {};
  }

  router.get('/meet/:user/:slug', async (req, res) => {
    const found = await memberPage(req.params.user, req.params.slug);
    if (!found) return notFoundPage(res);
    html(
      res,
      200,
      await bookingPage(found.type, zoneOf(req.query.tz, found.host.timeZone), {
        host: found.host,
        ...(await prefill(req.query)),
      }),
    );
  });

  router.post('/meet/:user/:slug', async (req, res) => {
    const found = await memberPage(req.params.user, req.params.slug);
    if (!found) return notFoundPage(res);
    await book(req, res, found.type, found.host);
  });

  router.get('/meet/:slug', async (req, res) => {
    const type = await typeBySlug(deps.orm.em.fork(), req.params.slug);
    if (!type) return notFoundPage(res);
    const hosts = await hostsOf(type);
    html(
      res,
      200,
      await bookingPage(type, zoneOf(req.query.tz, hosts[0]?.timeZone ?? 'UTC'), await prefill(req.query)),
    );
  });

  router.post('/meet/:slug', async (req, res) => {
    const type = await typeBySlug(deps.orm.em.fork(), req.params.slug);
    if (!type) return notFoundPage(res);
    await book(req, res, type);
  });

  /** Books from a page's POST: the confirmation, or the page again with the error and what was typed. */
  async function book(req: Request, res: Response, type: MeetingType, host?: Availability) {
    const em = deps.orm.em.fork();
    const form = readForm(req);
    const zone = zoneOf(form.tz, 'UTC');
    try {
      const { meeting, manageToken } = await bookMeeting(
        em,
        deps,
        host ? ({ ...type, hostIds: [host.userId] } as MeetingType) : type,
        {
          startsAt: form.slot ? new Date(form.slot) : undefined,
          name: form.name,
          email: form.email,
          timeZone: zone,
          notes: form.notes || undefined,
        },
      );
      await dropHandoff(deps, form.h);
      const when = DateTime.fromJSDate(meeting.startsAt).setZone(zone).toFormat("cccc d LLLL yyyy 'at' HH:mm ZZZZ");
      html(
        res,
        200,
        page(
          'Booked',
          `<h1>You are booked.</h1><p>${esc(type.name)} on ${esc(when)}. An invitation is on its way to ${esc(meeting.visitorEmail)}.</p><p><a href="/meet/booking/${encodeURIComponent(manageToken)}">Reschedule or cancel</a></p>`,
        ),
      );
    } catch (e) {
      if (!isNexusError(e)) throw e;
      html(res, 400, await bookingPage(type, zone, { error: e.message, form, host, handoff: form.h || undefined }));
    }
  }
}
