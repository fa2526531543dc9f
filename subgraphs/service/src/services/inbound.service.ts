import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { serviceViewer } from '@nexus/platform';
import { Ticket, TicketMessage } from '../entities/index.ts';
import type { ServiceDeps } from '../context.ts';
import { addCustomerMessage, createTicket } from './tickets.service.ts';

/** One inbound email, as the webhook (or the IMAP poller, through mailparser) hands it over. */
export const inboundEmail = z.object({
  from: z.email().max(254),
  fromName: z.string().max(200).nullish(),
  subject: z.string().max(1000).default(''),
  text: z.string().max(100_000).default(''),
  messageId: z.string().max(500).nullish(),
  inReplyTo: z.string().max(500).nullish(),
  references: z.array(z.string().max(500)).max(100).nullish(),
  headers: z.record(z.string(), z.string().max(2000)).nullish(),
});
export type InboundEmail = z.infer<typeof inboundEmail>;

/** RFC 3834 auto-replies, bulk mail and our own mail coming back: never a ticket (mail loops). */
export function isAutomated(m: InboundEmail, ownAddress: string): boolean {
  const h = Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v.toLowerCase()]));
  if (h['auto-submitted'] && h['auto-submitted'] !== 'no') return true;
  if (h['x-autoreply'] || h['x-autorespond'] || h['x-auto-response-suppress']) return true;
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(h.precedence ?? '')) return true;
  if (h['x-nexus-ticket']) return true;
  if (m.from.toLowerCase() === ownAddress.toLowerCase()) return true;
  return /^(mailer-daemon|postmaster|no-?reply)@/i.test(m.from);
}

const INBOUND = serviceViewer('inbound-email', 'AGENT');

/**
 * Threads an email into its ticket (by In-Reply-To/References against the Message-IDs we sent or
 * received, else an `[SR-<n>]` tag in the subject), or opens a new ticket.
 */
export async function receiveEmail(em: EntityManager, deps: ServiceDeps, m: InboundEmail) {
  if (isAutomated(m, deps.env.SERVICE_MAIL_FROM)) return { outcome: 'ignored' as const, ticketId: null };
  if (m.messageId && (await em.count(TicketMessage, { messageId: m.messageId })))
    return { outcome: 'duplicate' as const, ticketId: null };
  const ids = [m.inReplyTo, ...(m.references ?? [])].filter((x): x is string => !!x);
  let ticket: Ticket | null = null;
  if (ids.length) {
    const msg = await em.findOne(TicketMessage, { messageId: { $in: ids } }, { orderBy: { createdAt: 'desc' } });
    if (msg) ticket = await em.findOne(Ticket, { id: msg.ticket.id });
  }
  const tag = /\[SR-(\d{1,9})\]/i.exec(m.subject);
  if (!ticket && tag) ticket = await em.findOne(Ticket, { number: Number(tag[1]) });
  while (ticket?.mergedInto) ticket = await em.findOne(Ticket, { id: ticket.mergedInto.id });
  const a = { viewer: INBOUND, deps };
  const body = m.text.trim() || '(empty message)';
  if (ticket) {
    const r = await addCustomerMessage(em, a, ticket, {
      body,
      from: m.from,
      messageId: m.messageId ?? null,
      subject: m.subject,
    });
    return { outcome: r.followUp ? ('follow-up' as const) : ('appended' as const), ticketId: r.ticket.id };
  }
  const t = await createTicket(
    em,
    a,
    {
      subject: m.subject.trim().slice(0, 300) || '(no subject)',
      description: body.slice(0, 20_000),
      source: 'EMAIL',
      requesterEmail: m.from,
      requesterName: m.fromName ?? null,
    },
    { actor: 'requester', messageId: m.messageId ?? null },
  );
  return { outcome: 'created' as const, ticketId: t.id };
}
