import type { TaskFilter, TaskStatus } from '../../__generated__/graphql.ts';

export type TaskView = 'mine' | 'overdue' | 'week' | 'open';

export const TASK_VIEWS: readonly TaskView[] = ['mine', 'overdue', 'week', 'open'];

export const TASK_VIEW_LABEL: Record<TaskView, string> = {
  mine: 'Mine',
  overdue: 'Overdue',
  week: 'Due this week',
  open: 'All open',
};

const OPEN: TaskStatus[] = ['OPEN', 'IN_PROGRESS', 'WAITING'];

/** Each view as the server's filter; "overdue" and "due this week" already leave out finished tasks. */
export const TASK_VIEW_FILTER: Record<TaskView, TaskFilter> = {
  mine: { mine: true, statuses: OPEN },
  overdue: { overdue: true },
  week: { dueThisWeek: true },
  open: { statuses: OPEN },
};
