import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';

/** DKIM signing of outgoing mail (RFC 6376), when the deployment configures a key. */
export interface DkimOptions {
  domainName: string;
  keySelector: string;
  privateKey: string;
}

/** What every subgraph hands to the mail transport: one message, already merged and rendered. */
export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  html?: string;
  text: string;
  replyTo?: string;
  /** `Message-ID` to set (threading, and dedupe at the receiving end); generated when absent. */
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  headers?: Record<string, string>;
  /** Calendar invitations and similar parts (`text/calendar; method=REQUEST`). */
  icalEvent?: { method: string; content: string; filename?: string };
  attachments?: { filename: string; content: Buffer; contentType: string }[];
  /** The envelope sender (Return-Path: where bounces go) when it differs from `from`. */
  returnPath?: string;
  /** Body encoding of the text parts; base64 skips nodemailer's per-message scan (bulk mail). */
  textEncoding?: 'base64' | 'quoted-printable';
  /**
   * Built whole before it goes to SMTP, so it leaves in one socket write instead of one per MIME
   * chunk (bulk mail); DKIM still signs it.
   */
  buffered?: boolean;
}

export interface SentMail {
  messageId: string;
  accepted: string[];
  rejected: string[];
  response: string;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<SentMail>;
  verify(): Promise<boolean>;
  close(): void;
}

/**
 * SMTP through nodemailer to `SMTP_URL` (`smtp://user:pass@host:port`, `smtps://` for implicit TLS).
 * One pooled connection set per process; DKIM signs every message when configured, so the
 * `List-Unsubscribe` headers sit under the signature.
 */
export function createMailTransport(smtpUrl: string, o: { dkim?: DkimOptions; pool?: boolean; maxConnections?: number } = {}): MailTransport {
  const url = new URL(smtpUrl);
  const options: SMTPTransport.Options & { pool?: boolean; maxConnections?: number } = {
    host: url.hostname,
    port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
    secure: url.protocol === 'smtps:',
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    // A local catcher or relay on loopback speaks plain SMTP; anything else must offer STARTTLS.
    ignoreTLS: ['127.0.0.1', 'localhost', '::1'].includes(url.hostname),
    pool: o.pool ?? true,
    maxConnections: o.maxConnections ?? 5,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    dkim: o.dkim,
  };
  const transporter: Transporter<SMTPTransport.SentMessageInfo> = nodemailer.createTransport(options);
  return {
    async send(mail) {
      const message: SendMailOptions = {
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        replyTo: mail.replyTo,
        messageId: mail.messageId,
        inReplyTo: mail.inReplyTo,
        references: mail.references,
        headers: mail.headers,
        icalEvent: mail.icalEvent,
        attachments: mail.attachments,
        envelope: mail.returnPath ? { from: mail.returnPath, to: mail.to } : undefined,
        textEncoding: mail.textEncoding,
      };
      const info = await transporter.sendMail(
        mail.buffered
          ? {
              raw: await new MailComposer(message).compile().build(),
              envelope: { from: mail.returnPath ?? mail.from, to: mail.to },
            }
          : message,
      );
      return {
        messageId: mail.buffered ? (mail.messageId ?? info.messageId) : info.messageId,
        accepted: info.accepted.map(String),
        rejected: info.rejected.map(String),
        response: info.response,
      };
    },
    verify: () => transporter.verify().then(() => true),
    close: () => transporter.close(),
  };
}

/** How a failed SMTP delivery should be treated. */
export type SmtpFailure = 'permanent' | 'transient';

/**
 * SMTP replies by class (RFC 5321 §4.2.1): 5xx is permanent (suppress, never retry), 4xx and
 * connection problems are transient (back off and retry).
 */
export function classifySmtpFailure(error: unknown): { kind: SmtpFailure; code?: number; message: string } {
  const e = error as { responseCode?: number; response?: string; message?: string; code?: string };
  const code = typeof e?.responseCode === 'number' ? e.responseCode : undefined;
  const message = (e?.response ?? e?.message ?? String(error)).slice(0, 500);
  if (code !== undefined && code >= 500 && code < 600) return { kind: 'permanent', code, message };
  return { kind: 'transient', code, message };
}
