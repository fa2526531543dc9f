import type { MarketingDeps } from '../context.ts';
import { EmailSend, type EmailEventType } from '../entities/index.ts';
import { recordEvent } from './engagement.ts';
import { suppress } from './sending.ts';

/**
 * SendGrid Event Webhook events (already signature-checked). Each is applied once by its
 * `sg_event_id`; the send is found by our Message-ID (or the `nexus_send` custom arg). A "blocked"
 * bounce is read by its classification first: only a real invalid address suppresses.
 */
const TYPES: Record<string, EmailEventType> = {
  delivered: 'DELIVERED',
  open: 'OPEN',
  click: 'CLICK',
  bounce: 'BOUNCE',
  dropped: 'DROPPED',
  deferred: 'DEFERRED',
  spamreport: 'COMPLAINT',
  unsubscribe: 'UNSUBSCRIBE',
  group_unsubscribe: 'UNSUBSCRIBE',
};

type SgEvent = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

export async function applySendgridEvents(
  deps: MarketingDeps,
  events: unknown[],
): Promise<{ applied: number; duplicates: number; ignored: number }> {
  let applied = 0;
  let duplicates = 0;
  let ignored = 0;
  for (const raw of events.slice(0, 1000)) {
    const e = (raw && typeof raw === 'object' ? raw : {}) as SgEvent;
    const type = TYPES[str(e.event) ?? ''];
    const eventId = str(e.sg_event_id);
    const sendId = str(e.nexus_send);
    const messageId = str(e['smtp-id']);
    if (!type || !eventId) {
      ignored++;
      continue;
    }
    const em = deps.orm.em.fork();
    const send =
      sendId && /^[0-9a-f-]{36}$/i.test(sendId)
        ? await em.findOne(EmailSend, { id: sendId })
        : messageId
          ? await em.findOne(EmailSend, { messageId })
          : null;
    if (!send) {
      ignored++;
      continue;
    }
    const isBot = e.sg_machine_open === true || str(e.useragent)?.includes('GoogleImageProxy') === true;
    const fresh = await em.transactional(async (tx) => {
      const inserted = await recordEvent(tx, send, type, {
        machine: isBot,
        url: str(e.url),
        providerEventId: `sendgrid:${eventId}`,
        at: typeof e.timestamp === 'number' ? new Date(e.timestamp * 1000) : undefined,
      });
      if (!inserted) return false;
      const classification = str(e.bounce_classification) ?? '';
      const hard =
        type === 'BOUNCE' && str(e.type) !== 'blocked' && (classification === '' || /invalid/i.test(classification));
      if (hard) await suppress(tx, send.toAddress, 'HARD_BOUNCE', str(e.reason) ?? 'bounce');
      if (type === 'COMPLAINT') await suppress(tx, send.toAddress, 'COMPLAINED', 'spam report');
      if (type === 'UNSUBSCRIBE') await suppress(tx, send.toAddress, 'UNSUBSCRIBED', 'provider unsubscribe');
      return true;
    });
    if (fresh) applied++;
    else duplicates++;
  }
  return { applied, duplicates, ignored };
}
