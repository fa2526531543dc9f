import { randomUUID } from 'node:crypto';
import {
  AUTOMATION_TRIGGER_JOB,
  QUEUES,
  SERVICES,
  enqueue,
  gatewayExecutor,
  runAs,
  zEmail,
  type FieldProblem,
  type GraphExecutor,
  type Logger,
} from '@nexus/platform';
import type { MarketingDeps } from '../context.ts';
import {
  Form,
  FormSubmission,
  LandingPage,
  UTM_KEYS,
  type ContactFieldTarget,
  type FormFieldDef,
  type Utm,
} from './forms.entity.ts';

/**
 * A public submission (`POST /forms/:id`): answers checked against the form's fields (every
 * problem named by field key, nothing written), the honeypot, then the visitor's crm contact
 * matched by email, created, or its empty fields filled, and the submission logged on it as an
 * activity, all through the graph as `service:marketing-forms` (ranks and audit apply). Then, in
 * one transaction, the submission row and the FORM_SUBMITTED workflow trigger (through the outbox).
 */

export type Answer = string | number | boolean | null;
export type SubmitOutcome =
  | { kind: 'accepted'; submissionId: string | null; form: Form }
  | { kind: 'invalid'; problems: FieldProblem[]; form: Form }
  | { kind: 'closed'; form: Form }
  | { kind: 'unavailable'; message: string; form: Form };

const TRUE = new Set(['yes', 'on', 'true', '1']);
const PHONE = /^[+0-9 ()./-]{5,30}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const str = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';

/** Checks one answer against its field; returns the stored value or a problem. */
function checkAnswer(f: FormFieldDef, raw: unknown): { value: Answer } | { problem: string } {
  if (f.type === 'CHECKBOX') {
    const ticked = raw === true || TRUE.has(str(raw).trim().toLowerCase());
    return f.required && !ticked ? { problem: 'must be ticked' } : { value: ticked };
  }
  if (f.type === 'HIDDEN') {
    const v = str(raw).trim().slice(0, 500);
    return { value: v && !CONTROL.test(v) ? v : (f.defaultValue ?? null) };
  }
  const v = str(raw).trim();
  if (!v) return f.required ? { problem: 'is required' } : { value: null };
  if (CONTROL.test(v)) return { problem: 'must not contain control characters' };
  const max = f.maxLength ?? (f.type === 'TEXTAREA' ? 5000 : 500);
  if (v.length > max) return { problem: `must be at most ${max} characters` };
  if (f.minLength !== null && v.length < f.minLength) return { problem: `must be at least ${f.minLength} characters` };
  switch (f.type) {
    case 'EMAIL': {
      const r = zEmail.safeParse(v);
      return r.success ? { value: r.data } : { problem: 'must be a valid email address' };
    }
    case 'PHONE':
      return PHONE.test(v) ? { value: v } : { problem: 'must be a phone number' };
    case 'NUMBER': {
      const n = Number(v);
      if (!Number.isFinite(n)) return { problem: 'must be a number' };
      if (f.min !== null && n < f.min) return { problem: `must be at least ${f.min}` };
      if (f.max !== null && n > f.max) return { problem: `must be at most ${f.max}` };
      return { value: n };
    }
    case 'DATE':
      return DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))
        ? { value: v }
        : { problem: 'must be a date (YYYY-MM-DD)' };
    case 'SELECT':
      return f.options.includes(v) ? { value: v } : { problem: `must be one of: ${f.options.join(', ')}` };
    default:
      return { value: v };
  }
}

export interface CheckedSubmission {
  answers: Record<string, Answer>;
  email: string;
  consentGiven: boolean;
  utm: Utm;
  honeypot: boolean;
  landingPageId: string | null;
}

/** Every answer checked; problems are named by field key (`consent` for the consent box). */
export function checkSubmission(form: Form, body: Record<string, unknown>): CheckedSubmission | FieldProblem[] {
  const problems: FieldProblem[] = [];
  const answers: Record<string, Answer> = {};
  for (const f of form.fields) {
    const r = checkAnswer(f, body[f.key]);
    if ('problem' in r) problems.push({ path: f.key, message: r.problem });
    else answers[f.key] = r.value;
  }
  const consentGiven = !!form.consentText && TRUE.has(str(body.consent).trim().toLowerCase());
  if (form.consentText && form.consentRequired && !consentGiven)
    problems.push({ path: 'consent', message: 'must be ticked' });
  if (problems.length) return problems;
  const utm: Utm = {};
  for (const k of UTM_KEYS) {
    const v = str(body[`utm_${k}`]).trim().slice(0, 200);
    if (v && !CONTROL.test(v)) utm[k] = v;
  }
  const emailField = form.fields.find((f) => f.type === 'EMAIL');
  const lp = str(body.nx_lp).trim();
  return {
    answers,
    email: String(emailField ? answers[emailField.key] : ''),
    consentGiven,
    utm,
    honeypot: str(body.nx_hp).trim() !== '',
    landingPageId: /^[0-9a-f-]{36}$/i.test(lp) ? lp.toLowerCase() : null,
  };
}

const FIND = `query FormContact($search: String!) {
  contacts(first: 10, filter: { search: $search }) { nodes { id email firstName lastName phone jobTitle city country } } }`;
const CREATE = 'mutation FormNewContact($input: CreateContactInput!) { createContact(input: $input) { id } }';
const UPDATE = 'mutation FormFillContact($input: UpdateContactInput!) { updateContact(input: $input) { id } }';
const LOG = 'mutation FormActivity($input: LogActivityInput!) { logActivity(input: $input) { id } }';

const CONTACT_KEYS: Record<ContactFieldTarget, string> = {
  FIRST_NAME: 'firstName',
  LAST_NAME: 'lastName',
  EMAIL: 'email',
  PHONE: 'phone',
  JOB_TITLE: 'jobTitle',
  CITY: 'city',
  COUNTRY: 'country',
};

/** What the answers say about the contact, in crm's input shape (values crm would refuse left out). */
function contactValues(form: Form, answers: Record<string, Answer>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of form.fields) {
    const v = answers[f.key];
    if (!f.contactField || typeof v !== 'string' || !v) continue;
    if (f.contactField === 'COUNTRY') {
      if (/^[A-Za-z]{2}$/.test(v)) out.country = v.toUpperCase();
      continue;
    }
    out[CONTACT_KEYS[f.contactField]] = f.contactField === 'EMAIL' ? v : v.slice(0, 120);
  }
  return out;
}

const executors = new WeakMap<MarketingDeps, GraphExecutor>();
const executorOf = (deps: MarketingDeps) => {
  let run = executors.get(deps);
  if (!run) {
    run = gatewayExecutor({
      gatewayUrl: deps.env.GATEWAY_URL,
      secret: deps.env.INTERNAL_TOKEN_SECRET,
      timeoutMs: 10_000,
    });
    executors.set(deps, run);
  }
  return run;
};

class GraphFailure extends Error {}

/** The contact for these answers: found by email (empty fields filled), or created. */
async function resolveContact(
  deps: MarketingDeps,
  form: Form,
  c: CheckedSubmission,
  requestId: string,
): Promise<string> {
  const run = executorOf(deps);
  const as = SERVICES.marketingForms;
  const values = contactValues(form, c.answers);
  const found = await runAs(run, as, { query: FIND, variables: { search: c.email } }, requestId);
  if (!found.ok) throw new GraphFailure(`finding the contact failed: ${found.code} ${found.message}`);
  type Row = Record<string, string | null> & { id: string };
  const rows = (found.data.contacts as { nodes: Row[] } | null)?.nodes ?? [];
  const existing = rows.find((r) => r.email?.toLowerCase() === c.email);
  if (existing) {
    const fill = Object.fromEntries(Object.entries(values).filter(([k]) => k !== 'email' && !existing[k]));
    if (Object.keys(fill).length) {
      const updated = await runAs(
        run,
        as,
        { query: UPDATE, variables: { input: { id: existing.id, ...fill } } },
        requestId,
      );
      // A value crm will not take (a malformed phone) never costs the visitor their submission.
      if (!updated.ok && updated.code !== 'BAD_USER_INPUT')
        throw new GraphFailure(`updating the contact failed: ${updated.code} ${updated.message}`);
    }
    return existing.id;
  }
  const base = {
    firstName: values.firstName ?? c.email.split('@')[0]?.slice(0, 120) ?? 'Unknown',
    email: c.email,
    leadSource: 'WEBSITE_FORM',
  };
  let created = await runAs(run, as, { query: CREATE, variables: { input: { ...values, ...base } } }, requestId);
  if (!created.ok && created.code === 'BAD_USER_INPUT')
    created = await runAs(run, as, { query: CREATE, variables: { input: base } }, requestId);
  if (!created.ok && created.code === 'BAD_USER_INPUT') {
    // Another submission with this address may have created the contact a moment ago.
    const again = await runAs(run, as, { query: FIND, variables: { search: c.email } }, requestId);
    const raced = again.ok
      ? (again.data.contacts as { nodes: Row[] } | null)?.nodes.find((r) => r.email?.toLowerCase() === c.email)
      : undefined;
    if (raced) return raced.id;
  }
  if (!created.ok) throw new GraphFailure(`creating the contact failed: ${created.code} ${created.message}`);
  return (created.data.createContact as { id: string }).id;
}

const answerText = (v: Answer) => (v === null ? '' : v === true ? 'yes' : v === false ? 'no' : String(v));

export async function submitForm(
  deps: MarketingDeps,
  log: Logger,
  formId: string,
  body: Record<string, unknown>,
  requestId: string,
): Promise<SubmitOutcome | null> {
  const em = deps.orm.em.fork();
  const form = /^[0-9a-f-]{36}$/i.test(formId) ? await em.findOne(Form, { id: formId.toLowerCase() }) : null;
  if (!form) return null;
  if (form.status !== 'ACTIVE') return { kind: 'closed', form };
  const checked = checkSubmission(form, body);
  if (Array.isArray(checked)) return { kind: 'invalid', problems: checked, form };
  // A bot that filled the invisible field is told it worked, and nothing is kept.
  if (checked.honeypot) {
    log.info({ formId: form.id, requestId }, 'form submission refused silently: honeypot filled');
    return { kind: 'accepted', submissionId: null, form };
  }
  // Only a published page embedding this form counts the submission as its conversion.
  let landingPageId: string | null = null;
  if (checked.landingPageId) {
    const page = await em.findOne(LandingPage, { id: checked.landingPageId, status: 'PUBLISHED' });
    if (page?.blocks.some((b) => b.type === 'FORM' && b.formId === form.id)) landingPageId = page.id;
  }
  const submissionId = randomUUID();
  const rid = `form-submission:${submissionId}`;
  let contactId: string;
  try {
    contactId = await resolveContact(deps, form, checked, rid);
    const logged = await runAs(
      executorOf(deps),
      SERVICES.marketingForms,
      {
        query: LOG,
        variables: {
          input: {
            type: 'NOTE',
            channel: 'FORM_SUBMISSION',
            direction: 'INBOUND',
            subject: `Form submitted: ${form.name}`.slice(0, 300),
            body: form.fields
              .map((f) => `${f.label}: ${answerText(checked.answers[f.key] ?? null)}`)
              .concat(form.consentText ? [`Consent (${form.consentText}): ${checked.consentGiven ? 'yes' : 'no'}`] : [])
              .join('\n')
              .slice(0, 20_000),
            occurredAt: deps.now().toISOString(),
            contactId,
          },
        },
      },
      rid,
    );
    if (!logged.ok) throw new GraphFailure(`logging the submission failed: ${logged.code} ${logged.message}`);
  } catch (err) {
    log.warn({ err, formId: form.id, requestId }, 'form submission not taken: crm unreachable through the graph');
    return {
      kind: 'unavailable',
      message: 'We could not take your details just now. Please try again in a minute.',
      form,
    };
  }
  const now = deps.now();
  await em.transactional(async (tx) => {
    tx.create(FormSubmission, {
      id: submissionId,
      formId: form.id,
      answers: checked.answers,
      email: checked.email,
      contactId,
      consentGiven: checked.consentGiven,
      consentText: form.consentText ?? null,
      utm: checked.utm,
      landingPageId,
      createdAt: now,
    });
    enqueue(
      tx,
      QUEUES.automation,
      AUTOMATION_TRIGGER_JOB,
      {
        type: 'FORM_SUBMITTED',
        contactId,
        occurredAt: now.toISOString(),
        dedupeKey: `form-submission:${submissionId}`,
        data: {
          formId: form.id,
          submissionId,
          landingPageId,
          ...Object.fromEntries(UTM_KEYS.map((k) => [`utm_${k}`, checked.utm[k] ?? null])),
        },
      },
      { jobId: `form-submission:${submissionId}` },
    );
  });
  return { kind: 'accepted', submissionId, form };
}
