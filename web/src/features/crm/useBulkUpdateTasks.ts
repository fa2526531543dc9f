import { useMutation } from '@apollo/client/react';
import type { BulkUpdateTasksInput } from '../../__generated__/graphql.ts';
import { describeError, type DescribedError } from '../../lib/errors.ts';
import { BulkUpdateTasksDocument } from './graphql/__generated__/bulkUpdateTasks.ts';

/** Complete or reassign several tasks at once; all or nothing on the server. */
export function useBulkUpdateTasks() {
  const [mutate, { loading }] = useMutation(BulkUpdateTasksDocument, {
    // Finished or reassigned tasks leave the views they were in, and the dashboard's overdue count changes.
    refetchQueries: ['Tasks', 'CrmDashboard'],
    awaitRefetchQueries: true,
  });
  const run = async (
    input: BulkUpdateTasksInput,
  ): Promise<{ ok: true; count: number } | { ok: false; error: DescribedError }> => {
    try {
      const { data } = await mutate({ variables: { input } });
      return { ok: true, count: data?.bulkUpdateTasks.updatedCount ?? 0 };
    } catch (e) {
      return { ok: false, error: describeError(e) };
    }
  };
  return { run, running: loading };
}
