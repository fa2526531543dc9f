import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import type { Role } from '../../__generated__/graphql.ts';
import { describeError, fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useCurrentUser } from '../../lib/useHasRank.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Field } from '../../ui/Field.tsx';
import { FormProblem, focusFirstInvalid } from '../../ui/FormProblem.tsx';
import { Loading } from '../../ui/Splash.tsx';
import {
  ChangeUserRoleDocument,
  CreateUserDocument,
  DeactivateUserDocument,
  ReactivateUserDocument,
  ResetUserPasswordDocument,
  UsersAdminDocument,
} from './graphql/__generated__/settings.ts';
import { ROLE_OPTIONS } from './roles.ts';

/** Staff accounts: invite (create with a role and a first password), change role, deactivate, reset password. */
export function UsersPage() {
  useDocumentTitle('Users and roles');
  const me = useCurrentUser();
  const users = useQuery(UsersAdminDocument, { variables: { first: 100 }, fetchPolicy: 'cache-and-network' });
  const [createUser, creating] = useMutation(CreateUserDocument);
  const [changeRole] = useMutation(ChangeUserRoleDocument);
  const [deactivate] = useMutation(DeactivateUserDocument);
  const [reactivate] = useMutation(ReactivateUserDocument);
  const [resetPassword] = useMutation(ResetUserPasswordDocument);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [rowProblem, setRowProblem] = useState<string | null>(null);
  const [status, setStatus] = useState('');

  const act = async (action: () => Promise<unknown>, done: string) => {
    setRowProblem(null);
    try {
      await action();
      setStatus(done);
      await users.refetch();
    } catch (err) {
      setRowProblem(describeError(err).message);
    }
  };

  const onInvite = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setProblem(null);
    try {
      await createUser({
        variables: {
          input: {
            name: String(data.get('name') ?? ''),
            email: String(data.get('email') ?? ''),
            role: String(data.get('role')) as Role,
            password: String(data.get('password') ?? ''),
          },
        },
      });
      setStatus(`${String(data.get('name'))} can now sign in.`);
      form.reset();
      await users.refetch();
    } catch (err) {
      setProblem(describeError(err));
      focusFirstInvalid(form);
    }
  };

  const list = users.data?.users;
  return (
    <section aria-labelledby="users-title" data-testid="users-page">
      <header className="page-header">
        <h1 id="users-title">Users and roles</h1>
      </header>
      <p className="notice" role="status" hidden={!status}>
        {status}
      </p>
      {rowProblem && (
        <p className="notice notice--error" role="alert">
          {rowProblem}
        </p>
      )}
      {users.error && !list && <ErrorNotice error={users.error} onRetry={() => void users.refetch()} />}
      {!list && !users.error && <Loading />}
      {list && (
        <div className="table-frame">
          <table className="data-table data-table--cards" data-testid="users-table">
            <caption className="visually-hidden">Staff accounts by name</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Last signed in</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.nodes.map((u) => {
                const self = u.id === me?.id;
                return (
                  <tr key={u.id}>
                    <th scope="row" data-label="Name">
                      {u.name}
                    </th>
                    <td data-label="Email">{u.email}</td>
                    <td data-label="Role">
                      <select
                        className="select select--small"
                        aria-label={`Role of ${u.name}`}
                        value={u.role}
                        disabled={self}
                        onChange={(e) =>
                          void act(
                            () => changeRole({ variables: { input: { userId: u.id, role: e.target.value as Role } } }),
                            `${u.name} is now ${e.target.value.toLowerCase()}.`,
                          )
                        }
                      >
                        {ROLE_OPTIONS.map((r) => (
                          <option key={r.value} value={r.value}>
                            {r.value.charAt(0) + r.value.slice(1).toLowerCase()}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td data-label="Last signed in">{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : 'Never'}</td>
                    <td data-label="Status">{u.active ? 'Active' : 'Deactivated'}</td>
                    <td>
                      {!self && (
                        <span className="row-actions">
                          <button
                            type="button"
                            className="button button--small"
                            onClick={() => {
                              const next = window.prompt(
                                `New password for ${u.name} (at least 12 characters). Every session of theirs is signed out.`,
                              );
                              if (next)
                                void act(
                                  () => resetPassword({ variables: { input: { userId: u.id, newPassword: next } } }),
                                  `${u.name}'s password was reset.`,
                                );
                            }}
                          >
                            Reset password<span className="visually-hidden"> of {u.name}</span>
                          </button>
                          {u.active ? (
                            <button
                              type="button"
                              className="button button--small button--danger"
                              onClick={() =>
                                window.confirm(`Deactivate ${u.name}? They are signed out everywhere.`) &&
                                void act(() => deactivate({ variables: { id: u.id } }), `${u.name} deactivated.`)
                              }
                            >
                              Deactivate<span className="visually-hidden"> {u.name}</span>
                            </button>
                          ) : (
                            <button
                              type="button"
                              className="button button--small"
                              onClick={() =>
                                void act(() => reactivate({ variables: { id: u.id } }), `${u.name} reactivated.`)
                              }
                            >
                              Reactivate<span className="visually-hidden"> {u.name}</span>
                            </button>
                          )}
                        </span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      <form className="panel form-grid" onSubmit={(e) => void onInvite(e)} noValidate data-testid="invite-form">
        <h2 className="panel__title">Invite someone</h2>
        <FormProblem problem={problem} />
        <Field label="Name" required error={fieldMessage(problem, 'input.name')}>
          {(p) => <input {...p} name="name" className="input" autoComplete="off" />}
        </Field>
        <Field label="Email" required error={fieldMessage(problem, 'input.email')}>
          {(p) => <input {...p} name="email" type="email" className="input" autoComplete="off" />}
        </Field>
        <Field label="Role" error={fieldMessage(problem, 'input.role')}>
          {(p) => (
            <select {...p} name="role" className="select" defaultValue="AGENT">
              {ROLE_OPTIONS.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="First password"
          required
          error={fieldMessage(problem, 'input.password')}
          hint="At least 12 characters; share it privately"
        >
          {(p) => <input {...p} name="password" type="password" className="input" autoComplete="new-password" />}
        </Field>
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={creating.loading}>
            Create account
          </button>
        </div>
      </form>
    </section>
  );
}
