import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  actorOf,
  badInput,
  findConnection,
  notFound,
  parseInput,
  type ConnectionArgs,
  type Viewer,
} from '@nexus/platform';
import { Ticket, TicketAttachment, TicketEvent } from '../entities/index.ts';
import type { ServiceDeps } from '../context.ts';

/** Signed addresses live this long. */
export const LINK_TTL_MS = 5 * 60_000;

const field = (path: string, message: string) => badInput(`${path}: ${message}`, [{ path, message }]);

/** A short-lived token: base64url JSON and its HMAC (the subgraph's internal secret, its own purpose prefix). */
function sign(secret: string, payload: object): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${createHmac('sha256', secret).update(`attachment:${body}`).digest('base64url')}`;
}
function verify<T>(secret: string, token: string, now: Date): T | null {
  const [body, sig] = token.split('.');
  if (!body || !sig) return null;
  const expected = Buffer.from(createHmac('sha256', secret).update(`attachment:${body}`).digest('base64url'));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const p = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { e?: number };
    return typeof p.e === 'number' && p.e > now.getTime() ? (p as T) : null;
  } catch {
    return null;
  }
}

interface UploadClaim {
  k: 'up';
  a: string;
  t: string;
  f: string;
  c: string;
  s: number;
  u: string;
  e: number;
}
interface DownloadClaim {
  k: 'dl';
  a: string;
  e: number;
}

const filename = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(255, 'must be at most 255 characters')
  .refine(
    (f) => !/[\\/]/.test(f) && ![...f].some((c) => c.charCodeAt(0) < 32) && f !== '.' && f !== '..',
    'must be a plain file name (no path)',
  );

/** What the ticket-writing rules allow is checked by the caller (`writableTicket`). */
export function startUpload(
  deps: ServiceDeps,
  viewer: Viewer,
  ticket: Ticket,
  input: { filename: string; contentType: string; size: number },
) {
  const d = parseInput(
    z.object({ filename, contentType: z.string().trim().toLowerCase().max(120), size: z.number().int() }),
    input,
  );
  const max = deps.env.ATTACHMENT_MAX_BYTES;
  if (d.size < 1) throw field('input.size', 'the file is empty');
  if (d.size > max) throw field('input.size', `is over the ${formatBytes(max)} limit`);
  if (!deps.env.ATTACHMENT_TYPES.includes(d.contentType))
    throw field(
      'input.contentType',
      `${d.contentType || 'this type'} is not accepted (${deps.env.ATTACHMENT_TYPES.join(', ')})`,
    );
  const expiresAt = new Date(deps.clock().getTime() + LINK_TTL_MS);
  const claim: UploadClaim = {
    k: 'up',
    a: randomUUID(),
    t: ticket.id,
    f: d.filename,
    c: d.contentType,
    s: d.size,
    u: actorOf(viewer),
    e: expiresAt.getTime(),
  };
  return {
    uploadUrl: `/attachments/upload/${sign(deps.env.INTERNAL_TOKEN_SECRET, claim)}`,
    expiresAt,
    maxBytes: max,
  };
}

export const formatBytes = (n: number) =>
  n >= 1024 * 1024
    ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB`
    : n >= 1024
      ? `${Math.round(n / 1024)} KB`
      : `${n} bytes`;

/** The file's first bytes must agree with the type it claims (a renamed executable is not a PDF). */
export function contentMatches(contentType: string, bytes: Buffer): boolean {
  const starts = (...b: number[]) => b.every((x, i) => bytes[i] === x);
  switch (contentType) {
    case 'image/png':
      return starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
    case 'image/jpeg':
      return starts(0xff, 0xd8, 0xff);
    case 'image/gif':
      return bytes.subarray(0, 4).toString('latin1') === 'GIF8';
    case 'image/webp':
      return bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP';
    case 'application/pdf':
      return bytes.subarray(0, 5).toString('latin1') === '%PDF-';
    case 'application/vnd.openxmlformats-officedocument.wordprocessingml.document':
    case 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet':
    case 'application/zip':
      return starts(0x50, 0x4b, 0x03, 0x04);
    default:
      if (contentType.startsWith('text/')) {
        if (bytes.includes(0)) return false;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
          return true;
        } catch {
          return false;
        }
      }
      return true;
  }
}

export type UploadOutcome =
  | { ok: true; attachment: TicketAttachment }
  | {
      ok: false;
      status: number;
      code: 'UNAUTHENTICATED' | 'BAD_USER_INPUT' | 'CONFLICT' | 'NOT_FOUND';
      message: string;
      path?: string;
    };

/**
 * The upload address's handler: the token names the ticket, file name, type and size the mutation
 * accepted; the bytes must be exactly that size and look like that type. Stored first, then
 * recorded (a failed insert removes the bytes), so a row never points at nothing.
 */
export async function receiveUpload(
  em: EntityManager,
  deps: ServiceDeps,
  token: string,
  bytes: Buffer,
): Promise<UploadOutcome> {
  const claim = verify<UploadClaim>(deps.env.INTERNAL_TOKEN_SECRET, token, deps.clock());
  if (!claim || claim.k !== 'up')
    return {
      ok: false,
      status: 401,
      code: 'UNAUTHENTICATED',
      message: 'This upload address is not valid or has expired.',
    };
  if (bytes.length !== claim.s)
    return {
      ok: false,
      status: 400,
      code: 'BAD_USER_INPUT',
      message: `The file is ${bytes.length} bytes; ${claim.s} were announced.`,
      path: 'body',
    };
  if (bytes.length > deps.env.ATTACHMENT_MAX_BYTES)
    return { ok: false, status: 400, code: 'BAD_USER_INPUT', message: 'The file is over the limit.', path: 'body' };
  if (!contentMatches(claim.c, bytes))
    return {
      ok: false,
      status: 400,
      code: 'BAD_USER_INPUT',
      message: `The file is not a valid ${claim.c} file.`,
      path: 'body',
    };
  if (await em.count(TicketAttachment, { id: claim.a }))
    return { ok: false, status: 409, code: 'CONFLICT', message: 'This upload address was already used.' };
  const ticket = await em.findOne(Ticket, { id: claim.t });
  if (!ticket) return { ok: false, status: 404, code: 'NOT_FOUND', message: 'The ticket no longer exists.' };
  const r = await storeAttachment(em, deps, ticket, {
    id: claim.a,
    filename: claim.f,
    contentType: claim.c,
    bytes,
    uploadedBy: claim.u,
  });
  if (!r) return { ok: false, status: 409, code: 'CONFLICT', message: 'This upload address was already used.' };
  return { ok: true, attachment: r };
}

/**
 * Stores the bytes, then records the attachment and a history line in one flush (a failed insert
 * removes the bytes again), so a row never points at nothing. Null when that id already exists.
 */
export async function storeAttachment(
  em: EntityManager,
  deps: ServiceDeps,
  ticket: Ticket,
  f: { id?: string; filename: string; contentType: string; bytes: Buffer; uploadedBy: string },
): Promise<TicketAttachment | null> {
  const id = f.id ?? randomUUID();
  const key = `${ticket.id}/${id}`;
  await deps.attachments.put(key, f.bytes, f.contentType);
  try {
    const a = em.create(TicketAttachment, {
      id,
      ticket,
      filename: f.filename,
      contentType: f.contentType,
      size: f.bytes.length,
      storageKey: key,
      sha256: createHash('sha256').update(f.bytes).digest('hex'),
      uploadedBy: f.uploadedBy,
      createdAt: deps.clock(),
    });
    em.create(TicketEvent, {
      ticket,
      actor: f.uploadedBy,
      action: 'attached',
      changes: { attachmentId: a.id, filename: a.filename, size: a.size },
      createdAt: deps.clock(),
    });
    ticket.updatedAt = deps.clock();
    await em.flush();
    return a;
  } catch (e) {
    await deps.attachments.delete(key).catch(() => undefined);
    if ((e as { code?: string }).code === '23505') return null;
    throw e;
  }
}

/** Why an emailed file is refused (size, type, content), or null when it is accepted. */
export function refusal(deps: ServiceDeps, f: { filename: string; contentType: string; bytes: Buffer }): string | null {
  if (!f.bytes.length) return 'the file is empty';
  if (f.bytes.length > deps.env.ATTACHMENT_MAX_BYTES)
    return `over the ${formatBytes(deps.env.ATTACHMENT_MAX_BYTES)} limit`;
  if (!deps.env.ATTACHMENT_TYPES.includes(f.contentType)) return `${f.contentType} is not accepted`;
  if (!contentMatches(f.contentType, f.bytes)) return `not a valid ${f.contentType} file`;
  if (!filename.safeParse(f.filename).success) return 'not a plain file name';
  return null;
}

/**
 * The requester's emailed files (IMAP): each accepted one is stored like an upload; a refused one
 * is left out and the history says which and why, so the agent can ask for it another way.
 */
export async function attachEmailed(
  em: EntityManager,
  deps: ServiceDeps,
  ticketId: string,
  files: { filename: string; contentType: string; bytes: Buffer }[],
) {
  if (!files.length) return;
  const ticket = await em.findOneOrFail(Ticket, { id: ticketId });
  for (const f of files.slice(0, 20)) {
    const why = refusal(deps, f);
    if (why) {
      em.create(TicketEvent, {
        ticket,
        actor: 'requester',
        action: 'attachment-refused',
        changes: { filename: f.filename.slice(0, 255), size: f.bytes.length, reason: why },
        createdAt: deps.clock(),
      });
      await em.flush();
      continue;
    }
    await storeAttachment(em, deps, ticket, { ...f, uploadedBy: 'requester' });
  }
}

/** A signed download address for an attachment (issued by a resolver that checked the viewer may read the ticket). */
export const downloadUrl = (deps: ServiceDeps, a: Pick<TicketAttachment, 'id'>) =>
  `/attachments/${a.id}/${sign(deps.env.INTERNAL_TOKEN_SECRET, { k: 'dl', a: a.id, e: deps.clock().getTime() + LINK_TTL_MS } satisfies DownloadClaim)}`;

export async function download(em: EntityManager, deps: ServiceDeps, id: string, token: string) {
  const claim = verify<DownloadClaim>(deps.env.INTERNAL_TOKEN_SECRET, token, deps.clock());
  if (!claim || claim.k !== 'dl' || claim.a !== id) return null;
  const a = await em.findOne(TicketAttachment, { id });
  if (!a) return null;
  const bytes = await deps.attachments.get(a.storageKey);
  return bytes ? { attachment: a, bytes } : null;
}

export const listAttachments = (em: EntityManager, ticketId: string, args: ConnectionArgs) =>
  findConnection(em, TicketAttachment, { ticket: ticketId }, args, [{ createdAt: 'asc' }, { id: 'asc' }]);

export async function removeAttachment(
  em: EntityManager,
  deps: ServiceDeps,
  viewer: Viewer,
  id: string,
): Promise<string> {
  if (!z.uuid().safeParse(id).success) throw field('id', 'must be a valid id');
  const a = await em.findOne(TicketAttachment, { id });
  if (!a) throw notFound('Attachment', id);
  em.create(TicketEvent, {
    ticket: a.ticket,
    actor: actorOf(viewer),
    action: 'attachment-removed',
    changes: { attachmentId: a.id, filename: a.filename },
    createdAt: deps.clock(),
  });
  em.remove(a);
  await em.flush();
  await deps.attachments.delete(a.storageKey);
  return id;
}
