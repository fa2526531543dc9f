import { graphql } from '../../../__generated__/gql.ts';

/** Trades the refresh cookie for a new access token (and a new cookie). */
export const RefreshSessionDocument = graphql(`
  mutation RefreshSession {
    refreshSession {
      accessToken
      accessTokenExpiresAt
      user {
        id
        email
        name
        role
      }
    }
  }
`);
