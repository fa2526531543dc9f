import type { Request, Response, Router } from 'express';
import { badInput, isNexusError, parseInput } from '@nexus/platform';
import type { SalesDeps } from '../context.ts';
import { MeetingType, type RoutingForm } from '../entities/index.ts';
import {
  ownerLookupOf,
  routeVisitor,
  routedPath,
  routingFormBySlug,
  visitorAnswers,
} from '../services/routing.service.ts';
import { createHandoff } from '../services/routing-handoff.ts';

/** The page helpers of the booking pages, shared so both look and behave alike. */
export interface PageKit {
  page: (title: string, body: string, script?: string) => string;
  html: (res: Response, status: number, body: string) => unknown;
  esc: (s: string) => string;
  readForm: (req: Request) => Record<string, string>;
}

const sameChoice = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base' }) === 0;

/**
 * Routing forms at `/meet/route/<slug>`: server-rendered questions (name, email, destination, trip
 * type); the POST works out the member (own advisor, a matching rule, the fallback) and answers
 * 303 to their booking page, which prefills the visitor's details and answers from a short-lived
 * server-side hand-off (the URL carries only its random token, never personal data). Bad answers
 * show the form again with the problem named.
 */
export function routingRoutes(router: Router, deps: SalesDeps, kit: PageKit) {
  const { page, html, esc, readForm } = kit;
  const ownerOf = ownerLookupOf(deps.env, deps.log);

  const choice = (name: string, label: string, options: string[], picked: string | undefined) =>
    options.length
      ? `<p><label>${esc(label)} <select class="wide" name="${name}"><option value="">Not sure yet / something else</option>${options
          .map(
            (o) => `<option value="${esc(o)}"${picked && sameChoice(o, picked) ? ' selected' : ''}>${esc(o)}</option>`,
          )
          .join('')}</select></label></p>`
      : '';

  function formPage(form: RoutingForm, o: { error?: string; values?: Record<string, string> } = {}) {
    const v = o.values ?? {};
    return page(
      form.name,
      `<h1>${esc(form.name)}</h1>
${form.intro ? `<p>${esc(form.intro)}</p>` : ''}
${o.error ? `<p class="error" role="alert">${esc(o.error)}</p>` : ''}
<form method="post" action="/meet/route/${esc(form.slug)}"><div class="box">
<p><label>Name <input class="wide" name="name" autocomplete="name" required value="${esc(v.name ?? '')}"></label></p>
<p><label>Email <input class="wide" type="email" name="email" autocomplete="email" required value="${esc(v.email ?? '')}"></label></p>
${choice('destination', 'Where would you like to go?', form.destinations, v.destination)}
${choice('tripType', 'What kind of trip?', form.tripTypes, v.tripType)}
<button type="submit">Find a time</button></div></form>`,
    );
  }

  const unavailable = (res: Response) =>
    html(res, 404, page('Not found', '<h1>This form is not taking bookings.</h1>'));

  async function openForm(slug: string) {
    const em = deps.orm.em.fork();
    const form = await routingFormBySlug(em, slug);
    if (!form) return null;
    const type = await em.findOne(MeetingType, { id: form.meetingTypeId, active: true });
    return type ? { em, form } : null;
  }

  router.get('/meet/route/:slug', async (req, res) => {
    const found = await openForm(req.params.slug);
    if (!found) return unavailable(res);
    html(res, 200, formPage(found.form));
  });

  router.post('/meet/route/:slug', async (req, res) => {
    const found = await openForm(req.params.slug);
    if (!found) return unavailable(res);
    const { em, form } = found;
    const values = readForm(req);
    try {
      const answers = parseInput(
        visitorAnswers,
        {
          name: values.name ?? '',
          email: values.email ?? '',
          destination: values.destination || undefined,
          tripType: values.tripType || undefined,
        },
        'form',
      );
      if (answers.destination && !form.destinations.some((d) => sameChoice(d, answers.destination ?? '')))
        throw badInput('form.destination: pick one of the destinations listed', [
          { path: 'form.destination', message: 'is not one of the destinations listed' },
        ]);
      if (answers.tripType && !form.tripTypes.some((t) => sameChoice(t, answers.tripType ?? '')))
        throw badInput('form.tripType: pick one of the trip types listed', [
          { path: 'form.tripType', message: 'is not one of the trip types listed' },
        ]);
      const routed = await routeVisitor(em, form, answers, ownerOf);
      const notes = [
        answers.destination ? `Destination: ${answers.destination}` : null,
        answers.tripType ? `Trip type: ${answers.tripType}` : null,
      ].filter((l) => l !== null);
      const handoff = await createHandoff(deps, { name: answers.name, email: answers.email, notes: notes.join('\n') });
      const query = new URLSearchParams({ h: handoff });
      deps.log.info({ form: form.slug, reason: routed.reason, hostId: routed.hostId }, 'routing form: visitor routed');
      res
        .status(303)
        .set('cache-control', 'no-store')
        .set('location', `${routedPath(routed)}?${query}`)
        .end();
    } catch (e) {
      if (!isNexusError(e)) throw e;
      const named = e.message.replace(/^form\./, '');
      html(res, 400, formPage(form, { error: named, values }));
    }
  });
}
