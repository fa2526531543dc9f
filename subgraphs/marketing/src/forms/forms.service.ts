import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  badInput,
  escapeHtml,
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
  CONTACT_FIELD_TARGETS,
  FORM_FIELD_TYPES,
  FORM_STATUSES,
  Form,
  FormSubmission,
  type FormFieldDef,
  type FormStatus,
} from './forms.entity.ts';

/**
 * Forms (M-05): the builder's rules. A form has at least one field and exactly one required EMAIL
 * field (submissions are matched to crm contacts by it); keys are unique; SELECT fields have
 * choices; HIDDEN fields are never required and are filled from the page's address or a default.
 */

export const DEFAULT_THANK_YOU = 'Thank you. We have your details and will be in touch soon.';
const HONEYPOT_KEYS = new Set(['nx_hp', 'nx_lp']);
/** Posted names the submission endpoint reads itself; a field may not use them. */
export const RESERVED_KEYS = new Set([
  ...HONEYPOT_KEYS,
  'consent',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
]);

export const zHttpUrl = zLine(2000).pipe(z.url({ protocol: /^https?$/, message: 'must be an http or https URL' }));

const fieldInput = z
  .object({
    key: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, {
      message: 'must start with a letter, then letters, digits or _ (at most 40)',
    }),
    label: zLine(200).pipe(z.string().min(1, { message: 'is required' })),
    type: z.enum(FORM_FIELD_TYPES),
    required: z.boolean().nullish(),
    placeholder: zLine(200).nullish(),
    options: z
      .array(zLine(200).pipe(z.string().min(1)))
      .max(100)
      .nullish(),
    minLength: z.number().int().min(0).max(10_000).nullish(),
    maxLength: z.number().int().min(1).max(10_000).nullish(),
    min: z.number().finite().nullish(),
    max: z.number().finite().nullish(),
    defaultValue: zLine(500).nullish(),
    queryParam: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,60}$/, { message: 'must be a query parameter name (letters, digits, _ . -)' })
      .nullish(),
    contactField: z.enum(CONTACT_FIELD_TARGETS).nullish(),
  })
  .transform((f): FormFieldDef => ({
    key: f.key,
    label: f.label,
    type: f.type,
    required: f.type === 'HIDDEN' ? false : (f.required ?? false),
    placeholder: f.placeholder ?? null,
    options: f.type === 'SELECT' ? (f.options ?? []) : [],
    minLength: f.minLength ?? null,
    maxLength: f.maxLength ?? null,
    min: f.type === 'NUMBER' ? (f.min ?? null) : null,
    max: f.type === 'NUMBER' ? (f.max ?? null) : null,
    defaultValue: f.type === 'HIDDEN' ? (f.defaultValue ?? null) : null,
    queryParam: f.type === 'HIDDEN' ? (f.queryParam ?? null) : null,
    contactField: f.type === 'EMAIL' ? 'EMAIL' : (f.contactField ?? null),
  }));

const consentInput = z.object({
  text: zText(1000).pipe(z.string().trim().min(1, { message: 'is required' })),
  required: z.boolean().nullish(),
});

const formShape = {
  name: zLine(200).pipe(z.string().trim().min(1, { message: 'is required' })),
  fields: z.array(fieldInput).min(1, { message: 'needs at least one field' }).max(50, { message: 'at most 50 fields' }),
  submitLabel: zLine(60)
    .pipe(z.string().trim().min(1, { message: 'is required' }))
    .nullish(),
  consent: consentInput.nullish(),
  thankYouMessage: zText(2000)
    .pipe(z.string().trim().min(1, { message: 'is required' }))
    .nullish(),
  redirectUrl: zHttpUrl.nullish(),
};
const createInput = z.object(formShape);
const updateInput = z.object({ ...formShape, id: zId, status: z.enum(FORM_STATUSES).nullish() }).partial({
  name: true,
  fields: true,
});

/** The rules zod cannot say field by field: one email field, unique keys, choices, bounds. */
function checkFields(fields: FormFieldDef[]) {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  const targets = new Set<string>();
  fields.forEach((f, i) => {
    const at = `input.fields.${i}`;
    if (seen.has(f.key.toLowerCase()))
      problems.push({ path: `${at}.key`, message: `${f.key} is used by another field` });
    seen.add(f.key.toLowerCase());
    if (RESERVED_KEYS.has(f.key.toLowerCase())) problems.push({ path: `${at}.key`, message: `${f.key} is reserved` });
    if (f.type === 'SELECT' && f.options.length === 0)
      problems.push({ path: `${at}.options`, message: 'a choice field needs options' });
    if (f.minLength !== null && f.maxLength !== null && f.minLength > f.maxLength)
      problems.push({ path: `${at}.minLength`, message: 'must not be above maxLength' });
    if (f.min !== null && f.max !== null && f.min > f.max)
      problems.push({ path: `${at}.min`, message: 'must not be above max' });
    if (f.contactField) {
      if (targets.has(f.contactField))
        problems.push({ path: `${at}.contactField`, message: `another field already fills ${f.contactField}` });
      targets.add(f.contactField);
    }
  });
  const emails = fields.filter((f) => f.type === 'EMAIL');
  if (emails.length !== 1)
    problems.push({
      path: 'input.fields',
      message: 'needs exactly one email field (submissions are matched to contacts by email)',
    });
  else if (!emails[0]?.required)
    problems.push({
      path: `input.fields.${fields.indexOf(emails[0] as FormFieldDef)}.required`,
      message: 'the email field must be required',
    });
  if (problems.length)
    throw badInput(
      problems.length === 1 ? `${problems[0]?.path}: ${problems[0]?.message}` : 'Some fields are not valid.',
      problems,
    );
}

export async function createForm(em: EntityManager, viewer: Viewer, input: unknown) {
  const d = parseInput(createInput, input);
  checkFields(d.fields);
  const form = em.create(Form, {
    name: d.name,
    fields: d.fields,
    submitLabel: d.submitLabel ?? 'Send',
    consentText: d.consent?.text ?? null,
    consentRequired: d.consent?.required ?? false,
    thankYouMessage: d.thankYouMessage ?? DEFAULT_THANK_YOU,
    redirectUrl: d.redirectUrl ?? null,
    createdById: viewer.kind === 'user' ? viewer.id : null,
  });
  await em.flush();
  return form;
}

export async function updateForm(em: EntityManager, input: unknown) {
  const d = parseInput(updateInput, input);
  if (d.fields) checkFields(d.fields);
  const form = await em.findOne(Form, { id: d.id });
  if (!form) throw notFound('Form', d.id);
  if (d.name) form.name = d.name;
  if (d.status) form.status = d.status;
  if (d.fields) form.fields = d.fields;
  if (d.submitLabel) form.submitLabel = d.submitLabel;
  if (d.consent !== undefined) {
    form.consentText = d.consent?.text ?? null;
    form.consentRequired = d.consent?.required ?? false;
  }
  if (d.thankYouMessage) form.thankYouMessage = d.thankYouMessage;
  if (d.redirectUrl !== undefined) form.redirectUrl = d.redirectUrl ?? null;
  await em.flush();
  return form;
}

export async function deleteForm(em: EntityManager, id: unknown) {
  const formId = parseInput(zId, id, 'id');
  const form = await em.findOne(Form, { id: formId });
  if (!form) throw notFound('Form', formId);
  form.deletedAt = new Date();
  await em.flush();
  return form;
}

export function listForms(
  em: EntityManager,
  args: ConnectionArgs & { filter?: { search?: string | null; status?: FormStatus | null } | null },
) {
  const search = args.filter?.search?.trim().slice(0, 200);
  const where = {
    ...(search ? { name: { $ilike: `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` } } : {}),
    ...(args.filter?.status ? { status: args.filter.status } : {}),
  };
  return findConnection(em, Form, where, args, [{ name: 'asc' }, { id: 'asc' }]);
}

export const listSubmissions = (em: EntityManager, formId: string, args: ConnectionArgs) =>
  findConnection(em, FormSubmission, { formId }, args, [{ createdAt: 'desc' }, { id: 'desc' }]);

export const hostedUrlOf = (publicUrl: string, formId: string) => `${publicUrl.replace(/\/$/, '')}/forms/${formId}`;

/**
 * A plain HTML form for another website: it posts (urlencoded) to the hosted endpoint, so it works
 * without JavaScript; the visitor lands on the thank-you page or the redirect URL. Hidden fields
 * carry their default (a page that wants UTM capture fills them from its own address).
 */
export function embedHtml(publicUrl: string, form: Form): string {
  const e = escapeHtml;
  const lines = [`<form action="${e(hostedUrlOf(publicUrl, form.id))}" method="post" accept-charset="utf-8">`];
  for (const f of form.fields) {
    const req = f.required ? ' required' : '';
    if (f.type === 'HIDDEN') {
      lines.push(`  <input type="hidden" name="${e(f.key)}" value="${e(f.defaultValue ?? '')}">`);
    } else if (f.type === 'TEXTAREA') {
      lines.push(`  <label>${e(f.label)}<br><textarea name="${e(f.key)}"${req}></textarea></label>`);
    } else if (f.type === 'SELECT') {
      const options = f.options.map((o) => `<option>${e(o)}</option>`).join('');
      lines.push(
        `  <label>${e(f.label)}<br><select name="${e(f.key)}"${req}><option value=""></option>${options}</select></label>`,
      );
    } else if (f.type === 'CHECKBOX') {
      lines.push(`  <label><input type="checkbox" name="${e(f.key)}" value="yes"${req}> ${e(f.label)}</label>`);
    } else {
      lines.push(`  <label>${e(f.label)}<br><input type="${inputType(f.type)}" name="${e(f.key)}"${req}></label>`);
    }
  }
  for (const k of ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'])
    lines.push(`  <input type="hidden" name="${k}" value="">`);
  if (form.consentText)
    lines.push(
      `  <label><input type="checkbox" name="consent" value="yes"${form.consentRequired ? ' required' : ''}> ${e(form.consentText)}</label>`,
    );
  lines.push(
    `  <div style="position:absolute;left:-10000px" aria-hidden="true"><input type="text" name="nx_hp" tabindex="-1" autocomplete="off"></div>`,
  );
  lines.push(`  <button type="submit">${e(form.submitLabel)}</button>`, '</form>');
  return lines.join('\n');
}

export const inputType = (t: FormFieldDef['type']) =>
  (({ EMAIL: 'email', PHONE: 'tel', NUMBER: 'number', DATE: 'date' }) as Record<string, string>)[t] ?? 'text';
