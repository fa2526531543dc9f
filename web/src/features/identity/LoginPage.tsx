import { useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { fieldMessage } from '../../lib/errors.ts';
import { safeNextPath } from '../../lib/safeNextPath.ts';
import { useSession } from '../../lib/session.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { Splash } from '../../ui/Splash.tsx';
import { useSignIn } from './useSignIn.ts';
import '../../styles/login.css';

export default function LoginPage() {
  useDocumentTitle('Sign in');
  const session = useSession();
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get('next'));
  const { signIn, submitting, error } = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const passwordRef = useRef<HTMLInputElement>(null);
  const ids = { email: useId(), password: useId(), error: useId() };

  if (session.status === 'signedIn') return <Navigate to={next} replace />;
  if (session.status === 'restoring') return <Splash label="Opening Nexus…" />;

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    const ok = await signIn(email.trim(), password);
    if (!ok) {
      // Keep the email, clear the password, and put the cursor where the next attempt starts.
      setPassword('');
      passwordRef.current?.focus();
    }
  };

  const emailProblem = fieldMessage(error, 'email');
  const passwordProblem = fieldMessage(error, 'password');
  const expired = session.status === 'signedOut' && session.reason === 'expired';

  return (
    <main className="login">
      <div className="login__card">
        <p className="login__brand">Travel Tamers</p>
        <h1 className="login__title">Sign in to Nexus</h1>
        <p className="login__lede">The operations hub for the whole team.</p>

        {expired && !error && (
          <div className="notice" role="status">
            <p>Your session ended. Sign in again to pick up where you left off.</p>
          </div>
        )}

        <form className="login__form" onSubmit={handleSubmit} aria-describedby={error ? ids.error : undefined}>
          {error && (
            <div id={ids.error} className="notice notice--error" role="alert" data-testid="login-error">
              <p>{error.message}</p>
            </div>
          )}
          <div className="field">
            <label className="field__label" htmlFor={ids.email}>
              Email
            </label>
            <input
              id={ids.email}
              className="input"
              type="email"
              name="email"
              autoComplete="username"
              inputMode="email"
              required
              autoFocus
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              aria-invalid={emailProblem ? true : undefined}
              aria-describedby={emailProblem ? `${ids.email}-problem` : undefined}
            />
            {emailProblem && (
              <span id={`${ids.email}-problem`} className="field__error">
                {emailProblem}
              </span>
            )}
          </div>
          <div className="field">
            <label className="field__label" htmlFor={ids.password}>
              Password
            </label>
            <input
              ref={passwordRef}
              id={ids.password}
              className="input"
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={passwordProblem ? true : undefined}
              aria-describedby={passwordProblem ? `${ids.password}-problem` : undefined}
            />
            {passwordProblem && (
              <span id={`${ids.password}-problem`} className="field__error">
                {passwordProblem}
              </span>
            )}
          </div>
          <button type="submit" className="button button--primary" disabled={submitting} aria-busy={submitting}>
            {submitting ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
    </main>
  );
}
