import { useQuery } from '@apollo/client/react';
import type { TaskOrderField } from '../../__generated__/graphql.ts';
import { TasksDocument } from './graphql/tasks.ts';
import { TASK_VIEW_FILTER, type TaskView } from './taskViews.ts';
import { pageArgs, type CursorListParams } from '../../lib/useCursorListParams.ts';

export const TASKS_PAGE_SIZE = 25;

export function useTasks(params: CursorListParams<TaskOrderField, TaskView>) {
  const view = params.filter ?? 'open';
  const { data, previousData, loading, error, refetch } = useQuery(TasksDocument, {
    variables: {
      filter: { ...TASK_VIEW_FILTER[view], search: params.search.trim() || null },
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
