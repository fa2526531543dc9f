import type { Router } from 'express';
import { z } from 'zod';
import { errorEnvelope, publicCaller, publicRawBody, secretsEqual } from '@nexus/platform';
import type { MarketingDeps } from '../context.ts';
import { recordReply } from './sequences.service.ts';

const inbound = z.object({
  to: z.union([z.string().min(3), z.array(z.string().min(3)).min(1)]),
  from: z.string().min(3).max(500),
  subject: z.string().max(1000).default(''),
  text: z.string().max(200_000).default(''),
});

/**
 * The inbound-parse webhook of sequence replies: the mail provider posts each message sent to a
 * `reply+<token>@` address as JSON (`to`, `from`, `subject`, `text`) with the shared secret in
 * `x-inbound-secret` (never in the URL).
 */
export function automationPublicRoutes(router: Router, deps: MarketingDeps): void {
  router.post('/webhooks/sequence-replies', async (req, res) => {
    const { requestId } = publicCaller(req, res);
    const secret = deps.env.AUTOMATION_INBOUND_SECRET;
    if (!secret) {
      res
        .status(503)
        .json(errorEnvelope('SERVICE_UNAVAILABLE', 'Sequence replies are not configured on this server.', requestId));
      return;
    }
    if (!secretsEqual(req.get('x-inbound-secret') ?? '', secret)) {
      res.status(401).json(errorEnvelope('UNAUTHENTICATED', 'The inbound secret is missing or wrong.', requestId));
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(publicRawBody(req).toString('utf8'));
    } catch {
      res.status(400).json(errorEnvelope('BAD_USER_INPUT', 'The body must be JSON.', requestId));
      return;
    }
    const parsed = inbound.safeParse(body);
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      res.status(400).json(errorEnvelope('BAD_USER_INPUT', 'The email is not valid.', requestId, details));
      return;
    }
    const m = parsed.data;
    const r = await recordReply(deps, { ...m, to: Array.isArray(m.to) ? m.to : [m.to] });
    res.status(r.outcome === 'unknown' ? 404 : 200).json(r);
  });
}
