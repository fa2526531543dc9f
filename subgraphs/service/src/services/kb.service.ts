import { z } from 'zod';
import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FilterQuery } from '@mikro-orm/core';
import {
  badInput,
  findConnection,
  notFound,
  parseInput,
  zId,
  zLine,
  zTags,
  zText,
  type ConnectionArgs,
} from '@nexus/platform';
import {
  ARTICLE_STATUSES,
  ARTICLE_VISIBILITIES,
  KbArticle,
  KbArticleVersion,
  KbCategory,
  type ArticleStatus,
} from '../entities/index.ts';

/** Markdown to HTML with scripts, event handlers and `javascript:` links removed. */
export function renderMarkdown(md: string): string {
  const html = marked.parse(md, { async: false, gfm: true });
  return sanitizeHtml(html, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'h1', 'h2'],
    allowedAttributes: { a: ['href', 'title'], img: ['src', 'alt', 'title'] },
    allowedSchemes: ['http', 'https', 'mailto'],
  });
}

export const slugify = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120) || 'article';

async function uniqueSlug(em: EntityManager, base: string) {
  let slug = base;
  for (let i = 2; await em.count(KbArticle, { slug }); i++) slug = `${base}-${i}`;
  return slug;
}

const field = (path: string, message: string) => badInput(`${path}: ${message}`, [{ path, message }]);

export async function createCategory(em: EntityManager, input: unknown) {
  const d = parseInput(
    z.object({ name: zLine(120).pipe(z.string().min(1, 'is required')), position: z.number().int().min(0).nullish() }),
    input,
  );
  if (await em.count(KbCategory, { $or: [{ name: d.name }, { slug: slugify(d.name) }] }))
    throw field('input.name', 'is taken');
  const c = em.create(KbCategory, { name: d.name, slug: slugify(d.name), position: d.position ?? 0 });
  await em.flush();
  return c;
}

const articleFields = {
  title: zLine(200).pipe(z.string().min(1, 'is required')),
  bodyMarkdown: zText(100_000),
  visibility: z.enum(ARTICLE_VISIBILITIES).nullish(),
  categoryId: zId.nullish(),
  tags: zTags.nullish(),
};

async function category(em: EntityManager, id: string | null | undefined) {
  if (!id) return null;
  const c = await em.findOne(KbCategory, { id });
  if (!c) throw field('input.categoryId', 'no such category');
  return c;
}

export async function createArticle(em: EntityManager, authorId: string | null, input: unknown) {
  const d = parseInput(z.object(articleFields), input);
  const a = em.create(KbArticle, {
    slug: await uniqueSlug(em, slugify(d.title)),
    title: d.title,
    bodyMarkdown: d.bodyMarkdown,
    bodyHtml: renderMarkdown(d.bodyMarkdown),
    visibility: d.visibility ?? 'INTERNAL',
    category: await category(em, d.categoryId),
    tags: d.tags ?? [],
  });
  em.create(KbArticleVersion, { article: a, version: 1, title: a.title, bodyMarkdown: a.bodyMarkdown, authorId });
  await em.flush();
  return a;
}

export async function updateArticle(em: EntityManager, authorId: string | null, input: unknown) {
  const d = parseInput(z.object({ id: zId, ...z.object(articleFields).partial().shape }), input);
  const a = await em.findOne(KbArticle, { id: d.id });
  if (!a) throw notFound('Article', d.id);
  if (d.categoryId !== undefined) a.category = (await category(em, d.categoryId)) as never;
  if (d.visibility) a.visibility = d.visibility;
  if (d.tags) a.tags = d.tags;
  if (d.title != null || d.bodyMarkdown != null) {
    a.title = d.title ?? a.title;
    a.bodyMarkdown = d.bodyMarkdown ?? a.bodyMarkdown;
    a.bodyHtml = renderMarkdown(a.bodyMarkdown);
    a.version += 1;
    em.create(KbArticleVersion, {
      article: a,
      version: a.version,
      title: a.title,
      bodyMarkdown: a.bodyMarkdown,
      authorId,
    });
  }
  await em.flush();
  return a;
}

export async function setArticleStatus(em: EntityManager, input: unknown, now: Date) {
  const d = parseInput(z.object({ id: zId, status: z.enum(ARTICLE_STATUSES) }), input);
  const a = await em.findOne(KbArticle, { id: d.id });
  if (!a) throw notFound('Article', d.id);
  a.status = d.status;
  if (d.status === 'PUBLISHED') a.publishedAt ??= now;
  await em.flush();
  return a;
}

export interface ArticleListArgs extends ConnectionArgs {
  filter?: {
    statuses?: ArticleStatus[] | null;
    visibility?: 'INTERNAL' | 'PUBLIC' | null;
    categoryId?: string | null;
    search?: string | null;
  } | null;
  orderBy?: { field: 'TITLE' | 'UPDATED_AT'; direction?: 'ASC' | 'DESC' | null } | null;
}

export async function listArticles(em: EntityManager, args: ArticleListArgs) {
  const f = args.filter ?? {};
  const where: FilterQuery<KbArticle>[] = [];
  if (f.statuses?.length) where.push({ status: { $in: f.statuses } });
  if (f.visibility) where.push({ visibility: f.visibility });
  if (f.categoryId) where.push({ category: f.categoryId });
  const search = f.search?.trim();
  if (search) {
    const ids = await searchArticleIds(em, search, false, 100);
    where.push({ id: { $in: ids } });
  }
  const dir = args.orderBy?.direction === 'DESC' ? ('desc' as const) : ('asc' as const);
  return findConnection(em, KbArticle, { $and: where }, args, [
    args.orderBy?.field === 'UPDATED_AT' ? { updatedAt: dir } : { title: dir },
    { id: dir },
  ]);
}

/** Article ids matching a search, best first; `publicOnly` keeps published public articles only. */
export async function searchArticleIds(
  em: EntityManager,
  search: string,
  publicOnly: boolean,
  limit: number,
): Promise<string[]> {
  const rows = await em.getConnection().execute<{ id: string }[]>(
    `select id from kb_article
      where (search_vector @@ websearch_to_tsquery('english', ?) or title ilike ?)
        ${publicOnly ? `and status = 'PUBLISHED' and visibility = 'PUBLIC'` : ''}
      order by ts_rank(search_vector, websearch_to_tsquery('english', ?)) desc, id limit ?`,
    [search, `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, search, limit],
  );
  return rows.map((r) => r.id);
}
