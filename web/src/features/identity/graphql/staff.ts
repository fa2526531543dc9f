import { graphql } from '../../../__generated__/gql.ts';

/** Active staff, for owner and assignee pickers. */
export const StaffDocument = graphql(`
  query Staff {
    users(filter: { active: true }, limit: 100) {
      nodes {
        id
        name
        role
      }
    }
  }
`);
