import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { TaskRowFragment } from '../../__generated__/graphql.ts';
import { formatDateTime, humanize, personName } from '../../lib/format.ts';

interface TaskTableProps {
  tasks: readonly TaskRowFragment[];
  emptyMessage?: string;
  busy?: boolean;
  /** With these, each row gets a checkbox for bulk actions. */
  selected?: ReadonlySet<string>;
  onToggle?: (id: string) => void;
  onToggleAll?: (select: boolean) => void;
  /** Extra header cells (sortable headers) come from the page; defaults otherwise. */
  dueHeader?: ReactNode;
  priorityHeader?: ReactNode;
}

/** Tasks as a table; the task list adds selection for bulk actions. */
export function TaskTable({
  tasks,
  emptyMessage = 'No tasks.',
  busy,
  selected,
  onToggle,
  onToggleAll,
  dueHeader,
  priorityHeader,
}: TaskTableProps) {
  const selectable = selected !== undefined && onToggle !== undefined;
  const allSelected = selectable && tasks.length > 0 && tasks.every((t) => selected.has(t.id));
  const columns = selectable ? 7 : 6;
  return (
    <div className="table-frame" aria-busy={busy}>
      <table className="data-table" data-testid="tasks-table">
        <thead>
          <tr>
            {selectable && (
              <th scope="col" className="cell-check">
                <input
                  type="checkbox"
                  aria-label="Select every task on this page"
                  checked={allSelected}
                  onChange={(e) => onToggleAll?.(e.target.checked)}
                />
              </th>
            )}
            <th scope="col">Task</th>
            <th scope="col">About</th>
            {dueHeader ?? <th scope="col">Due</th>}
            {priorityHeader ?? <th scope="col">Priority</th>}
            <th scope="col">Status</th>
            <th scope="col">Assignee</th>
          </tr>
        </thead>
        <tbody>
          {tasks.length === 0 && (
            <tr>
              <td colSpan={columns} className="table-empty">
                {emptyMessage}
              </td>
            </tr>
          )}
          {tasks.map((t) => (
            <tr key={t.id} data-task-id={t.id} aria-selected={selectable ? selected.has(t.id) : undefined}>
              {selectable && (
                <td className="cell-check">
                  <input
                    type="checkbox"
                    aria-label={`Select ${t.title}`}
                    checked={selected.has(t.id)}
                    onChange={() => onToggle(t.id)}
                  />
                </td>
              )}
              <th scope="row" className="cell-primary">
                <Link to={`/crm/tasks/${t.id}`}>{t.title}</Link>
                <span className="cell-secondary">{humanize(t.taskType)}</span>
              </th>
              <td>
                {t.deal ? (
                  <Link to={`/crm/deals/${t.deal.id}`}>{t.deal.title}</Link>
                ) : t.contact ? (
                  <Link to={`/crm/contacts/${t.contact.id}`}>{personName(t.contact)}</Link>
                ) : t.company ? (
                  <Link to={`/crm/companies/${t.company.id}`}>{t.company.name}</Link>
                ) : (
                  <span className="cell-muted">—</span>
                )}
              </td>
              <td className="nowrap">
                {t.dueAt ? (
                  <time dateTime={t.dueAt}>{formatDateTime(t.dueAt)}</time>
                ) : (
                  <span className="cell-muted">No due date</span>
                )}
                {t.isOverdue && <span className="badge badge--danger">Overdue</span>}
              </td>
              <td>
                <span className={t.priority === 'URGENT' || t.priority === 'HIGH' ? 'badge badge--gold' : 'badge'}>
                  {humanize(t.priority)}
                </span>
              </td>
              <td className="nowrap" data-testid="task-status">
                {humanize(t.status)}
              </td>
              <td data-testid="task-assignee">{t.assignee?.name ?? <span className="cell-muted">Unassigned</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
