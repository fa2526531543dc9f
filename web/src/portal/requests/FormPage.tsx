/**
 * A pre-trip questionnaire (answered, and answered again if something changes) or terms/waiver
 * (read, then accepted by typing one's name; a new wording asks again).
 */
import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { PortalPreTripFormFieldsFragment } from '../../__generated__/graphql.ts';
import { describeError, fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { formatCalendarDate, formatDateTime } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { Splash } from '../../ui/Splash.tsx';
import {
  PortalAcceptWaiverDocument,
  PortalPreTripFormDocument,
  PortalRequestsDocument,
  PortalSubmitQuestionnaireDocument,
} from './__generated__/requests.ts';

type Form = PortalPreTripFormFieldsFragment;

function Questionnaire({ form }: { form: Form }) {
  const [answers, setAnswers] = useState<Record<string, string>>(() =>
    Object.fromEntries(form.myAnswers.map((a) => [a.key, a.value])),
  );
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [saved, setSaved] = useState(false);
  const [submit, submitting] = useMutation(PortalSubmitQuestionnaireDocument, {
    refetchQueries: [PortalRequestsDocument],
  });
  const set = (key: string, value: string) => setAnswers({ ...answers, [key]: value });
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    setSaved(false);
    try {
      await submit({
        variables: {
          input: { formId: form.id, answers: Object.entries(answers).map(([key, value]) => ({ key, value })) },
        },
      });
      setSaved(true);
    } catch (err) {
      setProblem(describeError(err));
    }
  };
  return (
    <form className="panel" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="portal-questionnaire">
      <FormProblem problem={problem} />
      {saved && (
        <p className="notice notice--success" role="status">
          Thank you, your answers are saved.
        </p>
      )}
      {form.questions.map((q) => {
        const id = `question-${q.key}`;
        const error = fieldMessage(problem, `input.answers.${q.key}`);
        const value = answers[q.key] ?? '';
        return (
          <div key={q.key} className="field">
            <label className="field__label" htmlFor={id}>
              {q.prompt}
              {q.required && <span aria-hidden="true"> *</span>}
            </label>
            {q.type === 'LONG_TEXT' ? (
              <textarea
                id={id}
                className="textarea"
                rows={4}
                value={value}
                aria-invalid={error ? true : undefined}
                onChange={(e) => set(q.key, e.target.value)}
              />
            ) : q.type === 'YES_NO' || q.type === 'CHOICE' ? (
              <select
                id={id}
                className="select"
                value={value}
                aria-invalid={error ? true : undefined}
                onChange={(e) => set(q.key, e.target.value)}
              >
                <option value="">Choose…</option>
                {(q.type === 'YES_NO' ? ['YES', 'NO'] : q.choices).map((c) => (
                  <option key={c} value={c}>
                    {q.type === 'YES_NO' ? (c === 'YES' ? 'Yes' : 'No') : c}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={id}
                className="input"
                type={q.type === 'DATE' ? 'date' : 'text'}
                value={value}
                aria-invalid={error ? true : undefined}
                onChange={(e) => set(q.key, e.target.value)}
              />
            )}
            {error && <span className="field__error">{error}</span>}
          </div>
        );
      })}
      <p>
        <button
          type="submit"
          className="button"
          disabled={submitting.loading}
          data-testid="portal-questionnaire-submit"
        >
          {form.answeredAt ? 'Update my answers' : 'Send my answers'}
        </button>
      </p>
    </form>
  );
}

function Waiver({ form }: { form: Form }) {
  const [fullName, setFullName] = useState('');
  const [agree, setAgree] = useState(false);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [accept, accepting] = useMutation(PortalAcceptWaiverDocument, { refetchQueries: [PortalRequestsDocument] });
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    try {
      await accept({ variables: { input: { formId: form.id, version: form.version ?? 0, fullName, agree } } });
    } catch (err) {
      setProblem(describeError(err));
    }
  };
  return (
    <>
      <section className="panel" aria-label="Terms">
        <p className="portal-prose" data-testid="portal-waiver-text">
          {form.text}
        </p>
        <p className="cell-muted">Version {form.version}</p>
      </section>
      {form.acceptedAt ? (
        <p className="notice notice--success" role="status" data-testid="portal-waiver-accepted">
          You accepted these terms on {formatDateTime(form.acceptedAt)}.
        </p>
      ) : (
        <form className="panel" onSubmit={(e) => void onSubmit(e)} noValidate>
          <FormProblem problem={problem} />
          <label className="field__label" htmlFor="waiver-name">
            Your full name
          </label>
          <input
            id="waiver-name"
            className="input"
            autoComplete="name"
            value={fullName}
            aria-invalid={fieldMessage(problem, 'input.fullName') ? true : undefined}
            onChange={(e) => setFullName(e.target.value)}
          />
          {fieldMessage(problem, 'input.fullName') && (
            <span className="field__error">{fieldMessage(problem, 'input.fullName')}</span>
          )}
          <label className="checkbox-field">
            <input type="checkbox" checked={agree} onChange={(e) => setAgree(e.target.checked)} /> I have read and
            accept these terms
          </label>
          {fieldMessage(problem, 'input.agree') && (
            <span className="field__error">{fieldMessage(problem, 'input.agree')}</span>
          )}
          <p>
            <button type="submit" className="button" disabled={accepting.loading} data-testid="portal-waiver-accept">
              Accept
            </button>
          </p>
        </form>
      )}
    </>
  );
}

export function FormPage() {
  const { id = '' } = useParams();
  const q = useQuery(PortalPreTripFormDocument, { variables: { id } });
  const form = q.data?.portalPreTripForm;
  useDocumentTitle(form ? form.title : 'Form');
  if (!form && q.error) return <ErrorNotice error={q.error} onRetry={() => void q.refetch()} />;
  if (!form) return <Splash />;
  return (
    <article aria-labelledby="form-title" data-testid="portal-form">
      <p>
        <Link to="/requests">← Requests</Link>
      </p>
      <h1 id="form-title">{form.title}</h1>
      <p className="cell-muted">
        {form.tripName ?? ''}
        {form.dueOn ? ` · please complete by ${formatCalendarDate(form.dueOn)}` : ''}
      </p>
      {form.kind === 'WAIVER' ? <Waiver form={form} /> : <Questionnaire form={form} />}
    </article>
  );
}
