import { createHmac } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  badInput,
  findConnection,
  notFound,
  parseInput,
  zId,
  zLine,
  zText,
  type ConnectionArgs,
  type FieldProblem,
  type Viewer,
} from '@nexus/platform';
import {
  Form,
  LANDING_PAGE_BLOCK_TYPES,
  LandingPage,
  UTM_KEYS,
  type LandingPageBlockDef,
  type LandingPageStatus,
  type Utm,
} from './forms.entity.ts';
import { zHttpUrl } from './forms.service.ts';

/**
 * Landing pages (M-06): blocks, a unique slug, draft or published, unique visitors and conversions
 * (submissions of the page's embedded forms sent from the page, over unique visitors) by UTM.
 */

const zSlug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'must be lower-case letters, digits and single hyphens' })
  .max(100, { message: 'must be at most 100 characters' });
/** A button's address: a web address or an anchor on the page. */
const zLink = z.union([
  zHttpUrl,
  z.string().regex(/^#[A-Za-z0-9_-]{1,60}$/, { message: 'must be an http(s) URL or #anchor' }),
]);

const blockInput = z
  .object({
    type: z.enum(LANDING_PAGE_BLOCK_TYPES),
    heading: zLine(200).nullish(),
    text: zText(5000).nullish(),
    imageUrl: zHttpUrl.nullish(),
    alt: zLine(300).nullish(),
    formId: zId.nullish(),
    buttonLabel: zLine(60).nullish(),
    buttonUrl: zLink.nullish(),
  })
  .transform((b): LandingPageBlockDef => ({
    type: b.type,
    heading: b.heading?.trim() || null,
    text: b.text?.trim() || null,
    imageUrl: b.imageUrl ?? null,
    alt: b.alt ?? null,
    formId: b.formId ?? null,
    buttonLabel: b.buttonLabel?.trim() || null,
    buttonUrl: b.buttonUrl ?? null,
  }));

const shape = {
  name: zLine(200).pipe(z.string().trim().min(1, { message: 'is required' })),
  slug: zSlug,
  title: zLine(200).pipe(z.string().trim().min(1, { message: 'is required' })),
  description: zLine(500).nullish(),
  ogImageUrl: zHttpUrl.nullish(),
  blocks: z.array(blockInput).max(50, { message: 'at most 50 blocks' }),
};
const createInput = z.object(shape);
const updateInput = z.object(shape).partial().extend({ id: zId });

async function checkBlocks(em: EntityManager, blocks: LandingPageBlockDef[]) {
  const problems: FieldProblem[] = [];
  const formIds = blocks.flatMap((b) => (b.type === 'FORM' && b.formId ? [b.formId] : []));
  const known = new Set((await em.find(Form, { id: { $in: formIds } }, { fields: ['id'] })).map((f) => f.id));
  blocks.forEach((b, i) => {
    const at = `input.blocks.${i}`;
    if (b.type === 'IMAGE' && !b.imageUrl)
      problems.push({ path: `${at}.imageUrl`, message: 'an image block needs an image URL' });
    if (b.type === 'IMAGE' && !b.alt)
      problems.push({ path: `${at}.alt`, message: 'describe the image for people who cannot see it' });
    if (b.type === 'FORM' && !b.formId) problems.push({ path: `${at}.formId`, message: 'a form block needs a form' });
    if (b.type === 'FORM' && b.formId && !known.has(b.formId))
      problems.push({ path: `${at}.formId`, message: 'no such form' });
    if (b.type === 'CTA' && !b.buttonUrl)
      problems.push({ path: `${at}.buttonUrl`, message: 'a call to action needs a button URL' });
    if ((b.type === 'TEXT' || b.type === 'FOOTER') && !b.text)
      problems.push({ path: `${at}.text`, message: 'is required' });
  });
  if (problems.length)
    throw badInput(
      problems.length === 1 ? `${problems[0]?.path}: ${problems[0]?.message}` : 'Some blocks are not valid.',
      problems,
    );
}

async function checkSlug(em: EntityManager, slug: string, id?: string) {
  const taken = await em.count(LandingPage, { slug, ...(id ? { id: { $ne: id } } : {}) });
  if (taken)
    throw badInput(`input.slug: ${slug} is taken by another landing page`, [
      { path: 'input.slug', message: `${slug} is taken by another landing page` },
    ]);
}

/** A unique-index violation on the slug (two saves racing) is the same clear error. */
async function flushSlug(em: EntityManager, slug: string) {
  try {
    await em.flush();
  } catch (err) {
    if (err instanceof Error && /landing_page_slug_live_unique/.test(err.message))
      throw badInput(`input.slug: ${slug} is taken by another landing page`, [
        { path: 'input.slug', message: `${slug} is taken by another landing page` },
      ]);
    throw err;
  }
}

export async function createLandingPage(em: EntityManager, viewer: Viewer, input: unknown) {
  const d = parseInput(createInput, input);
  await checkBlocks(em, d.blocks);
  await checkSlug(em, d.slug);
  const page = em.create(LandingPage, {
    name: d.name,
    slug: d.slug,
    title: d.title,
    description: d.description ?? null,
    ogImageUrl: d.ogImageUrl ?? null,
    blocks: d.blocks,
    status: 'DRAFT',
    createdById: viewer.kind === 'user' ? viewer.id : null,
  });
  await flushSlug(em, d.slug);
  return page;
}

export async function updateLandingPage(em: EntityManager, input: unknown) {
  const d = parseInput(updateInput, input);
  if (d.blocks) await checkBlocks(em, d.blocks);
  const page = await em.findOne(LandingPage, { id: d.id });
  if (!page) throw notFound('LandingPage', d.id);
  if (d.slug && d.slug !== page.slug) await checkSlug(em, d.slug, page.id);
  if (d.name) page.name = d.name;
  if (d.slug) page.slug = d.slug;
  if (d.title) page.title = d.title;
  if (d.description !== undefined) page.description = d.description ?? null;
  if (d.ogImageUrl !== undefined) page.ogImageUrl = d.ogImageUrl ?? null;
  if (d.blocks) page.blocks = d.blocks;
  await flushSlug(em, page.slug);
  return page;
}

export async function setLandingPageStatus(em: EntityManager, id: unknown, status: LandingPageStatus, now: Date) {
  const pageId = parseInput(zId, id, 'id');
  const page = await em.findOne(LandingPage, { id: pageId });
  if (!page) throw notFound('LandingPage', pageId);
  if (status === 'PUBLISHED' && page.blocks.length === 0)
    throw badInput('A page needs at least one block before it is published.', [
      { path: 'id', message: 'the page has no blocks' },
    ]);
  page.status = status;
  if (status === 'PUBLISHED') page.publishedAt = now;
  await em.flush();
  return page;
}

export async function deleteLandingPage(em: EntityManager, id: unknown) {
  const pageId = parseInput(zId, id, 'id');
  const page = await em.findOne(LandingPage, { id: pageId });
  if (!page) throw notFound('LandingPage', pageId);
  page.deletedAt = new Date();
  page.status = 'DRAFT';
  await em.flush();
  return page;
}

export function listLandingPages(
  em: EntityManager,
  args: ConnectionArgs & { filter?: { search?: string | null; status?: LandingPageStatus | null } | null },
) {
  const search = args.filter?.search?.trim().slice(0, 200);
  const like = search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = {
    ...(like ? { $or: [{ name: { $ilike: like } }, { title: { $ilike: like } }, { slug: { $ilike: like } }] } : {}),
    ...(args.filter?.status ? { status: args.filter.status } : {}),
  };
  return findConnection(em, LandingPage, where, args, [{ updatedAt: 'desc' }, { id: 'desc' }]);
}

export const landingPageUrl = (publicUrl: string, slug: string) =>
  `${publicUrl.replace(/\/$/, '')}/lp/${encodeURIComponent(slug)}`;

/** The UTM parameters of a request's query string. */
export function utmOf(query: Record<string, unknown>): Utm {
  const utm: Utm = {};
  for (const k of UTM_KEYS) {
    const v = query[`utm_${k}`];
    if (typeof v === 'string' && v.trim()) utm[k] = v.trim().slice(0, 200);
  }
  return utm;
}

/** A visitor's keyed hash: the same address and browser count once per page; the address is never stored. */
export const visitorHash = (secret: string, pageId: string, ip: string, userAgent: string) =>
  createHmac('sha256', secret).update(`${pageId}\n${ip}\n${userAgent}`).digest('hex');

/** Counts a view: the first one of a visitor adds them (with that view's UTM); later ones change nothing. */
export async function recordView(em: EntityManager, pageId: string, hash: string, utm: Utm, now: Date) {
  await em.execute(
    `insert into landing_page_visitor (id, landing_page_id, visitor_hash, utm, first_seen_at)
     values (gen_random_uuid(), ?, ?, ?, ?) on conflict (landing_page_id, visitor_hash) do nothing`,
    [pageId, hash, JSON.stringify(utm), now],
  );
}

export interface UtmStat {
  source: string | null;
  medium: string | null;
  campaign: string | null;
  uniqueViews: number;
  conversions: number;
  conversionRate: number;
}

const rate = (conversions: number, views: number) =>
  views > 0 ? Math.round((conversions / views) * 10_000) / 10_000 : 0;

/** Unique views and conversions, in all and by UTM source/medium/campaign. */
export async function landingPageStats(em: EntityManager, pageId: string) {
  const rows = await em.execute<
    { source: string | null; medium: string | null; campaign: string | null; views: string; conversions: string }[]
  >(
    // Grouped on '' for a missing parameter, since a full join needs plain equality.
    `with v as (select coalesce(utm->>'source', '') as source, coalesce(utm->>'medium', '') as medium,
                       coalesce(utm->>'campaign', '') as campaign, count(*) as n
                from landing_page_visitor where landing_page_id = ? group by 1, 2, 3),
          s as (select coalesce(utm->>'source', '') as source, coalesce(utm->>'medium', '') as medium,
                       coalesce(utm->>'campaign', '') as campaign, count(*) as n
                from form_submission where landing_page_id = ? group by 1, 2, 3)
     select nullif(coalesce(v.source, s.source), '') as source, nullif(coalesce(v.medium, s.medium), '') as medium,
            nullif(coalesce(v.campaign, s.campaign), '') as campaign, coalesce(v.n, 0) as views, coalesce(s.n, 0) as conversions
     from v full join s on v.source = s.source and v.medium = s.medium and v.campaign = s.campaign
     order by views desc, conversions desc, 1 nulls first`,
    [pageId, pageId],
  );
  const byUtm: UtmStat[] = rows.map((r) => ({
    source: r.source,
    medium: r.medium,
    campaign: r.campaign,
    uniqueViews: Number(r.views),
    conversions: Number(r.conversions),
    conversionRate: rate(Number(r.conversions), Number(r.views)),
  }));
  const uniqueViews = byUtm.reduce((n, r) => n + r.uniqueViews, 0);
  const conversions = byUtm.reduce((n, r) => n + r.conversions, 0);
  return { uniqueViews, conversions, conversionRate: rate(conversions, uniqueViews), byUtm };
}
