import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link, useParams } from 'react-router';
import { describeError, type DescribedError } from '../../lib/errors.ts';
import { formatDateTime, humanize, personName } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { Facts } from '../../ui/Facts.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { RecordLoadError, RecordMissing } from '../../ui/RecordMissing.tsx';
import { Splash } from '../../ui/Splash.tsx';
import { TaskDocument } from './graphql/__generated__/task.ts';
import { UpdateTaskDocument } from './graphql/__generated__/saveTask.ts';
import { TaskFormDialog } from './TaskFormDialog.tsx';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Tomorrow at the task's own time of day (or 9:00), the usual "not today" reschedule. */
function tomorrow(dueAt: string | null | undefined): string {
  const base = dueAt ? new Date(dueAt) : new Date(new Date().setHours(9, 0, 0, 0));
  const next = new Date(Math.max(base.getTime(), Date.now()) + DAY_MS);
  next.setHours(base.getHours(), base.getMinutes(), 0, 0);
  return next.toISOString();
}

/** One task, where a "task assigned" notification leads: complete it, push it to tomorrow or edit it. */
export function TaskDetailPage() {
  const { id = '' } = useParams();
  const { data, error, refetch } = useQuery(TaskDocument, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const [update, { loading }] = useMutation(UpdateTaskDocument, { refetchQueries: ['CrmDashboard'] });
  const mayAct = useHasRank('AGENT');
  const [editing, setEditing] = useState(false);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [status, setStatus] = useState('');
  const task = data?.task;
  useDocumentTitle(task?.title ?? 'Task');
  if (!data && error)
    return (
      <RecordLoadError
        error={error}
        onRetry={() => void refetch()}
        kind="task"
        listPath="/crm/tasks"
        listLabel="tasks"
      />
    );
  if (!data) return <Splash />;
  if (!task) return <RecordMissing kind="task" listPath="/crm/tasks" listLabel="tasks" />;
  const done = task.status === 'COMPLETED' || task.status === 'CANCELLED';

  const change = async (input: { status?: 'COMPLETED' | 'OPEN'; dueAt?: string }, said: string) => {
    setProblem(null);
    try {
      await update({ variables: { input: { id: task.id, ...input } } });
      setStatus(said);
    } catch (e) {
      setProblem(describeError(e));
    }
  };

  return (
    <article aria-labelledby="task-title" data-testid="task-detail">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to="/crm/tasks">Tasks</Link>
      </nav>
      <header className="page-header">
        <div>
          <h1 id="task-title">{task.title}</h1>
          <p className="page-header__meta">
            <span className="badge" data-testid="task-status">
              {humanize(task.status)}
            </span>{' '}
            {humanize(task.priority)} priority
            {task.isOverdue && <span className="badge badge--danger">Overdue</span>}
          </p>
        </div>
        {mayAct && (
          <div className="page-header__actions">
            {done ? (
              <button
                type="button"
                className="button"
                disabled={loading}
                onClick={() => void change({ status: 'OPEN' }, 'Task reopened.')}
              >
                Reopen
              </button>
            ) : (
              <>
                <button
                  type="button"
                  className="button button--primary"
                  disabled={loading}
                  onClick={() => void change({ status: 'COMPLETED' }, 'Task completed.')}
                >
                  Complete
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={loading}
                  onClick={() => void change({ dueAt: tomorrow(task.dueAt) }, 'Moved to tomorrow.')}
                >
                  Tomorrow
                </button>
              </>
            )}
            <button type="button" className="button button--ghost" onClick={() => setEditing(true)}>
              Edit
            </button>
          </div>
        )}
      </header>
      <p role="status" className="cell-muted">
        {status}
      </p>
      <FormProblem problem={problem && { ...problem, fields: [] }} />
      <section className="panel">
        <Facts
          facts={[
            { label: 'Type', value: humanize(task.taskType) },
            { label: 'Due', value: task.dueAt && formatDateTime(task.dueAt) },
            { label: 'Assignee', value: task.assignee?.name ?? 'Unassigned' },
            { label: 'Created by', value: task.createdBy?.name },
            { label: 'Team', value: task.team && humanize(task.team) },
            {
              label: 'Contact',
              value: task.contact && <Link to={`/crm/contacts/${task.contact.id}`}>{personName(task.contact)}</Link>,
            },
            {
              label: 'Company',
              value: task.company && <Link to={`/crm/companies/${task.company.id}`}>{task.company.name}</Link>,
            },
            { label: 'Deal', value: task.deal && <Link to={`/crm/deals/${task.deal.id}`}>{task.deal.title}</Link> },
            { label: 'Completed', value: task.completedAt && formatDateTime(task.completedAt) },
          ]}
        />
        {task.description && <p className="task-description">{task.description}</p>}
      </section>
      {editing && (
        <TaskFormDialog
          task={task}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            setStatus('Task saved.');
            void refetch();
          }}
        />
      )}
    </article>
  );
}
