import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import type { SurveyQuestionType } from '../../__generated__/graphql.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { BarChart } from '../../ui/BarChart.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Loading } from '../../ui/Splash.tsx';
import { CreateSurveyDocument, SurveysDocument } from './graphql/__generated__/service.ts';
import { TtSatisfactionDocument } from './graphql/__generated__/desk.ts';

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
            {[s.sendAfterSolve && 'After a solved ticket', s.sendAfterTrip && 'When a trip ends']
              .filter(Boolean)
              .join(' · ') || 'Sent by hand'}
          </p>
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
      <TtSatisfaction />
      {canManage && <SurveyBuilder onCreated={() => void refetch()} />}
    </section>
  );
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * TT-API's own satisfaction scores (through travel), beside Nexus's: NPS, CSAT and post-trip, each
 * over TT-API's latest 100 scores of that type (the count is all it holds), computed as Nexus's are.
 */
function TtSatisfaction() {
  const { data, error } = useQuery(TtSatisfactionDocument, { errorPolicy: 'all' });
  const rows = [
    {
      label: 'NPS',
      conn: data?.nps,
      value: (v: number[]) =>
        round1(((v.filter((x) => x >= 9).length - v.filter((x) => x <= 6).length) / v.length) * 100),
    },
    {
      label: 'CSAT',
      conn: data?.csat,
      value: (v: number[]) => round1((v.filter((x) => x >= 4).length / v.length) * 100),
      suffix: '%',
    },
    {
      label: 'Post-trip',
      conn: data?.postTrip,
      value: (v: number[]) => round1(v.reduce((a, b) => a + b, 0) / v.length),
      suffix: ' / 5',
    },
  ];
  return (
    <section className="panel" aria-labelledby="tt-satisfaction-title" data-testid="tt-satisfaction">
      <h2 id="tt-satisfaction-title">TT-API satisfaction</h2>
      {error && !data && <p>TT-API’s scores are unavailable right now.</p>}
      {data && (
        <dl className="facts">
          {rows.map(({ label, conn, value, suffix }) => {
            const scores = conn?.nodes.map((n) => n.score) ?? [];
            return (
              <div key={label}>
                <dt>{label}</dt>
                <dd>
                  {conn == null
                    ? 'Unavailable'
                    : scores.length
                      ? `${value(scores)}${suffix ?? ''} (latest ${scores.length} of ${conn.totalCount})`
                      : 'No scores'}
                </dd>
              </div>
            );
          })}
        </dl>
      )}
    </section>
  );
}

function SurveyBuilder({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState('');
  const [afterSolve, setAfterSolve] = useState(true);
  const [afterTrip, setAfterTrip] = useState(false);
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
        void create({
          variables: { input: { name, questions, sendAfterSolve: afterSolve, sendAfterTrip: afterTrip } },
        }).then((r) => {
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
      <label>
        <input type="checkbox" checked={afterTrip} onChange={(e) => setAfterTrip(e.target.checked)} /> Send when a trip
        ends (TT-API)
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
