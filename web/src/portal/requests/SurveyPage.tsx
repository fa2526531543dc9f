/** A survey from the agency, answered once: ratings as buttons big enough for a thumb, text as text. */
import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { describeError, fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { Splash } from '../../ui/Splash.tsx';
import { PortalAnswerSurveyDocument, PortalRequestsDocument, PortalSurveyDocument } from './__generated__/requests.ts';

const RANGES: Record<string, [number, number, string, string]> = {
  CSAT: [1, 5, 'Very unhappy', 'Very happy'],
  NPS: [0, 10, 'Not likely', 'Very likely'],
  CES: [1, 7, 'Very hard', 'Very easy'],
};

export function SurveyPage() {
  const { id = '' } = useParams();
  const q = useQuery(PortalSurveyDocument, { variables: { id } });
  const s = q.data?.portalSurvey;
  useDocumentTitle(s ? s.name : 'Survey');
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [answer, answering] = useMutation(PortalAnswerSurveyDocument, { refetchQueries: [PortalRequestsDocument] });
  if (!s && q.error) return <ErrorNotice error={q.error} onRetry={() => void q.refetch()} />;
  if (!s) return <Splash />;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    try {
      await answer({
        variables: {
          input: {
            id: s.id,
            answers: Object.entries(answers).map(([key, value]) => ({ key, value })),
            comment: comment || null,
          },
        },
      });
    } catch (err) {
      setProblem(describeError(err));
    }
  };

  return (
    <article aria-labelledby="survey-title" data-testid="portal-survey">
      <p>
        <Link to="/requests">← Requests</Link>
      </p>
      <h1 id="survey-title">{s.name}</h1>
      {s.respondedAt ? (
        <p className="notice notice--success" role="status" data-testid="portal-survey-done">
          Thank you: you answered on {formatDateTime(s.respondedAt)}.
        </p>
      ) : (
        <form className="panel" onSubmit={(e) => void onSubmit(e)} noValidate>
          <FormProblem problem={problem} />
          {s.questions.map((question) => {
            const range = RANGES[question.type];
            const error = fieldMessage(problem, `input.answers.${question.key}`);
            return (
              <fieldset key={question.key} className="portal-question">
                <legend className="field__label">{question.prompt}</legend>
                {range ? (
                  <>
                    <div className="portal-scale" role="radiogroup" aria-label={question.prompt}>
                      {Array.from({ length: range[1] - range[0] + 1 }, (_, i) => String(range[0] + i)).map((v) => (
                        <label key={v} className="portal-scale__option">
                          <input
                            type="radio"
                            name={question.key}
                            value={v}
                            checked={answers[question.key] === v}
                            onChange={() => setAnswers({ ...answers, [question.key]: v })}
                          />
                          <span>{v}</span>
                        </label>
                      ))}
                    </div>
                    <p className="cell-muted portal-scale__ends">
                      <span>{range[2]}</span> <span>{range[3]}</span>
                    </p>
                  </>
                ) : (
                  <textarea
                    className="textarea"
                    rows={3}
                    aria-label={question.prompt}
                    value={answers[question.key] ?? ''}
                    onChange={(e) => setAnswers({ ...answers, [question.key]: e.target.value })}
                  />
                )}
                {error && <span className="field__error">{error}</span>}
              </fieldset>
            );
          })}
          <label className="field__label" htmlFor="survey-comment">
            Anything else you would like to tell us?
          </label>
          <textarea
            id="survey-comment"
            className="textarea"
            rows={3}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
          {fieldMessage(problem, 'input.comment') && (
            <span className="field__error">{fieldMessage(problem, 'input.comment')}</span>
          )}
          <p>
            <button type="submit" className="button" disabled={answering.loading} data-testid="portal-survey-submit">
              Send
            </button>
          </p>
        </form>
      )}
    </article>
  );
}
