import type { EntityManager } from '@mikro-orm/postgresql';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import {
  QUEUES,
  TRANSACTIONAL_MAIL_JOB,
  badInput,
  enqueue,
  notFound,
  parseInput,
  zEmail,
  zId,
  type Viewer,
} from '@nexus/platform';
import type { MarketingDeps } from '../context.ts';
import { AudienceMember, EmailTemplate, Segment } from '../entities/index.ts';
import { SAMPLE_CONTACT, renderEmail } from './render.ts';
import { mergeContactOf, suppress } from './sending.ts';
import { addMembers } from './segments.service.ts';

/**
 * Mail to one person: a template's test send, and the one-off email composed on a contact's page
 * (one-to-one class: no marketing footer or suppression, never to a bounced address). Both go
 * through the transactional queue, so they are sent, retried and deduplicated like all mail.
 */

const testInput = z.object({ templateId: zId, to: zEmail.pipe(z.string().min(3)), contactId: zId.nullish() });

export async function sendTestEmail(
  deps: MarketingDeps,
  em: EntityManager,
  viewer: Viewer,
  input: unknown,
): Promise<boolean> {
  const data = parseInput(testInput, input);
  const template = await em.findOne(EmailTemplate, { id: data.templateId });
  if (!template) throw notFound('EmailTemplate', data.templateId);
  const member = data.contactId ? await em.findOne(AudienceMember, { id: data.contactId }) : null;
  const rendered = await renderEmail(
    template,
    {
      contact: member ? mergeContactOf(member) : SAMPLE_CONTACT,
      campaignName: 'Test send',
      postalAddress: deps.env.MARKETING_POSTAL_ADDRESS,
      unsubscribeUrl: `${deps.env.PUBLIC_URL}/unsubscribe/test`,
    },
    { footer: true },
  );
  enqueue(em, QUEUES.mail, TRANSACTIONAL_MAIL_JOB, {
    to: data.to,
    subject: `[Test] ${rendered.subject}`,
    html: rendered.html,
    text: rendered.text,
    category: 'template-test',
    dedupeKey: `template-test:${template.id}:${template.version}:${data.to}:${viewer.id ?? 'service'}:${Date.now()}`,
  });
  await em.flush();
  return true;
}

const oneOffInput = z.object({
  contactId: zId,
  subject: z.string().trim().min(1, { message: 'is required' }).max(300),
  body: z.string().trim().min(1, { message: 'is required' }).max(50_000),
});

export async function sendEmailToContact(
  deps: MarketingDeps,
  em: EntityManager,
  viewer: Viewer,
  input: unknown,
): Promise<boolean> {
  const data = parseInput(oneOffInput, input);
  const member = await em.findOne(AudienceMember, { id: data.contactId, deletedAt: null });
  if (!member)
    throw badInput('Marketing does not know this contact yet.', [
      { path: 'input.contactId', message: 'is not a known contact' },
    ]);
  if (!member.email)
    throw badInput('The contact has no email address.', [{ path: 'input.contactId', message: 'has no email address' }]);
  const rendered = await renderEmail(
    {
      subject: data.subject,
      preheader: '',
      body: data.body.includes('<')
        ? data.body
        : data.body
            .split(/\n{2,}/)
            .map((p) => `<p>${p.replace(/\n/g, '<br/>')}</p>`)
            .join(''),
    },
    {
      contact: mergeContactOf(member),
      campaignName: '',
      postalAddress: deps.env.MARKETING_POSTAL_ADDRESS,
      unsubscribeUrl: '',
    },
    { footer: false },
  );
  enqueue(em, QUEUES.mail, TRANSACTIONAL_MAIL_JOB, {
    to: member.email,
    contactId: member.id,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    category: 'one-to-one',
    dedupeKey: `one-to-one:${member.id}:${viewer.id ?? 'service'}:${Date.now()}`,
  });
  await em.flush();
  return true;
}

export interface ImportRow {
  line: number;
  email: string;
  ok: boolean;
  message: string | null;
}

const readEmails = (csv: string, path: string): { line: number; email: string }[] => {
  let records: string[][];
  try {
    records = parse(csv, { relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (e) {
    throw badInput('The CSV cannot be read.', [{ path, message: e instanceof Error ? e.message : 'is not CSV' }]);
  }
  if (records.length > 50_001)
    throw badInput('At most 50,000 rows per import.', [{ path, message: 'has too many rows' }]);
  const header = records[0]?.map((h) => h.toLowerCase()) ?? [];
  const column = Math.max(0, header.indexOf('email'));
  const body = header.includes('email') ? records.slice(1) : records;
  return body.map((r, i) => ({
    line: i + (header.includes('email') ? 2 : 1),
    email: (r[column] ?? '').trim().toLowerCase(),
  }));
};

const validEmail = (e: string) => zEmail.safeParse(e).success && e.length > 0;

/** Suppression list from a previous provider: each valid address suppressed; a per-row report. */
export async function importSuppressions(em: EntityManager, csv: unknown): Promise<ImportRow[]> {
  const text = parseInput(z.string().min(1, { message: 'is required' }).max(5_000_000), csv, 'csv');
  const rows = readEmails(text, 'csv');
  const report: ImportRow[] = rows.map((r) => ({
    ...r,
    ok: validEmail(r.email),
    message: validEmail(r.email) ? null : 'is not a valid email address',
  }));
  await em.transactional(async (tx) => {
    for (const r of report) if (r.ok) await suppress(tx, r.email, 'IMPORTED', 'imported list');
  });
  return report;
}

/** Static list CSV import: addresses matched to the audience, each row reported. */
export async function importSegmentMembers(em: EntityManager, segmentId: unknown, csv: unknown): Promise<ImportRow[]> {
  const id = parseInput(zId, segmentId, 'segmentId');
  const text = parseInput(z.string().min(1, { message: 'is required' }).max(5_000_000), csv, 'csv');
  const segment = await em.findOne(Segment, { id });
  if (!segment) throw notFound('Segment', id);
  if (segment.kind !== 'STATIC')
    throw badInput('Only static lists take imported members.', [
      { path: 'segmentId', message: 'is a dynamic segment' },
    ]);
  const rows = readEmails(text, 'csv');
  const emails = rows.map((r) => r.email).filter(validEmail);
  const members = emails.length
    ? await em.find(AudienceMember, { email: { $in: emails }, deletedAt: null }, { fields: ['id', 'email'] })
    : [];
  const byEmail = new Map(members.map((m) => [m.email ?? '', m.id]));
  const report: ImportRow[] = rows.map((r) =>
    !validEmail(r.email)
      ? { ...r, ok: false, message: 'is not a valid email address' }
      : byEmail.has(r.email)
        ? { ...r, ok: true, message: null }
        : { ...r, ok: false, message: 'is not a known contact' },
  );
  const ids = [...new Set(report.filter((r) => r.ok).map((r) => byEmail.get(r.email) ?? ''))];
  if (ids.length) await addMembers(em, id, ids);
  return report;
}
