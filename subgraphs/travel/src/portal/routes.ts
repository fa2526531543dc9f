import type { Router } from 'express';
import { errorEnvelope, publicCaller, publicRawBody } from '@nexus/platform';
import type { TravelDeps } from '../context.ts';
import { settleCheckout } from './payments.service.ts';
import { VAULT_PREFIX, fileForLink, linkValid } from './vault.service.ts';

/**
 * The portal's REST doors, reached through the gateway's REST edge: vault downloads by signed
 * link (`/portal-files/:id?exp=&sig=`) and Stripe's signed events (`/webhooks/stripe`).
 */
export function portalRoutes(router: Router, deps: TravelDeps) {
  router.get(`${VAULT_PREFIX}/:id`, async (req, res) => {
    const { requestId } = publicCaller(req, res);
    const exp = typeof req.query.exp === 'string' ? req.query.exp : '';
    const sig = typeof req.query.sig === 'string' ? req.query.sig : '';
    const gone = () =>
      res
        .status(404)
        .json(
          errorEnvelope(
            'NOT_FOUND',
            'This download link is not valid or has expired: open the file again from the portal.',
            requestId,
          ),
        );
    if (!linkValid(deps.env.INTERNAL_TOKEN_SECRET, req.params.id, exp, sig)) return gone();
    const file = await fileForLink(deps.orm.em.fork(), req.params.id);
    if (!file) return gone();
    const name = file.fileName.replace(/[^\p{L}\p{N}._-]+/gu, '-') || 'document';
    res
      .status(200)
      .set('cache-control', 'private, no-store')
      .set('x-robots-tag', 'noindex')
      .set('content-disposition', `attachment; filename="${encodeURIComponent(name)}"`)
      .type(file.contentType)
      .send(Buffer.from(file.content));
  });

  router.post('/webhooks/stripe', async (req, res) => {
    const { requestId } = publicCaller(req, res);
    const secret = deps.env.STRIPE_WEBHOOK_SECRET;
    if (!deps.stripe || !secret) {
      res.status(503).json(errorEnvelope('SERVICE_UNAVAILABLE', 'Stripe is not configured here.', requestId));
      return;
    }
    let event;
    try {
      event = deps.stripe.webhooks.constructEvent(publicRawBody(req), req.header('stripe-signature') ?? '', secret);
    } catch {
      res.status(401).json(errorEnvelope('UNAUTHENTICATED', 'The Stripe signature does not match.', requestId));
      return;
    }
    const outcome = await settleCheckout(deps.tt, event, deps.log);
    res.status(200).json({ received: true, ...outcome });
  });
}
