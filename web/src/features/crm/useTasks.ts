import { useQuery } from '@apollo/client/react';
import type { TaskSortField } from '../../__generated__/graphql.ts';
import type { ListParams } from '../../lib/useListParams.ts';
import { TasksDocument } from './graphql/tasks.ts';
import { TASK_VIEW_FILTER, type TaskView } from './taskViews.ts';

export const TASKS_PAGE_SIZE = 25;

export function useTasks(params: ListParams<TaskSortField, TaskView>) {
  const view = params.filter ?? 'open';
  const { data, previousData, loading, error, refetch } = useQuery(TasksDocument, {
    variables: {
      filter: { ...TASK_VIEW_FILTER[view], search: params.search.trim() || null },
      sort: params.sort,
      limit: TASKS_PAGE_SIZE,
      offset: (params.page - 1) * TASKS_PAGE_SIZE,
    },
    fetchPolicy: 'cache-and-network',
  });
  const page = data?.tasks ?? previousData?.tasks;
  return { tasks: page?.nodes ?? [], totalCount: page?.totalCount ?? 0, loaded: page !== undefined, loading, error, refetch };
}
