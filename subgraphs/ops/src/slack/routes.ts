import type { Request, Response, Router } from 'express';
import { QUEUES, enqueue, errorEnvelope, publicCaller, publicRawBody } from '@nexus/platform';
import type { OpsDeps } from '../context.ts';
import type { DeliveryChannel } from '../entities/index.ts';
import { finishDelivery, recordAttempt } from '../ledger/ledger.ts';
import { HELP_TEXT, parseSlackCommand } from './commands.ts';
import { verifySlackRequestOnce, type SlackVerdict } from './verify.ts';

/**
 * Slack's three request URLs, reached through the gateway's REST edge (`/slack/*`, webhooks tier):
 * Events API, slash commands and interactivity. Each request is verified (signature over the raw
 * body, timestamp within five minutes either way, never seen before), recorded in the delivery
 * ledger and acknowledged at once; the work runs on the `slack` queue, which answers slow commands
 * at their `response_url`.
 */

const REFUSALS: Record<Exclude<SlackVerdict, { ok: true }>['reason'], string> = {
  missing: 'The request is not signed by Slack.',
  stale: 'The request is too old.',
  future: 'The request is dated in the future.',
  signature: 'The request signature is not valid.',
  replay: 'This request was already received.',
};

/** The events Nexus acts on; everything else is acknowledged and dropped. */
const HANDLED_EVENTS = new Set(['message', 'app_mention', 'reaction_added']);
/** Message subtypes that are not someone writing in a channel (edits, joins, bot posts). */
const IGNORED_SUBTYPES = new Set([
  'message_changed',
  'message_deleted',
  'bot_message',
  'channel_join',
  'channel_leave',
]);

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Verifies the request; on failure answers it (503 unconfigured, 401 otherwise) and returns false. */
async function verified(deps: OpsDeps, req: Request, res: Response): Promise<boolean> {
  const { requestId } = publicCaller(req, res);
  const secret = deps.env.SLACK_SIGNING_SECRET;
  if (!secret) {
    res
      .status(503)
      .json(errorEnvelope('SERVICE_UNAVAILABLE', 'Slack is not configured (SLACK_SIGNING_SECRET).', requestId));
    return false;
  }
  const verdict = await verifySlackRequestOnce(
    deps.redis,
    deps.env.REDIS_PREFIX,
    secret,
    {
      body: publicRawBody(req),
      signature: req.header('x-slack-signature'),
      timestamp: req.header('x-slack-request-timestamp'),
    },
    deps.clock().getTime(),
  );
  if (verdict.ok) return true;
  deps.log.warn({ requestId, reason: verdict.reason, path: req.path }, 'slack request refused');
  res.status(401).json(errorEnvelope('UNAUTHENTICATED', REFUSALS[verdict.reason], requestId));
  return false;
}

/**
 * Records the delivery and queues its job (first arrival only). A repeat is acknowledged without
 * work; a first arrival whose job could not be queued is marked FAILED and answered 500, so Slack's
 * retry runs it.
 */
async function recordAndQueue(
  deps: OpsDeps,
  o: { channel: DeliveryChannel; key: string; action: string; summary: string; body: Buffer },
  job: 'slack-command' | 'slack-event' | 'slack-interaction',
): Promise<'queued' | 'repeat' | 'failed'> {
  const attempt = await recordAttempt(deps, { direction: 'IN', ...o }, undefined, { retryFailed: true });
  if (attempt.kind !== 'ran') return 'repeat';
  try {
    const em = deps.orm.em.fork();
    enqueue(
      em,
      QUEUES.slack,
      job,
      { deliveryId: attempt.delivery.id },
      { jobId: `${job}:${attempt.delivery.id}:${attempt.delivery.attempts}` },
    );
    await em.flush();
    return 'queued';
  } catch (err) {
    deps.log.error({ err, deliveryId: attempt.delivery.id }, 'slack work not queued');
    await finishDelivery(deps, attempt.delivery.id, { outcome: 'FAILED', status: 500, error: 'not queued' });
    return 'failed';
  }
}

const form = (raw: Buffer) => new URLSearchParams(raw.toString('utf8'));

export function slackPublicRoutes(router: Router, deps: OpsDeps): void {
  router.post('/slack/events', async (req, res) => {
    if (!(await verified(deps, req, res))) return;
    const raw = publicRawBody(req);
    let body: Json;
    try {
      body = obj(JSON.parse(raw.toString('utf8')));
    } catch {
      res
        .status(400)
        .json(errorEnvelope('BAD_USER_INPUT', 'The body must be a JSON event.', publicCaller(req, res).requestId));
      return;
    }
    if (body.type === 'url_verification') {
      res.status(200).json({ challenge: str(body.challenge) });
      return;
    }
    const event = obj(body.event);
    const eventId = str(body.event_id);
    const type = str(event.type);
    const botUsers = Array.isArray(body.authorizations)
      ? body.authorizations
          .map(obj)
          .filter((a) => a.is_bot === true)
          .map((a) => str(a.user_id))
      : [];
    const ownOrBot =
      !!event.bot_id || (!!event.app_id && event.app_id === body.api_app_id) || botUsers.includes(str(event.user));
    if (
      body.type !== 'event_callback' ||
      !eventId ||
      !HANDLED_EVENTS.has(type) ||
      ownOrBot ||
      IGNORED_SUBTYPES.has(str(event.subtype))
    ) {
      res.status(200).json({ ok: true, ignored: true });
      return;
    }
    const channel = str(event.channel) || str(obj(event.item).channel);
    const outcome = await recordAndQueue(
      deps,
      {
        channel: 'SLACK_EVENT',
        key: eventId,
        action: type,
        summary: `${type} in ${channel || 'a channel'} from ${str(event.user) || 'someone'}`,
        body: raw,
      },
      'slack-event',
    );
    if (outcome === 'failed')
      res.status(500).json(errorEnvelope('INTERNAL_SERVER_ERROR', 'Try again.', publicCaller(req, res).requestId));
    else res.status(200).json({ ok: true });
  });

  router.post('/slack/commands', async (req, res) => {
    if (!(await verified(deps, req, res))) return;
    const raw = publicRawBody(req);
    const f = form(raw);
    const text = f.get('text') ?? '';
    const command = parseSlackCommand(text);
    const key = f.get('trigger_id') || `${f.get('user_id') ?? ''}:${req.header('x-slack-request-timestamp') ?? ''}`;
    const summary =
      `${f.get('command') ?? '/nexus'} ${text}`.trim().slice(0, 200) + ` (from ${f.get('user_id') ?? '?'})`;
    if (command.kind === 'help') {
      const answer = {
        response_type: 'ephemeral',
        text: command.problem ? `${command.problem}\n\n${HELP_TEXT}` : HELP_TEXT,
      };
      await recordAttempt(
        deps,
        { direction: 'IN', channel: 'SLACK_COMMAND', key, action: 'help', summary, body: raw },
        async () => ({
          outcome: 'SUCCEEDED',
          status: 200,
          response: JSON.stringify(answer),
          effect: 'help shown',
        }),
      );
      res.status(200).json(answer);
      return;
    }
    const outcome = await recordAndQueue(
      deps,
      { channel: 'SLACK_COMMAND', key, action: command.kind, summary, body: raw },
      'slack-command',
    );
    if (outcome === 'failed') {
      res
        .status(200)
        .json({ response_type: 'ephemeral', text: 'Nexus could not take that right now. Please try again.' });
      return;
    }
    res.status(200).json({
      response_type: 'ephemeral',
      text: outcome === 'repeat' ? 'Already on it.' : 'On it: Nexus will answer here in a moment.',
    });
  });

  router.post('/slack/interactions', async (req, res) => {
    if (!(await verified(deps, req, res))) return;
    const raw = publicRawBody(req);
    let payload: Json;
    try {
      payload = obj(JSON.parse(form(raw).get('payload') ?? ''));
    } catch {
      res
        .status(400)
        .json(
          errorEnvelope('BAD_USER_INPUT', 'The body must carry a JSON `payload`.', publicCaller(req, res).requestId),
        );
      return;
    }
    const action = obj(Array.isArray(payload.actions) ? payload.actions[0] : null);
    const actionId = str(action.action_id);
    if (payload.type !== 'block_actions' || !actionId) {
      res.status(200).send('');
      return;
    }
    const key = str(payload.trigger_id) || `${str(obj(payload.container).message_ts)}:${str(action.action_ts)}`;
    await recordAndQueue(
      deps,
      {
        channel: 'SLACK_INTERACTION',
        key,
        action: actionId,
        summary: `${actionId} ${str(action.value)} (from ${str(obj(payload.user).id) || '?'})`,
        body: raw,
      },
      'slack-interaction',
    );
    res.status(200).send('');
  });
}
