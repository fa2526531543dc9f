import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { escapeHtml } from './html.ts';

/** One message as the catcher received it: the envelope, the raw source and the parsed parts. */
export interface CaughtMail {
  id: number;
  receivedAt: Date;
  envelopeFrom: string;
  envelopeTo: string[];
  raw: string;
  parsed: ParsedMail;
  subject: string;
  messageId: string | undefined;
  headers: Map<string, unknown>;
}

/** The SMTP answer to give one recipient: accept (undefined), or refuse with a reply code. */
export type RecipientVerdict = { code: number; message: string } | undefined;

export interface MailCatcher {
  smtpPort: number;
  /** `smtp://127.0.0.1:<port>` for SMTP_URL. */
  smtpUrl: string;
  /** The inbox page (`http://127.0.0.1:<port>/`), when started with `httpPort`. */
  inboxUrl?: string;
  messages: CaughtMail[];
  /** Set how each recipient is answered (tests: 550 for a dead mailbox, 452 for a full one). */
  judge(fn: (address: string) => RecipientVerdict): void;
  /** Resolves once `count` messages have arrived (or rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<CaughtMail[]>;
  clear(): void;
  close(): Promise<void>;
}


/**
 * A real SMTP server on loopback that keeps what it receives: the development inbox `npm start`
 * runs when no SMTP_URL is configured, and the SMTP peer of the mail tests. It speaks the full
 * protocol (nodemailer's pooled connections, pipelining, per-recipient refusals), so what passes
 * here is what a real relay sees. `keep` bounds memory.
 */
export async function startMailCatcher(o: { port?: number; host?: string; httpPort?: number; keep?: number } = {}): Promise<MailCatcher> {
  const host = o.host ?? '127.0.0.1';
  const keep = o.keep ?? 5_000;
  const messages: CaughtMail[] = [];
  const waiters: { count: number; resolve: (m: CaughtMail[]) => void }[] = [];
  let judge: (address: string) => RecipientVerdict = () => undefined;
  let nextId = 1;

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 25 * 1024 * 1024,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const verdict = judge(address.address.toLowerCase());
      if (!verdict) return callback();
      const err = new Error(verdict.message) as Error & { responseCode: number };
      err.responseCode = verdict.code;
      return callback(err);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            messages.push({
              id: nextId++,
              receivedAt: new Date(),
              envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              envelopeTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
              raw: raw.toString('utf8'),
              parsed,
              subject: parsed.subject ?? '',
              messageId: parsed.messageId,
              headers: parsed.headers,
            });
            if (messages.length > keep) messages.splice(0, messages.length - keep);
            for (const w of [...waiters]) {
              if (messages.length >= w.count) {
                waiters.splice(waiters.indexOf(w), 1);
                w.resolve(messages.slice());
              }
            }
            callback();
          })
          .catch((e: unknown) => callback(e instanceof Error ? e : new Error('unreadable message')));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, host, () => resolve());
  });
  server.on('error', () => undefined);
  const smtpPort = (server.server.address() as AddressInfo).port;

  let inbox: http.Server | undefined;
  let inboxUrl: string | undefined;
  if (o.httpPort !== undefined) {
    inbox = http.createServer((req, res) => {
      const id = /^\/messages\/(\d+)$/.exec(req.url ?? '')?.[1];
      const headers = { 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data: https:", 'x-content-type-options': 'nosniff' };
      if (id) {
        const m = messages.find((x) => x.id === Number(id));
        if (!m) {
          res.writeHead(404, headers).end('Not found');
          return;
        }
        // The message's own HTML is shown as the recipient would see it, without scripts (CSP above).
        res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' });
        res.end(typeof m.parsed.html === 'string' ? m.parsed.html : `<pre>${escapeHtml(m.parsed.text ?? '')}</pre>`);
        return;
      }
      const rows = messages
        .slice()
        .reverse()
        .slice(0, 200)
        .map(
          (m) =>
            `<tr><td>${m.receivedAt.toISOString()}</td><td>${escapeHtml(m.envelopeTo.join(', '))}</td><td><a href="/messages/${m.id}">${escapeHtml(m.subject || '(no subject)')}</a></td></tr>`,
        )
        .join('');
      res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><meta charset="utf-8"><title>Nexus development inbox</title><style>body{font-family:Georgia,serif;background:#0B1120;color:#e8e6df;margin:2rem}a{color:#C9A84C}td{padding:.3rem .8rem;border-bottom:1px solid #243049}</style><h1>Development inbox</h1><p>${messages.length} message(s) caught on smtp://${host}:${smtpPort}. Nothing here left this machine.</p><table><tr><th>received</th><th>to</th><th>subject</th></tr>${rows}</table>`,
      );
    });
    await new Promise<void>((resolve) => inbox?.listen(o.httpPort, host, resolve));
    inboxUrl = `http://${host}:${(inbox.address() as AddressInfo).port}/`;
  }

  return {
    smtpPort,
    smtpUrl: `smtp://${host}:${smtpPort}`,
    inboxUrl,
    messages,
    judge(fn) {
      judge = fn;
    },
    waitFor(count, timeoutMs = 20_000) {
      if (messages.length >= count) return Promise.resolve(messages.slice());
      return new Promise((resolve, reject) => {
        const waiter = { count, resolve };
        waiters.push(waiter);
        setTimeout(() => {
          const i = waiters.indexOf(waiter);
          if (i >= 0) {
            waiters.splice(i, 1);
            reject(new Error(`only ${messages.length} of ${count} messages arrived`));
          }
        }, timeoutMs).unref();
      });
    },
    clear() {
      messages.length = 0;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (inbox) await new Promise<void>((resolve) => inbox?.close(() => resolve()));
    },
  };
}
