import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link, useNavigate, useParams } from 'react-router';
import type { ContactFieldTarget, FormFieldInput, FormFieldType } from '../../__generated__/graphql.ts';
import { describeError, fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { formatNumber, humanize } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { useUnsavedChanges } from '../../lib/useUnsavedChanges.ts';
import { Field } from '../../ui/Field.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { RecordLoadError, RecordMissing } from '../../ui/RecordMissing.tsx';
import { Loading } from '../../ui/Splash.tsx';
import { FormPreview } from './FormPreview.tsx';
import {
  CreateFormDocument,
  DeleteFormDocument,
  FormDocument,
  UpdateFormDocument,
} from './graphql/__generated__/forms.ts';
import type { FormPartsFragment } from '../../__generated__/graphql.ts';
import './forms.css';

const TYPES: FormFieldType[] = ['TEXT', 'EMAIL', 'PHONE', 'TEXTAREA', 'NUMBER', 'SELECT', 'CHECKBOX', 'DATE', 'HIDDEN'];
const TARGETS: ContactFieldTarget[] = ['FIRST_NAME', 'LAST_NAME', 'PHONE', 'JOB_TITLE', 'CITY', 'COUNTRY'];
const UTM_FIELDS = ['utm_source', 'utm_medium', 'utm_campaign'];

/** A field as the builder edits it: numbers and choices as typed text until saved. */
interface DraftField {
  key: string;
  label: string;
  type: FormFieldType;
  required: boolean;
  placeholder: string;
  options: string;
  min: string;
  max: string;
  maxLength: string;
  defaultValue: string;
  queryParam: string;
  contactField: ContactFieldTarget | '';
}

interface Draft {
  name: string;
  submitLabel: string;
  thankYouMessage: string;
  redirectUrl: string;
  consentOn: boolean;
  consentText: string;
  consentRequired: boolean;
  fields: DraftField[];
}

const blankField = (n: Partial<DraftField> = {}): DraftField => ({
  key: '',
  label: '',
  type: 'TEXT',
  required: false,
  placeholder: '',
  options: '',
  min: '',
  max: '',
  maxLength: '',
  defaultValue: '',
  queryParam: '',
  contactField: '',
  ...n,
});

const NEW_FORM: Draft = {
  name: '',
  submitLabel: 'Send',
  thankYouMessage: 'Thank you. We have your details and will be in touch soon.',
  redirectUrl: '',
  consentOn: true,
  consentText: 'Yes, Travel Tamers may email me about trips and offers. I can unsubscribe at any time.',
  consentRequired: false,
  fields: [
    blankField({ key: 'firstName', label: 'First name', required: true, contactField: 'FIRST_NAME' }),
    blankField({ key: 'email', label: 'Email', type: 'EMAIL', required: true }),
  ],
};

const draftOf = (f: FormPartsFragment): Draft => ({
  name: f.name,
  submitLabel: f.submitLabel,
  thankYouMessage: f.thankYouMessage,
  redirectUrl: f.redirectUrl ?? '',
  consentOn: !!f.consent,
  consentText: f.consent?.text ?? NEW_FORM.consentText,
  consentRequired: f.consent?.required ?? false,
  fields: f.fields.map((x) =>
    blankField({
      key: x.key,
      label: x.label,
      type: x.type,
      required: x.required,
      placeholder: x.placeholder ?? '',
      options: x.options.join('\n'),
      min: x.min?.toString() ?? '',
      max: x.max?.toString() ?? '',
      maxLength: x.maxLength?.toString() ?? '',
      defaultValue: x.defaultValue ?? '',
      queryParam: x.queryParam ?? '',
      contactField: x.type === 'EMAIL' ? '' : (x.contactField ?? ''),
    }),
  ),
});

const num = (s: string) => (s.trim() === '' || Number.isNaN(Number(s)) ? null : Number(s));

const fieldInput = (f: DraftField): FormFieldInput => ({
  key: f.key.trim(),
  label: f.label.trim(),
  type: f.type,
  required: f.type === 'HIDDEN' ? false : f.required,
  placeholder: f.placeholder.trim() || null,
  options:
    f.type === 'SELECT'
      ? f.options
          .split('\n')
          .map((o) => o.trim())
          .filter(Boolean)
      : [],
  min: f.type === 'NUMBER' ? num(f.min) : null,
  max: f.type === 'NUMBER' ? num(f.max) : null,
  maxLength: num(f.maxLength),
  defaultValue: f.type === 'HIDDEN' ? f.defaultValue.trim() || null : null,
  queryParam: f.type === 'HIDDEN' ? f.queryParam.trim() || null : null,
  contactField: f.contactField || null,
});

/** /marketing/forms/new and /marketing/forms/:id: the builder, its live preview and the embed snippet. */
export function FormBuilderPage() {
  const { id } = useParams();
  const isNew = !id;
  const { data, loading, error, refetch } = useQuery(FormDocument, { variables: { id: id ?? '' }, skip: isNew });
  const saved = data?.form ?? null;
  useDocumentTitle(isNew ? 'New form' : (saved?.name ?? 'Form'));
  if (isNew) return <FormBuilder form={null} />;
  if (error)
    return (
      <RecordLoadError
        kind="form"
        listPath="/marketing/forms"
        listLabel="forms"
        error={error}
        onRetry={() => void refetch()}
      />
    );
  if (loading && !saved) return <Loading />;
  if (!saved) return <RecordMissing kind="form" listPath="/marketing/forms" listLabel="forms" />;
  return <FormBuilder key={saved.id} form={saved} />;
}

function FormBuilder({ form }: { form: FormPartsFragment | null }) {
  const navigate = useNavigate();
  const canEdit = useHasRank('ADVISOR');
  const canDelete = useHasRank('MANAGER');
  const [draft, setDraft] = useState<Draft>(() => (form ? draftOf(form) : NEW_FORM));
  const [dirty, setDirty] = useState(false);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [notice, setNotice] = useState('');
  const [create, creating] = useMutation(CreateFormDocument);
  const [update, updating] = useMutation(UpdateFormDocument);
  const [remove] = useMutation(DeleteFormDocument);
  useUnsavedChanges(dirty);

  const change = (next: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...next }));
    setDirty(true);
    setNotice('');
  };
  const changeField = (i: number, next: Partial<DraftField>) =>
    change({ fields: draft.fields.map((f, j) => (j === i ? { ...f, ...next } : f)) });
  const move = (i: number, by: number) => {
    const fields = [...draft.fields];
    const [f] = fields.splice(i, 1);
    if (f) fields.splice(Math.max(0, Math.min(fields.length, i + by)), 0, f);
    change({ fields });
  };
  const fieldError = (i: number, name: string) => fieldMessage(problem, `fields.${i}.${name}`);

  const save = async () => {
    setProblem(null);
    const common = {
      name: draft.name,
      submitLabel: draft.submitLabel,
      thankYouMessage: draft.thankYouMessage,
      redirectUrl: draft.redirectUrl.trim() || null,
      consent: draft.consentOn ? { text: draft.consentText, required: draft.consentRequired } : null,
      fields: draft.fields.map(fieldInput),
    };
    try {
      if (form) {
        await update({ variables: { input: { id: form.id, ...common } } });
        setDirty(false);
        setNotice('Saved.');
      } else {
        const res = await create({ variables: { input: common } });
        setDirty(false);
        if (res.data) void navigate(`/marketing/forms/${res.data.createForm.id}`, { replace: true });
      }
    } catch (err) {
      setProblem(describeError(err));
    }
  };

  const setStatus = async (status: 'ACTIVE' | 'CLOSED') => {
    if (!form) return;
    try {
      await update({ variables: { input: { id: form.id, status } } });
    } catch (err) {
      setProblem(describeError(err));
    }
  };

  const addUtm = () =>
    change({
      fields: [
        ...draft.fields,
        ...UTM_FIELDS.filter((k) => !draft.fields.some((f) => f.queryParam === k)).map((k) =>
          blankField({ key: k.replace('utm_', 'utm'), label: humanize(k), type: 'HIDDEN', queryParam: k }),
        ),
      ],
    });

  return (
    <section aria-labelledby="form-builder-title">
      <header className="page-header">
        <h1 id="form-builder-title">{form ? form.name : 'New form'}</h1>
        {form && (
          <p className="page-header__meta">
            {humanize(form.status)} ·{' '}
            <Link to={`/marketing/forms/${form.id}/submissions`}>{formatNumber(form.submissionCount)} submissions</Link>
          </p>
        )}
      </header>
      <div className="builder">
        <form
          className="record-form panel"
          aria-label="Form builder"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <FormProblem problem={problem} />
          <fieldset disabled={!canEdit}>
            <Field label="Name" required error={fieldMessage(problem, 'name')}>
              {(p) => <input {...p} value={draft.name} onChange={(e) => change({ name: e.target.value })} />}
            </Field>
            <h2>Fields</h2>
            {fieldMessage(problem, 'input.fields') && (
              <p className="field__error" role="alert">
                {problem?.fields.find((f) => f.path === 'input.fields')?.message}
              </p>
            )}
            {draft.fields.map((f, i) => (
              <div className="builder__item" key={i} data-testid="form-field-editor">
                <div className="builder__item-head">
                  <strong>
                    {i + 1}. {f.label || 'Untitled field'}
                  </strong>
                  <span className="builder__actions">
                    <button
                      type="button"
                      className="button button--ghost"
                      onClick={() => move(i, -1)}
                      disabled={i === 0}
                      aria-label={`Move ${f.label || 'field'} up`}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="button button--ghost"
                      onClick={() => move(i, 1)}
                      disabled={i === draft.fields.length - 1}
                      aria-label={`Move ${f.label || 'field'} down`}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="button button--ghost"
                      onClick={() => change({ fields: draft.fields.filter((_, j) => j !== i) })}
                    >
                      Remove
                    </button>
                  </span>
                </div>
                <div className="builder__row">
                  <Field label="Label" required error={fieldError(i, 'label')}>
                    {(p) => (
                      <input {...p} value={f.label} onChange={(e) => changeField(i, { label: e.target.value })} />
                    )}
                  </Field>
                  <Field label="Key" required hint="The name it is posted under" error={fieldError(i, 'key')}>
                    {(p) => <input {...p} value={f.key} onChange={(e) => changeField(i, { key: e.target.value })} />}
                  </Field>
                  <Field label="Type">
                    {(p) => (
                      <select
                        {...p}
                        value={f.type}
                        onChange={(e) => changeField(i, { type: e.target.value as FormFieldType })}
                      >
                        {TYPES.map((t) => (
                          <option key={t} value={t}>
                            {humanize(t)}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  {f.type !== 'EMAIL' && f.type !== 'HIDDEN' && f.type !== 'CHECKBOX' && (
                    <Field label="Fills contact field" error={fieldError(i, 'contactField')}>
                      {(p) => (
                        <select
                          {...p}
                          value={f.contactField}
                          onChange={(e) => changeField(i, { contactField: e.target.value as ContactFieldTarget | '' })}
                        >
                          <option value="">None</option>
                          {TARGETS.map((t) => (
                            <option key={t} value={t}>
                              {humanize(t)}
                            </option>
                          ))}
                        </select>
                      )}
                    </Field>
                  )}
                </div>
                {f.type === 'SELECT' && (
                  <Field label="Choices" hint="One per line" error={fieldError(i, 'options')}>
                    {(p) => (
                      <textarea
                        {...p}
                        rows={3}
                        value={f.options}
                        onChange={(e) => changeField(i, { options: e.target.value })}
                      />
                    )}
                  </Field>
                )}
                {f.type === 'NUMBER' && (
                  <div className="builder__row">
                    <Field label="Smallest" error={fieldError(i, 'min')}>
                      {(p) => (
                        <input
                          {...p}
                          type="number"
                          value={f.min}
                          onChange={(e) => changeField(i, { min: e.target.value })}
                        />
                      )}
                    </Field>
                    <Field label="Largest" error={fieldError(i, 'max')}>
                      {(p) => (
                        <input
                          {...p}
                          type="number"
                          value={f.max}
                          onChange={(e) => changeField(i, { max: e.target.value })}
                        />
                      )}
                    </Field>
                  </div>
                )}
                {f.type === 'HIDDEN' ? (
                  <div className="builder__row">
                    <Field
                      label="From the page's address"
                      hint="A query parameter, e.g. utm_source"
                      error={fieldError(i, 'queryParam')}
                    >
                      {(p) => (
                        <input
                          {...p}
                          value={f.queryParam}
                          onChange={(e) => changeField(i, { queryParam: e.target.value })}
                        />
                      )}
                    </Field>
                    <Field label="Otherwise" error={fieldError(i, 'defaultValue')}>
                      {(p) => (
                        <input
                          {...p}
                          value={f.defaultValue}
                          onChange={(e) => changeField(i, { defaultValue: e.target.value })}
                        />
                      )}
                    </Field>
                  </div>
                ) : (
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      checked={f.required || f.type === 'EMAIL'}
                      disabled={f.type === 'EMAIL'}
                      onChange={(e) => changeField(i, { required: e.target.checked })}
                    />{' '}
                    Required
                  </label>
                )}
              </div>
            ))}
            <div className="builder__actions">
              <button
                type="button"
                className="button"
                onClick={() => change({ fields: [...draft.fields, blankField()] })}
              >
                Add field
              </button>
              <button type="button" className="button" onClick={addUtm}>
                Capture UTM parameters
              </button>
            </div>
            <h2>Consent</h2>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={draft.consentOn}
                onChange={(e) => change({ consentOn: e.target.checked })}
              />{' '}
              Ask for consent (its wording is kept with each submission)
            </label>
            {draft.consentOn && (
              <>
                <Field label="Consent wording" required error={fieldMessage(problem, 'consent.text')}>
                  {(p) => (
                    <textarea
                      {...p}
                      rows={2}
                      value={draft.consentText}
                      onChange={(e) => change({ consentText: e.target.value })}
                    />
                  )}
                </Field>
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={draft.consentRequired}
                    onChange={(e) => change({ consentRequired: e.target.checked })}
                  />{' '}
                  Refuse submissions without it
                </label>
              </>
            )}
            <h2>After sending</h2>
            <Field label="Button label" error={fieldMessage(problem, 'submitLabel')}>
              {(p) => (
                <input {...p} value={draft.submitLabel} onChange={(e) => change({ submitLabel: e.target.value })} />
              )}
            </Field>
            <Field label="Thank-you message" error={fieldMessage(problem, 'thankYouMessage')}>
              {(p) => (
                <textarea
                  {...p}
                  rows={2}
                  value={draft.thankYouMessage}
                  onChange={(e) => change({ thankYouMessage: e.target.value })}
                />
              )}
            </Field>
            <Field
              label="Redirect URL"
              hint="Empty: show the thank-you message"
              error={fieldMessage(problem, 'redirectUrl')}
            >
              {(p) => (
                <input
                  {...p}
                  type="url"
                  value={draft.redirectUrl}
                  onChange={(e) => change({ redirectUrl: e.target.value })}
                />
              )}
            </Field>
          </fieldset>
          {canEdit && (
            <div className="form-actions">
              <button type="submit" className="button button--primary" disabled={creating.loading || updating.loading}>
                {form ? 'Save form' : 'Create form'}
              </button>
              {form && (
                <button
                  type="button"
                  className="button"
                  onClick={() => void setStatus(form.status === 'ACTIVE' ? 'CLOSED' : 'ACTIVE')}
                >
                  {form.status === 'ACTIVE' ? 'Close form' : 'Reopen form'}
                </button>
              )}
              {form && canDelete && (
                <button
                  type="button"
                  className="button button--ghost"
                  onClick={() => {
                    if (window.confirm(`Delete ${form.name}? Its submissions stay.`))
                      void remove({ variables: { id: form.id } }).then(() => navigate('/marketing/forms'));
                  }}
                >
                  Delete
                </button>
              )}
              <span role="status">{notice}</span>
            </div>
          )}
        </form>
        <aside aria-label="Preview and embedding">
          <div className="lp-preview" data-testid="form-preview">
            <h1>{draft.name || 'Untitled form'}</h1>
            <FormPreview
              form={{
                fields: draft.fields.map((f) => ({
                  ...f,
                  required: f.required || f.type === 'EMAIL',
                  options: f.options
                    .split('\n')
                    .map((o) => o.trim())
                    .filter(Boolean),
                })),
                submitLabel: draft.submitLabel,
                consent: draft.consentOn ? { text: draft.consentText, required: draft.consentRequired } : null,
              }}
            />
          </div>
          {form && <EmbedPanel hostedUrl={form.hostedUrl} embedHtml={form.embedHtml} />}
        </aside>
      </div>
    </section>
  );
}

function EmbedPanel({ hostedUrl, embedHtml }: { hostedUrl: string; embedHtml: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="panel">
      <h2>Share and embed</h2>
      <p>
        Hosted page:{' '}
        <a href={hostedUrl} target="_blank" rel="noreferrer">
          {hostedUrl}
        </a>
      </p>
      <Field label="Embed code" hint="Paste into any web page; it works without JavaScript">
        {(p) => (
          <textarea
            {...p}
            className="embed-code"
            rows={8}
            readOnly
            value={embedHtml}
            onFocus={(e) => e.target.select()}
          />
        )}
      </Field>
      <button
        type="button"
        className="button"
        onClick={() =>
          void navigator.clipboard.writeText(embedHtml).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        Copy embed code
      </button>{' '}
      <span role="status">{copied ? 'Copied.' : ''}</span>
    </div>
  );
}
