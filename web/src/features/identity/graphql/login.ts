import { graphql } from '../../../__generated__/gql.ts';

/** Signs in. The refresh token comes back as an HttpOnly cookie, so it is never selected here. */
export const LoginDocument = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
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
