import type { FormFieldType } from '../../__generated__/graphql.ts';

/** What the preview needs of a field (the builder's draft or a saved form). */
export interface PreviewField {
  key: string;
  label: string;
  type: FormFieldType;
  required: boolean;
  placeholder?: string | null;
  options: readonly string[];
}

export interface PreviewForm {
  fields: readonly PreviewField[];
  submitLabel: string;
  consent: { text: string; required: boolean } | null;
}

const INPUT_TYPES: Partial<Record<FormFieldType, string>> = {
  EMAIL: 'email',
  PHONE: 'tel',
  NUMBER: 'number',
  DATE: 'date',
};

/**
 * A form as visitors will see it (the hosted page and landing pages render the same fields on the
 * server); inert here: it never submits.
 */
export function FormPreview({ form }: { form: PreviewForm }) {
  return (
    <form aria-label="Form preview" onSubmit={(e) => e.preventDefault()}>
      {form.fields
        .filter((f) => f.type !== 'HIDDEN')
        .map((f) => {
          const label = `${f.label || f.key}${f.required ? ' *' : ''}`;
          if (f.type === 'CHECKBOX')
            return (
              <label key={f.key}>
                <input type="checkbox" tabIndex={-1} /> {label}
              </label>
            );
          return (
            <label key={f.key}>
              {label}
              {f.type === 'TEXTAREA' ? (
                <textarea rows={3} tabIndex={-1} placeholder={f.placeholder ?? undefined} readOnly />
              ) : f.type === 'SELECT' ? (
                <select tabIndex={-1}>
                  <option value="" />
                  {f.options.map((o) => (
                    <option key={o}>{o}</option>
                  ))}
                </select>
              ) : (
                <input
                  type={INPUT_TYPES[f.type] ?? 'text'}
                  tabIndex={-1}
                  placeholder={f.placeholder ?? undefined}
                  readOnly
                />
              )}
            </label>
          );
        })}
      {form.consent?.text && (
        <label>
          <input type="checkbox" tabIndex={-1} /> {form.consent.text}
          {form.consent.required ? ' *' : ''}
        </label>
      )}
      <button type="submit" tabIndex={-1}>
        {form.submitLabel || 'Send'}
      </button>
    </form>
  );
}
