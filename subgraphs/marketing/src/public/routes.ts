import type { Router } from 'express';
import { EventWebhook } from '@sendgrid/eventwebhook';
import { errorEnvelope, publicCaller, publicRawBody } from '@nexus/platform';
import type { MarketingDeps } from '../context.ts';
import { EmailSend } from '../entities/index.ts';
import { applySendgridEvents } from '../services/esp-events.ts';
import { recordEvent, isMachineClick, isMachineOpen } from '../services/engagement.ts';
import { suppress } from '../services/sending.ts';
import { verifyToken } from '../services/tokens.ts';
import { formRoutes } from '../forms/routes.ts';
import { preferenceRoutes } from './preferences.ts';
import { esc, page } from './page.ts';

const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
/** Unsubscribe (confirmation page and RFC 8058 one-click POST), open pixel, click redirect, ESP events. */
export function marketingPublicRoutes(router: Router, deps: MarketingDeps): void {
  const secret = () => deps.env.UNSUBSCRIBE_SECRET;

  router.get('/unsubscribe/:token', async (req, res) => {
    res.setHeader('cache-control', 'no-store');
    const token = verifyToken(secret(), req.params.token, 'unsubscribe', deps.now());
    const send = token?.s ? await deps.orm.em.fork().findOne(EmailSend, { id: token.s }) : null;
    if (!send) {
      res
        .status(404)
        .type('html')
        .send(
          page(
            'Link not valid',
            '<h1 style="color:#C9A84C">This link is not valid</h1><p>It may be incomplete or too old. Nothing was changed.</p>',
          ),
        );
      return;
    }
    // GET only asks (mail scanners follow links); the form's POST opts out.
    res
      .type('html')
      .send(
        page(
          'Unsubscribe',
          `<h1 style="color:#C9A84C">Unsubscribe ${esc(send.toAddress)}?</h1><p>You will no longer receive marketing emails from Travel Tamers. Booking and travel emails still reach you.</p><form method="post"><button type="submit" style="background:#C9A84C;color:#0B1120;border:0;padding:.8rem 1.4rem;font-family:Georgia,serif">Unsubscribe</button></form>`,
        ),
      );
  });

  router.post('/unsubscribe/:token', async (req, res) => {
    res.setHeader('cache-control', 'no-store');
    const token = verifyToken(secret(), req.params.token, 'unsubscribe', deps.now());
    const em = deps.orm.em.fork();
    const send = token?.s ? await em.findOne(EmailSend, { id: token.s }) : null;
    if (!send || send.toAddress === 'erased') {
      res
        .status(404)
        .type('html')
        .send(page('Link not valid', '<h1>This link is not valid</h1><p>Nothing was changed.</p>'));
      return;
    }
    await em.transactional(async (tx) => {
      await suppress(tx, send.toAddress, 'UNSUBSCRIBED', 'one-click unsubscribe');
      await recordEvent(tx, send, 'UNSUBSCRIBE', { machine: false });
    });
    res
      .type('html')
      .send(
        page(
          'Unsubscribed',
          `<h1 style="color:#C9A84C">You are unsubscribed</h1><p>${esc(send.toAddress)} will receive no more marketing email.</p>`,
        ),
      );
  });

  router.get('/t/o/:token', async (req, res) => {
    const token = verifyToken(secret(), req.params.token.replace(/\.gif$/, ''), 'open', deps.now());
    const em = deps.orm.em.fork();
    const send = token?.s ? await em.findOne(EmailSend, { id: token.s }) : null;
    if (send) await recordEvent(em, send, 'OPEN', { machine: isMachineOpen(publicCaller(req, res).userAgent) });
    res.setHeader('cache-control', 'no-store, private');
    res.type('gif').send(PIXEL);
  });

  router.get('/t/c/:token', async (req, res) => {
    const token = verifyToken(secret(), req.params.token, 'click', deps.now());
    const em = deps.orm.em.fork();
    const send = token?.u && token.s ? await em.findOne(EmailSend, { id: token.s }) : null;
    // Only a link that was in that very email: the redirect is never open to other URLs.
    if (!send || !token?.u || !send.links.includes(token.u)) {
      res.status(404).json(errorEnvelope('NOT_FOUND', 'This link is not valid.', publicCaller(req, res).requestId));
      return;
    }
    await recordEvent(em, send, 'CLICK', { machine: isMachineClick(publicCaller(req, res).userAgent), url: token.u });
    res.setHeader('cache-control', 'no-store');
    res.redirect(302, token.u);
  });

  router.post('/webhooks/esp/sendgrid', async (req, res) => {
    const { requestId } = publicCaller(req, res);
    const key = deps.env.SENDGRID_WEBHOOK_PUBLIC_KEY;
    if (!key) {
      res.status(503).json(errorEnvelope('SERVICE_UNAVAILABLE', 'The SendGrid webhook is not configured.', requestId));
      return;
    }
    const signature = req.header('x-twilio-email-event-webhook-signature') ?? '';
    const timestamp = req.header('x-twilio-email-event-webhook-timestamp') ?? '';
    const raw = publicRawBody(req);
    let valid: boolean;
    try {
      const ew = new EventWebhook();
      valid =
        !!signature &&
        !!timestamp &&
        ew.verifySignature(ew.convertPublicKeyToECDSA(key), raw.toString('utf8'), signature, timestamp);
    } catch {
      valid = false;
    }
    if (!valid) {
      res.status(401).json(errorEnvelope('UNAUTHENTICATED', 'The event signature is not valid.', requestId));
      return;
    }
    let events: unknown;
    try {
      events = JSON.parse(raw.toString('utf8'));
    } catch {
      events = null;
    }
    if (!Array.isArray(events)) {
      res.status(400).json(errorEnvelope('BAD_USER_INPUT', 'The body must be a JSON array of events.', requestId));
      return;
    }
    const result = await applySendgridEvents(deps, events);
    res.status(200).json(result);
  });

  preferenceRoutes(router, deps);
  formRoutes(router, deps);
}
