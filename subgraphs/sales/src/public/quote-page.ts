import type { Request, Response, Router } from 'express';
import { escapeHtml, isNexusError, publicCaller, publicRawBody } from '@nexus/platform';
import type { SalesDeps } from '../context.ts';
import { Quote } from '../entities/index.ts';
import { formatMoney, priceQuote } from '../services/money.ts';
import {
  acceptQuote,
  declineQuote,
  quoteByToken,
  quotePdf,
  quoteReference,
  recordView,
  sendAcceptanceCode,
  type LinkState,
} from '../services/quotes.service.ts';

/**
 * The client's side of a quote at `/q/:token`: server-rendered HTML that works without JavaScript.
 * GET only shows (mail scanners open links first); the page's small script posts a view beacon,
 * and every change (code, accept, decline) is a POST of a plain form.
 */
const esc = escapeHtml;

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;background:#f5f4f0;color:#17171c}
header{background:#121219;color:#caa34d;padding:16px 20px;font-size:20px;font-weight:700}
main{max-width:760px;margin:0 auto;padding:16px}
table{width:100%;border-collapse:collapse;background:#fff}td,th{padding:8px;border-bottom:1px solid #ddd;text-align:left}
td.n,th.n{text-align:right}.muted{color:#6b6b75}.box{background:#fff;padding:16px;margin:16px 0;border:1px solid #ddd}
button{background:#121219;color:#caa34d;border:0;padding:10px 16px;font-size:16px}input,textarea{font-size:16px;padding:6px;width:100%;box-sizing:border-box}
.error{color:#a00;font-weight:600}`;

const page = (title: string, body: string, script = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${esc(title)}</title><style>${STYLE}</style></head><body><header>Travel Tamers</header><main>${body}</main>${script}</body></html>`;

const REASONS: Record<Exclude<LinkState, { ok: true }>['reason'], [number, string]> = {
  unknown: [404, 'This quote link is not valid.'],
  revoked: [410, 'This quote link has been withdrawn. Please contact your advisor for a new one.'],
  expired: [410, 'This quote has expired. Please contact your advisor for an updated quote.'],
  superseded: [410, 'This quote has been replaced by a newer version. Please use the link in the latest email.'],
  answered: [409, 'This quote has already been answered.'],
};

function sendState(res: Response, state: Exclude<LinkState, { ok: true }>) {
  const [status, message] = REASONS[state.reason];
  const extra =
    state.reason === 'answered' && state.quote
      ? `<p>Status: ${esc(state.quote.status.toLowerCase())}${state.quote.acceptance ? ` by ${esc(state.quote.acceptance.name)}` : ''}.</p>`
      : '';
  res
    .status(status)
    .set('cache-control', 'no-store')
    .type('html')
    .send(page('Quote', `<h1>${esc(message)}</h1>${extra}`));
}

function renderQuote(quote: Quote, token: string, notice = '', error = '') {
  const priced = priceQuote(quote);
  const base = `/q/${encodeURIComponent(token)}`;
  const rows = quote.lines
    .map((l, i) => {
      const a = priced.lines[i];
      if (!a) return '';
      let choose = '';
      if (l.optionGroup)
        choose = `<label><input type="radio" form="accept" name="option:${esc(l.optionGroup)}" value="${l.id}"${l.selected ? ' checked' : ''} style="width:auto"> ${esc(l.optionGroup)}</label> `;
      else if (l.optional)
        choose = `<label><input type="checkbox" form="accept" name="addon" value="${l.id}"${l.selected ? ' checked' : ''} style="width:auto"> add-on</label> `;
      return `<tr><td>${choose}${esc(l.description)}</td><td class="n">${l.quantity}</td><td class="n">${esc(formatMoney(a.gross - a.discount, quote.currency))}</td></tr>`;
    })
    .join('');
  const t = priced.totals;
  const totals = [
    ['Subtotal', t.subtotal],
    ['Discounts', -(t.lineDiscounts + t.quoteDiscount)],
    ['Tax', t.tax],
    ['Total', t.total],
    ...(t.depositDue ? [['Deposit due on acceptance', t.depositDue] as const] : []),
  ]
    .map(([k, v]) => `<tr><th>${k}</th><td></td><td class="n">${esc(formatMoney(Number(v), quote.currency))}</td></tr>`)
    .join('');
  const body = `<h1>${esc(quote.title)}</h1>
<p class="muted">Quote ${esc(quoteReference(quote))}${quote.recipientName ? ` for ${esc(quote.recipientName)}` : ''} · valid until ${esc(quote.expiresOn)}</p>
${notice ? `<p><strong>${esc(notice)}</strong></p>` : ''}${error ? `<p class="error" role="alert">${esc(error)}</p>` : ''}
<table><thead><tr><th>Item</th><th class="n">Qty</th><th class="n">Amount</th></tr></thead><tbody>${rows}</tbody><tfoot>${totals}</tfoot></table>
<p class="muted">Totals shown for the options chosen when the quote was sent; your choices below are priced when you accept.</p>
${quote.terms ? `<div class="box"><h2>Terms</h2><p>${esc(quote.terms).replace(/\n/g, '<br>')}</p></div>` : ''}
${quote.cancellationPolicy ? `<div class="box"><h2>Cancellation</h2><p>${esc(quote.cancellationPolicy).replace(/\n/g, '<br>')}</p></div>` : ''}
<p><a href="${base}/pdf">Download the PDF</a></p>
<div class="box"><h2>Accept</h2>
<form method="post" action="${base}/code"><p>We will email a one-time code to the address this quote was sent to.</p><button type="submit">Email me a code</button></form>
<form id="accept" method="post" action="${base}/accept"><p><label>Your full name <input name="name" autocomplete="name" required></label></p>
<p><label>One-time code <input name="code" inputmode="numeric" autocomplete="one-time-code" required></label></p>
<p><label><input type="checkbox" name="terms" value="yes" required style="width:auto"> I have read the terms above</label></p>
<button type="submit">Accept this quote</button></form></div>
<div class="box"><h2>Decline</h2><form method="post" action="${base}/decline"><p><label>Reason <textarea name="reason" required></textarea></label></p><button type="submit">Decline</button></form></div>`;
  return page(
    `Quote ${quoteReference(quote)}`,
    body,
    `<script src="/q/assets/view.js" data-beacon="${base}/view" defer></script>`,
  );
}

/** Form or JSON bodies; repeated form keys become arrays. */
function readBody(req: Request): Record<string, string | string[]> {
  const raw = publicRawBody(req).toString('utf8');
  if ((req.header('content-type') ?? '').includes('application/json')) {
    try {
      const parsed: unknown = JSON.parse(raw || '{}');
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        return parsed as Record<string, string | string[]>;
    } catch {
      return {};
    }
    return {};
  }
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}
const str = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

const VIEW_SCRIPT = `(function(){var s=document.currentScript;var u=s&&s.getAttribute('data-beacon');if(!u)return;
if(navigator.sendBeacon){navigator.sendBeacon(u,'')}else{fetch(u,{method:'POST',keepalive:true})}})();`;

export function quoteRoutes(router: Router, deps: SalesDeps) {
  const html = (res: Response, status: number, body: string) =>
    res.status(status).set('cache-control', 'no-store').set('x-robots-tag', 'noindex').type('html').send(body);

  router.get('/q/assets/view.js', (_req, res) => {
    res.set('cache-control', 'public, max-age=3600').type('application/javascript').send(VIEW_SCRIPT);
  });

  router.get('/q/:token', async (req, res) => {
    const em = deps.orm.em.fork();
    const state = await quoteByToken(em, req.params.token);
    if (!state.ok) return sendState(res, state);
    html(res, 200, renderQuote(state.quote, req.params.token));
  });

  router.get('/q/:token/pdf', async (req, res) => {
    const em = deps.orm.em.fork();
    const state = await quoteByToken(em, req.params.token);
    const quote = state.ok ? state.quote : state.reason === 'answered' ? state.quote : undefined;
    if (!quote) return sendState(res, state as Exclude<LinkState, { ok: true }>);
    const signed = quote.acceptance ? await em.findOne(Quote, { id: quote.id }, { populate: ['signedPdf'] }) : null;
    const pdf = signed?.signedPdf ?? null;
    const bytes = pdf ?? Buffer.from(await quotePdf(quote, deps.env));
    res
      .status(200)
      .set('cache-control', 'no-store')
      .set('content-disposition', `attachment; filename="${quoteReference(quote)}.pdf"`)
      .type('application/pdf')
      .send(Buffer.from(bytes));
  });

  router.post('/q/:token/view', async (req, res) => {
    const em = deps.orm.em.fork();
    const state = await quoteByToken(em, req.params.token);
    if (!state.ok) return res.status(204).end();
    await recordView(em, state.quote);
    res.status(204).end();
  });

  router.post('/q/:token/code', async (req, res) => {
    const em = deps.orm.em.fork();
    const state = await quoteByToken(em, req.params.token);
    if (!state.ok) return sendState(res, state);
    await sendAcceptanceCode(em, deps.env, state.quote);
    html(
      res,
      200,
      renderQuote(state.quote, req.params.token, 'We have emailed you a one-time code. Enter it below to accept.'),
    );
  });

  router.post('/q/:token/accept', async (req, res) => {
    const em = deps.orm.em.fork();
    const state = await quoteByToken(em, req.params.token);
    if (!state.ok) return sendState(res, state);
    const body = readBody(req);
    const options: Record<string, string> = {};
    for (const [k, v] of Object.entries(body)) if (k.startsWith('option:')) options[k.slice(7)] = str(v);
    const addon = body.addon;
    const addons = Array.isArray(addon) ? addon : addon ? [addon] : [];
    const caller = publicCaller(req, res);
    try {
      const quote = await acceptQuote(em, deps.env, state.quote, {
        name: str(body.name),
        code: str(body.code),
        choices: { options, addons },
        ip: caller.ip,
        userAgent: caller.userAgent,
      });
      html(
        res,
        200,
        page(
          'Quote accepted',
          `<h1>Thank you, ${esc(quote.acceptance?.name ?? '')}.</h1><p>Quote ${esc(quoteReference(quote))} is accepted. A signed copy is on its way to your inbox.</p><p><a href="/q/${encodeURIComponent(req.params.token)}/pdf">Download the signed PDF</a></p>`,
        ),
      );
    } catch (e) {
      if (!isNexusError(e)) throw e;
      html(res, 400, renderQuote(state.quote, req.params.token, '', e.message));
    }
  });

  router.post('/q/:token/decline', async (req, res) => {
    const em = deps.orm.em.fork();
    const state = await quoteByToken(em, req.params.token);
    if (!state.ok) return sendState(res, state);
    try {
      await declineQuote(em, state.quote, str(readBody(req).reason));
      html(
        res,
        200,
        page('Quote declined', '<h1>Thank you for letting us know.</h1><p>Your advisor has been told.</p>'),
      );
    } catch (e) {
      if (!isNexusError(e)) throw e;
      html(res, 400, renderQuote(state.quote, req.params.token, '', e.message));
    }
  });
}
