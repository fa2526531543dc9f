import type { EntityManager } from '@mikro-orm/postgresql';
import type { QuoteAcceptedJob } from '@nexus/platform';

/**
 * Attribution, last touch, 30 days: business a contact brings is credited to the campaign whose
 * email that contact last clicked (a human click, not a scanner's) in the 30 days before it. No click
 * in that window: it is recorded without a campaign. Three kinds are credited:
 * - booked travel value: a rise in the contact's booked value (travel's summary, the sum of bookings
 *   not cancelled or refunded);
 * - expected commission: a rise in the gross commission of those bookings (TT-API commission entries);
 * - accepted quotes: a sales quote accepted by the contact, at its accepted total.
 * The first travel summary marketing receives for a contact is its starting point, never a conversion.
 */
export const ATTRIBUTION_WINDOW_DAYS = 30;

/** The contact's last human campaign click in the window before `at`, as a lateral join `e`. */
const LAST_CLICK = `left join lateral (
       select campaign_id, send_id from email_event
       where contact_id = ? and type = 'CLICK' and not machine and campaign_id is not null
         and created_at <= ? and created_at > ?::timestamptz - make_interval(days => ?)
       order by created_at desc limit 1
     ) e on true`;

/** Records a rise in booked value and/or expected commission (either may be 0). */
export async function attributeBooking(
  em: EntityManager,
  contactId: string,
  valueCents: number,
  at: Date,
  commissionCents = 0,
): Promise<void> {
  if (valueCents <= 0 && commissionCents <= 0) return;
  await em.execute(
    `insert into attribution (id, contact_id, campaign_id, send_id, value_cents, commission_cents, occurred_at, created_at)
     select gen_random_uuid(), ?, e.campaign_id, e.send_id, ?, ?, ?, now()
     from (select 1) x ${LAST_CLICK}`,
    [contactId, Math.max(0, valueCents), Math.max(0, commissionCents), at, contactId, at, at, ATTRIBUTION_WINDOW_DAYS],
  );
}

/** Records an accepted quote once (a redelivered message changes nothing). */
export async function attributeQuote(em: EntityManager, msg: QuoteAcceptedJob): Promise<void> {
  const at = new Date(msg.acceptedAt);
  await em.execute(
    `insert into quote_attribution (quote_id, contact_id, campaign_id, send_id, total_cents, accepted_at, created_at)
     select ?, ?, e.campaign_id, e.send_id, ?, ?, now()
     from (select 1) x ${LAST_CLICK}
     on conflict (quote_id) do nothing`,
    [msg.quoteId, msg.contactId, msg.totalCents, at, msg.contactId, at, at, ATTRIBUTION_WINDOW_DAYS],
  );
}

/**
 * A campaign's attributed booked value (Cents), how many booking-value rises made it up, its expected
 * commission (Cents) and its accepted quotes (count and total, Cents).
 */
export async function campaignAttribution(em: EntityManager, campaignId: string) {
  const [row] = await em.execute<
    { cents: string; n: string; commission: string; quotes: string; quote_cents: string }[]
  >(
    `select coalesce(sum(value_cents), 0) as cents, count(*) filter (where value_cents > 0) as n,
       coalesce(sum(commission_cents), 0) as commission,
       (select count(*) from quote_attribution where campaign_id = ?) as quotes,
       (select coalesce(sum(total_cents), 0) from quote_attribution where campaign_id = ?) as quote_cents
     from attribution where campaign_id = ?`,
    [campaignId, campaignId, campaignId],
  );
  return {
    revenueCents: Number(row?.cents ?? 0),
    bookings: Number(row?.n ?? 0),
    commissionCents: Number(row?.commission ?? 0),
    quotes: { count: Number(row?.quotes ?? 0), totalCents: Number(row?.quote_cents ?? 0) },
  };
}
