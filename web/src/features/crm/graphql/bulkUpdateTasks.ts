import { graphql } from '../../../__generated__/gql.ts';

/** Complete, reassign or reschedule several tasks at once, all or nothing. */
export const BulkUpdateTasksDocument = graphql(`
  mutation BulkUpdateTasks($input: BulkUpdateTasksInput!) {
    bulkUpdateTasks(input: $input) {
      updatedCount
      tasks {
        ...TaskRow
      }
    }
  }
`);
