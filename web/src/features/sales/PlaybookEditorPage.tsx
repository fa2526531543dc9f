import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { PlaybookItemKind } from '../../__generated__/graphql.ts';
import { describeError, fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { Field } from '../../ui/Field.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { RecordLoadError, RecordMissing } from '../../ui/RecordMissing.tsx';
import { Loading } from '../../ui/Splash.tsx';
import {
  SalesCreatePlaybookDocument,
  SalesPlaybookDocument,
  SalesPlaybookStagesDocument,
  SalesUpdatePlaybookDocument,
} from './graphql/__generated__/sales.ts';

/** crm's deal types, as a playbook can target them. */
export const DEAL_TYPE_LABEL = {
  NEW_BUSINESS: 'New business',
  REPEAT_BUSINESS: 'Repeat business',
  UPSELL: 'Upsell',
  RENEWAL: 'Renewal',
} as const;

interface ItemRow {
  key: string | null;
  kind: PlaybookItemKind;
  text: string;
}
interface SectionRow {
  title: string;
  items: ItemRow[];
}
interface PlaybookForm {
  name: string;
  description: string;
  stageId: string;
  dealType: string;
  active: boolean;
  sections: SectionRow[];
}

const EMPTY: PlaybookForm = { name: '', description: '', stageId: '', dealType: '', active: true, sections: [] };

/** A playbook's sections, checklist items and questions, for a stage or a deal type; managers edit, others read. */
export function PlaybookEditorPage() {
  const { id } = useParams();
  const isNew = !id;
  useDocumentTitle(isNew ? 'New playbook' : 'Playbook');
  const canManage = useHasRank('MANAGER');
  const navigate = useNavigate();
  const loaded = useQuery(SalesPlaybookDocument, {
    variables: { id: id ?? '' },
    skip: isNew,
    fetchPolicy: 'network-only',
  });
  const stages = useQuery(SalesPlaybookStagesDocument);
  const [create, creating] = useMutation(SalesCreatePlaybookDocument);
  const [update, updating] = useMutation(SalesUpdatePlaybookDocument);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [saved, setSaved] = useState(false);
  const [edited, setForm] = useState<PlaybookForm | null>(null);
  const playbook = loaded.data?.playbook;
  if (!isNew && loaded.error)
    return (
      <RecordLoadError
        error={loaded.error}
        onRetry={() => void loaded.refetch()}
        kind="playbook"
        listPath="/sales/playbooks"
        listLabel="playbooks"
      />
    );
  if (!isNew && !loaded.data) return <Loading />;
  if (!isNew && !playbook) return <RecordMissing kind="playbook" listPath="/sales/playbooks" listLabel="playbooks" />;
  if (isNew && !canManage) return <p>Only managers add playbooks.</p>;
  const form: PlaybookForm =
    edited ??
    (playbook
      ? {
          name: playbook.name,
          description: playbook.description ?? '',
          stageId: playbook.stageId ?? '',
          dealType: playbook.dealType ?? '',
          active: playbook.active,
          sections: playbook.sections.map((s) => ({
            title: s.title,
            items: s.items.map((it) => ({ key: it.key, kind: it.kind, text: it.text })),
          })),
        }
      : EMPTY);
  const readOnly = !canManage;
  const set = (patch: Partial<PlaybookForm>) => {
    setSaved(false);
    setForm({ ...form, ...patch });
  };
  const setSection = (si: number, patch: Partial<SectionRow>) =>
    set({ sections: form.sections.map((s, i) => (i === si ? { ...s, ...patch } : s)) });
  const setItem = (si: number, ii: number, patch: Partial<ItemRow>) => {
    const section = form.sections[si];
    if (section) setSection(si, { items: section.items.map((it, j) => (j === ii ? { ...it, ...patch } : it)) });
  };
  const err = (path: string) => fieldMessage(problem, `input.${path}`);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const fields = {
      name: form.name,
      description: form.description || null,
      stageId: form.stageId || null,
      dealType: form.dealType || null,
      sections: form.sections.map((s) => ({
        title: s.title,
        items: s.items.map((it) => ({ key: it.key, kind: it.kind, text: it.text })),
      })),
    };
    try {
      if (playbook) {
        await update({ variables: { input: { id: playbook.id, ...fields, active: form.active } } });
        await loaded.refetch();
        setForm(null);
        setSaved(true);
      } else {
        const res = await create({ variables: { input: fields } });
        if (res.data) void navigate(`/sales/playbooks/${res.data.createPlaybook.id}`);
      }
    } catch (error) {
      setProblem(describeError(error));
    }
  };

  return (
    <section aria-labelledby="playbook-title">
      <header className="page-header">
        <h1 id="playbook-title">{playbook ? playbook.name : 'New playbook'}</h1>
        <Link to="/sales/playbooks">All playbooks</Link>
      </header>
      <FormProblem problem={problem} />
      <form onSubmit={(e) => void submit(e)} className="record-form" aria-label="Playbook">
        <fieldset disabled={readOnly} className="form-grid">
          <Field label="Name" required error={err('name')}>
            {(p) => (
              <input {...p} className="input" value={form.name} onChange={(e) => set({ name: e.target.value })} />
            )}
          </Field>
          <Field label="Description" className="field--wide" error={err('description')}>
            {(p) => (
              <textarea
                {...p}
                className="textarea"
                rows={2}
                value={form.description}
                onChange={(e) => set({ description: e.target.value })}
              />
            )}
          </Field>
          <Field label="Pipeline stage" error={err('stageId')}>
            {(p) => (
              <select {...p} className="select" value={form.stageId} onChange={(e) => set({ stageId: e.target.value })}>
                <option value="">Every stage</option>
                {(stages.data?.pipelines?.nodes ?? []).map((pl) => (
                  <optgroup key={pl.id} label={pl.name}>
                    {(pl.stages?.nodes ?? []).map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.name}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            )}
          </Field>
          <Field label="Deal type" error={err('dealType')}>
            {(p) => (
              <select
                {...p}
                className="select"
                value={form.dealType}
                onChange={(e) => set({ dealType: e.target.value })}
              >
                <option value="">Every type</option>
                {Object.entries(DEAL_TYPE_LABEL).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {playbook && (
            <label>
              <input type="checkbox" checked={form.active} onChange={(e) => set({ active: e.target.checked })} /> Active
            </label>
          )}
          {form.sections.map((s, si) => (
            <fieldset key={si} className="form-grid field--wide" data-testid="playbook-section">
              <legend>Section {si + 1}</legend>
              <Field label={`Section ${si + 1} title`} error={err(`sections.${si}.title`)}>
                {(p) => (
                  <input
                    {...p}
                    className="input"
                    value={s.title}
                    onChange={(e) => setSection(si, { title: e.target.value })}
                  />
                )}
              </Field>
              {s.items.map((it, ii) => (
                <div key={ii} className="form-actions" role="group" aria-label={`Section ${si + 1} item ${ii + 1}`}>
                  <Field label={`Section ${si + 1} item ${ii + 1} kind`}>
                    {(p) => (
                      <select
                        {...p}
                        className="select"
                        value={it.kind}
                        onChange={(e) => setItem(si, ii, { kind: e.target.value as PlaybookItemKind })}
                      >
                        <option value="CHECKLIST">Checklist item</option>
                        <option value="QUESTION">Question</option>
                      </select>
                    )}
                  </Field>
                  <Field
                    label={`Section ${si + 1} item ${ii + 1} text`}
                    error={err(`sections.${si}.items.${ii}.text`) ?? err(`sections.${si}.items.${ii}.key`)}
                  >
                    {(p) => (
                      <input
                        {...p}
                        className="input"
                        value={it.text}
                        onChange={(e) => setItem(si, ii, { text: e.target.value })}
                      />
                    )}
                  </Field>
                  {!readOnly && (
                    <button
                      type="button"
                      className="button"
                      onClick={() => setSection(si, { items: s.items.filter((_, j) => j !== ii) })}
                    >
                      Remove item {ii + 1}
                    </button>
                  )}
                </div>
              ))}
              {!readOnly && (
                <div className="form-actions">
                  <button
                    type="button"
                    className="button"
                    onClick={() => setSection(si, { items: [...s.items, { key: null, kind: 'CHECKLIST', text: '' }] })}
                  >
                    Add an item to section {si + 1}
                  </button>
                  <button
                    type="button"
                    className="button"
                    onClick={() => set({ sections: form.sections.filter((_, j) => j !== si) })}
                  >
                    Remove section {si + 1}
                  </button>
                </div>
              )}
            </fieldset>
          ))}
          {!readOnly && (
            <button
              type="button"
              className="button"
              onClick={() => set({ sections: [...form.sections, { title: '', items: [] }] })}
            >
              Add a section
            </button>
          )}
        </fieldset>
        {!readOnly && (
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={creating.loading || updating.loading}>
              {playbook ? 'Save playbook' : 'Create playbook'}
            </button>
            {saved && <span role="status">Saved.</span>}
          </div>
        )}
      </form>
    </section>
  );
}
