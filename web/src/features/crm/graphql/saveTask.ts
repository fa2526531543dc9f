import { graphql } from '../../../__generated__/gql.ts';

/** A new task, with its assignee and due date. */
export const CreateTaskDocument = graphql(`
  mutation CreateTask($input: CreateTaskInput!) {
    createTask(input: $input) {
      ...TaskRow
    }
  }
`);

/** Changes a task (complete, reschedule, reassign, edit). */
export const UpdateTaskDocument = graphql(`
  mutation UpdateTask($input: UpdateTaskInput!) {
    updateTask(input: $input) {
      ...TaskRow
      description
    }
  }
`);
