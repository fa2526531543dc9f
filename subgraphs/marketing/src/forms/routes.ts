import type { Request, Response, Router } from 'express';
import { errorEnvelope, publicCaller, publicRawBody, type FieldProblem } from '@nexus/platform';
import type { MarketingDeps } from '../context.ts';
import { Form, LandingPage } from './forms.entity.ts';
import { landingPageUrl, recordView, utmOf, visitorHash } from './landing-pages.service.ts';
import { csp, formPage, landingPageHtml, messagePage, thankYouPage } from './render.ts';
import { submitForm } from './submit.service.ts';

/**
 * `/forms/:id` (the hosted form: GET shows it, POST takes JSON or a urlencoded body) and `/lp/:slug`
 * (published landing pages), reached only through the gateway's REST edge, which applies the rate
 * tiers. A browser's form post (urlencoded, asking for HTML) gets pages back; anything else gets
 * JSON: `{ ok, message, redirectUrl }` or the error envelope naming the fields.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Link previewers and crawlers see the page but are not visitors. */
const NOT_A_VISITOR = /bot|crawl|spider|slurp|preview|facebookexternalhit|headless/i;

type Body = Record<string, unknown>;

/** The body as fields: JSON (an object) or urlencoded; anything else is refused. */
function bodyOf(req: Request): Body | null {
  const type = (req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  const raw = publicRawBody(req).toString('utf8');
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(raw));
  if (type === 'application/json') {
    try {
      const v: unknown = JSON.parse(raw);
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Body) : null;
    } catch {
      return null;
    }
  }
  return null;
}

const html = (res: Response, status: number, body: string, policy = csp()) => {
  res.setHeader('cache-control', 'no-store');
  res.setHeader('content-security-policy', policy);
  res.status(status).type('html').send(body);
};

export function formRoutes(router: Router, deps: MarketingDeps): void {
  router.get('/forms/:id', async (req, res) => {
    const id = req.params.id;
    const form = UUID.test(id) ? await deps.orm.em.fork().findOne(Form, { id: id.toLowerCase() }) : null;
    if (!form) return html(res, 404, messagePage('Form not found', 'This form does not exist or was removed.'));
    if (form.status !== 'ACTIVE') return html(res, 410, messagePage(form.name, 'This form is closed.'));
    html(res, 200, formPage(form, { query: req.query }), csp([form.redirectUrl]));
  });

  router.post('/forms/:id', async (req, res) => {
    const { requestId } = publicCaller(req, res);
    const body = bodyOf(req);
    const browser =
      (req.header('content-type') ?? '').startsWith('application/x-www-form-urlencoded') &&
      req.accepts(['json', 'html']) === 'html';
    const fail = (status: number, code: string, message: string, details: FieldProblem[] | null = null) =>
      res.status(status).json(errorEnvelope(code, message, requestId, details));
    if (!body) return fail(400, 'BAD_USER_INPUT', 'Send the answers as a JSON object or a urlencoded form.');
    const outcome = await submitForm(deps, deps.log, req.params.id, body, requestId);
    if (!outcome) {
      if (browser) return html(res, 404, messagePage('Form not found', 'This form does not exist or was removed.'));
      return fail(404, 'NOT_FOUND', 'This form does not exist.');
    }
    const { form } = outcome;
    switch (outcome.kind) {
      case 'closed':
        if (browser) return html(res, 410, messagePage(form.name, 'This form is closed.'));
        return fail(409, 'CONFLICT', 'This form is closed and takes no submissions.');
      case 'invalid':
        if (browser)
          return html(res, 400, formPage(form, { values: body, problems: outcome.problems }), csp([form.redirectUrl]));
        return fail(
          400,
          'BAD_USER_INPUT',
          outcome.problems.length === 1
            ? `${outcome.problems[0]?.path}: ${outcome.problems[0]?.message}`
            : 'Some fields are not valid.',
          outcome.problems,
        );
      case 'unavailable':
        if (browser) return html(res, 503, messagePage(form.name, outcome.message));
        return fail(503, 'UPSTREAM_UNAVAILABLE', outcome.message);
      case 'accepted':
        res.setHeader('cache-control', 'no-store');
        if (browser) {
          if (form.redirectUrl) return res.redirect(303, form.redirectUrl);
          return html(res, 200, thankYouPage(form));
        }
        return res.status(200).json({ ok: true, message: form.thankYouMessage, redirectUrl: form.redirectUrl });
    }
  });

  router.get('/lp/:slug', async (req, res) => {
    const em = deps.orm.em.fork();
    const page = await em.findOne(LandingPage, { slug: req.params.slug, status: 'PUBLISHED' });
    if (!page) return html(res, 404, messagePage('Page not found', 'This page does not exist or is not published.'));
    const formIds = page.blocks.flatMap((b) => (b.type === 'FORM' && b.formId ? [b.formId] : []));
    const forms = new Map(
      (formIds.length ? await em.find(Form, { id: { $in: formIds } }) : []).map((f) => [f.id, f] as const),
    );
    const caller = publicCaller(req, res);
    if (!NOT_A_VISITOR.test(caller.userAgent))
      await recordView(
        em,
        page.id,
        visitorHash(deps.env.INTERNAL_TOKEN_SECRET, page.id, caller.ip, caller.userAgent),
        utmOf(req.query),
        deps.now(),
      );
    html(
      res,
      200,
      landingPageHtml(page, forms, landingPageUrl(deps.env.PUBLIC_URL, page.slug), req.query),
      csp([...forms.values()].map((f) => f.redirectUrl)),
    );
  });
}
