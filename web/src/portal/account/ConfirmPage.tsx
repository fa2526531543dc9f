import { useMutation, useQuery } from '@apollo/client/react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { describeError } from '../../lib/errors.ts';
import { Splash } from '../../ui/Splash.tsx';
import { startPortalSession, usePortalSession } from '../shell/session.ts';
import { usePortalTitle } from '../shell/usePortalTitle.ts';
import { PortalConfirmSignInDocument, PortalSignInLinkStatusDocument } from './__generated__/session.ts';

const WHY: Record<string, string> = {
  EXPIRED: 'This sign-in link has expired.',
  USED: 'This sign-in link was already used.',
  INVALID: 'This sign-in link is not valid: it may have been cut or mistyped.',
};

/**
 * Where an emailed link lands. Opening it uses nothing up (mail scanners open links first): the
 * link is used only when the traveller presses the button.
 */
export function ConfirmPage() {
  usePortalTitle('Confirm sign-in');
  const session = usePortalSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const status = useQuery(PortalSignInLinkStatusDocument, { variables: { token }, fetchPolicy: 'network-only' });
  const [confirm, confirming] = useMutation(PortalConfirmSignInDocument);

  if (session.status === 'signedIn' && !confirming.called) return <Navigate to="/" replace />;
  if (status.loading) return <Splash label="Checking your link…" />;

  const state = status.data?.portalSignInLinkStatus ?? null;
  const problem = confirming.error
    ? describeError(confirming.error)
    : status.error
      ? describeError(status.error)
      : null;

  const onConfirm = async () => {
    const res = await confirm({ variables: { token } }).catch(() => null);
    if (res?.data) {
      startPortalSession(res.data.portalConfirmSignIn);
      await navigate('/', { replace: true });
    } else void status.refetch();
  };

  return (
    <main className="portal-sign-in">
      <div className="portal-sign-in__card" data-testid="portal-confirm">
        <p className="portal__brand">Travel Tamers</p>
        <h1>Sign in to your traveller portal</h1>
        {problem && (
          <div className="notice notice--error" role="alert">
            <p>{problem.message}</p>
          </div>
        )}
        {state === 'VALID' ? (
          <>
            <p>Press the button to finish signing in on this device.</p>
            <button
              type="button"
              className="button button--primary"
              onClick={onConfirm}
              disabled={confirming.loading}
              data-testid="portal-confirm-button"
            >
              Sign in
            </button>
          </>
        ) : (
          state && (
            <div className="notice notice--error" role="alert" data-testid="portal-link-problem">
              <p>{WHY[state]}</p>
              <p>
                <Link to="/sign-in">Get a new sign-in code</Link>
              </p>
            </div>
          )
        )}
      </div>
    </main>
  );
}
