import { graphql } from '../../../__generated__/gql.ts';

/** Ends the session of the refresh cookie; the gateway clears the cookie. */
export const LogoutDocument = graphql(`
  mutation Logout {
    logout
  }
`);
