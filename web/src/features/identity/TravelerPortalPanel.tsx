import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import type {
  PortalAccess,
  PortalTravelerRowFragment,
  TravelerAccountRowFragment,
} from '../../__generated__/graphql.ts';
import { describeError, fieldMessage } from '../../lib/errors.ts';
import { formatDay, humanize, personName } from '../../lib/format.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import {
  ChangeTravelerAccessDocument,
  ClientPortalTravelersDocument,
  ContactPortalTravelersDocument,
  DisableTravelerAccountDocument,
  EnableTravelerAccountDocument,
  InviteTravelerDocument,
  ResendTravelerInvitationDocument,
  TravelerAccountsDocument,
} from './graphql/__generated__/travelerPortal.ts';
import './travelerPortal.css';

const ACCESS: { value: PortalAccess; label: string }[] = [
  { value: 'VIEW_OWN', label: 'Own trips and documents' },
  { value: 'PAY_FOR_PARTY', label: 'Also pays for the party' },
  { value: 'MANAGE_FAMILY', label: 'Also manages the family' },
];

type Source = { clientId: string } | { contactId: string };

/**
 * The client portal on a staff page (travel client or crm contact): each traveller of the client,
 * whether they have a portal account, and (advisors and above) inviting them, sending the
 * invitation again, changing their access level, and disabling or enabling the account.
 */
export function TravelerPortalPanel(props: Source) {
  const canSee = useHasRank('AGENT');
  if (!canSee) return null;
  return <Panel {...props} />;
}

function Panel(props: Source) {
  const canManage = useHasRank('ADVISOR');
  const byClient = useQuery(ClientPortalTravelersDocument, {
    variables: { id: 'clientId' in props ? props.clientId : '' },
    skip: !('clientId' in props),
  });
  const byContact = useQuery(ContactPortalTravelersDocument, {
    variables: { id: 'contactId' in props ? props.contactId : '' },
    skip: !('contactId' in props),
  });
  const contact = byContact.data?.contact;
  const ttClientId =
    'clientId' in props
      ? props.clientId
      : (contact?.client?.id ?? contact?.traveler?.client?.id ?? contact?.ttClientId ?? null);
  const travelers: PortalTravelerRowFragment[] =
    'clientId' in props
      ? (byClient.data?.client?.travelers?.nodes ?? [])
      : (contact?.client?.travelers?.nodes ?? (contact?.traveler ? [contact.traveler] : []));
  const accounts = useQuery(TravelerAccountsDocument, {
    variables: { filter: { ttClientId } },
    skip: !ttClientId,
    fetchPolicy: 'cache-and-network',
  });
  const byTraveler = new Map((accounts.data?.travelerAccounts?.nodes ?? []).map((a) => [a.ttTravelerId, a]));
  const error = byClient.error ?? byContact.error ?? accounts.error;
  const crmContactId = 'contactId' in props ? props.contactId : null;

  if (!ttClientId && !byContact.loading && !byClient.loading && !error) return null;
  return (
    <section className="panel panel--wide" aria-labelledby="traveler-portal-title" data-testid="traveler-portal">
      <h2 id="traveler-portal-title" className="panel__title">
        Traveller portal
      </h2>
      {error && <ErrorNotice error={error} onRetry={() => void accounts.refetch()} />}
      {travelers.length === 0 && !error && <p className="empty">No travellers on this account yet.</p>}
      <ul className="plain-list">
        {travelers.map((t) => (
          <TravelerRow
            key={t.id}
            traveler={t}
            ttClientId={ttClientId ?? ''}
            account={byTraveler.get(t.id) ?? null}
            canManage={canManage}
            crmContactId={crmContactId}
            onChanged={() => void accounts.refetch()}
          />
        ))}
      </ul>
    </section>
  );
}

function TravelerRow({
  traveler,
  ttClientId,
  account,
  canManage,
  crmContactId,
  onChanged,
}: {
  traveler: PortalTravelerRowFragment;
  ttClientId: string;
  account: TravelerAccountRowFragment | null;
  canManage: boolean;
  crmContactId: string | null;
  onChanged: () => void;
}) {
  const [inviting, setInviting] = useState(false);
  const [email, setEmail] = useState(traveler.email ?? '');
  const [access, setAccess] = useState<PortalAccess>('VIEW_OWN');
  const [notice, setNotice] = useState<string | null>(null);
  const [invite, invited] = useMutation(InviteTravelerDocument);
  const [resend, resent] = useMutation(ResendTravelerInvitationDocument);
  const [changeAccess, changed] = useMutation(ChangeTravelerAccessDocument);
  const [disable, disabled] = useMutation(DisableTravelerAccountDocument);
  const [enable, enabled] = useMutation(EnableTravelerAccountDocument);
  const failure = invited.error ?? resent.error ?? changed.error ?? disabled.error ?? enabled.error;
  const problem = failure ? describeError(failure) : null;
  const busy = invited.loading || resent.loading || changed.loading || disabled.loading || enabled.loading;
  const name = personName(traveler);

  const submitInvite = async (event: FormEvent) => {
    event.preventDefault();
    const res = await invite({
      variables: {
        input: { email: email.trim(), name, ttClientId, ttTravelerId: traveler.id, access, crmContactId },
      },
    }).catch(() => null);
    if (res?.data) {
      setInviting(false);
      setNotice(`Invitation sent to ${res.data.inviteTraveler.email}.`);
      onChanged();
    }
  };
  const act = async (run: () => Promise<unknown>, done: string) => {
    const ok = await run().then(
      () => true,
      () => false,
    );
    if (ok) {
      setNotice(done);
      onChanged();
    }
  };

  return (
    <li className="portal-access-row" data-testid="traveler-portal-row" data-traveler={traveler.id}>
      <div>
        <strong>{name}</strong>{' '}
        <span className="badge" data-testid="traveler-portal-status">
          {account ? humanize(account.status) : 'Not invited'}
        </span>
        {account && (
          <span className="cell-muted">
            {' '}
            · {account.email} · {ACCESS.find((a) => a.value === account.access)?.label}
            {account.lastSignInAt
              ? ` · last signed in ${formatDay(account.lastSignInAt)}`
              : ` · invited ${formatDay(account.invitedAt)}`}
          </span>
        )}
      </div>
      {notice && (
        <p className="cell-muted" role="status">
          {notice}
        </p>
      )}
      {problem && problem.fields.length === 0 && (
        <p className="field__error" role="alert">
          {problem.message}
        </p>
      )}
      {canManage && !inviting && (
        <div className="portal-access-row__actions">
          {(!account || account.status === 'INVITED') && (
            <button
              type="button"
              className="button button--small"
              onClick={() =>
                account
                  ? void act(() => resend({ variables: { id: account.id } }), 'Invitation sent again.')
                  : setInviting(true)
              }
              disabled={busy}
            >
              {account ? 'Resend invitation' : 'Invite to portal'}
            </button>
          )}
          {account && account.status !== 'DISABLED' && (
            <>
              <label className="visually-hidden" htmlFor={`portal-access-${account.id}`}>
                Access level for {name}
              </label>
              <select
                id={`portal-access-${account.id}`}
                className="input"
                value={account.access}
                disabled={busy}
                onChange={(e) =>
                  void act(
                    () =>
                      changeAccess({
                        variables: { input: { id: account.id, access: e.target.value as PortalAccess } },
                      }),
                    'Access level changed.',
                  )
                }
              >
                {ACCESS.map((a) => (
                  <option key={a.value} value={a.value}>
                    {a.label}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="button button--small button--ghost"
                disabled={busy}
                onClick={() =>
                  void act(
                    () => disable({ variables: { id: account.id } }),
                    'Portal account disabled; its sessions ended.',
                  )
                }
              >
                Disable
              </button>
            </>
          )}
          {account?.status === 'DISABLED' && (
            <button
              type="button"
              className="button button--small"
              disabled={busy}
              onClick={() => void act(() => enable({ variables: { id: account.id } }), 'Portal account enabled.')}
            >
              Enable
            </button>
          )}
        </div>
      )}
      {inviting && (
        <form className="portal-access-row__form" onSubmit={submitInvite} aria-label={`Invite ${name} to the portal`}>
          <label className="field__label" htmlFor={`portal-invite-email-${traveler.id}`}>
            Email
          </label>
          <input
            id={`portal-invite-email-${traveler.id}`}
            className="input"
            type="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={fieldMessage(problem, 'input.email') ? true : undefined}
          />
          {fieldMessage(problem, 'input.email') && (
            <span className="field__error">{fieldMessage(problem, 'input.email')}</span>
          )}
          <label className="field__label" htmlFor={`portal-invite-access-${traveler.id}`}>
            Access
          </label>
          <select
            id={`portal-invite-access-${traveler.id}`}
            className="input"
            value={access}
            onChange={(e) => setAccess(e.target.value as PortalAccess)}
          >
            {ACCESS.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
          <div className="portal-access-row__actions">
            <button type="submit" className="button button--primary button--small" disabled={busy}>
              Send invitation
            </button>
            <button type="button" className="button button--ghost button--small" onClick={() => setInviting(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
