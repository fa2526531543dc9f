import type { Role, TaskFilter, TaskStatus } from '../../__generated__/graphql.ts';
import { localeFirstDay, weekOf } from '../../lib/week.ts';

export type TaskView = 'mine' | 'overdue' | 'week' | 'open';

export const TASK_VIEWS: readonly TaskView[] = ['mine', 'overdue', 'week', 'open'];

export const TASK_VIEW_LABEL: Record<TaskView, string> = {
  mine: 'Mine',
  overdue: 'Overdue',
  week: 'Due this week',
  open: 'All open',
};

const OPEN: TaskStatus[] = ['OPEN', 'IN_PROGRESS', 'WAITING'];

/** Where a week starts for the person, from the browser's locale (Sunday in the US, Monday in most of Europe). */
export const FIRST_DAY_OF_WEEK = localeFirstDay(typeof navigator === 'undefined' ? 'en-US' : navigator.language);

/**
 * Each view as the server's filter; "overdue" already leaves out finished tasks. "Due this week" is
 * what is still ahead in the person's own calendar week (in their time zone): tasks already past
 * due are overdue, which has its own view, so on a Sunday the view is not a list of overdue tasks.
 */
export function taskViewFilter(view: TaskView, now: Date, timeZone: string, firstDay = FIRST_DAY_OF_WEEK): TaskFilter {
  switch (view) {
    case 'mine':
      return { mine: true, statuses: OPEN };
    case 'overdue':
      return { overdue: true };
    case 'week': {
      const week = weekOf(now, timeZone, firstDay);
      return { statuses: OPEN, dueAfter: now.toISOString(), dueBefore: week.end.toISOString() };
    }
    case 'open':
      return { statuses: OPEN };
  }
}

/**
 * Where the task list opens: a person who can be given tasks starts on their own; a viewer, who
 * never is, starts on every open task rather than an always-empty list.
 */
export const defaultTaskView = (role: Role | null): TaskView => (role && role !== 'VIEWER' ? 'mine' : 'open');
