import type { Router } from 'express';
import sanitizeHtml from 'sanitize-html';
import { errorEnvelope, publicCaller, publicRawBody, secretsEqual } from '@nexus/platform';
import { KbArticle, SurveyInvitation } from '../entities/index.ts';
import type { ServiceDeps } from '../context.ts';
import { download, receiveUpload } from '../attachments/attachments.service.ts';
import { inboundEmail, receiveEmail } from '../services/inbound.service.ts';
import { searchArticleIds } from '../services/kb.service.ts';
import { invitationIdOf, respond } from '../services/surveys.service.ts';

const esc = (s: string) => sanitizeHtml(s, { allowedTags: [], allowedAttributes: {}, disallowedTagsMode: 'escape' });
const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.5}</style></head><body>${body}</body></html>`;
const PUBLIC_ARTICLE = { status: 'PUBLISHED', visibility: 'PUBLIC' } as const;

/** `/kb`, `/kb/:slug`, `/s/:token` and the inbound-email webhook (reached only through the gateway). */
export function serviceRoutes(router: Router, deps: ServiceDeps) {
  router.get('/kb', async (req, res) => {
    const em = deps.orm.em.fork();
    const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 200) : '';
    const articles = q
      ? await em.find(
          KbArticle,
          { id: { $in: await searchArticleIds(em, q, true, 50) }, ...PUBLIC_ARTICLE },
          { orderBy: { title: 'asc' } },
        )
      : await em.find(KbArticle, PUBLIC_ARTICLE, { orderBy: { title: 'asc' }, limit: 200 });
    res
      .set('cache-control', 'public, max-age=60')
      .type('html')
      .send(
        page(
          'Help centre',
          `<h1>Help centre</h1><form action="/kb" method="get"><input name="q" value="${esc(q)}" aria-label="Search"><button>Search</button></form><ul>${articles
            .map((a) => `<li><a href="/kb/${encodeURIComponent(a.slug)}">${esc(a.title)}</a></li>`)
            .join('')}</ul>${articles.length ? '' : '<p>No articles found.</p>'}`,
        ),
      );
  });
  router.get('/kb/:slug', async (req, res) => {
    const a = await deps.orm.em.fork().findOne(KbArticle, { slug: req.params.slug, ...PUBLIC_ARTICLE });
    if (!a) {
      res
        .status(404)
        .type('html')
        .send(page('Not found', '<h1>Article not found</h1><p><a href="/kb">Help centre</a></p>'));
      return;
    }
    res
      .set('cache-control', 'public, max-age=60')
      .type('html')
      .send(page(a.title, `<p><a href="/kb">Help centre</a></p><h1>${esc(a.title)}</h1>${a.bodyHtml}`));
  });

  // A GET only shows the form: mail scanners open links first, so only the POST uses the token.
  router.get('/s/:token', async (req, res) => {
    const em = deps.orm.em.fork();
    const id = invitationIdOf(deps.env.INTERNAL_TOKEN_SECRET, req.params.token);
    const inv = id ? await em.findOne(SurveyInvitation, { id }, { populate: ['survey'] }) : null;
    if (!inv) {
      res.status(404).type('html').send(page('Survey', '<h1>This survey link is not valid.</h1>'));
      return;
    }
    if (inv.respondedAt) {
      res.type('html').send(page('Survey', '<h1>Thank you, we already have your answers.</h1>'));
      return;
    }
    const qs = inv.survey
      .getEntity()
      .questions.map((q) => {
        const [lo, hi] = q.type === 'NPS' ? [0, 10] : q.type === 'CES' ? [1, 7] : [1, 5];
        const input =
          q.type === 'TEXT'
            ? `<textarea name="${q.id}"></textarea>`
            : Array.from(
                { length: hi - lo + 1 },
                (_, i) => `<label><input type="radio" name="${q.id}" value="${lo + i}" required> ${lo + i}</label>`,
              ).join(' ');
        return `<fieldset><legend>${esc(q.prompt)}</legend>${input}</fieldset>`;
      })
      .join('');
    res
      .set('cache-control', 'no-store')
      .set('x-robots-tag', 'noindex')
      .type('html')
      .send(
        page(
          'Survey',
          `<h1>How did we do?</h1><form method="post">${qs}<label>Anything to add?<textarea name="comment"></textarea></label><button>Send</button></form>`,
        ),
      );
  });
  router.post('/s/:token', async (req, res) => {
    const form = Object.fromEntries(new URLSearchParams(publicRawBody(req).toString('utf8')));
    const r = await respond(deps.orm.em.fork(), deps, req.params.token, form);
    res.set('cache-control', 'no-store').set('x-robots-tag', 'noindex');
    if (r.ok) {
      res.type('html').send(page('Survey', '<h1>Thank you for your answers.</h1>'));
    } else if (r.reason === 'reason-needed') {
      const kept = Object.entries(('answers' in r ? r.answers : null) ?? {})
        .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(String(v))}">`)
        .join('');
      res
        .status(400)
        .type('html')
        .send(
          page(
            'Survey',
            `<h1>Sorry to hear that.</h1><form method="post">${kept}<label>What went wrong?<textarea name="comment" required></textarea></label><button>Send</button></form>`,
          ),
        );
    } else if (r.reason === 'used') {
      res.status(409).type('html').send(page('Survey', '<h1>This survey has already been answered.</h1>'));
    } else if (r.reason === 'incomplete') {
      res.status(400).type('html').send(page('Survey', '<h1>Please answer every question.</h1>'));
    } else {
      res.status(404).type('html').send(page('Survey', '<h1>This survey link is not valid.</h1>'));
    }
  });

  // Attachments: the upload address was signed by `startTicketAttachmentUpload` (size and type
  // checked there, and again here against the bytes); the download address by `downloadUrl`, which
  // only a viewer who may read the ticket is given. Both expire after five minutes.
  router.post('/attachments/upload/:token', async (req, res) => {
    const { requestId } = publicCaller(req, res);
    const r = await receiveUpload(deps.orm.em.fork(), deps, req.params.token, publicRawBody(req));
    res.set('cache-control', 'no-store');
    if (!r.ok) {
      res
        .status(r.status)
        .json(errorEnvelope(r.code, r.message, requestId, r.path ? [{ path: r.path, message: r.message }] : undefined));
      return;
    }
    const a = r.attachment;
    res.status(201).json({ id: a.id, filename: a.filename, contentType: a.contentType, size: a.size });
  });
  router.get('/attachments/:id/:token', async (req, res) => {
    const { requestId } = publicCaller(req, res);
    const found = await download(deps.orm.em.fork(), deps, req.params.id, req.params.token);
    if (!found) {
      res
        .status(404)
        .json(
          errorEnvelope(
            'NOT_FOUND',
            'This download address is not valid, has expired, or the file is gone.',
            requestId,
          ),
        );
      return;
    }
    const { attachment: a, bytes } = found;
    res
      .set('cache-control', 'private, no-store')
      .set('content-type', a.contentType)
      .set('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(a.filename)}`)
      .send(bytes);
  });

  // The shared secret travels in `x-inbound-secret` (forwarded by the gateway for this prefix
  // only), never in the URL, where access logs and proxies would keep it.
  router.post('/webhooks/inbound-email', async (req, res) => {
    const { requestId } = publicCaller(req, res);
    const secret = deps.env.INBOUND_EMAIL_SECRET;
    if (!secret) {
      res
        .status(503)
        .json(errorEnvelope('SERVICE_UNAVAILABLE', 'Inbound email is not configured on this server.', requestId));
      return;
    }
    const given = req.get('x-inbound-secret') ?? '';
    if (!secretsEqual(given, secret)) {
      res
        .status(401)
        .json(errorEnvelope('UNAUTHENTICATED', 'The inbound-email secret is missing or wrong.', requestId));
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(publicRawBody(req).toString('utf8'));
    } catch {
      res.status(400).json(errorEnvelope('BAD_USER_INPUT', 'The body must be JSON.', requestId));
      return;
    }
    const parsed = inboundEmail.safeParse(body);
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      res.status(400).json(errorEnvelope('BAD_USER_INPUT', 'The email is not valid.', requestId, details));
      return;
    }
    const r = await receiveEmail(deps.orm.em.fork(), deps, parsed.data);
    res.status(r.outcome === 'created' || r.outcome === 'follow-up' ? 201 : 200).json(r);
  });
}
