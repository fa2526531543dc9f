import { graphql } from '../../../__generated__/gql.ts';

/** Logs a note, call, meeting or email against a contact, company or deal. */
export const LogActivityDocument = graphql(`
  mutation LogActivity($input: LogActivityInput!) {
    logActivity(input: $input) {
      ...TimelineActivity
    }
  }
`);
