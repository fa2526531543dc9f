import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import type { NotificationType } from '../../__generated__/graphql.ts';
import { describeError, fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { humanize } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Field } from '../../ui/Field.tsx';
import { FormProblem, focusFirstInvalid } from '../../ui/FormProblem.tsx';
import { Loading } from '../../ui/Splash.tsx';
import {
  ChangePasswordDocument,
  MyProfileDocument,
  UpdateNotificationPreferencesDocument,
  UpdateProfileDocument,
} from './graphql/__generated__/settings.ts';

const TIME_ZONES = ['UTC', ...Intl.supportedValuesOf('timeZone')];

/** One's own name, time zone and password, and which notifications to receive. */
export function ProfilePage() {
  useDocumentTitle('Profile');
  const { data, error, refetch } = useQuery(MyProfileDocument);
  const [saveProfile, savingProfile] = useMutation(UpdateProfileDocument);
  const [changePassword, changing] = useMutation(ChangePasswordDocument);
  const [savePrefs] = useMutation(UpdateNotificationPreferencesDocument);
  const [profileProblem, setProfileProblem] = useState<DescribedError | null>(null);
  const [passwordProblem, setPasswordProblem] = useState<DescribedError | null>(null);
  const [status, setStatus] = useState('');

  if (error && !data) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  if (!data?.me) return <Loading />;
  const me = data.me;
  const prefs = data.notificationPreferences;

  const onProfile = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const fd = new FormData(form);
    setProfileProblem(null);
    try {
      await saveProfile({
        variables: { input: { name: String(fd.get('name') ?? ''), timeZone: String(fd.get('timeZone')) } },
      });
      setStatus('Profile saved.');
    } catch (err) {
      setProfileProblem(describeError(err));
      focusFirstInvalid(form);
    }
  };

  const onPassword = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const fd = new FormData(form);
    setPasswordProblem(null);
    try {
      await changePassword({
        variables: {
          input: {
            currentPassword: String(fd.get('currentPassword') ?? ''),
            newPassword: String(fd.get('newPassword') ?? ''),
          },
        },
      });
      form.reset();
      setStatus('Password changed. You stay signed in here; every other session was signed out.');
    } catch (err) {
      setPasswordProblem(describeError(err));
      focusFirstInvalid(form);
    }
  };

  const toggle = async (type: NotificationType, muted: boolean) => {
    const next = muted ? [...prefs.mutedTypes, type] : prefs.mutedTypes.filter((t) => t !== type);
    try {
      await savePrefs({ variables: { input: { mutedTypes: next } } });
      await refetch();
      setStatus(`${humanize(type)} notifications ${muted ? 'muted' : 'on'}.`);
    } catch (err) {
      setStatus(describeError(err).message);
    }
  };

  return (
    <section aria-labelledby="profile-title" data-testid="profile-page">
      <header className="page-header">
        <h1 id="profile-title">Profile</h1>
        <p className="page-header__meta">
          {me.email} · {humanize(me.role)}
        </p>
      </header>
      <p className="notice" role="status" hidden={!status}>
        {status}
      </p>
      <form className="panel form-grid" onSubmit={(e) => void onProfile(e)} noValidate aria-label="Name and time zone">
        <h2 className="panel__title">Name and time zone</h2>
        <FormProblem problem={profileProblem} />
        <Field label="Name" error={fieldMessage(profileProblem, 'input.name')}>
          {(p) => <input {...p} name="name" className="input" defaultValue={me.name} maxLength={120} />}
        </Field>
        <Field label="Time zone" error={fieldMessage(profileProblem, 'input.timeZone')}>
          {(p) => (
            <select {...p} name="timeZone" className="select" defaultValue={me.timeZone}>
              {TIME_ZONES.map((tz) => (
                <option key={tz} value={tz}>
                  {tz.replaceAll('_', ' ')}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={savingProfile.loading}>
            Save profile
          </button>
        </div>
      </form>

      <form className="panel form-grid" onSubmit={(e) => void onPassword(e)} noValidate aria-label="Password">
        <h2 className="panel__title">Password</h2>
        <FormProblem problem={passwordProblem} />
        <Field label="Current password" error={fieldMessage(passwordProblem, 'input.currentPassword')}>
          {(p) => (
            <input {...p} name="currentPassword" type="password" className="input" autoComplete="current-password" />
          )}
        </Field>
        <Field
          label="New password"
          error={fieldMessage(passwordProblem, 'input.newPassword')}
          hint="At least 12 characters"
        >
          {(p) => <input {...p} name="newPassword" type="password" className="input" autoComplete="new-password" />}
        </Field>
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={changing.loading}>
            Change password
          </button>
        </div>
      </form>

      <fieldset className="panel" data-testid="notification-preferences">
        <legend className="panel__title">Notifications</legend>
        <p className="panel__meta">System alerts and failed-job alerts always arrive.</p>
        {prefs.mutableTypes.map((type) => (
          <label key={type} className="checkbox">
            <input
              type="checkbox"
              checked={!prefs.mutedTypes.includes(type)}
              onChange={(e) => void toggle(type, !e.target.checked)}
            />{' '}
            {humanize(type)}
          </label>
        ))}
      </fieldset>
    </section>
  );
}
