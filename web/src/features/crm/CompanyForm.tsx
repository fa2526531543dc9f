import { useRef, useState, type FormEvent } from 'react';
import type { CompanyFieldsFragment, CreateCompanyInput } from '../../__generated__/graphql.ts';
import { fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { humanize } from '../../lib/format.ts';
import { EnumField } from '../../ui/EnumField.tsx';
import { Field } from '../../ui/Field.tsx';
import { useStaff } from '../identity/useStaff.ts';
import { ACCOUNT_TIERS, COMPANY_STATUSES, COMPANY_TYPES, ENGAGEMENT_LEVELS, pick } from './crmEnums.ts';
import { useSaveCompany } from './useSaveCompany.ts';

interface CompanyFormProps {
  company?: CompanyFieldsFragment;
  onSaved: (id: string) => void;
  onCancel: () => void;
}

const blank = (v: string) => (v.trim() === '' ? null : v.trim());

/** Dollars as typed ("250,000") to whole cents; NaN when it is not a number, for the form to refuse. */
function dollarsToCents(text: string): number | null {
  const cleaned = text.replace(/[$,\s]/g, '');
  if (cleaned === '') return null;
  return /^\d+(\.\d{1,2})?$/.test(cleaned) ? Math.round(Number(cleaned) * 100) : Number.NaN;
}

/** Create and edit a company; refused fields show the server's message beside them. */
export function CompanyForm({ company, onSaved, onCancel }: CompanyFormProps) {
  const { save, saving } = useSaveCompany();
  const { staff } = useStaff();
  const form = useRef<HTMLFormElement>(null);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [v, setV] = useState({
    name: company?.name ?? '',
    domain: company?.domain ?? '',
    industry: company?.industry ?? '',
    companyType: company?.companyType ?? '',
    status: company?.status ?? 'TARGET',
    accountTier: company?.accountTier ?? '',
    engagementLevel: company?.engagementLevel ?? '',
    budget: company?.annualTravelBudgetCents != null ? String(company.annualTravelBudgetCents / 100) : '',
    phone: company?.phone ?? '',
    website: company?.website ?? '',
    city: company?.city ?? '',
    country: company?.country ?? '',
    ownerId: company?.owner?.id ?? '',
    tags: (company?.tags ?? []).join(', '),
  });
  const set = (key: keyof typeof v) => (e: { target: { value: string } }) =>
    setV((old) => ({ ...old, [key]: e.target.value }));
  const error = (field: string) => localErrors[field] ?? fieldMessage(problem, field);
  const focusFirstInvalid = () =>
    requestAnimationFrame(() =>
      form.current?.querySelector<HTMLElement>('[aria-invalid="true"], .notice--error')?.focus(),
    );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const cents = dollarsToCents(v.budget);
    const local: Record<string, string> = {};
    if (Number.isNaN(cents)) local.annualTravelBudgetCents = 'Enter an amount in dollars, e.g. 250000.';
    setLocalErrors(local);
    if (Object.keys(local).length > 0) return focusFirstInvalid();
    const input: CreateCompanyInput = {
      name: v.name.trim(),
      domain: blank(v.domain),
      industry: blank(v.industry),
      companyType: pick(COMPANY_TYPES, v.companyType),
      status: pick(COMPANY_STATUSES, v.status) ?? 'TARGET',
      accountTier: pick(ACCOUNT_TIERS, v.accountTier),
      engagementLevel: pick(ENGAGEMENT_LEVELS, v.engagementLevel),
      annualTravelBudgetCents: cents,
      phone: blank(v.phone),
      website: blank(v.website),
      city: blank(v.city),
      country: blank(v.country),
      ownerId: blank(v.ownerId),
      tags: v.tags
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    };
    const result = await save(company?.id ?? null, input);
    if (result.ok) onSaved(result.id);
    else {
      setProblem(result.error);
      focusFirstInvalid();
    }
  };

  return (
    <form ref={form} className="record-form" onSubmit={submit} noValidate data-testid="company-form">
      {problem && (
        <div className="notice notice--error" role="alert" tabIndex={-1}>
          <p className="notice__title">{problem.title}</p>
          <p>{problem.message}</p>
        </div>
      )}
      <fieldset className="form-grid">
        <legend className="visually-hidden">Company</legend>
        <Field label="Name" required error={error('name')}>
          {(p) => (
            <input {...p} className="input" name="name" value={v.name} onChange={set('name')} autoComplete="off" />
          )}
        </Field>
        <Field label="Domain" error={error('domain')} hint="e.g. acme.com">
          {(p) => <input {...p} className="input" name="domain" value={v.domain} onChange={set('domain')} />}
        </Field>
        <Field label="Website" error={error('website')}>
          {(p) => (
            <input {...p} className="input" name="website" type="url" value={v.website} onChange={set('website')} />
          )}
        </Field>
        <Field label="Industry" error={error('industry')}>
          {(p) => <input {...p} className="input" name="industry" value={v.industry} onChange={set('industry')} />}
        </Field>
        <EnumField
          label="Type"
          values={COMPANY_TYPES}
          value={v.companyType}
          onChange={set('companyType')}
          error={error('companyType')}
        />
        <Field label="Status" error={error('status')}>
          {(p) => (
            <select {...p} className="select" value={v.status} onChange={set('status')}>
              {COMPANY_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {humanize(s)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <EnumField
          label="Account tier"
          values={ACCOUNT_TIERS}
          value={v.accountTier}
          onChange={set('accountTier')}
          error={error('accountTier')}
        />
        <EnumField
          label="Engagement"
          values={ENGAGEMENT_LEVELS}
          value={v.engagementLevel}
          onChange={set('engagementLevel')}
          error={error('engagementLevel')}
        />
        <Field label="Annual travel budget (USD)" error={error('annualTravelBudgetCents')}>
          {(p) => (
            <input
              {...p}
              className="input"
              name="budget"
              inputMode="decimal"
              value={v.budget}
              onChange={set('budget')}
            />
          )}
        </Field>
        <Field label="Phone" error={error('phone')}>
          {(p) => <input {...p} className="input" name="phone" type="tel" value={v.phone} onChange={set('phone')} />}
        </Field>
        <Field label="City" error={error('city')}>
          {(p) => <input {...p} className="input" name="city" value={v.city} onChange={set('city')} />}
        </Field>
        <Field label="Country" error={error('country')} hint="Two-letter code, e.g. US">
          {(p) => (
            <input {...p} className="input" name="country" value={v.country} onChange={set('country')} maxLength={2} />
          )}
        </Field>
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
        <Field label="Tags" error={error('tags')} hint="Separated by commas">
          {(p) => <input {...p} className="input" name="tags" value={v.tags} onChange={set('tags')} />}
        </Field>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? 'Saving…' : company ? 'Save changes' : 'Create company'}
        </button>
        <button type="button" className="button button--ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
