import { createHash } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { Logger } from '@nexus/platform';
import type { MarketingDeps } from '../context.ts';
import { EmailSend } from '../entities/index.ts';
import { recordEvent } from './engagement.ts';
import { suppress } from './sending.ts';

/**
 * Delivery status notifications (RFC 3464 `multipart/report; report-type=delivery-status`) from
 * the bounce mailbox (BOUNCE_IMAP_URL; MAIL_BOUNCE_ADDRESS is the Return-Path that sends them
 * there). The rule, per recipient block:
 * - hard: `Action: failed` with status 5.1.x (no such address) or 5.2.1 (mailbox disabled): the
 *   address is suppressed and the contact marked BOUNCED, as a 5xx SMTP reply does;
 * - blocked: any other 5.x.x (policy, content, reputation): a bounce is counted, nobody is
 *   suppressed (the address itself is fine; the classification comes before suppression);
 * - soft: 4.x.x or `Action: delayed`: a deferral is recorded, nothing more.
 * The original email is found by its `X-Nexus-Send` header or its Message-ID in the returned
 * headers, and the recipient must be the one it went to. A notice polled twice applies once.
 */

export type BounceClass = 'hard' | 'blocked' | 'soft';
export interface DsnRecipient {
  recipient: string;
  action: string;
  status: string;
  diagnostic: string | null;
  kind: BounceClass;
}
export interface Dsn {
  /** The notice's own Message-ID (or a hash of its bytes), which makes a redelivery a no-op. */
  id: string;
  sendId: string | null;
  originalMessageId: string | null;
  recipients: DsnRecipient[];
}

export function classifyDsnStatus(action: string, status: string): BounceClass {
  const a = action.toLowerCase();
  if (a === 'delayed' || status.startsWith('4')) return 'soft';
  if (/^5\.1\.\d+$/.test(status) || status === '5.2.1') return 'hard';
  return 'blocked';
}

/** `Field: value` pairs of one header-style block (continuation lines folded in). */
function fields(block: string): Map<string, string> {
  const out = new Map<string, string>();
  let last: string | null = null;
  for (const line of block.split(/\r?\n/)) {
    if (/^\s/.test(line) && last) {
      out.set(last, `${out.get(last) ?? ''} ${line.trim()}`);
      continue;
    }
    const m = /^([A-Za-z][\w-]*):\s*(.*)$/.exec(line);
    if (!m?.[1]) continue;
    last = m[1].toLowerCase();
    if (!out.has(last)) out.set(last, (m[2] ?? '').trim());
  }
  return out;
}

const address = (v: string | undefined) =>
  (v ?? '')
    .replace(/^[\w-]+;\s*/, '')
    .replace(/^<|>$/g, '')
    .trim()
    .toLowerCase();

/**
 * Reads a parsed message as a DSN; null when it is not one. mailparser gives the
 * `message/delivery-status` part as text and the returned headers (`text/rfc822-headers`) or
 * message (`message/rfc822`) as an attachment.
 */
export function readDsn(mail: ParsedMail, raw: Buffer): Dsn | null {
  const type = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  if (
    type?.value?.toLowerCase() !== 'multipart/report' ||
    type.params?.['report-type']?.toLowerCase() !== 'delivery-status'
  )
    return null;
  const recipients: DsnRecipient[] = [];
  for (const block of (mail.text ?? '').split(/\r?\n\s*\r?\n/)) {
    const f = fields(block);
    const recipient = address(f.get('final-recipient') ?? f.get('original-recipient'));
    const status = /\d\.\d{1,3}\.\d{1,3}/.exec(f.get('status') ?? '')?.[0];
    const action = f.get('action');
    if (!recipient || !status || !action) continue;
    recipients.push({
      recipient,
      action: action.toLowerCase(),
      status,
      diagnostic: f.get('diagnostic-code')?.slice(0, 400) ?? null,
      kind: classifyDsnStatus(action, status),
    });
  }
  if (!recipients.length) return null;
  const returned = mail.attachments.find((a) =>
    /^(text\/rfc822-headers|message\/rfc822|message\/global)/i.test(a.contentType),
  );
  const original = returned
    ? fields(returned.content.toString('utf8').split(/\r?\n\r?\n/)[0] ?? '')
    : new Map<string, string>();
  const sendId =
    original.get('x-nexus-send') ?? /^X-Nexus-Send:\s*([0-9a-f-]{36})/im.exec(raw.toString('utf8'))?.[1] ?? null;
  return {
    id: mail.messageId ?? createHash('sha256').update(raw).digest('base64url'),
    sendId: sendId && /^[0-9a-f-]{36}$/i.test(sendId) ? sendId.toLowerCase() : null,
    originalMessageId: original.get('message-id') ?? null,
    recipients,
  };
}

export type BounceOutcome = 'hard' | 'blocked' | 'soft' | 'duplicate' | 'unmatched' | 'ignored';

/** Applies one raw message from the bounce mailbox; each recipient block counts once. */
export async function applyBounceMessage(deps: MarketingDeps, raw: Buffer): Promise<BounceOutcome[]> {
  const dsn = readDsn(await simpleParser(raw), raw);
  if (!dsn) return ['ignored'];
  const em = deps.orm.em.fork();
  const send = dsn.sendId
    ? await em.findOne(EmailSend, { id: dsn.sendId })
    : dsn.originalMessageId
      ? await em.findOne(EmailSend, { messageId: dsn.originalMessageId })
      : null;
  const outcomes: BounceOutcome[] = [];
  for (const r of dsn.recipients) {
    // A notice about an address the email did not go to changes nothing.
    if (!send || send.toAddress !== r.recipient) {
      outcomes.push('unmatched');
      continue;
    }
    const fresh = await em.transactional(async (tx) => {
      const inserted = await recordEvent(tx, send, r.kind === 'soft' ? 'DEFERRED' : 'BOUNCE', {
        machine: false,
        providerEventId: `dsn:${dsn.id}:${r.recipient}`.slice(0, 200),
      });
      if (inserted && r.kind === 'hard')
        await suppress(tx, r.recipient, 'HARD_BOUNCE', `${r.status} ${r.diagnostic ?? 'delivery failed'}`);
      return inserted;
    });
    outcomes.push(fresh ? r.kind : 'duplicate');
  }
  return outcomes;
}

/** `imap://user:pass@host:143/INBOX` or `imaps://...:993/...`. */
function imapTarget(url: string) {
  const u = new URL(url);
  const secure = u.protocol === 'imaps:';
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 993 : 143,
    secure,
    auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) },
    mailbox: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'INBOX',
  };
}

/**
 * One pass over the bounce mailbox (the repeatable `bounce-poll` job): every unseen message is read
 * and flagged \Seen, DSN or not; one that fails to apply stays unseen and is tried next pass.
 */
export async function pollBounceMailbox(deps: MarketingDeps, url: string, log: Logger) {
  const target = imapTarget(url);
  const client = new ImapFlow({ ...target, logger: false, socketTimeout: 30_000 });
  client.on('error', (e: unknown) => log.warn({ err: e }, 'bounce mailbox connection error'));
  const counts: Record<BounceOutcome | 'failed', number> = {
    hard: 0,
    blocked: 0,
    soft: 0,
    duplicate: 0,
    unmatched: 0,
    ignored: 0,
    failed: 0,
  };
  await client.connect();
  try {
    const lock = await client.getMailboxLock(target.mailbox);
    try {
      const uids = (await client.search({ seen: false }, { uid: true })) || [];
      const raws: { uid: number; source: Buffer }[] = [];
      if (uids.length)
        for await (const msg of client.fetch(uids, { uid: true, source: true }, { uid: true }))
          if (msg.source) raws.push({ uid: msg.uid, source: msg.source });
      for (const { uid, source } of raws) {
        try {
          for (const o of await applyBounceMessage(deps, source)) counts[o] += 1;
          await client.messageFlagsAdd([uid], ['\\Seen'], { uid: true });
        } catch (e) {
          counts.failed += 1;
          log.warn({ err: e, uid }, 'a bounce notice could not be applied; it stays unseen');
        }
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  if (counts.hard || counts.blocked || counts.soft) log.info(counts, 'bounce mailbox read');
  return counts;
}
