import { ImapFlow } from 'imapflow';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { Logger } from '@nexus/platform';
import type { ServiceDeps } from '../context.ts';
import { inboundEmail, receiveEmail, type InboundEmail } from './inbound.service.ts';
import { attachEmailed } from '../attachments/attachments.service.ts';

/** Where `IMAP_URL` points: `imap://user:pass@host:143/INBOX` (plain) or `imaps://...:993/...` (TLS). */
export function imapTarget(url: string) {
  const u = new URL(url);
  const secure = u.protocol === 'imaps:';
  if (!secure && u.protocol !== 'imap:') throw new Error('IMAP_URL must start with imap:// or imaps://');
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 993 : 143,
    secure,
    auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) },
    mailbox: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'INBOX',
  };
}

const headerText = (v: unknown): string | null => {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(headerText).filter(Boolean).join(', ');
  if (v && typeof v === 'object' && 'text' in v && typeof v.text === 'string') return v.text;
  if (v && typeof v === 'object' && 'value' in v && typeof v.value === 'string') return v.value;
  return null;
};
const firstAddress = (a: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(a) ? a[0] : a)?.value.find((x) => x.address);

/**
 * An RFC 822 message as the inbound contract reads it: sender, threading ids and the headers that
 * reveal auto-replies and loops (Auto-Submitted, Precedence, X-Autoreply, our own X-Nexus-Ticket).
 * Null when it has no usable sender (bounces without From are ignored, never ticketed).
 */
export function toInbound(mail: ParsedMail): InboundEmail | null {
  const sender = firstAddress(mail.from);
  const headers: Record<string, string> = {};
  for (const [k, v] of mail.headers) {
    const text = headerText(v);
    if (text !== null) headers[k] = text.slice(0, 2000);
  }
  const refs = typeof mail.references === 'string' ? [mail.references] : (mail.references ?? []);
  const parsed = inboundEmail.safeParse({
    from: sender?.address,
    fromName: sender?.name || null,
    subject: mail.subject ?? '',
    text: (mail.text ?? '').slice(0, 100_000),
    messageId: mail.messageId ?? null,
    inReplyTo: mail.inReplyTo ?? null,
    references: refs.slice(-100),
    headers,
  });
  return parsed.success ? parsed.data : null;
}

/** Parses one raw message and hands it to the same threading as the webhook. */
export async function receiveRaw(deps: ServiceDeps, raw: Buffer | string) {
  const mail = await simpleParser(raw);
  const m = toInbound(mail);
  if (!m) return { outcome: 'ignored' as const, ticketId: null };
  const em = deps.orm.em.fork();
  const r = await receiveEmail(em, deps, m);
  // The requester's files (not inline images of an HTML body) go on the ticket the mail landed on.
  const files = (mail.attachments ?? [])
    .filter((a) => a.contentDisposition !== 'inline' || !a.related)
    .map((a) => ({
      filename: (a.filename ?? 'attachment').slice(0, 255),
      contentType: (a.contentType ?? 'application/octet-stream').toLowerCase(),
      bytes: a.content,
    }));
  if (r.ticketId && (r.outcome === 'created' || r.outcome === 'appended' || r.outcome === 'follow-up'))
    await attachEmailed(em, deps, r.ticketId, files);
  return r;
}

/**
 * One pass over the mailbox (the repeatable `imap-poll` job): every unseen message becomes a
 * ticket or a reply, then is flagged \Seen, including ignored ones (auto-replies, loops), so a
 * mail loop never feeds itself. A message that fails stays unseen and is retried next pass.
 */
export async function pollMailbox(deps: ServiceDeps, url: string, log: Logger) {
  const target = imapTarget(url);
  const client = new ImapFlow({ ...target, logger: false, socketTimeout: 30_000 });
  client.on('error', (e: unknown) => log.warn({ err: e }, 'IMAP connection error'));
  const counts = { created: 0, appended: 0, 'follow-up': 0, ignored: 0, duplicate: 0, failed: 0 };
  await client.connect();
  try {
    const lock = await client.getMailboxLock(target.mailbox);
    try {
      const uids = (await client.search({ seen: false }, { uid: true })) || [];
      if (!uids.length) return counts;
      const raws: { uid: number; source: Buffer }[] = [];
      for await (const msg of client.fetch(uids, { uid: true, source: true }, { uid: true }))
        if (msg.source) raws.push({ uid: msg.uid, source: msg.source });
      for (const { uid, source } of raws) {
        try {
          const r = await receiveRaw(deps, source);
          counts[r.outcome] += 1;
          await client.messageFlagsAdd([uid], ['\\Seen'], { uid: true });
        } catch (e) {
          counts.failed += 1;
          log.warn({ err: e, uid }, 'an inbound message could not be filed; it stays unseen');
        }
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return counts;
}
