import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import type { DealStatus } from '../../__generated__/graphql.ts';
import { describeError, fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { humanize } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Field } from '../../ui/Field.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { Loading } from '../../ui/Splash.tsx';
import {
  CreatePipelineStageDocument,
  DeletePipelineStageDocument,
  PipelineSettingsDocument,
  ReorderPipelineStagesDocument,
  UpdatePipelineStageDocument,
} from './graphql/__generated__/settings.ts';

type Stage = { id: string; name: string; probability: number; outcome: DealStatus; position: number };

/**
 * Pipelines and their stages: order (move up and down by button, so the keyboard does it as well as
 * the mouse), probabilities, outcomes; add and delete stages. Changing a probability re-weights every
 * deal in the stage, so the board's and dashboard's weighted totals follow.
 */
export function PipelinesSettingsPage() {
  useDocumentTitle('Pipelines');
  const { data, error, refetch } = useQuery(PipelineSettingsDocument, { fetchPolicy: 'cache-and-network' });
  const [chosen, setChosen] = useState<string | null>(null);
  const pipelines = data?.pipelines?.nodes ?? [];
  const pipeline = pipelines.find((p) => p.id === chosen) ?? pipelines.find((p) => p.isDefault) ?? pipelines[0];

  return (
    <section aria-labelledby="pipelines-title" data-testid="pipeline-settings">
      <header className="page-header">
        <h1 id="pipelines-title">Pipelines and stages</h1>
        {pipelines.length > 1 && (
          <label className="page-header__actions">
            <span className="field__label">Pipeline</span>
            <select className="select" value={pipeline?.id ?? ''} onChange={(e) => setChosen(e.target.value)}>
              {pipelines.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                  {p.isDefault ? ' (default)' : ''}
                </option>
              ))}
            </select>
          </label>
        )}
      </header>
      {error && !data && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {!data && !error && <Loading />}
      {pipeline && (
        <StageEditor
          key={pipeline.id}
          pipelineId={pipeline.id}
          stages={pipeline.stages?.nodes ?? []}
          onChanged={() => void refetch()}
        />
      )}
    </section>
  );
}

function StageEditor({
  pipelineId,
  stages,
  onChanged,
}: {
  pipelineId: string;
  stages: readonly Stage[];
  onChanged: () => void;
}) {
  const [update] = useMutation(UpdatePipelineStageDocument);
  const [reorder] = useMutation(ReorderPipelineStagesDocument);
  const [remove] = useMutation(DeletePipelineStageDocument);
  const [create] = useMutation(CreatePipelineStageDocument);
  const [problem, setProblem] = useState<{ stageId: string | null; error: DescribedError } | null>(null);
  const [status, setStatus] = useState('');

  const run = async (stageId: string | null, action: () => Promise<unknown>, done: string) => {
    setProblem(null);
    try {
      await action();
      setStatus(done);
      onChanged();
      return true;
    } catch (err) {
      setProblem({ stageId, error: describeError(err) });
      return false;
    }
  };

  const saveStage = (event: FormEvent<HTMLFormElement>, stage: Stage) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const probability = Number(data.get('probability'));
    void run(
      stage.id,
      () =>
        update({
          variables: {
            input: {
              id: stage.id,
              name: String(data.get('name') ?? ''),
              probability: Number.isInteger(probability) ? probability : -1,
            },
          },
        }),
      `${stage.name} saved.`,
    );
  };

  const move = (index: number, by: -1 | 1) => {
    const ids = stages.map((s) => s.id);
    const [id] = ids.splice(index, 1);
    if (!id) return;
    ids.splice(index + by, 0, id);
    const name = stages[index]?.name ?? 'Stage';
    void run(
      null,
      () => reorder({ variables: { input: { pipelineId, stageIds: ids } } }),
      `${name} moved ${by < 0 ? 'left' : 'right'}.`,
    ).then(() =>
      requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-stage-row="${id}"] .stage-move`)?.focus()),
    );
  };

  const removeStage = (stage: Stage) => {
    const others = stages.filter((s) => s.id !== stage.id && s.outcome === 'OPEN');
    const target = others[0];
    if (!window.confirm(`Delete ${stage.name}? Its deals move to ${target?.name ?? 'another stage'}.`)) return;
    void run(
      stage.id,
      () => remove({ variables: { input: { id: stage.id, moveDealsToStageId: target?.id ?? null } } }),
      `${stage.name} deleted.`,
    );
  };

  const addStage = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    void run(
      null,
      () =>
        create({
          variables: {
            input: {
              pipelineId,
              name: String(data.get('name') ?? ''),
              probability: Number(data.get('probability') || 0),
            },
          },
        }),
      'Stage added.',
    ).then((ok) => ok && form.reset());
  };

  return (
    <>
      <p className="visually-hidden" role="status">
        {status}
      </p>
      {problem && problem.stageId === null && <FormProblem problem={{ ...problem.error, fields: [] }} />}
      <ol className="stage-list" data-testid="stage-list">
        {stages.map((stage, index) => {
          const mine = problem?.stageId === stage.id ? problem.error : null;
          return (
            <li key={stage.id} className="panel stage-row" data-stage-row={stage.id} data-testid="stage-row">
              <form
                className="stage-row__form"
                onSubmit={(e) => saveStage(e, stage)}
                noValidate
                aria-label={`Stage ${stage.name}`}
              >
                <Field label="Name" error={fieldMessage(mine, 'input.name')}>
                  {(p) => <input {...p} name="name" className="input" defaultValue={stage.name} maxLength={80} />}
                </Field>
                <Field
                  label="Probability (%)"
                  error={fieldMessage(mine, 'input.probability')}
                  hint={stage.outcome === 'OPEN' ? undefined : `${humanize(stage.outcome)} stages are fixed`}
                >
                  {(p) => (
                    <input
                      {...p}
                      name="probability"
                      className="input input--narrow"
                      type="number"
                      min={0}
                      max={100}
                      step={1}
                      defaultValue={stage.probability}
                      readOnly={stage.outcome !== 'OPEN'}
                    />
                  )}
                </Field>
                <span className="badge stage-row__outcome">{humanize(stage.outcome)}</span>
                {mine && mine.fields.length === 0 && (
                  <p className="field__error" role="alert">
                    {mine.message}
                  </p>
                )}
                <span className="stage-row__actions">
                  <button type="submit" className="button button--small">
                    Save<span className="visually-hidden"> {stage.name}</span>
                  </button>
                  <button
                    type="button"
                    className="button button--small stage-move"
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                    aria-label={`Move ${stage.name} left`}
                  >
                    ←
                  </button>
                  <button
                    type="button"
                    className="button button--small"
                    disabled={index === stages.length - 1}
                    onClick={() => move(index, 1)}
                    aria-label={`Move ${stage.name} right`}
                  >
                    →
                  </button>
                  <button
                    type="button"
                    className="button button--small button--danger"
                    onClick={() => removeStage(stage)}
                  >
                    Delete<span className="visually-hidden"> {stage.name}</span>
                  </button>
                </span>
              </form>
            </li>
          );
        })}
      </ol>
      <form className="panel form-grid" onSubmit={addStage} noValidate aria-label="New stage">
        <h2 className="panel__title">New stage</h2>
        <Field label="Name">{(p) => <input {...p} name="name" className="input" maxLength={80} required />}</Field>
        <Field label="Probability (%)">
          {(p) => (
            <input
              {...p}
              name="probability"
              className="input input--narrow"
              type="number"
              min={0}
              max={100}
              defaultValue={50}
            />
          )}
        </Field>
        <div className="form-actions">
          <button type="submit" className="button button--primary">
            Add stage
          </button>
        </div>
      </form>
    </>
  );
}
