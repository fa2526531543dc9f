import { graphql } from '../../../__generated__/gql.ts';

/** A task as a row in the task list and on record pages. */
export const TaskRowFragment = graphql(`
  fragment TaskRow on Task {
    id
    title
    taskType
    status
    priority
    dueAt
    completedAt
    isOverdue
    assignee {
      id
      name
    }
    contact {
      id
      firstName
      lastName
    }
    company {
      id
      name
    }
    deal {
      id
      title
    }
  }
`);
