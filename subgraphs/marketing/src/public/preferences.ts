import type { Request, Response, Router } from 'express';
import { publicRawBody } from '@nexus/platform';
import type { MarketingDeps } from '../context.ts';
import { EMAIL_FREQUENCIES, EmailSend, SUBSCRIPTION_TYPES } from '../entities/index.ts';
import {
  SUBSCRIPTION_LABELS,
  eraseData,
  exportData,
  knowsAddress,
  leaveAll,
  loadPreferences,
  mailLink,
  readChoice,
  savePreferences,
} from '../services/preferences.ts';
import { verifyToken, type TokenPurpose } from '../services/tokens.ts';
import { esc, page } from './page.ts';

/**
 * The public preference centre, under `/preferences` (reached through the gateway):
 * - `GET /preferences`: ask for a link by address; `POST` mails one (the same answer whether or not
 *   we know the address, so the form tells a stranger nothing);
 * - `GET /preferences/:token` (the link in every marketing email's footer, or the one mailed on
 *   request): types, frequency, pause; `POST` saves, leaves everything, or mails an export or
 *   erase confirmation link to the address;
 * - `GET|POST /preferences/export/:token` and `/preferences/erase/:token`: the confirmed actions,
 *   each a POST behind a GET page, since mail scanners follow links.
 */

const FREQUENCY_TEXT: Record<(typeof EMAIL_FREQUENCIES)[number], string> = {
  NORMAL: 'Every email of the kinds I keep',
  WEEKLY: 'At most one email a week',
  MONTHLY: 'At most one email a month',
};
const button = (label: string, name = 'action', value = '') =>
  `<button type="submit" name="${name}" value="${esc(value)}" style="background:#C9A84C;color:#0B1120;border:0;padding:.7rem 1.2rem;margin:.3rem .3rem 0 0;font-family:Georgia,serif;cursor:pointer">${esc(label)}</button>`;
const h1 = (text: string) => `<h1 style="color:#C9A84C">${esc(text)}</h1>`;
const form = (req: Request) => new URLSearchParams(publicRawBody(req).toString('utf8'));
const html = (res: Response, status: number, title: string, body: string) => {
  res.setHeader('cache-control', 'no-store');
  res.setHeader('x-robots-tag', 'noindex');
  res.status(status).type('html').send(page(title, body));
};
const invalid = (res: Response) =>
  html(
    res,
    404,
    'Link not valid',
    `${h1('This link is not valid')}<p>It may be incomplete or too old. Nothing was changed.</p><p><a style="color:#C9A84C" href="/preferences">Ask for a new link</a></p>`,
  );

/** The address a preference-centre token stands for (its own, or the address of the email it was in). */
async function addressOf(deps: MarketingDeps, raw: string, purpose: TokenPurpose): Promise<string | null> {
  const token = verifyToken(deps.env.UNSUBSCRIBE_SECRET, raw, purpose, deps.now());
  if (!token) return null;
  if (token.e) return token.e.toLowerCase();
  if (!token.s) return null;
  const send = await deps.orm.em.fork().findOne(EmailSend, { id: token.s });
  return send && send.toAddress !== 'erased' ? send.toAddress : null;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/;

export function preferenceRoutes(router: Router, deps: MarketingDeps): void {
  const requestForm = (message = '') =>
    `${h1('Your email preferences')}<p>Enter your address and we will email you a link to your preferences, where you can also download or erase your data.</p>${message}<form method="post"><label>Email address<br><input name="email" type="email" required maxlength="254" style="width:100%;padding:.5rem;margin:.4rem 0"></label>${button('Email me a link', 'go', '1')}</form>`;

  router.get('/preferences', (_req, res) => html(res, 200, 'Email preferences', requestForm()));

  router.post('/preferences', async (req, res) => {
    const email = (form(req).get('email') ?? '').trim().toLowerCase();
    if (!EMAIL.test(email) || email.length > 254) {
      html(
        res,
        400,
        'Email preferences',
        requestForm('<p role="alert" style="color:#E8B4B4">That is not an email address.</p>'),
      );
      return;
    }
    const em = deps.orm.em.fork();
    if (await knowsAddress(em, email)) await mailLink(deps, em, email, 'preferences');
    html(
      res,
      200,
      'Check your inbox',
      `${h1('Check your inbox')}<p>If Travel Tamers sends email to ${esc(email)}, a link to its preferences is on its way. It is the only way in, so nobody else can change them.</p>`,
    );
  });

  router.get('/preferences/:token', async (req, res) => {
    const email = await addressOf(deps, req.params.token, 'preferences');
    if (!email) return invalid(res);
    const prefs = await loadPreferences(deps.orm.em.fork(), email);
    const types = SUBSCRIPTION_TYPES.map(
      (t) =>
        `<label style="display:block;margin:.3rem 0"><input type="checkbox" name="type" value="${t}"${prefs.leftTypes.includes(t) ? '' : ' checked'}> ${esc(SUBSCRIPTION_LABELS[t])}</label>`,
    ).join('');
    const frequency = EMAIL_FREQUENCIES.map(
      (f) =>
        `<label style="display:block;margin:.3rem 0"><input type="radio" name="frequency" value="${f}"${prefs.frequency === f ? ' checked' : ''}> ${esc(FREQUENCY_TEXT[f])}</label>`,
    ).join('');
    const paused =
      prefs.pausedUntil && prefs.pausedUntil.getTime() > deps.now().getTime()
        ? `<p>Email is paused until ${esc(prefs.pausedUntil.toISOString().slice(0, 10))}.</p>`
        : '';
    const pause = [0, 30, 90, 180]
      .map((d) => `<option value="${d}">${d ? `Pause all marketing email for ${d} days` : 'No pause'}</option>`)
      .join('');
    const status = prefs.suppressed
      ? `<p role="status">${esc(email)} receives no marketing email at the moment (${esc(prefs.suppressed.toLowerCase().replace('_', ' '))}).</p>`
      : '';
    html(
      res,
      200,
      'Email preferences',
      `${h1('Your email preferences')}<p>For ${esc(email)}.</p>${status}<form method="post"><fieldset style="border:1px solid #C9A84C;margin:1rem 0"><legend>Emails I want</legend>${types}</fieldset><fieldset style="border:1px solid #C9A84C;margin:1rem 0"><legend>How often</legend>${frequency}</fieldset>${paused}<label>Pause<br><select name="pause" style="padding:.4rem;margin:.4rem 0">${pause}</select></label><br>${button('Save my preferences', 'action', 'save')}${button('Unsubscribe from all marketing email', 'action', 'leave')}<h2 style="color:#C9A84C;font-size:1.1rem;margin-top:2rem">Your data</h2><p>We email a confirmation link to ${esc(email)} first, so only you can do this.</p>${button('Download my data', 'action', 'export')}${button('Erase my data', 'action', 'erase')}</form>`,
    );
  });

  router.post('/preferences/:token', async (req, res) => {
    const email = await addressOf(deps, req.params.token, 'preferences');
    if (!email) return invalid(res);
    const body = form(req);
    const action = body.get('action');
    const em = deps.orm.em.fork();
    if (action === 'save') {
      const choice = readChoice(body);
      await savePreferences(em, email, choice, deps.now());
      const kept = choice.keep.map((t) => esc(SUBSCRIPTION_LABELS[t])).join(', ') || 'none';
      html(
        res,
        200,
        'Preferences saved',
        `${h1('Your preferences are saved')}<p>Emails you keep: ${kept}.</p><p>${esc(FREQUENCY_TEXT[choice.frequency])}${choice.pauseDays ? `, paused for ${choice.pauseDays} days` : ''}.</p>`,
      );
    } else if (action === 'leave') {
      await em.transactional((tx) => leaveAll(tx, email));
      html(
        res,
        200,
        'Unsubscribed',
        `${h1('You are unsubscribed')}<p>${esc(email)} will receive no more marketing email. Booking and travel emails still reach you.</p>`,
      );
    } else if (action === 'export' || action === 'erase') {
      await mailLink(deps, em, email, action);
      html(
        res,
        200,
        'Check your inbox',
        `${h1('Check your inbox')}<p>We emailed ${esc(email)} a link to confirm. Nothing happens until you open it; it works for 24 hours.</p>`,
      );
    } else {
      html(
        res,
        400,
        'Email preferences',
        `${h1('Nothing was changed')}<p>Choose one of the buttons on the preferences page.</p>`,
      );
    }
  });

  router.get('/preferences/export/:token', async (req, res) => {
    const email = await addressOf(deps, req.params.token, 'export');
    if (!email) return invalid(res);
    html(
      res,
      200,
      'Download your data',
      `${h1('Download your data')}<p>A JSON file with everything Travel Tamers marketing holds on ${esc(email)}: your contact details as marketing sees them, lists, preferences, the emails we sent and what you did with them.</p><form method="post">${button('Download', 'go', '1')}</form>`,
    );
  });

  router.post('/preferences/export/:token', async (req, res) => {
    const email = await addressOf(deps, req.params.token, 'export');
    if (!email) return invalid(res);
    const data = await exportData(deps.orm.em.fork(), email, deps.now());
    res.setHeader('cache-control', 'no-store');
    res.setHeader('content-disposition', 'attachment; filename="travel-tamers-marketing-data.json"');
    res
      .status(200)
      .type('json')
      .send(JSON.stringify(data, null, 2));
  });

  router.get('/preferences/erase/:token', async (req, res) => {
    const email = await addressOf(deps, req.params.token, 'erase');
    if (!email) return invalid(res);
    html(
      res,
      200,
      'Erase your data',
      `${h1('Erase your marketing data?')}<p>We will erase what Travel Tamers marketing holds on ${esc(email)} and never send it marketing email again (we keep the address on our do-not-email list for that alone). Bookings and travel records are not affected. This cannot be undone.</p><form method="post">${button('Erase my data', 'go', '1')}</form>`,
    );
  });

  router.post('/preferences/erase/:token', async (req, res) => {
    const email = await addressOf(deps, req.params.token, 'erase');
    if (!email) return invalid(res);
    await eraseData(deps.orm.em.fork(), email);
    html(
      res,
      200,
      'Data erased',
      `${h1('Your marketing data is erased')}<p>${esc(email)} will receive no marketing email again.</p>`,
    );
  });
}
