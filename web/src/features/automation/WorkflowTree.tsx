import { useState, type ReactNode } from 'react';
import { STEP_LABELS, STEP_TYPES, summary, type Slot, type Step, type StepType } from './steps.ts';

export interface StepStats {
  completed: number;
  waiting: number;
  failed: number;
}

interface TreeProps {
  steps: Step[];
  /** Builder mode: steps can be added, edited and removed. */
  editing?: {
    selected: string | null;
    onSelect: (id: string | null) => void;
    onInsert: (slot: Slot, type: StepType) => void;
    onRemove: (id: string) => void;
    problems: Map<string, string[]>;
    editor: (step: Step) => ReactNode;
  };
  /** Detail mode: counts per step. */
  counts?: Map<string, StepStats>;
}

/** "+ Add step" on a path: a small menu of step types. */
function AddStep({ slot, onInsert }: { slot: Slot; onInsert: (slot: Slot, type: StepType) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="wf-add">
      {open ? (
        <div className="wf-add__menu" role="group" aria-label="Step type">
          {STEP_TYPES.map((t) => (
            <button
              key={t}
              type="button"
              className="button button--small"
              onClick={() => {
                setOpen(false);
                onInsert(slot, t);
              }}
            >
              {STEP_LABELS[t]}
            </button>
          ))}
          <button type="button" className="button button--ghost button--small" onClick={() => setOpen(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button
          type="button"
          className="button button--ghost button--small wf-add__button"
          onClick={() => setOpen(true)}
        >
          + Add step
        </button>
      )}
    </div>
  );
}

/**
 * The workflow as a readable vertical tree: each step under the one before it, an if / else and a
 * random split as side-by-side paths (stacked on a phone), each path ending where the enrolment
 * completes.
 */
export function WorkflowTree({ steps, editing, counts }: TreeProps) {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const path = (id: string | null | undefined, slot: Slot, depth: number): ReactNode => {
    const step = id ? byId.get(id) : undefined;
    if (!step || depth > 100)
      return (
        <>
          {editing && <AddStep slot={slot} onInsert={editing.onInsert} />}
          <div className="wf-end">End</div>
        </>
      );
    const problems = editing?.problems.get(step.id) ?? [];
    const count = counts?.get(step.id);
    const selected = editing?.selected === step.id;
    const card = (
      <div
        className={`wf-step wf-step--${step.type.toLowerCase()}${problems.length ? ' wf-step--invalid' : ''}${selected ? ' wf-step--selected' : ''}`}
        data-testid="wf-step"
        data-step-id={step.id}
      >
        <div className="wf-step__head">
          <span className="wf-step__type">{STEP_LABELS[step.type]}</span>
          <span className="wf-step__summary">{summary(step)}</span>
          {editing && (
            <span className="wf-step__actions">
              <button
                type="button"
                className="button button--ghost button--small"
                onClick={() => editing.onSelect(selected ? null : step.id)}
              >
                {selected ? 'Done' : 'Edit'}
              </button>
              <button
                type="button"
                className="button button--ghost button--small"
                onClick={() => editing.onRemove(step.id)}
              >
                Remove
              </button>
            </span>
          )}
        </div>
        {count && (
          <p className="wf-step__counts" data-testid="wf-step-counts">
            {count.completed} through · {count.waiting} waiting · {count.failed} failed
          </p>
        )}
        {problems.map((p) => (
          <p key={p} className="field__error">
            {p}
          </p>
        ))}
        {selected && editing?.editor(step)}
      </div>
    );
    if (step.type === 'BRANCH' || step.type === 'RANDOM_SPLIT') {
      const branches =
        step.type === 'BRANCH'
          ? [
              { label: 'Yes', next: step.yes, slot: { from: step.id, via: 'yes' } as Slot },
              { label: 'No', next: step.no, slot: { from: step.id, via: 'no' } as Slot },
            ]
          : (step.paths ?? []).map((p, index) => ({
              label: `${String.fromCharCode(65 + index)} · ${p.percent}%`,
              next: p.next,
              slot: { from: step.id, via: 'path', index } as Slot,
            }));
      return (
        <>
          {card}
          <div className="wf-paths">
            {branches.map((b) => (
              <div key={b.label} className="wf-path">
                <div className="wf-path__label">{b.label}</div>
                {path(b.next, b.slot, depth + 1)}
              </div>
            ))}
          </div>
        </>
      );
    }
    return (
      <>
        {card}
        {editing && step.next && <AddStep slot={{ from: step.id, via: 'next' }} onInsert={editing.onInsert} />}
        {path(step.next, { from: step.id, via: 'next' }, depth + 1)}
      </>
    );
  };
  return (
    <div className="wf-tree" data-testid="workflow-tree">
      <div className="wf-start">Trigger</div>
      {steps.length === 0 && editing ? (
        <AddStep slot={{ from: null }} onInsert={editing.onInsert} />
      ) : (
        path(steps[0]?.id, { from: null }, 0)
      )}
    </div>
  );
}
