import { graphql } from '../../../__generated__/gql.ts';

/** One page of tasks for the task list's view, search and order. */
export const TasksDocument = graphql(`
  query Tasks($filter: TaskFilter, $orderBy: TaskOrder, $first: Int, $after: String, $last: Int, $before: String) {
    tasks(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        ...TaskRow
      }
    }
  }
`);
