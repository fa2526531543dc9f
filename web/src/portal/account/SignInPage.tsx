import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { describeError, fieldMessage } from '../../lib/errors.ts';
import { Splash } from '../../ui/Splash.tsx';
import { startPortalSession, usePortalSession } from '../shell/session.ts';
import { usePortalTitle } from '../shell/usePortalTitle.ts';
import {
  PortalRequestSignInDocument,
  PortalSignInWithCodeDocument,
  PortalSignInWithPasswordDocument,
} from './__generated__/session.ts';

/** Only paths inside the portal: a crafted `?next=https://…` cannot bounce a traveller off-site. */
export function safePortalPath(raw: string | null): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\') || raw.startsWith('/sign-in'))
    return '/';
  return raw;
}

type Step = 'email' | 'code' | 'password';

/**
 * Sign-in, phone first: the traveller gives their email and gets a link and a six-digit code; they
 * type the code here (or open the link). Travellers who set a password may use it instead.
 */
export function SignInPage() {
  usePortalTitle('Sign in');
  const session = usePortalSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safePortalPath(params.get('next'));
  const [step, setStep] = useState<Step>('email');
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [sentMessage, setSentMessage] = useState<string | null>(null);
  const [requestSignIn, requested] = useMutation(PortalRequestSignInDocument);
  const [withCode, coded] = useMutation(PortalSignInWithCodeDocument);
  const [withPassword, passworded] = useMutation(PortalSignInWithPasswordDocument);

  if (session.status === 'signedIn') return <Navigate to={next} replace />;
  if (session.status === 'restoring') return <Splash label="Opening your portal…" />;

  const error = step === 'email' ? requested.error : step === 'code' ? coded.error : passworded.error;
  const problem = error ? describeError(error) : null;
  const busy = requested.loading || coded.loading || passworded.loading;

  const ask = async (event: FormEvent) => {
    event.preventDefault();
    const res = await requestSignIn({ variables: { email: email.trim() } }).catch(() => null);
    if (res?.data) {
      setSentMessage(res.data.portalRequestSignIn.message);
      setStep('code');
    }
  };
  const submitCode = async (event: FormEvent) => {
    event.preventDefault();
    const res = await withCode({ variables: { email: email.trim(), code: code.trim() } }).catch(() => null);
    if (res?.data) {
      startPortalSession(res.data.portalSignInWithCode);
      await navigate(next, { replace: true });
    } else setCode('');
  };
  const submitPassword = async (event: FormEvent) => {
    event.preventDefault();
    const res = await withPassword({ variables: { email: email.trim(), password } }).catch(() => null);
    if (res?.data) {
      startPortalSession(res.data.portalSignInWithPassword);
      await navigate(next, { replace: true });
    } else setPassword('');
  };

  return (
    <main className="portal-sign-in">
      <div className="portal-sign-in__card">
        <p className="portal__brand">Travel Tamers</p>
        <h1>Your traveller portal</h1>
        {session.status === 'signedOut' && session.reason === 'expired' && !problem && (
          <p className="notice" role="status">
            Your session ended. Sign in again.
          </p>
        )}
        {problem && problem.fields.length === 0 && (
          <div className="notice notice--error" role="alert" data-testid="portal-sign-in-error">
            <p>{problem.message}</p>
          </div>
        )}

        {step === 'email' && (
          <form onSubmit={ask} className="portal-form">
            <p>We email you a sign-in link and a code. No password needed.</p>
            <label className="field__label" htmlFor="portal-email">
              Email
            </label>
            <input
              id="portal-email"
              className="input"
              type="email"
              inputMode="email"
              autoComplete="email"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              aria-invalid={fieldMessage(problem, 'email') ? true : undefined}
            />
            {fieldMessage(problem, 'email') && <span className="field__error">{fieldMessage(problem, 'email')}</span>}
            <button type="submit" className="button button--primary" disabled={busy}>
              Email me a sign-in code
            </button>
            <button type="button" className="button button--ghost" onClick={() => setStep('password')}>
              I have a password
            </button>
          </form>
        )}

        {step === 'code' && (
          <form onSubmit={submitCode} className="portal-form">
            <p role="status" data-testid="portal-code-sent">
              {sentMessage}
            </p>
            <label className="field__label" htmlFor="portal-code">
              Six-digit code
            </label>
            <input
              id="portal-code"
              className="input portal-form__code"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={6}
              required
              value={code}
              onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
              aria-invalid={fieldMessage(problem, 'code') ? true : undefined}
            />
            {fieldMessage(problem, 'code') && <span className="field__error">{fieldMessage(problem, 'code')}</span>}
            <button type="submit" className="button button--primary" disabled={busy}>
              Sign in
            </button>
            <button type="button" className="button button--ghost" onClick={() => setStep('email')}>
              Use another email or send a new code
            </button>
          </form>
        )}

        {step === 'password' && (
          <form onSubmit={submitPassword} className="portal-form">
            <label className="field__label" htmlFor="portal-password-email">
              Email
            </label>
            <input
              id="portal-password-email"
              className="input"
              type="email"
              autoComplete="email"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
            <label className="field__label" htmlFor="portal-password">
              Password
            </label>
            <input
              id="portal-password"
              className="input"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <button type="submit" className="button button--primary" disabled={busy}>
              Sign in
            </button>
            <button type="button" className="button button--ghost" onClick={() => setStep('email')}>
              Email me a code instead
            </button>
          </form>
        )}
      </div>
    </main>
  );
}
