import { useState } from 'react';
import { Link } from 'react-router';
import type { TaskOrderField } from '../../__generated__/graphql.ts';
import type { DescribedError } from '../../lib/errors.ts';
import { formatNumber } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { SearchBox } from '../../ui/SearchBox.tsx';
import { SortHeader } from '../../ui/SortHeader.tsx';
import { useStaff } from '../identity/useStaff.ts';
import { TaskTable } from './TaskTable.tsx';
import { defaultTaskView, TASK_VIEW_LABEL, TASK_VIEWS, type TaskView } from './taskViews.ts';
import { useCurrentUser } from '../../lib/useHasRank.ts';
import { useQuery, useSubscription } from '@apollo/client/react';
import { NotificationAddedDocument } from '../identity/graphql/__generated__/notificationAdded.ts';
import { TasksDocument } from './graphql/__generated__/tasks.ts';
import { useBulkUpdateTasks } from './useBulkUpdateTasks.ts';
import { CursorPager } from '../../ui/CursorPager.tsx';
import { useCursorListParams } from '../../lib/useCursorListParams.ts';
import { useTasks } from './useTasks.ts';
import '../../styles/table.css';

const SORT_FIELDS: readonly TaskOrderField[] = ['DUE_AT', 'PRIORITY', 'STATUS', 'CREATED_AT', 'UPDATED_AT'];

/** Tasks by view (mine, overdue, due this week, all open), with bulk complete and reassign. */
export function TasksPage() {
  useDocumentTitle('Tasks');
  const [params, update] = useCursorListParams<TaskOrderField, TaskView>({
    sortFields: SORT_FIELDS,
    filterValues: TASK_VIEWS,
    filterKey: 'filter',
    defaultFilter: defaultTaskView(useCurrentUser()?.role ?? null),
  });
  const { tasks, totalCount, pageInfo, loaded, loading, error, refetch } = useTasks(params);
  const canChange = useHasRank('AGENT');
  const canReassign = useHasRank('ADVISOR');
  const { staff } = useStaff();
  const { run, running } = useBulkUpdateTasks();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [assignee, setAssignee] = useState('');
  const [outcome, setOutcome] = useState<{ message: string } | { error: DescribedError } | null>(null);
  const view = params.filter ?? 'open';

  // A task given to this person arrives as a notification: "Mine" shows it at once, like the bell.
  useSubscription(NotificationAddedDocument, {
    skip: view !== 'mine',
    onData: ({ data }) => {
      if (data.data?.notificationAdded.type === 'TASK_ASSIGNED') void refetch();
    },
  });
  // Overdue tasks are not "due this week": the view says how many wait under Overdue.
  const overdue = useQuery(TasksDocument, {
    variables: { filter: { overdue: true }, first: 1 },
    skip: view !== 'week',
    fetchPolicy: 'cache-and-network',
  });
  const overdueCount = overdue.data?.tasks?.totalCount ?? 0;

  // Selection belongs to what is on screen: a new view, search or page starts with none.
  const shownKey = tasks.map((t) => t.id).join(',');
  const [shown, setShown] = useState(shownKey);
  if (shown !== shownKey) {
    setShown(shownKey);
    const ids = new Set(tasks.map((t) => t.id));
    if ([...selected].some((id) => !ids.has(id))) setSelected(new Set([...selected].filter((id) => ids.has(id))));
  }

  const toggle = (id: string) =>
    setSelected((old) => {
      const next = new Set(old);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const bulk = async (action: 'COMPLETE' | 'REASSIGN') => {
    const taskIds = [...selected];
    setOutcome(null);
    const result = await run({ taskIds, action, assigneeId: action === 'REASSIGN' ? assignee : null });
    if (!result.ok) return setOutcome({ error: result.error });
    setSelected(new Set());
    const who = staff.find((s) => s.id === assignee)?.name ?? 'them';
    setOutcome({
      message:
        action === 'COMPLETE'
          ? `${result.count} ${result.count === 1 ? 'task' : 'tasks'} completed.`
          : `${result.count} ${result.count === 1 ? 'task' : 'tasks'} reassigned to ${who}.`,
    });
  };

  const sortProps = { sort: params.sort, onSort: (sort: NonNullable<typeof params.sort>) => update({ sort }) };

  return (
    <section aria-labelledby="tasks-title">
      <header className="page-header">
        <h1 id="tasks-title">Tasks</h1>
        <p className="page-header__meta" role="status" aria-live="polite">
          {loaded ? `${formatNumber(totalCount)} ${totalCount === 1 ? 'task' : 'tasks'}` : ''}
        </p>
      </header>

      <nav className="tabs" aria-label="Task views">
        {TASK_VIEWS.map((v) => (
          <Link
            key={v}
            to={`?filter=${v}`}
            className="tabs__tab"
            aria-current={v === view ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              update({ filter: v });
            }}
          >
            {TASK_VIEW_LABEL[v]}
          </Link>
        ))}
      </nav>

      {view === 'week' && overdueCount > 0 && (
        <p className="notice" data-testid="overdue-elsewhere">
          {formatNumber(overdueCount)} overdue {overdueCount === 1 ? 'task is' : 'tasks are'} not in this list:{' '}
          <Link
            to="?filter=overdue"
            onClick={(e) => {
              e.preventDefault();
              update({ filter: 'overdue' });
            }}
          >
            see Overdue
          </Link>
          .
        </p>
      )}

      <div className="toolbar" role="search">
        <SearchBox
          label="Search tasks"
          placeholder="Title"
          value={params.search}
          onSearch={(search) => update({ search })}
        />
      </div>

      {canChange && (
        <div className="bulk-bar" role="region" aria-label="Bulk actions" data-testid="bulk-bar">
          <span className="bulk-bar__count">
            {selected.size === 0 ? 'Select tasks to change several at once.' : `${selected.size} selected`}
          </span>
          <button
            type="button"
            className="button"
            disabled={selected.size === 0 || running}
            onClick={() => void bulk('COMPLETE')}
          >
            Complete
          </button>
          {canReassign && (
            <>
              <label className="visually-hidden" htmlFor="bulk-assignee">
                Reassign to
              </label>
              <select
                id="bulk-assignee"
                className="select select--small"
                value={assignee}
                onChange={(e) => setAssignee(e.target.value)}
              >
                <option value="">Reassign to…</option>
                {staff
                  .filter((s) => s.role !== 'VIEWER')
                  .map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
              </select>
              <button
                type="button"
                className="button"
                disabled={selected.size === 0 || !assignee || running}
                onClick={() => void bulk('REASSIGN')}
              >
                Reassign
              </button>
            </>
          )}
        </div>
      )}
      {outcome && 'message' in outcome && (
        <p className="notice notice--success" role="status" data-testid="bulk-result">
          {outcome.message}
        </p>
      )}
      {outcome && 'error' in outcome && (
        <div className="notice notice--error" role="alert" data-testid="bulk-error">
          <p className="notice__title">{outcome.error.title}</p>
          <p>{outcome.error.message}</p>
        </div>
      )}
      {error && !loading && <ErrorNotice error={error} onRetry={() => void refetch()} />}

      <TaskTable
        tasks={tasks}
        busy={loading}
        emptyMessage={
          loaded ? (view === 'mine' ? 'Nothing assigned to you is open.' : 'No tasks in this view.') : 'Loading tasks…'
        }
        selected={canChange ? selected : undefined}
        onToggle={canChange ? toggle : undefined}
        onToggleAll={(all) => setSelected(all ? new Set(tasks.map((t) => t.id)) : new Set())}
        dueHeader={<SortHeader label="Due" field="DUE_AT" {...sortProps} />}
        priorityHeader={<SortHeader label="Priority" field="PRIORITY" descendingFirst {...sortProps} />}
      />
      <CursorPager
        label="Task pages"
        noun={['task', 'tasks']}
        shown={tasks.length}
        totalCount={totalCount}
        pageInfo={pageInfo}
        onPage={(cursor) => update({ cursor })}
      />
    </section>
  );
}
