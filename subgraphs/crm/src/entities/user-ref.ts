/**
 * A staff member of the identity subgraph, known here only by id. Resolvers return it as a
 * `{ __typename: 'User', id }` stub and the gateway fetches the rest from identity.
 */
export interface UserRef {
  __typename?: 'User';
  id: string;
}

export const userRef = (id: string): UserRef => ({ __typename: 'User', id });
