import { graphql } from '../../../__generated__/gql.ts';

/** One page of tasks for the task list's view, search and order. */
export const TasksDocument = graphql(`
  query Tasks($filter: TaskFilter, $sort: TaskSort, $limit: Int, $offset: Int) {
    tasks(filter: $filter, sort: $sort, limit: $limit, offset: $offset) {
      totalCount
      nodes {
        ...TaskRow
      }
    }
  }
`);
