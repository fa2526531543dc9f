/**
 * Pre-trip questionnaires and terms/waivers: the list (one trip's, the templates, or all), the
 * builder (advisors), and each form's answers and the audit record of every acceptance.
 */
import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { PreTripFormKind, PreTripQuestionType } from '../../__generated__/graphql.ts';
import { describeError, fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { formatCalendarDate, formatDateTime, humanize } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { RecordMissing } from '../../ui/RecordMissing.tsx';
import { Loading } from '../../ui/Splash.tsx';
import {
  CreatePreTripFormDocument,
  PreTripFormDocument,
  PreTripFormsDocument,
  UpdatePreTripFormDocument,
} from './graphql/__generated__/preTrip.ts';

const QUESTION_TYPES: PreTripQuestionType[] = ['TEXT', 'LONG_TEXT', 'YES_NO', 'CHOICE', 'DATE'];

interface QuestionDraft {
  type: PreTripQuestionType;
  prompt: string;
  required: boolean;
  choices: string;
}
const EMPTY_QUESTION: QuestionDraft = { type: 'TEXT', prompt: '', required: true, choices: '' };

function FormBuilder({ tripId, onCreated }: { tripId: string; onCreated: (id: string) => void }) {
  const [kind, setKind] = useState<PreTripFormKind>('QUESTIONNAIRE');
  const [title, setTitle] = useState('');
  const [trip, setTrip] = useState(tripId);
  const [templateId, setTemplateId] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [text, setText] = useState('');
  const [questions, setQuestions] = useState<QuestionDraft[]>([{ ...EMPTY_QUESTION }]);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const templates = useQuery(PreTripFormsDocument, {
    variables: { filter: { templates: true, active: true }, first: 100 },
  });
  const [create, creating] = useMutation(CreatePreTripFormDocument);
  const fromTemplate = templateId !== '';
  const setQuestion = (i: number, change: Partial<QuestionDraft>) =>
    setQuestions(questions.map((q, j) => (j === i ? { ...q, ...change } : q)));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    try {
      const r = await create({
        variables: {
          input: {
            kind: fromTemplate ? null : kind,
            title: title || null,
            tripId: trip.trim() || null,
            templateId: templateId || null,
            dueOn: dueOn || null,
            text: !fromTemplate && kind === 'WAIVER' ? text : null,
            questions:
              !fromTemplate && kind === 'QUESTIONNAIRE'
                ? questions.map((q) => ({
                    type: q.type,
                    prompt: q.prompt,
                    required: q.required,
                    choices:
                      q.type === 'CHOICE'
                        ? q.choices
                            .split(',')
                            .map((c) => c.trim())
                            .filter(Boolean)
                        : null,
                  }))
                : null,
          },
        },
      });
      if (r.data) onCreated(r.data.createPreTripForm.id);
    } catch (err) {
      setProblem(describeError(err));
    }
  };

  const error = (path: string) => fieldMessage(problem, path);
  return (
    <form className="panel form-grid" onSubmit={(e) => void onSubmit(e)} aria-label="New pre-trip form" noValidate>
      <h2 className="panel__title">New form</h2>
      <FormProblem problem={problem} />
      <label className="field__label" htmlFor="ptf-trip">
        TT-API trip id (leave empty for a template)
      </label>
      <input
        id="ptf-trip"
        className="input"
        value={trip}
        onChange={(e) => setTrip(e.target.value)}
        aria-invalid={error('input.tripId') ? true : undefined}
      />
      {error('input.tripId') && <span className="field__error">{error('input.tripId')}</span>}
      <label className="field__label" htmlFor="ptf-template">
        Copy from a template
      </label>
      <select id="ptf-template" className="select" value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
        <option value="">No template</option>
        {templates.data?.preTripForms?.nodes.map((t) => (
          <option key={t.id} value={t.id}>
            {t.title} ({humanize(t.kind)})
          </option>
        ))}
      </select>
      {!fromTemplate && (
        <>
          <label className="field__label" htmlFor="ptf-kind">
            Kind
          </label>
          <select
            id="ptf-kind"
            className="select"
            value={kind}
            onChange={(e) => setKind(e.target.value as PreTripFormKind)}
          >
            <option value="QUESTIONNAIRE">Questionnaire</option>
            <option value="WAIVER">Terms or waiver</option>
          </select>
        </>
      )}
      <label className="field__label" htmlFor="ptf-new-title">
        Title{fromTemplate ? ' (the template’s unless given)' : ''}
      </label>
      <input
        id="ptf-new-title"
        className="input"
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        aria-invalid={error('input.title') ? true : undefined}
      />
      {error('input.title') && <span className="field__error">{error('input.title')}</span>}
      <label className="field__label" htmlFor="ptf-due">
        Due on
      </label>
      <input id="ptf-due" className="input" type="date" value={dueOn} onChange={(e) => setDueOn(e.target.value)} />
      {!fromTemplate && kind === 'WAIVER' && (
        <>
          <label className="field__label" htmlFor="ptf-text">
            Wording travellers accept
          </label>
          <textarea
            id="ptf-text"
            className="textarea"
            rows={8}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={error('input.text') ? true : undefined}
          />
          {error('input.text') && <span className="field__error">{error('input.text')}</span>}
        </>
      )}
      {!fromTemplate && kind === 'QUESTIONNAIRE' && (
        <fieldset className="field">
          <legend className="field__label">Questions</legend>
          {error('input.questions') && <span className="field__error">{error('input.questions')}</span>}
          {questions.map((q, i) => (
            <div key={i} className="panel" data-testid="ptf-question">
              <label className="field__label" htmlFor={`ptf-q${i}-prompt`}>
                Question {i + 1}
              </label>
              <input
                id={`ptf-q${i}-prompt`}
                className="input"
                value={q.prompt}
                onChange={(e) => setQuestion(i, { prompt: e.target.value })}
                aria-invalid={error(`input.questions.${i}.prompt`) ? true : undefined}
              />
              {error(`input.questions.${i}.prompt`) && (
                <span className="field__error">{error(`input.questions.${i}.prompt`)}</span>
              )}
              <label className="field__label" htmlFor={`ptf-q${i}-type`}>
                Answered as
              </label>
              <select
                id={`ptf-q${i}-type`}
                className="select"
                value={q.type}
                onChange={(e) => setQuestion(i, { type: e.target.value as PreTripQuestionType })}
              >
                {QUESTION_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {humanize(t)}
                  </option>
                ))}
              </select>
              {q.type === 'CHOICE' && (
                <>
                  <label className="field__label" htmlFor={`ptf-q${i}-choices`}>
                    Choices, separated by commas
                  </label>
                  <input
                    id={`ptf-q${i}-choices`}
                    className="input"
                    value={q.choices}
                    onChange={(e) => setQuestion(i, { choices: e.target.value })}
                    aria-invalid={error(`input.questions.${i}.choices`) ? true : undefined}
                  />
                  {error(`input.questions.${i}.choices`) && (
                    <span className="field__error">{error(`input.questions.${i}.choices`)}</span>
                  )}
                </>
              )}
              <label className="checkbox-field">
                <input
                  type="checkbox"
                  checked={q.required}
                  onChange={(e) => setQuestion(i, { required: e.target.checked })}
                />{' '}
                Required
              </label>
              {questions.length > 1 && (
                <button
                  type="button"
                  className="button button--ghost button--small"
                  onClick={() => setQuestions(questions.filter((_, j) => j !== i))}
                >
                  Remove
                </button>
              )}
            </div>
          ))}
          <button
            type="button"
            className="button button--ghost"
            onClick={() => setQuestions([...questions, { ...EMPTY_QUESTION }])}
          >
            Add a question
          </button>
        </fieldset>
      )}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={creating.loading}>
          Create
        </button>
      </div>
    </form>
  );
}

export function PreTripFormsPage() {
  useDocumentTitle('Pre-trip forms');
  const canWrite = useHasRank('ADVISOR');
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tripId = params.get('trip') ?? '';
  const show = params.get('show') ?? 'all';
  const filter = {
    ...(tripId ? { tripId } : {}),
    ...(show === 'templates' ? { templates: true } : show === 'trips' ? { templates: false } : {}),
  };
  const { data, error, refetch } = useQuery(PreTripFormsDocument, {
    variables: { filter, first: 100 },
    fetchPolicy: 'cache-and-network',
  });
  const [building, setBuilding] = useState(false);
  const forms = data?.preTripForms?.nodes ?? [];
  return (
    <section aria-labelledby="ptf-title">
      <header className="page-header">
        <h1 id="ptf-title">Pre-trip forms</h1>
        {canWrite && !building && (
          <button type="button" className="button button--primary" onClick={() => setBuilding(true)}>
            New form
          </button>
        )}
      </header>
      <p className="cell-muted">
        Questionnaires and terms or waivers the trip’s travellers answer and accept in the client portal.
      </p>
      <div className="toolbar">
        <label className="field__label" htmlFor="ptf-show">
          Show
        </label>
        <select
          id="ptf-show"
          className="select select--small"
          value={show}
          onChange={(e) => {
            const next = new URLSearchParams(params);
            next.set('show', e.target.value);
            setParams(next);
          }}
        >
          <option value="all">All</option>
          <option value="trips">Trip forms</option>
          <option value="templates">Templates</option>
        </select>
        {tripId && (
          <span>
            Trip {tripId} · <Link to="/service/pre-trip">all trips</Link>
          </span>
        )}
      </div>
      {building && <FormBuilder tripId={tripId} onCreated={(id) => void navigate(`/service/pre-trip/${id}`)} />}
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {!data && !error && <Loading />}
      {data && forms.length === 0 && <p className="empty">No forms yet.</p>}
      {forms.length > 0 && (
        <table className="table" data-testid="pre-trip-forms">
          <thead>
            <tr>
              <th>Title</th>
              <th>Kind</th>
              <th>Trip</th>
              <th>Due</th>
              <th>Answered</th>
            </tr>
          </thead>
          <tbody>
            {forms.map((f) => (
              <tr key={f.id}>
                <td>
                  <Link to={`/service/pre-trip/${f.id}`}>{f.title}</Link>
                  {!f.active && <span className="badge">Inactive</span>}
                </td>
                <td>{f.kind === 'WAIVER' ? 'Terms / waiver' : 'Questionnaire'}</td>
                <td>{f.isTemplate ? 'Template' : (f.tripName ?? f.tripId)}</td>
                <td>{f.dueOn ? formatCalendarDate(f.dueOn) : '—'}</td>
                <td>
                  {f.kind === 'WAIVER'
                    ? `${f.acceptances?.totalCount ?? 0} accepted`
                    : `${f.responses?.totalCount ?? 0} answered`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data && (data.preTripForms?.totalCount ?? 0) > forms.length && (
        <p className="cell-muted">
          Showing the newest {forms.length} of {data.preTripForms?.totalCount}; narrow by trip to see the rest.
        </p>
      )}
    </section>
  );
}

export function PreTripFormPage() {
  const { id = '' } = useParams();
  const canWrite = useHasRank('ADVISOR');
  const { data, error, refetch } = useQuery(PreTripFormDocument, {
    variables: { id },
    fetchPolicy: 'cache-and-network',
  });
  const [update, updating] = useMutation(UpdatePreTripFormDocument);
  const [text, setText] = useState<string | null>(null);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const form = data?.preTripForm;
  useDocumentTitle(form?.title ?? 'Pre-trip form');
  if (error) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  if (!data) return <Loading />;
  if (!form) return <RecordMissing kind="form" listPath="/service/pre-trip" listLabel="pre-trip forms" />;
  const save = async (input: { text?: string; active?: boolean }) => {
    setProblem(null);
    try {
      await update({ variables: { input: { id: form.id, ...input } } });
      setText(null);
      await refetch();
    } catch (err) {
      setProblem(describeError(err));
    }
  };
  return (
    <section aria-labelledby="ptf-detail-title" data-testid="pre-trip-form">
      <p>
        <Link to="/service/pre-trip">← Pre-trip forms</Link>
      </p>
      <header className="page-header">
        <h1 id="ptf-detail-title">{form.title}</h1>
        {canWrite && (
          <button
            type="button"
            className="button"
            disabled={updating.loading}
            onClick={() => void save({ active: !form.active })}
          >
            {form.active ? 'Hide from the portal' : 'Show in the portal'}
          </button>
        )}
      </header>
      <p className="cell-muted">
        {form.kind === 'WAIVER' ? 'Terms / waiver' : 'Questionnaire'} ·{' '}
        {form.isTemplate ? 'Template' : `Trip ${form.tripName ?? form.tripId ?? ''}`}
        {form.template ? ` · from ${form.template.title}` : ''}
        {form.dueOn ? ` · due ${formatCalendarDate(form.dueOn)}` : ''}
        {form.active ? '' : ' · hidden from the portal'}
      </p>
      <FormProblem problem={problem} />

      {form.kind === 'WAIVER' && form.currentVersion && (
        <section className="panel" aria-labelledby="ptf-wording-title">
          <h2 id="ptf-wording-title" className="panel__title">
            Wording, version {form.currentVersion.version}
          </h2>
          {text === null ? (
            <>
              <p style={{ whiteSpace: 'pre-wrap' }}>{form.currentVersion.text}</p>
              <p className="cell-muted">SHA-256 {form.currentVersion.sha256}</p>
              {canWrite && (
                <button
                  type="button"
                  className="button button--ghost"
                  onClick={() => setText(form.currentVersion?.text ?? '')}
                >
                  Change the wording
                </button>
              )}
            </>
          ) : (
            <form onSubmit={(e) => (e.preventDefault(), void save({ text }))}>
              <label className="field__label" htmlFor="ptf-new-text">
                New wording (travellers accept it again)
              </label>
              <textarea
                id="ptf-new-text"
                className="textarea"
                rows={8}
                value={text}
                onChange={(e) => setText(e.target.value)}
              />
              {fieldMessage(problem, 'input.text') && (
                <span className="field__error">{fieldMessage(problem, 'input.text')}</span>
              )}
              <div className="form-actions">
                <button type="submit" className="button button--primary" disabled={updating.loading}>
                  Save as version {form.currentVersion.version + 1}
                </button>
                <button type="button" className="button button--ghost" onClick={() => setText(null)}>
                  Cancel
                </button>
              </div>
            </form>
          )}
        </section>
      )}

      {form.kind === 'QUESTIONNAIRE' && (
        <section className="panel" aria-labelledby="ptf-questions-title">
          <h2 id="ptf-questions-title" className="panel__title">
            Questions
          </h2>
          <ol>
            {form.questions.map((q) => (
              <li key={q.key}>
                {q.prompt}{' '}
                <span className="cell-muted">
                  ({humanize(q.type)}
                  {q.required ? ', required' : ''}
                  {q.choices.length ? `: ${q.choices.join(', ')}` : ''})
                </span>
              </li>
            ))}
          </ol>
        </section>
      )}

      {form.kind === 'QUESTIONNAIRE' && !form.isTemplate && (
        <section aria-labelledby="ptf-responses-title">
          <h2 id="ptf-responses-title">Answers ({form.responses?.totalCount ?? 0})</h2>
          {(form.responses?.nodes.length ?? 0) === 0 ? (
            <p className="empty">No traveller has answered yet.</p>
          ) : (
            <table className="table" data-testid="pre-trip-responses">
              <thead>
                <tr>
                  <th>Traveler</th>
                  <th>Answers</th>
                  <th>Sent</th>
                </tr>
              </thead>
              <tbody>
                {form.responses?.nodes.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link to={`/travel/travelers/${r.travelerId}`}>{r.travelerId}</Link>
                    </td>
                    <td>
                      <dl>
                        {r.answers.map((a) => (
                          <div key={a.key}>
                            <dt className="cell-muted">{a.prompt}</dt>
                            <dd>{a.value}</dd>
                          </div>
                        ))}
                      </dl>
                    </td>
                    <td>{formatDateTime(r.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}

      {form.kind === 'WAIVER' && !form.isTemplate && (
        <section aria-labelledby="ptf-acceptances-title">
          <h2 id="ptf-acceptances-title">Acceptances ({form.acceptances?.totalCount ?? 0})</h2>
          {(form.acceptances?.nodes.length ?? 0) === 0 ? (
            <p className="empty">No traveller has accepted yet.</p>
          ) : (
            <table className="table" data-testid="pre-trip-acceptances">
              <thead>
                <tr>
                  <th>Name typed</th>
                  <th>Traveler</th>
                  <th>Version</th>
                  <th>Accepted</th>
                  <th>From</th>
                </tr>
              </thead>
              <tbody>
                {form.acceptances?.nodes.map((a) => (
                  <tr key={a.id}>
                    <td>{a.fullName}</td>
                    <td>
                      <Link to={`/travel/travelers/${a.travelerId}`}>{a.travelerId}</Link>
                    </td>
                    <td title={`SHA-256 ${a.textSha256}`}>v{a.version}</td>
                    <td>{formatDateTime(a.acceptedAt)}</td>
                    <td>
                      {a.ip}
                      <br />
                      <span className="cell-muted">{a.userAgent}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </section>
  );
}
