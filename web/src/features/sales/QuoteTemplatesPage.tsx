import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { describeError, fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { centsToDollarsText, parseDollars } from '../../lib/money.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Field } from '../../ui/Field.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { Loading } from '../../ui/Splash.tsx';
import {
  SalesCreateQuoteTemplateDocument,
  SalesDeleteQuoteTemplateDocument,
  SalesQuoteTemplatesDocument,
  SalesUpdateQuoteTemplateDocument,
} from './graphql/__generated__/sales.ts';

interface TemplateForm {
  id: string | null;
  name: string;
  terms: string;
  cancellationPolicy: string;
  depositKind: 'PERCENT' | 'AMOUNT';
  deposit: string;
}
const EMPTY: TemplateForm = {
  id: null,
  name: '',
  terms: '',
  cancellationPolicy: '',
  depositKind: 'PERCENT',
  deposit: '0',
};

/** Terms, cancellation schedules and deposits quotes start from; managers keep them, everyone reads. */
export function QuoteTemplatesPage() {
  useDocumentTitle('Quote templates');
  const canManage = useHasRank('MANAGER');
  const { data, error, refetch } = useQuery(SalesQuoteTemplatesDocument, {
    variables: { first: 100 },
    fetchPolicy: 'cache-and-network',
  });
  const [create, creating] = useMutation(SalesCreateQuoteTemplateDocument);
  const [update, updating] = useMutation(SalesUpdateQuoteTemplateDocument);
  const [remove] = useMutation(SalesDeleteQuoteTemplateDocument);
  const [form, setForm] = useState<TemplateForm>(EMPTY);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const result = data?.quoteTemplates;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const amount = form.depositKind === 'AMOUNT' ? parseDollars(form.deposit) : null;
    const percent = form.depositKind === 'PERCENT' ? Number(form.deposit || '0') : null;
    if ((amount !== null && Number.isNaN(amount)) || (percent !== null && !Number.isInteger(percent))) {
      setProblem({
        code: 'BAD_USER_INPUT',
        title: 'Check the form',
        message: 'The deposit is not a number.',
        fields: [
          {
            path: form.depositKind === 'AMOUNT' ? 'input.depositAmount' : 'input.depositPercent',
            message: 'must be a number',
          },
        ],
        retryAfterMs: null,
      });
      return;
    }
    const fields = {
      name: form.name,
      terms: form.terms || null,
      cancellationPolicy: form.cancellationPolicy || null,
      ...(form.depositKind === 'AMOUNT' ? { depositAmount: amount ?? 0 } : { depositPercent: percent ?? 0 }),
    };
    try {
      if (form.id) await update({ variables: { input: { id: form.id, ...fields } } });
      else await create({ variables: { input: fields } });
      setForm(EMPTY);
      await refetch();
    } catch (err) {
      setProblem(describeError(err));
    }
  };
  const depositError = fieldMessage(problem, 'input.depositPercent') ?? fieldMessage(problem, 'input.depositAmount');
  return (
    <section aria-labelledby="templates-title">
      <header className="page-header">
        <h1 id="templates-title">Quote templates</h1>
        <p className="page-header__meta">{result ? `${result.totalCount} templates` : ''}</p>
      </header>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {!result && !error && <Loading />}
      {result && (
        <div className="table-frame">
          <table className="data-table" data-testid="templates-table">
            <thead>
              <tr>
                <th scope="col">Template</th>
                <th scope="col">Deposit</th>
                <th scope="col">Cancellation</th>
                {canManage && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {result.nodes.map((t) => (
                <tr key={t.id}>
                  <td>{t.name}</td>
                  <td>
                    {t.depositAmount != null
                      ? `${centsToDollarsText(t.depositAmount)} in the quote’s currency`
                      : `${t.depositPercent}%`}
                  </td>
                  <td>{t.cancellationPolicy ?? ''}</td>
                  {canManage && (
                    <td>
                      <button
                        type="button"
                        className="button"
                        onClick={() =>
                          setForm({
                            id: t.id,
                            name: t.name,
                            terms: t.terms ?? '',
                            cancellationPolicy: t.cancellationPolicy ?? '',
                            depositKind: t.depositAmount != null ? 'AMOUNT' : 'PERCENT',
                            deposit:
                              t.depositAmount != null ? centsToDollarsText(t.depositAmount) : String(t.depositPercent),
                          })
                        }
                      >
                        Edit {t.name}
                      </button>{' '}
                      <button
                        type="button"
                        className="button"
                        onClick={() => void remove({ variables: { id: t.id } }).then(() => refetch())}
                      >
                        Delete {t.name}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canManage && (
        <form onSubmit={(e) => void submit(e)} className="form-grid" aria-label="Quote template">
          <h2>{form.id ? `Edit ${form.name}` : 'New template'}</h2>
          <FormProblem problem={problem} />
          <Field label="Template name" required error={fieldMessage(problem, 'input.name')}>
            {(p) => (
              <input
                {...p}
                className="input"
                value={form.name}
                onChange={(e) => setForm({ ...form, name: e.target.value })}
              />
            )}
          </Field>
          <Field label="Terms" error={fieldMessage(problem, 'input.terms')}>
            {(p) => (
              <textarea
                {...p}
                className="textarea"
                rows={4}
                value={form.terms}
                onChange={(e) => setForm({ ...form, terms: e.target.value })}
              />
            )}
          </Field>
          <Field label="Cancellation schedule" error={fieldMessage(problem, 'input.cancellationPolicy')}>
            {(p) => (
              <textarea
                {...p}
                className="textarea"
                rows={4}
                value={form.cancellationPolicy}
                onChange={(e) => setForm({ ...form, cancellationPolicy: e.target.value })}
              />
            )}
          </Field>
          <Field label="Deposit is">
            {(p) => (
              <select
                {...p}
                className="select"
                value={form.depositKind}
                onChange={(e) => setForm({ ...form, depositKind: e.target.value as 'PERCENT' | 'AMOUNT' })}
              >
                <option value="PERCENT">A percent of the total</option>
                <option value="AMOUNT">A fixed amount</option>
              </select>
            )}
          </Field>
          <Field label={form.depositKind === 'PERCENT' ? 'Deposit (%)' : 'Deposit amount'} error={depositError}>
            {(p) => (
              <input
                {...p}
                className="input"
                value={form.deposit}
                onChange={(e) => setForm({ ...form, deposit: e.target.value })}
              />
            )}
          </Field>
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={creating.loading || updating.loading}>
              {form.id ? 'Save template' : 'Create template'}
            </button>
            {form.id && (
              <button type="button" className="button" onClick={() => setForm(EMPTY)}>
                Cancel
              </button>
            )}
          </div>
        </form>
      )}
    </section>
  );
}
