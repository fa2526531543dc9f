import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { useNavigate } from 'react-router';
import { describeError, fieldMessage } from '../../lib/errors.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { accessIncludes } from '../area.ts';
import { signOutOfPortal } from '../shell/session.ts';
import { forgetMe, usePortalMe } from '../shell/usePortalMe.ts';
import { usePortalTitle } from '../shell/usePortalTitle.ts';
import { PortalSetPasswordDocument, PortalUpdateNotificationsDocument } from './__generated__/account.ts';

const ACCESS_WORDS: Record<string, string> = {
  VIEW_OWN: 'Your trips and documents',
  PAY_FOR_PARTY: 'Your trips, documents, and the party’s invoices and payments',
  MANAGE_FAMILY: 'Your trips and documents, payments, and your family’s travellers',
};

/** The traveller's own account: email notifications (all opt-in), an optional password, sign out. */
export function AccountPage() {
  usePortalTitle('Account');
  const navigate = useNavigate();
  const { me, error, refetch } = usePortalMe();
  const [update, updating] = useMutation(PortalUpdateNotificationsDocument);
  const [setPassword, settingPassword] = useMutation(PortalSetPasswordDocument);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [passwordSaved, setPasswordSaved] = useState(false);

  const toggle = (field: 'notifyItineraryPublished' | 'notifyPaymentDue' | 'notifyScheduleChange', value: boolean) =>
    update({ variables: { input: { [field]: value } } }).catch(() => null);

  const savePassword = async (event: FormEvent) => {
    event.preventDefault();
    setPasswordSaved(false);
    const res = await setPassword({
      variables: { input: { newPassword: next, ...(me?.hasPassword ? { currentPassword: current } : {}) } },
    }).catch(() => null);
    if (res?.data) {
      setPasswordSaved(true);
      setCurrent('');
      setNext('');
      void refetch();
    }
  };

  const signOut = async () => {
    await signOutOfPortal();
    forgetMe();
    await navigate('/sign-in', { replace: true });
  };

  const passwordProblem = settingPassword.error ? describeError(settingPassword.error) : null;

  return (
    <section className="portal__page" data-testid="portal-account">
      <h1>Your account</h1>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {me && (
        <>
          <dl className="portal__facts">
            <dt>Name</dt>
            <dd>{me.name}</dd>
            <dt>Email</dt>
            <dd>{me.email}</dd>
            <dt>What you can see</dt>
            <dd>{ACCESS_WORDS[me.access]}</dd>
          </dl>

          <h2>Email me when</h2>
          {updating.error && <ErrorNotice error={updating.error} />}
          <label className="portal__switch">
            <input
              type="checkbox"
              checked={me.notifyItineraryPublished}
              onChange={(e) => void toggle('notifyItineraryPublished', e.target.checked)}
            />
            a trip’s itinerary is updated
          </label>
          <label className="portal__switch">
            <input
              type="checkbox"
              checked={me.notifyScheduleChange}
              onChange={(e) => void toggle('notifyScheduleChange', e.target.checked)}
            />
            a flight or booking time changes
          </label>
          {accessIncludes(me.access, 'PAY_FOR_PARTY') && (
            <label className="portal__switch">
              <input
                type="checkbox"
                checked={me.notifyPaymentDue}
                onChange={(e) => void toggle('notifyPaymentDue', e.target.checked)}
              />
              a payment falls due
            </label>
          )}

          <h2>{me.hasPassword ? 'Change your password' : 'Set a password (optional)'}</h2>
          <form onSubmit={savePassword} className="portal-form">
            {passwordProblem && passwordProblem.fields.length === 0 && (
              <div className="notice notice--error" role="alert">
                <p>{passwordProblem.message}</p>
              </div>
            )}
            {passwordSaved && (
              <p className="notice" role="status">
                Saved. Other devices were signed out.
              </p>
            )}
            {me.hasPassword && (
              <>
                <label className="field__label" htmlFor="portal-current-password">
                  Current password
                </label>
                <input
                  id="portal-current-password"
                  className="input"
                  type="password"
                  autoComplete="current-password"
                  value={current}
                  onChange={(e) => setCurrent(e.target.value)}
                />
                {fieldMessage(passwordProblem, 'input.currentPassword') && (
                  <span className="field__error">{fieldMessage(passwordProblem, 'input.currentPassword')}</span>
                )}
              </>
            )}
            <label className="field__label" htmlFor="portal-new-password">
              New password (at least 12 characters)
            </label>
            <input
              id="portal-new-password"
              className="input"
              type="password"
              autoComplete="new-password"
              minLength={12}
              value={next}
              onChange={(e) => setNext(e.target.value)}
            />
            {fieldMessage(passwordProblem, 'input.newPassword') && (
              <span className="field__error">{fieldMessage(passwordProblem, 'input.newPassword')}</span>
            )}
            <button type="submit" className="button" disabled={settingPassword.loading || next.length === 0}>
              Save password
            </button>
          </form>
        </>
      )}
      <p>
        <button
          type="button"
          className="button button--ghost"
          onClick={() => void signOut()}
          data-testid="portal-sign-out"
        >
          Sign out
        </button>
      </p>
    </section>
  );
}
