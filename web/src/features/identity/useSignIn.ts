import { useState } from 'react';
import { useMutation } from '@apollo/client/react';
import { describeError } from '../../lib/errors.ts';
import type { DescribedError } from '../../lib/errors.ts';
import { startSession } from '../../lib/session.ts';
import { LoginDocument } from './graphql/__generated__/login.ts';

/** Signs in with email and password; on success the session store holds the new session. */
export function useSignIn() {
  const [login, { loading }] = useMutation(LoginDocument, {
    // Tokens stay out of Apollo's cache, and sign-in never carries (or renews) an old token.
    fetchPolicy: 'no-cache',
    context: { anonymous: true },
  });
  const [error, setError] = useState<DescribedError | null>(null);

  const signIn = async (email: string, password: string): Promise<boolean> => {
    setError(null);
    try {
      const { data } = await login({ variables: { email, password } });
      if (!data) return false;
      startSession(data.login);
      return true;
    } catch (e) {
      setError(describeError(e));
      return false;
    }
  };

  return { signIn, submitting: loading, error };
}
