/**
 * One way every machine-to-machine delivery into ops is handled (n8n actions, TT-API and groups
 * hooks): the shared secret (constant time; 503 while unset, 401 when missing or wrong, never
 * recorded), then the ledger decides: a first delivery is validated and acted on once, a repeat gets
 * the first stored answer (`Idempotent-Replayed: true`), a repeat while the first still runs gets
 * 409, the same key with another body 422. The key is `Idempotency-Key` (or `X-Idempotency-Key`),
 * else SHA-256 of the path and body.
 */
import type { Request, Response } from 'express';
import type { z } from 'zod';
import { errorEnvelope, publicCaller, publicRawBody, secretsEqual, sha256 } from '@nexus/platform';
import type { OpsDeps } from '../context.ts';
import { Delivery, type DeliveryChannel } from '../entities/index.ts';
import { recordAttempt, type DeliveryResult } from '../ledger/ledger.ts';

export const SECRET_HEADER = 'x-webhook-secret';

/** A JSON answer as the ledger stores it. */
export const answer = (status: number, body: unknown, rest: Partial<DeliveryResult> = {}): DeliveryResult => ({
  outcome: status < 300 ? 'SUCCEEDED' : status < 500 ? 'REFUSED' : 'FAILED',
  status,
  response: JSON.stringify(body),
  ...rest,
});

/** The error envelope as a stored answer (4xx REFUSED, 5xx FAILED). */
export const refusal = (status: number, code: string, message: string, requestId: string, details: unknown = null) =>
  answer(status, errorEnvelope(code, message, requestId, details), { error: message });

const send = (res: Response, status: number, body: string | null, replayed = false) => {
  if (replayed) res.setHeader('idempotent-replayed', 'true');
  res
    .status(status)
    .type('application/json')
    .send(body ?? '');
};

/** Refuses unless the header carries the secret; true when the request may go on. */
export function checkSecret(req: Request, res: Response, secret: string | undefined, setting: string): boolean {
  const { requestId } = publicCaller(req, res);
  if (!secret) {
    res
      .status(503)
      .json(errorEnvelope('UPSTREAM_UNAVAILABLE', `This endpoint is not configured (${setting} is unset).`, requestId));
    return false;
  }
  if (!secretsEqual(req.header(SECRET_HEADER), secret)) {
    res
      .status(401)
      .json(errorEnvelope('UNAUTHENTICATED', `The ${SECRET_HEADER} header is missing or wrong.`, requestId));
    return false;
  }
  return true;
}

/** The idempotency key a delivery is recorded under. */
export function deliveryKey(req: Request, raw: Buffer): string | { invalid: string } {
  const given = req.header('idempotency-key') ?? req.header('x-idempotency-key');
  const path = req.path;
  if (given === undefined) return `${path}#${sha256(Buffer.concat([Buffer.from(path), raw]).toString('latin1'))}`;
  if (given.length === 0 || given.length > 255) return { invalid: 'must be 1 to 255 characters' };
  return `${path}#${given}`;
}

export interface InboundSpec<S extends z.ZodType> {
  channel: DeliveryChannel;
  action: string;
  schema: S;
  /** One line for the ledger, from the valid payload. */
  summary(payload: z.infer<S>): string;
  /** The work, once per key; returns the answer stored for every repeat. */
  run(payload: z.infer<S>, delivery: Delivery, requestId: string): Promise<DeliveryResult>;
}

/** Parses and validates the body; an answer when it is not valid. */
export function parseBody<S extends z.ZodType>(
  schema: S,
  raw: Buffer,
  requestId: string,
): { ok: true; payload: z.infer<S> } | { ok: false; result: DeliveryResult } {
  let json: unknown;
  try {
    json = raw.length ? JSON.parse(raw.toString('utf8')) : {};
  } catch {
    return { ok: false, result: refusal(400, 'BAD_USER_INPUT', 'The body is not valid JSON.', requestId) };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, payload: parsed.data };
  const fields = parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
  return { ok: false, result: refusal(400, 'BAD_USER_INPUT', 'The payload is not valid.', requestId, fields) };
}

/** Records and handles one authenticated delivery, answering from the ledger. */
export async function handleInbound<S extends z.ZodType>(
  deps: OpsDeps,
  req: Request,
  res: Response,
  spec: InboundSpec<S>,
) {
  const { requestId } = publicCaller(req, res);
  const raw = publicRawBody(req);
  const key = deliveryKey(req, raw);
  if (typeof key !== 'string') {
    res
      .status(400)
      .json(
        errorEnvelope('BAD_USER_INPUT', 'The idempotency key must be 1 to 255 characters.', requestId, [
          { path: 'Idempotency-Key', message: key.invalid },
        ]),
      );
    return;
  }
  const attempt = await recordAttempt(
    deps,
    { direction: 'IN', channel: spec.channel, key, action: spec.action, summary: `${spec.action}`, body: raw },
    async (delivery) => {
      const parsed = parseBody(spec.schema, raw, requestId);
      if (!parsed.ok) return parsed.result;
      const em = deps.orm.em.fork();
      await em.nativeUpdate(
        Delivery,
        { id: delivery.id },
        { requestSummary: spec.summary(parsed.payload).slice(0, 500) },
      );
      return spec.run(parsed.payload, delivery, requestId);
    },
    // A failure on our side (5xx) is not an answer to keep: the sender's retry runs it again.
    { retryFailed: true },
  );
  const d = attempt.delivery;
  switch (attempt.kind) {
    case 'changed':
      res
        .status(422)
        .json(
          errorEnvelope('BAD_USER_INPUT', 'This idempotency key was already used with a different body.', requestId, [
            { path: 'Idempotency-Key', message: 'already used with a different body' },
          ]),
        );
      return;
    case 'in-flight':
      res
        .status(409)
        .json(
          errorEnvelope(
            'CONFLICT',
            'A request with this idempotency key is still being processed. Retry later.',
            requestId,
          ),
        );
      return;
    case 'repeat':
    case 'ran':
      if (d.responseStatus == null) {
        res
          .status(503)
          .json(errorEnvelope('UPSTREAM_UNAVAILABLE', 'The action could not be completed. Retry later.', requestId));
        return;
      }
      send(res, d.responseStatus, d.responseBody ?? null, attempt.kind === 'repeat');
  }
}
