import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { classifySmtpFailure } from '@nexus/platform';
import type { MarketingDeps } from '../context.ts';
import { AudienceMember, EmailSend, EmailTemplate } from '../entities/index.ts';
import { preferencesLink } from '../services/preferences.ts';
import { renderEmail } from '../services/render.ts';
import { effectiveSendRate, loadSettings, sendDecision } from '../services/send-policy.ts';
import { acquireSendSlot } from '../services/throttle.ts';
import { isSuppressed, mergeContactOf, suppress, unsubscribeUrl } from '../services/sending.ts';
import { signToken } from '../services/tokens.ts';

/**
 * One workflow or sequence email to one contact, through the marketing pipeline: the audience
 * projection's address, suppression and email status, the send policy (quiet hours and the
 * frequency cap, which counts campaign and automation emails together), the compliance footer with
 * its signed one-click unsubscribe, open and click tracking, and SMTP. One send row per dedupe key,
 * so a repeated step never sends twice.
 */

export type MailOutcome =
  | { kind: 'sent'; sendId: string }
  | { kind: 'skipped'; reason: string }
  | { kind: 'deferred'; until: Date; reason: string };

/** The audience projection has not received the contact yet (crm's feed is asynchronous): try again. */
export class ContactNotReady extends Error {}
/** A temporary SMTP failure: the step is retried. */
export class MailTemporaryFailure extends Error {}

const DAY_MS = 86_400_000;
const domainOf = (from: string) => /@([^>\s]+)/.exec(from)?.[1] ?? 'nexus.local';

export const replyAddress = (deps: MarketingDeps, token: string) =>
  `reply+${token}@${deps.env.AUTOMATION_REPLY_DOMAIN ?? domainOf(deps.env.MAIL_FROM)}`;

export async function sendAutomationEmail(
  deps: MarketingDeps,
  em: EntityManager,
  o: {
    contactId: string;
    /** The contact's projection row when the caller has it (one read less). */
    member?: AudienceMember | null;
    dedupeKey: string;
    content: { templateId?: string | null; subject?: string | null; body?: string | null };
    label: string;
    replyTo?: string;
  },
): Promise<MailOutcome> {
  const now = deps.now();
  const previous = await em.findOne(EmailSend, { dedupeKey: o.dedupeKey });
  if (previous?.status === 'SENT') return { kind: 'sent', sendId: previous.id };
  if (previous && previous.status !== 'QUEUED') return { kind: 'skipped', reason: previous.lastError ?? 'not sent' };
  const member = o.member ?? (await em.findOne(AudienceMember, { id: o.contactId }, { filters: false }));
  if (!member || (member.deletedAt && !member.erasedAt))
    throw new ContactNotReady('marketing has not received this contact from crm yet');
  if (member.erasedAt) return { kind: 'skipped', reason: 'contact erased' };
  if (!member.email) return { kind: 'skipped', reason: 'no email address' };
  if (member.emailStatus !== 'SUBSCRIBED' && member.emailStatus !== 'PENDING')
    return { kind: 'skipped', reason: `email status ${member.emailStatus.toLowerCase()}` };
  if (await isSuppressed(em, member.email, false)) return { kind: 'skipped', reason: 'suppressed' };
  const settings = await loadSettings(em);
  const decision = await sendDecision(em, { ...settings, frequencyCapCount: null }, member, {
    promotional: false,
    notBefore: null,
    now,
  });
  if (decision.action === 'defer') return { kind: 'deferred', until: decision.until, reason: decision.reason };
  if (decision.action === 'skip') return { kind: 'skipped', reason: decision.reason };
  if (settings.frequencyCapCount !== null) {
    const [row] = await em.execute<{ n: string }[]>(
      `select count(*) as n from email_send where contact_id = ? and kind in ('CAMPAIGN','AUTOMATION') and status = 'SENT' and sent_at > ?`,
      [member.id, new Date(now.getTime() - settings.frequencyCapDays * DAY_MS)],
    );
    if (Number(row?.n ?? 0) >= settings.frequencyCapCount) return { kind: 'skipped', reason: 'frequency cap' };
  }
  let parts = { subject: o.content.subject ?? '', preheader: '', body: o.content.body ?? '' };
  if (o.content.templateId) {
    const t = await em.findOne(EmailTemplate, { id: o.content.templateId }, { filters: false });
    if (!t) return { kind: 'skipped', reason: 'template not found' };
    parts = { subject: o.content.subject || t.subject, preheader: t.preheader, body: t.body };
  }
  if (!parts.body.includes('<'))
    parts.body = parts.body
      .split(/\n{2,}/)
      .map((p) => `<p>${p.replace(/\n/g, '<br/>')}</p>`)
      .join('');
  if (!deps.mail) throw new MailTemporaryFailure('SMTP_URL is not configured');
  const sendId = previous?.id ?? randomUUID();
  const messageId = `<${sendId}@${domainOf(deps.env.MAIL_FROM)}>`;
  if (!previous)
    await em.execute(
      `insert into email_send (id, kind, contact_id, to_address, dedupe_key, status, attempts, links, subject, message_id, created_at)
       values (?, 'AUTOMATION', ?, ?, ?, 'QUEUED', 0, '[]', ?, ?, now()) on conflict (dedupe_key) do nothing`,
      [sendId, member.id, member.email.toLowerCase(), o.dedupeKey, parts.subject.slice(0, 300), messageId],
    );
  const base = deps.env.PUBLIC_URL.replace(/\/$/, '');
  const secret = deps.env.UNSUBSCRIBE_SECRET;
  const unsubscribe = unsubscribeUrl(deps, sendId);
  const rendered = await renderEmail(
    parts,
    {
      contact: mergeContactOf(member),
      campaignName: o.label,
      postalAddress: deps.env.MARKETING_POSTAL_ADDRESS,
      unsubscribeUrl: unsubscribe,
      preferencesUrl: preferencesLink(deps, { s: sendId }),
    },
    {
      footer: true,
      trackLink: (url) => `${base}/t/c/${signToken(secret, { p: 'click', s: sendId, u: url }, now)}`,
      path: 'step',
    },
  );
  const pixel = `${base}/t/o/${signToken(secret, { p: 'open', s: sendId }, now)}`;
  // The same sending rate as campaigns (overall and per receiving domain): one reputation.
  await acquireSendSlot(deps, member.email, effectiveSendRate(settings, deps.env.MARKETING_SEND_RATE, now));
  try {
    await deps.mail.send({
      from: deps.env.MAIL_FROM,
      to: member.email,
      subject: rendered.subject,
      html: rendered.html.replace(
        /<\/body>/i,
        `<img src="${pixel}" width="1" height="1" alt="" style="display:none"></body>`,
      ),
      text: rendered.text,
      messageId,
      replyTo: o.replyTo,
      returnPath: deps.env.MAIL_BOUNCE_ADDRESS,
      headers: {
        'List-Unsubscribe': `<${unsubscribe}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'X-Nexus-Send': sendId,
      },
    });
  } catch (err) {
    const failure = classifySmtpFailure(err);
    if (failure.kind === 'permanent') {
      await suppress(em, member.email, 'HARD_BOUNCE', failure.message);
      await em.execute(`update email_send set status = 'FAILED', last_error = ? where id = ?`, [
        failure.message,
        sendId,
      ]);
      return { kind: 'skipped', reason: `bounced: ${failure.message}` };
    }
    await em.execute(`update email_send set attempts = attempts + 1, last_error = ? where id = ?`, [
      failure.message,
      sendId,
    ]);
    throw new MailTemporaryFailure(`SMTP: ${failure.message}`);
  }
  await em.execute(
    `update email_send set status = 'SENT', sent_at = ?, attempts = attempts + 1, links = ?::jsonb where id = ?`,
    [now, JSON.stringify(rendered.links), sendId],
  );
  await em.execute(`update audience_member set sends_count = sends_count + 1 where id = ?`, [member.id]);
  return { kind: 'sent', sendId };
}
