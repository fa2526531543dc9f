import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link, useNavigate, useParams } from 'react-router';
import type { ReenrolmentRule, WorkflowDefinitionFragment, WorkflowTriggerType } from '../../__generated__/graphql.ts';
import { describeError, fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { humanize } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { Field } from '../../ui/Field.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { NotAllowed } from '../../ui/NotAllowed.tsx';
import { RecordMissing } from '../../ui/RecordMissing.tsx';
import { Splash } from '../../ui/Splash.tsx';
import {
  ActivateWorkflowDocument,
  CreateWorkflowDocument,
  UpdateWorkflowDocument,
  WorkflowDefinitionDocument,
} from './graphql/__generated__/automation.ts';
import { StepEditor } from './StepEditor.tsx';
import { insertStep, localProblems, removeStep, type Step } from './steps.ts';
import { WorkflowTree } from './WorkflowTree.tsx';
import './automation.css';

const TRIGGERS: WorkflowTriggerType[] = [
  'CONTACT_CREATED',
  'CONTACT_UPDATED',
  'LIFECYCLE_STAGE_REACHED',
  'TAG_ADDED',
  'FORM_SUBMITTED',
  'DEAL_STAGE_CHANGED',
  'DEAL_WON',
  'DEAL_LOST',
  'SEGMENT_JOINED',
  'SEGMENT_LEFT',
  'MANUAL',
  'DATE_REACHED',
  'ANNIVERSARY',
  'BEFORE_DEPARTURE',
  'AFTER_RETURN',
];

interface TriggerDraft {
  type: WorkflowTriggerType;
  lifecycleStage: string;
  tag: string;
  formId: string;
  segmentId: string;
  dateField: string;
  days: string;
}

const blankTrigger: TriggerDraft = {
  type: 'CONTACT_CREATED',
  lifecycleStage: '',
  tag: '',
  formId: '',
  segmentId: '',
  dateField: '',
  days: '',
};

const triggerInput = (t: TriggerDraft) => ({
  type: t.type,
  ...(t.type === 'LIFECYCLE_STAGE_REACHED' ? { lifecycleStage: t.lifecycleStage } : {}),
  ...(t.type === 'TAG_ADDED' ? { tag: t.tag } : {}),
  ...(t.type === 'FORM_SUBMITTED' && t.formId ? { formId: t.formId } : {}),
  ...(t.type === 'SEGMENT_JOINED' || t.type === 'SEGMENT_LEFT' ? { segmentId: t.segmentId } : {}),
  ...(t.type === 'DATE_REACHED' || t.type === 'ANNIVERSARY' ? { dateField: t.dateField } : {}),
  ...(t.type === 'BEFORE_DEPARTURE' || t.type === 'AFTER_RETURN' ? { days: Number(t.days) } : {}),
});

/**
 * /marketing/workflows/new and /marketing/workflows/:id/edit: name, trigger, re-enrolment and the
 * step tree, with each step's editor; problems are shown on the step they belong to, and a
 * workflow is activated only once the builder and the server both accept it.
 */
export function WorkflowBuilderPage() {
  const { id } = useParams();
  useDocumentTitle(id ? 'Edit workflow' : 'New workflow');
  const allowed = useHasRank('ADVISOR');
  const existing = useQuery(WorkflowDefinitionDocument, { variables: { id: id ?? '' }, skip: !id });
  if (!allowed) return <NotAllowed what="build workflows" />;
  const loaded = existing.data?.workflow ?? null;
  if (id && !loaded)
    return existing.loading ? (
      <Splash />
    ) : (
      <RecordMissing kind="workflow" listPath="/marketing/workflows" listLabel="workflows" />
    );
  return <WorkflowForm key={loaded?.id ?? 'new'} loaded={loaded} />;
}

function triggerDraft(t: WorkflowDefinitionFragment['trigger'] | undefined): TriggerDraft {
  if (!t) return blankTrigger;
  return {
    type: t.type,
    lifecycleStage: t.lifecycleStage ?? '',
    tag: t.tag ?? '',
    formId: t.formId ?? '',
    segmentId: t.segmentId ?? '',
    dateField: t.dateField ?? '',
    days: t.days === null || t.days === undefined ? '' : String(t.days),
  };
}

function WorkflowForm({ loaded }: { loaded: WorkflowDefinitionFragment | null }) {
  const id = loaded?.id;
  const navigate = useNavigate();
  const [name, setName] = useState(loaded?.name ?? '');
  const [description, setDescription] = useState(loaded?.description ?? '');
  const [trigger, setTrigger] = useState<TriggerDraft>(() => triggerDraft(loaded?.trigger));
  const [reenrolment, setReenrolment] = useState<ReenrolmentRule>(loaded?.reenrolment ?? 'NEVER');
  const [steps, setSteps] = useState<Step[]>((loaded?.steps as Step[] | undefined) ?? []);
  const [selected, setSelected] = useState<string | null>(null);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [showLocal, setShowLocal] = useState(false);
  const [create, creating] = useMutation(CreateWorkflowDocument);
  const [update, updating] = useMutation(UpdateWorkflowDocument);
  const [activate, activating] = useMutation(ActivateWorkflowDocument);

  const local = localProblems(steps);
  const problems = new Map<string, string[]>();
  const put = (stepId: string, message: string) => problems.set(stepId, [...(problems.get(stepId) ?? []), message]);
  if (showLocal) for (const p of local) if (p.index >= 0) put(steps[p.index]?.id ?? '', p.message);
  // The server names fields like `input.steps.2.config.minutes`: shown on step 2.
  for (const f of problem?.fields ?? []) {
    const m = /steps\.(\d+)\.?(.*)$/.exec(f.path);
    const step = m ? steps[Number(m[1])] : undefined;
    if (step) put(step.id, `${m?.[2] ? `${m[2]}: ` : ''}${f.message}`);
  }
  const otherFields = (problem?.fields ?? []).filter((f) => !/steps\.\d+/.test(f.path));

  const save = async (thenActivate: boolean) => {
    setProblem(null);
    setShowLocal(true);
    if (thenActivate && local.length) return;
    const common = { name, description: description || null, trigger: triggerInput(trigger), steps, reenrolment };
    try {
      const saved = id
        ? (await update({ variables: { input: { id, ...common } } })).data?.updateWorkflow
        : (await create({ variables: { input: common } })).data?.createWorkflow;
      if (!saved) return;
      if (thenActivate) await activate({ variables: { id: saved.id } });
      void navigate(`/marketing/workflows/${saved.id}`);
    } catch (err) {
      setProblem(describeError(err));
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save(false);
  };
  const busy = creating.loading || updating.loading || activating.loading;
  return (
    <section aria-labelledby="workflow-builder-title" className="wf-builder">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to="/marketing/workflows">Workflows</Link>
      </nav>
      <header className="page-header">
        <h1 id="workflow-builder-title">{id ? `Edit ${loaded?.name ?? 'workflow'}` : 'New workflow'}</h1>
        {loaded && loaded.status !== 'DRAFT' && (
          <p className="page-header__meta">
            {humanize(loaded.status)} · version {loaded.version}: saving makes a new version for new enrolments only
          </p>
        )}
      </header>
      <form className="record-form" onSubmit={submit} noValidate>
        <FormProblem problem={problem && problem.fields.length === 0 ? problem : null} />
        {otherFields.length > 0 && (
          <div className="notice notice--error" role="alert" data-testid="workflow-problems">
            {otherFields.map((f) => (
              <p key={f.path}>
                {f.path.replace(/^input\./, '')}: {f.message}
              </p>
            ))}
          </div>
        )}
        <Field label="Name" required error={fieldMessage(problem, 'name')}>
          {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="Description">
          {(p) => <input {...p} value={description} onChange={(e) => setDescription(e.target.value)} />}
        </Field>
        <fieldset className="panel wf-trigger">
          <legend>Trigger</legend>
          <Field label="Starts when">
            {(p) => (
              <select
                {...p}
                value={trigger.type}
                onChange={(e) => setTrigger({ ...trigger, type: e.target.value as WorkflowTriggerType })}
              >
                {TRIGGERS.map((t) => (
                  <option key={t} value={t}>
                    {humanize(t)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {trigger.type === 'LIFECYCLE_STAGE_REACHED' && (
            <Field label="Lifecycle stage" error={fieldMessage(problem, 'lifecycleStage')}>
              {(p) => (
                <input
                  {...p}
                  value={trigger.lifecycleStage}
                  placeholder="CUSTOMER"
                  onChange={(e) => setTrigger({ ...trigger, lifecycleStage: e.target.value })}
                />
              )}
            </Field>
          )}
          {trigger.type === 'TAG_ADDED' && (
            <Field label="Tag" error={fieldMessage(problem, 'tag')}>
              {(p) => (
                <input {...p} value={trigger.tag} onChange={(e) => setTrigger({ ...trigger, tag: e.target.value })} />
              )}
            </Field>
          )}
          {trigger.type === 'FORM_SUBMITTED' && (
            <Field label="Form id (empty: any form)">
              {(p) => (
                <input
                  {...p}
                  value={trigger.formId}
                  onChange={(e) => setTrigger({ ...trigger, formId: e.target.value })}
                />
              )}
            </Field>
          )}
          {(trigger.type === 'SEGMENT_JOINED' || trigger.type === 'SEGMENT_LEFT') && (
            <Field label="Segment id" error={fieldMessage(problem, 'segmentId')}>
              {(p) => (
                <input
                  {...p}
                  value={trigger.segmentId}
                  onChange={(e) => setTrigger({ ...trigger, segmentId: e.target.value })}
                />
              )}
            </Field>
          )}
          {(trigger.type === 'DATE_REACHED' || trigger.type === 'ANNIVERSARY') && (
            <Field label="Custom date field" error={fieldMessage(problem, 'dateField')}>
              {(p) => (
                <input
                  {...p}
                  value={trigger.dateField}
                  onChange={(e) => setTrigger({ ...trigger, dateField: e.target.value })}
                />
              )}
            </Field>
          )}
          {(trigger.type === 'BEFORE_DEPARTURE' || trigger.type === 'AFTER_RETURN') && (
            <Field label="Days" error={fieldMessage(problem, 'days')}>
              {(p) => (
                <input
                  {...p}
                  type="number"
                  value={trigger.days}
                  onChange={(e) => setTrigger({ ...trigger, days: e.target.value })}
                />
              )}
            </Field>
          )}
          <Field label="Re-enrolment">
            {(p) => (
              <select {...p} value={reenrolment} onChange={(e) => setReenrolment(e.target.value as ReenrolmentRule)}>
                <option value="NEVER">Once per contact</option>
                <option value="AFTER_EXIT">Again after their enrolment ends</option>
                <option value="ALWAYS">Every time the trigger fires</option>
              </select>
            )}
          </Field>
        </fieldset>
        <h2 className="panel__title">Steps</h2>
        {showLocal && local.some((p) => p.index < 0) && <p className="field__error">Add at least one step.</p>}
        <WorkflowTree
          steps={steps}
          editing={{
            selected,
            onSelect: setSelected,
            onInsert: (slot, type) => {
              const next = insertStep(steps, slot, type);
              setSteps(next);
              setSelected(next.find((s) => !steps.some((o) => o.id === s.id))?.id ?? null);
            },
            onRemove: (sid) => setSteps(removeStep(steps, sid)),
            problems,
            editor: (step) => (
              <StepEditor step={step} onChange={(s) => setSteps(steps.map((x) => (x.id === s.id ? s : x)))} />
            ),
          }}
        />
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy}>
            {loaded && loaded.status !== 'DRAFT' ? 'Save as new version' : 'Save draft'}
          </button>
          {(!loaded || loaded.status === 'DRAFT' || loaded.status === 'PAUSED') && (
            <button type="button" className="button button--primary" disabled={busy} onClick={() => void save(true)}>
              Save and activate
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
