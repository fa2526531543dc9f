import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import type { SurveyQuestionType } from '../../__generated__/graphql.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { BarChart } from '../../ui/BarChart.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Loading } from '../../ui/Splash.tsx';
import { CreateSurveyDocument, SurveysDocument } from './graphql/service.ts';

const TYPES: SurveyQuestionType[] = ['CSAT', 'NPS', 'CES', 'TEXT'];
const score = (v: number | null | undefined, suffix = '') => (v === null || v === undefined ? '—' : `${v}${suffix}`);

/** Surveys with their results (CSAT, NPS, CES, responses by week) and, for managers, the builder. */
export function SurveysPage() {
  useDocumentTitle('Surveys');
  const canManage = useHasRank('MANAGER');
  const { data, error, refetch } = useQuery(SurveysDocument, { fetchPolicy: 'cache-and-network' });
  return (
    <section aria-labelledby="surveys-title">
      <header className="page-header">
        <h1 id="surveys-title">Surveys</h1>
      </header>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {!data && !error && <Loading />}
      {data?.surveys?.nodes.map((s) => (
        <section key={s.id} className="panel" aria-label={s.name} data-testid="survey">
          <h2>{s.name}</h2>
          <p>
            {s.results.responses} responses of {s.results.sent} sent · CSAT {score(s.results.csatPercent, '%')} · NPS{' '}
            {score(s.results.nps)} · CES {score(s.results.cesAverage)}
          </p>
          {s.results.weeks.length > 0 && (
            <BarChart
              label={`${s.name}: responses by week`}
              bars={s.results.weeks.map((w) => ({ label: w.weekStart, value: w.responses }))}
              format={(v) => String(v)}
            />
          )}
        </section>
      ))}
      {canManage && <SurveyBuilder onCreated={() => void refetch()} />}
    </section>
  );
}

function SurveyBuilder({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState('');
  const [afterSolve, setAfterSolve] = useState(true);
  const [questions, setQuestions] = useState<{ type: SurveyQuestionType; prompt: string }[]>([
    { type: 'CSAT', prompt: 'How satisfied are you with our help?' },
  ]);
  const [create, creating] = useMutation(CreateSurveyDocument);
  return (
    <form
      className="panel"
      aria-label="New survey"
      onSubmit={(e) => {
        e.preventDefault();
        void create({ variables: { input: { name, questions, sendAfterSolve: afterSolve } } }).then((r) => {
          if (r.data) {
            setName('');
            onCreated();
          }
        });
      }}
    >
      <h2>New survey</h2>
      {creating.error && <ErrorNotice error={creating.error} />}
      <label>
        Name <input className="input" value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        <input type="checkbox" checked={afterSolve} onChange={(e) => setAfterSolve(e.target.checked)} /> Send after a
        ticket is solved
      </label>
      {questions.map((q, i) => (
        <div key={i} role="group" aria-label={`Question ${i + 1}`}>
          <select
            className="input"
            aria-label="Type"
            value={q.type}
            onChange={(e) =>
              setQuestions((qs) =>
                qs.map((x, j) => (j === i ? { ...x, type: e.target.value as SurveyQuestionType } : x)),
              )
            }
          >
            {TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
          <input
            className="input"
            aria-label="Prompt"
            value={q.prompt}
            onChange={(e) => setQuestions((qs) => qs.map((x, j) => (j === i ? { ...x, prompt: e.target.value } : x)))}
          />
        </div>
      ))}
      <button
        type="button"
        className="button"
        onClick={() => setQuestions((qs) => [...qs, { type: 'TEXT', prompt: '' }])}
      >
        Add question
      </button>{' '}
      <button type="submit" className="button button--primary">
        Create survey
      </button>
    </form>
  );
}
