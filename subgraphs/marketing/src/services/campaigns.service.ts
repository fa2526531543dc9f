import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  badInput,
  conflict,
  findConnection,
  enqueue,
  notFound,
  parseInput,
  QUEUES,
  zId,
  zName,
  type ConnectionArgs,
  type Viewer,
} from '@nexus/platform';
import {
  AudienceMember,
  Campaign,
  EmailTemplate,
  Segment,
  SUBSCRIPTION_TYPES,
  TemplateVersion,
  type CampaignStatus,
} from '../entities/index.ts';
import type { MarketingDeps } from '../context.ts';
import { MERGE_VARIABLES, SAMPLE_CONTACT, renderEmail, sanitizeBody, isMjml, validateTemplate } from './render.ts';
import { mergeContactOf, queueSends } from './sending.ts';
import { MissingSecret } from './tokens.ts';

const templateInput = z.object({
  name: zName,
  subject: z.string().trim().min(1, { message: 'is required' }).max(300),
  preheader: z.string().max(300).default(''),
  body: z.string().min(1, { message: 'is required' }).max(200_000),
});

const cleanBody = (body: string) => (isMjml(body) ? body : sanitizeBody(body));

export async function createTemplate(em: EntityManager, viewer: Viewer, input: unknown): Promise<EmailTemplate> {
  const data = parseInput(templateInput, input);
  await validateTemplate(data);
  const template = em.create(EmailTemplate, {
    ...data,
    body: cleanBody(data.body),
    version: 1,
    createdBy: viewer.id ?? null,
  });
  em.create(TemplateVersion, {
    templateId: template.id,
    version: 1,
    subject: data.subject,
    preheader: data.preheader,
    body: template.body,
  });
  await em.flush();
  return template;
}

const updateTemplateInput = templateInput.partial().extend({ id: zId });
export async function updateTemplate(em: EntityManager, input: unknown): Promise<EmailTemplate> {
  const { id, ...data } = parseInput(updateTemplateInput, input);
  const template = await em.findOne(EmailTemplate, { id });
  if (!template) throw notFound('EmailTemplate', id);
  const next = {
    subject: data.subject ?? template.subject,
    preheader: data.preheader ?? template.preheader,
    body: data.body !== undefined ? cleanBody(data.body) : template.body,
  };
  await validateTemplate(next);
  em.assign(template, { ...next, ...(data.name ? { name: data.name } : {}), version: template.version + 1 });
  em.create(TemplateVersion, { templateId: id, version: template.version, ...next });
  await em.flush();
  return template;
}

export const listTemplates = (em: EntityManager, args: ConnectionArgs) =>
  findConnection(em, EmailTemplate, {}, args, [{ name: 'asc' }, { id: 'asc' }]);

export const templateVariables = () => [...MERGE_VARIABLES];

const contentInput = z.object({
  subject: z.string().max(300),
  preheader: z.string().max(300).nullish(),
  body: z.string().max(200_000),
});

/** Unsaved content merged for a contact, as the editor's live preview; errors name the field. */
export async function previewContent(
  deps: MarketingDeps,
  em: EntityManager,
  input: unknown,
  contactId?: string | null,
) {
  const data = parseInput(contentInput, input);
  const member = contactId ? await em.findOne(AudienceMember, { id: contactId }) : null;
  return renderEmail(
    { subject: data.subject, preheader: data.preheader ?? '', body: cleanBody(data.body) },
    {
      contact: member ? mergeContactOf(member) : SAMPLE_CONTACT,
      campaignName: 'Preview',
      postalAddress: deps.env.MARKETING_POSTAL_ADDRESS,
      unsubscribeUrl: `${deps.env.PUBLIC_URL}/unsubscribe/preview`,
    },
    { footer: true },
  );
}

/** The template merged for one contact of the audience (or the sample contact), as it would be sent. */
export async function previewTemplate(
  deps: MarketingDeps,
  em: EntityManager,
  templateId: string,
  contactId?: string | null,
) {
  const template = await em.findOne(EmailTemplate, { id: templateId });
  if (!template) throw notFound('EmailTemplate', templateId);
  const member = contactId ? await em.findOne(AudienceMember, { id: contactId }) : null;
  if (contactId && !member)
    throw badInput('No such contact in the audience.', [{ path: 'contactId', message: 'is not a known contact' }]);
  return renderEmail(
    template,
    {
      contact: member ? mergeContactOf(member) : SAMPLE_CONTACT,
      campaignName: 'Preview',
      postalAddress: deps.env.MARKETING_POSTAL_ADDRESS,
      unsubscribeUrl: `${deps.env.PUBLIC_URL}/unsubscribe/preview`,
    },
    { footer: true },
  );
}

const variantInput = z.object({
  key: z.string().regex(/^[A-Z]$/, { message: 'must be one capital letter' }),
  subject: z.string().max(300).default(''),
  percent: z.number().int().min(1).max(100),
});
const campaignInput = z.object({
  name: zName,
  templateId: zId,
  segmentIds: z.array(zId).min(1, { message: 'needs at least one segment or list' }).max(20),
  promotional: z.boolean().default(true),
  subscriptionType: z.enum(SUBSCRIPTION_TYPES).default('NEWSLETTER'),
  variants: z.array(variantInput).max(5).default([]),
  testPercent: z.number().int().min(1).max(100).default(100),
  testWindowMinutes: z
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(240),
  sendLocalTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time of day, HH:MM (24-hour)' })
    .nullish(),
  utmEnabled: z.boolean().default(true),
  utmSource: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[\w.-]+$/, { message: 'may hold letters, digits, _ . - only' })
    .default('nexus'),
  utmMedium: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[\w.-]+$/, { message: 'may hold letters, digits, _ . - only' })
    .default('email'),
  utmCampaign: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[\w.-]+$/, { message: 'may hold letters, digits, _ . - only' })
    .nullish(),
});

export async function createCampaign(em: EntityManager, viewer: Viewer, input: unknown): Promise<Campaign> {
  const data = parseInput(campaignInput, input);
  if (data.variants.length) {
    const sum = data.variants.reduce((n, v) => n + v.percent, 0);
    if (sum !== 100)
      throw badInput('Variant percentages must add up to 100.', [
        { path: 'input.variants', message: `add up to ${sum}, not 100` },
      ]);
    if (new Set(data.variants.map((v) => v.key)).size !== data.variants.length)
      throw badInput('Variant keys must differ.', [{ path: 'input.variants', message: 'has a repeated key' }]);
  }
  if (!(await em.findOne(EmailTemplate, { id: data.templateId })))
    throw badInput('No such template.', [{ path: 'input.templateId', message: 'is not a template' }]);
  const segments = await em.count(Segment, { id: { $in: data.segmentIds } });
  if (segments !== new Set(data.segmentIds).size)
    throw badInput('A segment does not exist.', [{ path: 'input.segmentIds', message: 'names an unknown segment' }]);
  const campaign = em.create(Campaign, { ...data, ownerId: viewer.kind === 'user' ? viewer.id : null });
  await em.flush();
  return campaign;
}

async function audienceSize(em: EntityManager, segmentIds: string[], type: string): Promise<number> {
  const rows = await em.execute<{ n: string }[]>(
    `select count(distinct lower(a.email)) as n from audience_member a join segment_member sm on sm.contact_id = a.id
     where sm.segment_id = any(?::uuid[]) and a.deleted_at is null and a.email is not null and a.email_status in ('SUBSCRIBED','PENDING')
       and not exists (select 1 from suppression s where s.email = lower(a.email))
       and not exists (select 1 from email_preference p where p.email = lower(a.email) and ? = any(p.left_types))`,
    [`{${segmentIds.join(',')}}`, type],
  );
  return Number(rows[0]?.n ?? 0);
}

const scheduleInput = z.object({ id: zId, sendAt: z.coerce.date().optional() });

/** Schedules a draft for `sendAt` (now when absent): due now, it starts at once; later, the 60 s checker starts it. */
export async function scheduleCampaign(deps: MarketingDeps, em: EntityManager, input: unknown): Promise<Campaign> {
  const data = parseInput(scheduleInput, input);
  if (!deps.env.UNSUBSCRIBE_SECRET) throw new MissingSecret();
  const now = deps.now();
  if (data.sendAt && data.sendAt.getTime() < now.getTime() - 60_000)
    throw badInput('The send time is in the past.', [{ path: 'input.sendAt', message: 'must not be in the past' }]);
  const campaign = await em.findOne(Campaign, { id: data.id });
  if (!campaign) throw notFound('Campaign', data.id);
  if (campaign.status !== 'DRAFT' && campaign.status !== 'SCHEDULED')
    throw conflict(`The campaign is ${campaign.status.toLowerCase()}; only drafts can be scheduled.`);
  if ((await audienceSize(em, campaign.segmentIds, campaign.subscriptionType)) === 0)
    throw badInput('The audience is empty (after suppression).', [
      { path: 'input.id', message: 'has no one to send to' },
    ]);
  const sendAt = data.sendAt ?? now;
  campaign.status = 'SCHEDULED';
  campaign.sendAt = sendAt;
  // Due now: start it at once rather than at the next minute's check (the check still catches it if
  // this job is lost; the start is a guarded status change, so the two never start it twice).
  if (sendAt.getTime() <= now.getTime())
    enqueue(
      em,
      QUEUES.marketing,
      'campaign-start',
      { campaignId: campaign.id },
      { jobId: `start:${campaign.id}:${now.getTime()}` },
    );
  await em.flush();
  return campaign;
}

async function transition(
  em: EntityManager,
  id: unknown,
  from: CampaignStatus[],
  to: CampaignStatus,
): Promise<Campaign> {
  const campaignId = parseInput(zId, id, 'id');
  const campaign = await em.findOne(Campaign, { id: campaignId });
  if (!campaign) throw notFound('Campaign', campaignId);
  if (!from.includes(campaign.status))
    throw conflict(`A ${campaign.status.toLowerCase()} campaign cannot be ${to.toLowerCase()}.`);
  campaign.status = to;
  await em.flush();
  return campaign;
}

export const pauseCampaign = (em: EntityManager, id: unknown) => transition(em, id, ['SENDING', 'SCHEDULED'], 'PAUSED');
export const cancelCampaign = (em: EntityManager, id: unknown) =>
  transition(em, id, ['DRAFT', 'SCHEDULED', 'PAUSED', 'SENDING'], 'CANCELLED');

/** Resumes a paused campaign: the rows still queued get fresh jobs (their old ones have finished). */
export async function resumeCampaign(em: EntityManager, id: unknown): Promise<Campaign> {
  return em.transactional(async (tx) => {
    const campaign = await transition(tx, id, ['PAUSED'], 'SENDING');
    campaign.errorCount = 0;
    await tx.flush();
    await queueSends(tx, campaign.id, `resume-${Date.now()}`);
    return campaign;
  });
}

export async function deleteCampaign(em: EntityManager, id: unknown): Promise<Campaign> {
  const campaignId = parseInput(zId, id, 'id');
  const campaign = await em.findOne(Campaign, { id: campaignId });
  if (!campaign) throw notFound('Campaign', campaignId);
  if (campaign.status === 'SENDING') throw conflict('Pause or cancel a campaign before deleting it.');
  campaign.deletedAt = new Date();
  await em.flush();
  return campaign;
}

export function listCampaigns(
  em: EntityManager,
  args: ConnectionArgs & { filter?: { status?: CampaignStatus | null } | null },
) {
  const where = args.filter?.status ? { status: args.filter.status } : {};
  return findConnection(em, Campaign, where, args, [{ createdAt: 'desc' }, { id: 'desc' }]);
}

export interface CampaignStatsRow {
  variant: string | null;
  sent: number;
  delivered: number;
  opens: number;
  uniqueOpens: number;
  clicks: number;
  uniqueClicks: number;
  bounces: number;
  complaints: number;
  unsubscribes: number;
}

/** Statistics from human activity (machine opens and clicks are recorded but not counted); unique = once per message. */
export async function campaignStats(em: EntityManager, campaignId: string): Promise<CampaignStatsRow[]> {
  return em.execute<CampaignStatsRow[]>(
    `select s.variant,
       count(*) filter (where s.status = 'SENT')::int as sent,
       count(*) filter (where s.status = 'SENT' and not exists (select 1 from email_event b where b.send_id = s.id and b.type in ('BOUNCE','DROPPED')))::int as delivered,
       coalesce(sum((select count(*) from email_event e where e.send_id = s.id and e.type = 'OPEN' and not e.machine)), 0)::int as opens,
       count(*) filter (where exists (select 1 from email_event e where e.send_id = s.id and e.type = 'OPEN' and not e.machine))::int as "uniqueOpens",
       coalesce(sum((select count(*) from email_event e where e.send_id = s.id and e.type = 'CLICK' and not e.machine)), 0)::int as clicks,
       count(*) filter (where exists (select 1 from email_event e where e.send_id = s.id and e.type = 'CLICK' and not e.machine))::int as "uniqueClicks",
       count(*) filter (where exists (select 1 from email_event e where e.send_id = s.id and e.type = 'BOUNCE') or s.status = 'FAILED')::int as bounces,
       count(*) filter (where exists (select 1 from email_event e where e.send_id = s.id and e.type = 'COMPLAINT'))::int as complaints,
       count(*) filter (where exists (select 1 from email_event e where e.send_id = s.id and e.type = 'UNSUBSCRIBE'))::int as unsubscribes
     from email_send s where s.campaign_id = ? group by s.variant order by s.variant nulls first`,
    [campaignId],
  );
}

/** The A/B winner by human unique clicks, with a minimum sample; variant A when inconclusive. */
export function pickWinner(rows: CampaignStatsRow[], minClicks = 5): string {
  const ranked = rows
    .filter((r) => r.variant)
    .sort((a, b) => b.uniqueClicks - a.uniqueClicks || (a.variant ?? '').localeCompare(b.variant ?? ''));
  const [best, second] = ranked;
  if (!best || best.uniqueClicks < minClicks || (second && second.uniqueClicks === best.uniqueClicks)) return 'A';
  return best.variant ?? 'A';
}
