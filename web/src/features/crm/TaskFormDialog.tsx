import { useRef, useState, type FormEvent } from 'react';
import { useApolloClient, useMutation } from '@apollo/client/react';
import type { CreateTaskInput, TaskRowFragment } from '../../__generated__/graphql.ts';
import { describeError, fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { humanize } from '../../lib/format.ts';
import { useCurrentUser, useHasRank } from '../../lib/useHasRank.ts';
import { confirmDiscard, useUnsavedChanges } from '../../lib/useUnsavedChanges.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { Field } from '../../ui/Field.tsx';
import { focusFirstInvalid, FormProblem } from '../../ui/FormProblem.tsx';
import { useStaff } from '../identity/useStaff.ts';
import { pick, PRIORITIES, TASK_TYPES } from './crmEnums.ts';
import { CreateTaskDocument, UpdateTaskDocument } from './graphql/__generated__/saveTask.ts';

/** The record a new task is about, and how to name it in the dialog. */
export interface TaskAbout {
  contactId?: string;
  companyId?: string;
  dealId?: string;
  label?: string;
}

interface TaskFormDialogProps {
  task?: TaskRowFragment & { description?: string | null };
  about?: TaskAbout;
  onSaved: (id: string) => void;
  onClose: () => void;
}

/** A `datetime-local` value in the person's own time zone, and back to an instant. */
const toLocalInput = (iso: string | null | undefined) => {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromLocalInput = (value: string) => (value ? new Date(value).toISOString() : null);

/**
 * Create or edit a task: title, assignee, due date, priority. Agents may only assign to themselves,
 * so they are not offered anyone else (the server refuses it either way).
 */
export function TaskFormDialog({ task, about = {}, onSaved, onClose }: TaskFormDialogProps) {
  const me = useCurrentUser();
  const mayAssignOthers = useHasRank('ADVISOR');
  const { staff } = useStaff();
  const client = useApolloClient();
  const [create, created] = useMutation(CreateTaskDocument);
  const [update, updated] = useMutation(UpdateTaskDocument);
  const form = useRef<HTMLFormElement>(null);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const initial = {
    title: task?.title ?? '',
    description: task?.description ?? '',
    assigneeId: task ? (task.assignee?.id ?? '') : (me?.id ?? ''),
    dueAt: toLocalInput(task?.dueAt),
    priority: task?.priority ?? 'MEDIUM',
    taskType: task?.taskType ?? 'TODO',
  };
  const [v, setV] = useState(initial);
  const dirty = JSON.stringify(v) !== JSON.stringify(initial);
  useUnsavedChanges(dirty);
  const set = (key: keyof typeof v) => (e: { target: { value: string } }) =>
    setV((old) => ({ ...old, [key]: e.target.value }));
  const error = (field: string) => localErrors[field] ?? fieldMessage(problem, field);
  const close = () => {
    if (confirmDiscard(dirty)) onClose();
  };
  const people = mayAssignOthers ? staff : staff.filter((u) => u.id === me?.id);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const local: Record<string, string> = {};
    if (!v.title.trim()) local.title = 'Say what needs doing.';
    setLocalErrors(local);
    if (Object.keys(local).length > 0) return focusFirstInvalid(form.current);
    const fields = {
      title: v.title.trim(),
      description: v.description.trim() || null,
      assigneeId: v.assigneeId || null,
      dueAt: fromLocalInput(v.dueAt),
      priority: pick(PRIORITIES, v.priority) ?? 'MEDIUM',
      taskType: pick(TASK_TYPES, v.taskType) ?? 'TODO',
    };
    try {
      let id: string;
      if (task) {
        const { data } = await update({ variables: { input: { id: task.id, ...fields } } });
        id = data?.updateTask.id ?? task.id;
      } else {
        const input: CreateTaskInput = {
          ...fields,
          contactId: about.contactId ?? null,
          companyId: about.companyId ?? null,
          dealId: about.dealId ?? null,
        };
        const { data } = await create({ variables: { input } });
        id = data?.createTask.id ?? '';
      }
      // Lists, counts and record pages that could hold the task reload from the server.
      client.cache.evict({ fieldName: 'tasks' });
      client.cache.evict({ fieldName: 'crmDashboard' });
      for (const [typename, recordId] of [
        ['Contact', about.contactId],
        ['Company', about.companyId],
        ['Deal', about.dealId],
      ] as const) {
        if (recordId)
          client.cache.evict({ id: client.cache.identify({ __typename: typename, id: recordId }), fieldName: 'tasks' });
      }
      client.cache.gc();
      onSaved(id);
    } catch (e) {
      setProblem(describeError(e));
      focusFirstInvalid(form.current);
    }
  };

  return (
    <Dialog
      title={task ? `Edit task` : about.label ? `New task about ${about.label}` : 'New task'}
      onClose={close}
      wide
      testId="task-form"
    >
      <form ref={form} className="dialog-form" onSubmit={submit} noValidate>
        <FormProblem problem={problem} />
        <div className="dialog-form__grid">
          <Field label="Title" required error={error('title')} className="field--wide">
            {(p) => (
              <input
                {...p}
                className="input"
                name="title"
                value={v.title}
                onChange={set('title')}
                maxLength={300}
                autoFocus
              />
            )}
          </Field>
          <Field label="Assignee" error={error('assigneeId')}>
            {(p) => (
              <select {...p} className="select" value={v.assigneeId} onChange={set('assigneeId')}>
                {mayAssignOthers && <option value="">Unassigned</option>}
                {people.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.id === me?.id ? `${u.name} (me)` : u.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Due" error={error('dueAt')}>
            {(p) => (
              <input
                {...p}
                className="input"
                type="datetime-local"
                name="dueAt"
                value={v.dueAt}
                onChange={set('dueAt')}
              />
            )}
          </Field>
          <Field label="Priority" error={error('priority')}>
            {(p) => (
              <select {...p} className="select" value={v.priority} onChange={set('priority')}>
                {PRIORITIES.map((x) => (
                  <option key={x} value={x}>
                    {humanize(x)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Type" error={error('taskType')}>
            {(p) => (
              <select {...p} className="select" value={v.taskType} onChange={set('taskType')}>
                {TASK_TYPES.map((x) => (
                  <option key={x} value={x}>
                    {humanize(x)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Notes" error={error('description')} className="field--wide">
            {(p) => (
              <textarea
                {...p}
                className="input textarea"
                name="description"
                rows={3}
                value={v.description}
                onChange={set('description')}
              />
            )}
          </Field>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={created.loading || updated.loading}>
            {created.loading || updated.loading ? 'Saving…' : task ? 'Save task' : 'Create task'}
          </button>
          <button type="button" className="button button--ghost" onClick={close}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
