import { useQuery } from '@apollo/client/react';
import { Link, useParams } from 'react-router';
import { formatDateTime, humanize, personName } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Facts } from '../../ui/Facts.tsx';
import { Splash } from '../../ui/Splash.tsx';
import { TaskDocument } from './graphql/task.ts';

/** One task, where a "task assigned" notification leads. */
export function TaskDetailPage() {
  const { id = '' } = useParams();
  const { data, error, refetch } = useQuery(TaskDocument, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const task = data?.task;
  useDocumentTitle(task?.title ?? 'Task');
  if (!data && error) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  if (!data) return <Splash />;
  if (!task) return <p>This task does not exist or was deleted.</p>;
  return (
    <article aria-labelledby="task-title" data-testid="task-detail">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to="/crm/tasks">Tasks</Link>
      </nav>
      <header className="page-header">
        <div>
          <h1 id="task-title">{task.title}</h1>
          <p className="page-header__meta">
            <span className="badge">{humanize(task.status)}</span> {humanize(task.priority)} priority
            {task.isOverdue && <span className="badge badge--danger">Overdue</span>}
          </p>
        </div>
      </header>
      <section className="panel">
        <Facts
          facts={[
            { label: 'Type', value: humanize(task.taskType) },
            { label: 'Due', value: task.dueAt && formatDateTime(task.dueAt) },
            { label: 'Assignee', value: task.assignee?.name ?? 'Unassigned' },
            { label: 'Created by', value: task.createdBy?.name },
            { label: 'Team', value: task.team && humanize(task.team) },
            { label: 'Contact', value: task.contact && <Link to={`/crm/contacts/${task.contact.id}`}>{personName(task.contact)}</Link> },
            { label: 'Company', value: task.company && <Link to={`/crm/companies/${task.company.id}`}>{task.company.name}</Link> },
            { label: 'Deal', value: task.deal && <Link to={`/crm/deals/${task.deal.id}`}>{task.deal.title}</Link> },
            { label: 'Completed', value: task.completedAt && formatDateTime(task.completedAt) },
          ]}
        />
        {task.description && <p className="task-description">{task.description}</p>}
      </section>
    </article>
  );
}
