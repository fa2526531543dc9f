import type { EntityManager } from '@mikro-orm/postgresql';
import type { EmailEventType, EmailSend } from '../entities/index.ts';

/**
 * Machine activity: mail privacy proxies prefetch every image (Apple Mail Privacy Protection,
 * Gmail's image proxy) and security scanners follow every link. Their opens and clicks are recorded
 * but flagged, so rates, A/B decisions and segments count people.
 */
const MACHINE_OPEN = /GoogleImageProxy|YahooMailProxy|Apple.*Mail.*Privacy|^Mozilla\/5\.0$|bot|crawler|preview/i;
const MACHINE_CLICK =
  /bot|crawler|spider|scanner|barracuda|mimecast|proofpoint|safelinks|urldefense|python-requests|curl|wget|headless/i;

export const isMachineOpen = (ua: string) => !ua || MACHINE_OPEN.test(ua);
export const isMachineClick = (ua: string) => !ua || MACHINE_CLICK.test(ua);

/**
 * Records one event; `providerEventId` makes a redelivered provider event a no-op. Engagement
 * counters on the audience move for human opens and clicks only.
 */
export async function recordEvent(
  em: EntityManager,
  send: EmailSend,
  type: EmailEventType,
  o: { machine: boolean; url?: string; providerEventId?: string; at?: Date },
): Promise<boolean> {
  const rows = await em.execute<{ id: string }[]>(
    `insert into email_event (id, send_id, campaign_id, contact_id, type, url, machine, provider_event_id, created_at)
     values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?) on conflict (provider_event_id) do nothing returning id`,
    [
      send.id,
      send.campaignId ?? null,
      send.contactId ?? null,
      type,
      o.url?.slice(0, 2000) ?? null,
      o.machine,
      o.providerEventId ?? null,
      o.at ?? new Date(),
    ],
  );
  if (!rows.length) return false;
  if (!o.machine && send.contactId && (type === 'OPEN' || type === 'CLICK')) {
    const [count, last] = type === 'OPEN' ? ['opens_count', 'last_open_at'] : ['clicks_count', 'last_click_at'];
    await em.execute(`update audience_member set ${count} = ${count} + 1, ${last} = now() where id = ?`, [
      send.contactId,
    ]);
  }
  return true;
}
