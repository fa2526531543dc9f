import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import type { TaskOrderField } from '../../__generated__/graphql.ts';
import { TasksDocument } from './graphql/__generated__/tasks.ts';
import { taskViewFilter, type TaskView } from './taskViews.ts';
import { useTimeZone } from '../../lib/useTimeZone.ts';
import { pageArgs, type CursorListParams } from '../../lib/useCursorListParams.ts';

export const TASKS_PAGE_SIZE = 25;

export function useTasks(params: CursorListParams<TaskOrderField, TaskView>) {
  const view = params.filter ?? 'open';
  const timeZone = useTimeZone();
  // "Now" is fixed when the list opens (a new query per render would never settle); a view change renews it.
  const [opened, setOpened] = useState(() => ({ view, at: new Date() }));
  if (opened.view !== view) setOpened({ view, at: new Date() });
  const { data, previousData, loading, error, refetch } = useQuery(TasksDocument, {
    variables: {
      filter: { ...taskViewFilter(view, opened.at, timeZone), search: params.search.trim() || null },
      orderBy: params.sort,
      ...pageArgs(params.cursor, TASKS_PAGE_SIZE),
    },
    fetchPolicy: 'cache-and-network',
  });
  const page = data?.tasks ?? previousData?.tasks;
  return {
    tasks: page?.nodes ?? [],
    totalCount: page?.totalCount ?? 0,
    pageInfo: page?.pageInfo ?? null,
    loaded: page != null,
    loading,
    error,
    refetch,
  };
}
