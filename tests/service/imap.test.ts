import { createRequire } from 'node:module';
import type { AddressInfo, Server } from 'node:net';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@nexus/platform';
import { pollMailbox } from '../../subgraphs/service/src/services/imap.service.ts';
import { as, ok, startService, type Service } from './harness.ts';

/**
 * The IMAP poller against a real IMAP4rev1 server on loopback (hoodiecrow-imap, in memory): real
 * RFC 822 messages are APPENDed with an IMAP client, then the `imap-poll` job files them.
 */
interface ImapServer {
  server: Server;
  listen(port: number, host: string, cb: () => void): void;
  close(cb: () => void): void;
}
const hoodiecrow = createRequire(import.meta.url)('hoodiecrow-imap') as (o: object) => ImapServer;

let imap: ImapServer;
let svc: Service;
let url: string;
const log = createLogger('imap-test');
log.level = 'silent';

beforeAll(async () => {
  imap = hoodiecrow({ plugins: ['IDLE'], storage: { INBOX: { messages: [] } } });
  await new Promise<void>((resolve) => imap.listen(0, '127.0.0.1', resolve));
  url = `imap://testuser:testpass@127.0.0.1:${(imap.server.address() as AddressInfo).port}/INBOX`;
  svc = await startService({ IMAP_URL: url, SERVICE_MAIL_FROM: 'support@traveltamers.test' });
});
afterAll(async () => {
  await svc?.stop();
  await new Promise<void>((resolve) => imap?.close(() => resolve()));
});

const client = () =>
  new ImapFlow({
    host: '127.0.0.1',
    port: Number(new URL(url).port),
    secure: false,
    auth: { user: 'testuser', pass: 'testpass' },
    logger: false,
  });
const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');
async function deliver(...raws: string[]) {
  const c = client();
  await c.connect();
  for (const raw of raws) await c.append('INBOX', crlf(raw));
  await c.logout();
}
async function unseen() {
  const c = client();
  await c.connect();
  const lock = await c.getMailboxLock('INBOX');
  const n = ((await c.search({ seen: false }, { uid: true })) || []).length;
  lock.release();
  await c.logout();
  return n;
}
const poll = () => pollMailbox(svc.deps, url, log);

const NEW_TICKET = `From: "Maria Okafor" <maria.okafor@example.com>
To: support@traveltamers.test
Subject: Hotel in Nairobi cancelled my room
Message-ID: <nairobi-1@mail.example.com>
Date: Tue, 3 Mar 2026 08:12:00 +0000
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

The Sarova hotel says my booking for 12 March is cancelled. Can you re-book =
me somewhere close?
--b1
Content-Type: text/html; charset=utf-8

<p>The Sarova hotel says my booking for 12 March is cancelled.</p>
--b1--
`;
const OUT_OF_OFFICE = `From: colleague@example.com
To: support@traveltamers.test
Subject: Automatic reply: your request
Message-ID: <ooo-1@mail.example.com>
Auto-Submitted: auto-replied
Content-Type: text/plain

I am out of the office until Monday.
`;
const OWN_LOOP = `From: support@traveltamers.test
To: support@traveltamers.test
Subject: [SR-1] bounced back
Message-ID: <loop-1@traveltamers.test>
X-Nexus-Ticket: SR-1
Content-Type: text/plain

Our own reply came back.
`;

describe('IMAP poller', () => {
  it('files a new email as a ticket, ignores auto-replies and loops, and marks everything read', async () => {
    await deliver(NEW_TICKET, OUT_OF_OFFICE, OWN_LOOP);
    expect(await unseen()).toBe(3);
    const counts = await poll();
    expect(counts).toMatchObject({ created: 1, ignored: 2, failed: 0 });
    expect(await unseen()).toBe(0);
    const [t] = await svc.sql<{ subject: string; description: string; requester_email: string; source: string }>(
      `select subject, description, requester_email, source from ticket where requester_email = 'maria.okafor@example.com'`,
    );
    expect(t).toEqual({
      subject: 'Hotel in Nairobi cancelled my room',
      description: 'The Sarova hotel says my booking for 12 March is cancelled. Can you re-book me somewhere close?',
      requester_email: 'maria.okafor@example.com',
      source: 'EMAIL',
    });
    expect(await poll()).toMatchObject({ created: 0, appended: 0, ignored: 0 });
  });

  it('threads the answer to a staff reply into the same ticket by In-Reply-To', async () => {
    const [row] = await svc.sql<{ id: string }>(
      `select id from ticket where requester_email = 'maria.okafor@example.com'`,
    );
    const ticketId = row?.id ?? '';
    // The harness clock stands still unless set: each step gets its own time, as in life.
    svc.setNow(new Date('2026-03-03T10:00:00Z'));
    ok(
      await svc.run(
        'mutation($id: ID!) { addTicketReply(input: { ticketId: $id, body: "We found you a room at the Tribe." }) { id } }',
        { id: ticketId },
        as.advisor,
      ),
    );
    const [sent] = await svc.sql<{ message_id: string }>(
      `select message_id from ticket_message where ticket_id = ? and kind = 'PUBLIC_REPLY'`,
      [ticketId],
    );
    expect(sent?.message_id).toMatch(/^<sr-\d+\./);
    await deliver(`From: Maria Okafor <maria.okafor@example.com>
To: support@traveltamers.test
Subject: Re: [SR-x] Hotel in Nairobi cancelled my room
Message-ID: <nairobi-2@mail.example.com>
In-Reply-To: ${sent?.message_id}
References: <nairobi-1@mail.example.com> ${sent?.message_id}
Content-Type: text/plain; charset=utf-8

Perfect, thank you!
`);
    svc.setNow(new Date('2026-03-03T11:00:00Z'));
    expect(await poll()).toMatchObject({ appended: 1, created: 0 });
    const msgs = await svc.sql<{ kind: string; body: string }>(
      `select kind, body from ticket_message where ticket_id = ? order by created_at, id`,
      [ticketId],
    );
    expect(msgs.map((m) => m.kind)).toEqual(['CUSTOMER_MESSAGE', 'PUBLIC_REPLY', 'CUSTOMER_MESSAGE']);
    expect(msgs.at(-1)?.body).toBe('Perfect, thank you!');
  });

  it('keeps the requester’s emailed PDF on the ticket and leaves out a refused file, saying why', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(300, 0x42), Buffer.from('\n%%EOF\n')]);
    const wrap = (b: Buffer) => b.toString('base64').replace(/.{76}/g, '$&\n');
    await deliver(`From: Tom Lee <tom.lee@example.com>
To: support@traveltamers.test
Subject: Invoice for my Kyoto tour
Message-ID: <kyoto-1@mail.example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="m1"

--m1
Content-Type: text/plain; charset=utf-8

The invoice is attached, and the program too.
--m1
Content-Type: application/pdf; name="invoice.pdf"
Content-Disposition: attachment; filename="invoice.pdf"
Content-Transfer-Encoding: base64

${wrap(pdf)}
--m1
Content-Type: application/x-msdownload; name="program.exe"
Content-Disposition: attachment; filename="program.exe"
Content-Transfer-Encoding: base64

${wrap(Buffer.from('MZ not a program'))}
--m1--
`);
    expect(await poll()).toMatchObject({ created: 1, failed: 0 });
    const [t] = await svc.sql<{ id: string }>(`select id from ticket where requester_email = 'tom.lee@example.com'`);
    const files = await svc.sql<{ filename: string; size: number; uploaded_by: string; storage_key: string }>(
      `select filename, size, uploaded_by, storage_key from ticket_attachment where ticket_id = ?`,
      [t?.id],
    );
    expect(files.map(({ filename, size, uploaded_by }) => ({ filename, size, uploaded_by }))).toEqual([
      { filename: 'invoice.pdf', size: pdf.length, uploaded_by: 'requester' },
    ]);
    expect((await svc.deps.attachments.get(files[0]?.storage_key ?? ''))?.equals(pdf)).toBe(true);
    const refused = await svc.sql<{ changes: { filename: string; reason: string } }>(
      `select changes from ticket_event where ticket_id = ? and action = 'attachment-refused'`,
      [t?.id],
    );
    expect(refused.map((r) => r.changes)).toEqual([
      expect.objectContaining({ filename: 'program.exe', reason: 'application/x-msdownload is not accepted' }),
    ]);
  });
});
