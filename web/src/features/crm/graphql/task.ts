import { graphql } from '../../../__generated__/gql.ts';

/** One task, as a notification links to it. */
export const TaskDocument = graphql(`
  query Task($id: ID!) {
    task(id: $id) {
      ...TaskRow
      description
      team
      createdAt
      createdBy {
        id
        name
      }
    }
  }
`);
