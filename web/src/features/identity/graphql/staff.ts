import { graphql } from '../../../__generated__/gql.ts';

/** Active staff by name, for owner and assignee pickers (at most 100, the largest page). */
export const StaffDocument = graphql(`
  query Staff {
    users(filter: { active: true }, first: 100) {
      nodes {
        id
        name
        role
      }
    }
  }
`);
