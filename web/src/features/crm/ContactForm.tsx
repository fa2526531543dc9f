import { useRef, useState, type FormEvent } from 'react';
import type { ContactFieldsFragment, CreateContactInput } from '../../__generated__/graphql.ts';
import { fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { EnumField } from '../../ui/EnumField.tsx';
import { Field } from '../../ui/Field.tsx';
import { useStaff } from '../identity/useStaff.ts';
import { CONTACT_ROLES, LEAD_SOURCES, LEAD_STATUSES, pick } from './crmEnums.ts';
import { LIFECYCLE_STAGE_LABEL, LIFECYCLE_STAGES } from './lifecycleStages.ts';
import { useCompanyOptions } from './useCompanyOptions.ts';
import { useSaveContact } from './useSaveContact.ts';

interface ContactFormProps {
  /** The contact being edited; absent for a new one. */
  contact?: ContactFieldsFragment;
  onSaved: (id: string) => void;
  onCancel: () => void;
}

const blank = (v: string) => (v.trim() === '' ? null : v.trim());

/**
 * Create and edit a contact. The server checks every rule; what it refuses comes back as
 * BAD_USER_INPUT with the offending fields, shown beside each field.
 */
export function ContactForm({ contact, onSaved, onCancel }: ContactFormProps) {
  const { save, saving } = useSaveContact();
  const { staff } = useStaff();
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const form = useRef<HTMLFormElement>(null);
  const [v, setV] = useState({
    firstName: contact?.firstName ?? '',
    lastName: contact?.lastName ?? '',
    email: contact?.email ?? '',
    phone: contact?.phone ?? '',
    jobTitle: contact?.jobTitle ?? '',
    lifecycleStage: contact?.lifecycleStage ?? 'LEAD',
    leadStatus: contact?.leadStatus ?? '',
    leadSource: contact?.leadSource ?? '',
    contactRole: contact?.contactRole ?? '',
    ownerId: contact?.owner?.id ?? '',
    city: contact?.city ?? '',
    country: contact?.country ?? '',
    tags: (contact?.tags ?? []).join(', '),
  });
  const [companyText, setCompanyText] = useState(contact?.company?.name ?? '');
  const [companyId, setCompanyId] = useState<string | null>(contact?.company?.id ?? null);
  const companyOptions = useCompanyOptions(companyText);
  const set = (key: keyof typeof v) => (e: { target: { value: string } }) =>
    setV((old) => ({ ...old, [key]: e.target.value }));
  const error = (field: string) => localErrors[field] ?? fieldMessage(problem, field);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const local: Record<string, string> = {};
    if (companyText.trim() !== '' && companyId === null)
      local.companyId = 'Choose a company from the suggestions, or leave this empty.';
    setLocalErrors(local);
    if (Object.keys(local).length > 0) return focusFirstInvalid();

    const input: CreateContactInput = {
      firstName: v.firstName.trim(),
      lastName: blank(v.lastName),
      email: blank(v.email),
      phone: blank(v.phone),
      jobTitle: blank(v.jobTitle),
      lifecycleStage: pick(LIFECYCLE_STAGES, v.lifecycleStage) ?? 'LEAD',
      leadStatus: pick(LEAD_STATUSES, v.leadStatus),
      leadSource: pick(LEAD_SOURCES, v.leadSource),
      contactRole: pick(CONTACT_ROLES, v.contactRole),
      companyId,
      ownerId: blank(v.ownerId),
      city: blank(v.city),
      country: blank(v.country),
      tags: v.tags
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    };
    const result = await save(contact?.id ?? null, input);
    if (result.ok) onSaved(result.id);
    else {
      setProblem(result.error);
      focusFirstInvalid();
    }
  };

  // After React paints the messages, put the cursor on the first field that needs attention.
  const focusFirstInvalid = () =>
    requestAnimationFrame(() =>
      form.current?.querySelector<HTMLElement>('[aria-invalid="true"], .notice--error')?.focus(),
    );

  const unmatched = problem && problem.fields.length === 0;

  return (
    <form ref={form} className="record-form" onSubmit={submit} noValidate data-testid="contact-form">
      {unmatched && (
        <div className="notice notice--error" role="alert" tabIndex={-1}>
          <p className="notice__title">{problem.title}</p>
          <p>{problem.message}</p>
        </div>
      )}
      <fieldset className="form-grid">
        <legend className="visually-hidden">Person</legend>
        <Field label="First name" required error={error('firstName')}>
          {(p) => (
            <input
              {...p}
              className="input"
              name="firstName"
              value={v.firstName}
              onChange={set('firstName')}
              autoComplete="off"
            />
          )}
        </Field>
        <Field label="Last name" error={error('lastName')}>
          {(p) => (
            <input
              {...p}
              className="input"
              name="lastName"
              value={v.lastName}
              onChange={set('lastName')}
              autoComplete="off"
            />
          )}
        </Field>
        <Field label="Email" error={error('email')}>
          {(p) => (
            <input
              {...p}
              className="input"
              name="email"
              type="email"
              value={v.email}
              onChange={set('email')}
              autoComplete="off"
            />
          )}
        </Field>
        <Field label="Phone" error={error('phone')}>
          {(p) => (
            <input
              {...p}
              className="input"
              name="phone"
              type="tel"
              value={v.phone}
              onChange={set('phone')}
              autoComplete="off"
            />
          )}
        </Field>
        <Field label="Job title" error={error('jobTitle')}>
          {(p) => <input {...p} className="input" name="jobTitle" value={v.jobTitle} onChange={set('jobTitle')} />}
        </Field>
        <Field label="Company" error={error('companyId')} hint="Start typing, then choose from the suggestions.">
          {(p) => (
            <>
              <input
                {...p}
                className="input"
                name="company"
                list={`${p.id}-options`}
                value={companyText}
                autoComplete="off"
                onChange={(e) => {
                  const text = e.target.value;
                  setCompanyText(text);
                  setCompanyId(companyOptions.find((c) => c.name === text)?.id ?? null);
                }}
              />
              <datalist id={`${p.id}-options`}>
                {companyOptions.map((c) => (
                  <option key={c.id} value={c.name}>
                    {c.domain ?? ''}
                  </option>
                ))}
              </datalist>
            </>
          )}
        </Field>
      </fieldset>
      <fieldset className="form-grid">
        <legend className="visually-hidden">Sales</legend>
        <Field label="Lifecycle stage" error={error('lifecycleStage')}>
          {(p) => (
            <select {...p} className="select" value={v.lifecycleStage} onChange={set('lifecycleStage')}>
              {LIFECYCLE_STAGES.map((s) => (
                <option key={s} value={s}>
                  {LIFECYCLE_STAGE_LABEL[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <EnumField
          label="Lead status"
          values={LEAD_STATUSES}
          value={v.leadStatus}
          onChange={set('leadStatus')}
          error={error('leadStatus')}
        />
        <EnumField
          label="Lead source"
          values={LEAD_SOURCES}
          value={v.leadSource}
          onChange={set('leadSource')}
          error={error('leadSource')}
        />
        <EnumField
          label="Role in travel decisions"
          values={CONTACT_ROLES}
          value={v.contactRole}
          onChange={set('contactRole')}
          error={error('contactRole')}
        />
        <Field label="Owner" error={error('ownerId')}>
          {(p) => (
            <select {...p} className="select" value={v.ownerId} onChange={set('ownerId')}>
              <option value="">Unassigned</option>
              {staff.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="City" error={error('city')}>
          {(p) => <input {...p} className="input" name="city" value={v.city} onChange={set('city')} />}
        </Field>
        <Field label="Country" error={error('country')} hint="Two-letter code, e.g. US">
          {(p) => (
            <input {...p} className="input" name="country" value={v.country} onChange={set('country')} maxLength={2} />
          )}
        </Field>
        <Field label="Tags" error={error('tags')} hint="Separated by commas">
          {(p) => <input {...p} className="input" name="tags" value={v.tags} onChange={set('tags')} />}
        </Field>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? 'Saving…' : contact ? 'Save changes' : 'Create contact'}
        </button>
        <button type="button" className="button button--ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
