import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import type { Role } from '../../__generated__/graphql.ts';
import { describeError, fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { formatCalendarDate, formatDateTime, formatNumber, humanize } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Field } from '../../ui/Field.tsx';
import { FormProblem, focusFirstInvalid } from '../../ui/FormProblem.tsx';
import { Loading } from '../../ui/Splash.tsx';
import {
  ApiKeysDocument,
  CreateApiKeyDocument,
  RevokeApiKeyDocument,
  UpdateApiKeyLimitsDocument,
} from './graphql/__generated__/settings.ts';
import { ROLE_OPTIONS } from './roles.ts';

type UsageDay = { day: string; requests: number; cost: number; errors: number };

/** A key's last seven days in one line: requests, query-cost points and errors. */
const usageSummary = (usage: readonly UsageDay[]) => {
  const total = usage.reduce(
    (t, d) => ({ requests: t.requests + d.requests, cost: t.cost + d.cost, errors: t.errors + d.errors }),
    { requests: 0, cost: 0, errors: 0 },
  );
  return total.requests === 0
    ? 'No requests'
    : `${formatNumber(total.requests)} requests · ${formatNumber(total.cost)} points · ${formatNumber(total.errors)} errors`;
};

/** A key's usage per day and the form that changes its hourly budget and persisted-only flag. */
function KeyUsage(props: {
  apiKey: {
    id: string;
    name: string;
    costBudgetPerHour?: number | null;
    persistedOnly: boolean;
    revokedAt?: string | null;
  };
  usage: readonly UsageDay[];
  onSaved: (message: string) => void;
}) {
  const { apiKey, usage } = props;
  const [update, updating] = useMutation(UpdateApiKeyLimitsDocument);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const onSave = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const budget = String(data.get('costBudgetPerHour') ?? '').trim();
    setProblem(null);
    try {
      await update({
        variables: {
          input: {
            id: apiKey.id,
            costBudgetPerHour: budget ? Number(budget) : null,
            persistedOnly: data.get('persistedOnly') === 'on',
          },
        },
      });
      props.onSaved(`Limits of ${apiKey.name} saved.`);
    } catch (err) {
      setProblem(describeError(err));
    }
  };
  return (
    <details data-testid="api-key-usage">
      <summary>{usageSummary(usage)}</summary>
      {usage.length > 0 && (
        <table className="data-table">
          <caption className="visually-hidden">Usage of {apiKey.name} per day (UTC)</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Requests</th>
              <th scope="col">Points</th>
              <th scope="col">Errors</th>
            </tr>
          </thead>
          <tbody>
            {usage.map((d) => (
              <tr key={d.day}>
                <th scope="row">{formatCalendarDate(d.day)}</th>
                <td>{formatNumber(d.requests)}</td>
                <td>{formatNumber(d.cost)}</td>
                <td>{formatNumber(d.errors)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!apiKey.revokedAt && (
        <form className="form-grid" onSubmit={(e) => void onSave(e)} noValidate>
          <FormProblem problem={problem} />
          <Field
            label="Budget per hour"
            error={fieldMessage(problem, 'input.costBudgetPerHour')}
            hint="Query-cost points; empty for the default"
          >
            {(p) => (
              <input
                {...p}
                name="costBudgetPerHour"
                type="number"
                min={1}
                className="input"
                defaultValue={apiKey.costBudgetPerHour ?? ''}
              />
            )}
          </Field>
          <label className="checkbox">
            <input type="checkbox" name="persistedOnly" defaultChecked={apiKey.persistedOnly} /> Only the SDK's
            operations (persisted documents)
          </label>
          <div className="form-actions">
            <button type="submit" className="button button--small" disabled={updating.loading}>
              Save limits<span className="visually-hidden"> of {apiKey.name}</span>
            </button>
          </div>
        </form>
      )}
    </details>
  );
}

/**
 * Integrator API keys: create one (its secret is shown once, right here), see when each was last
 * used, its requests, query cost and errors per day, its hourly budget and when it expires, and
 * revoke it, which stops it at once.
 */
export function ApiKeysPage() {
  useDocumentTitle('API keys');
  const keys = useQuery(ApiKeysDocument, { variables: { first: 100 }, fetchPolicy: 'cache-and-network' });
  const [create, creating] = useMutation(CreateApiKeyDocument);
  const [revoke] = useMutation(RevokeApiKeyDocument);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const [status, setStatus] = useState('');

  const onCreate = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const expires = String(data.get('expiresAt') ?? '');
    const budget = String(data.get('costBudgetPerHour') ?? '').trim();
    setProblem(null);
    try {
      const res = await create({
        variables: {
          input: {
            name: String(data.get('name') ?? ''),
            role: String(data.get('role')) as Role,
            expiresAt: expires ? new Date(`${expires}T23:59:59`).toISOString() : null,
            costBudgetPerHour: budget ? Number(budget) : null,
            persistedOnly: data.get('persistedOnly') === 'on',
          },
        },
      });
      const created = res.data?.createApiKey;
      if (created) {
        setSecret({ name: created.apiKey.name, secret: created.secret });
        form.reset();
        await keys.refetch();
      }
    } catch (err) {
      setProblem(describeError(err));
      focusFirstInvalid(form);
    }
  };

  const onRevoke = async (id: string, name: string) => {
    if (!window.confirm(`Revoke “${name}”? Integrations using it stop working at once.`)) return;
    try {
      await revoke({ variables: { id } });
      setStatus(`${name} revoked.`);
      await keys.refetch();
    } catch (err) {
      setProblem(describeError(err));
    }
  };

  const list = keys.data?.apiKeys;
  return (
    <section aria-labelledby="api-keys-title" data-testid="api-keys-page">
      <header className="page-header">
        <h1 id="api-keys-title">API keys</h1>
        <p className="page-header__meta">Keys let integrations (n8n, scripts) use the API with a role.</p>
      </header>

      {secret && (
        <div className="notice notice--success" role="status" data-testid="api-key-secret">
          <p className="notice__title">Copy the key for “{secret.name}” now: it will not be shown again.</p>
          <p>
            <code className="secret">{secret.secret}</code>{' '}
            <button
              type="button"
              className="button button--small"
              onClick={() => void navigator.clipboard?.writeText(secret.secret)}
            >
              Copy
            </button>{' '}
            <button type="button" className="button button--small" onClick={() => setSecret(null)}>
              Done
            </button>
          </p>
        </div>
      )}

      <form className="panel form-grid" onSubmit={(e) => void onCreate(e)} noValidate data-testid="api-key-form">
        <h2 className="panel__title">New key</h2>
        <FormProblem problem={problem} />
        <Field label="Name" required error={fieldMessage(problem, 'input.name')}>
          {(p) => <input {...p} name="name" className="input" required maxLength={120} />}
        </Field>
        <Field label="Role" error={fieldMessage(problem, 'input.role')} hint="What the key may do">
          {(p) => (
            <select {...p} name="role" className="select" defaultValue="VIEWER">
              {ROLE_OPTIONS.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Expires on" error={fieldMessage(problem, 'input.expiresAt')} hint="Leave empty for no expiry">
          {(p) => <input {...p} name="expiresAt" type="date" className="input" />}
        </Field>
        <Field
          label="Budget per hour"
          error={fieldMessage(problem, 'input.costBudgetPerHour')}
          hint="Query-cost points; leave empty for the default"
        >
          {(p) => <input {...p} name="costBudgetPerHour" type="number" min={1} className="input" />}
        </Field>
        <label className="checkbox">
          <input type="checkbox" name="persistedOnly" /> Only the SDK's operations (persisted documents)
        </label>
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={creating.loading}>
            Create key
          </button>
        </div>
      </form>

      <p className="visually-hidden" role="status">
        {status}
      </p>
      {keys.error && !list && <ErrorNotice error={keys.error} onRetry={() => void keys.refetch()} />}
      {!list && !keys.error && <Loading />}
      {list && (
        <div className="table-frame">
          <table className="data-table data-table--cards" data-testid="api-keys-table">
            <caption className="visually-hidden">API keys, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                <th scope="col">Role</th>
                <th scope="col">Last used</th>
                <th scope="col">Expires</th>
                <th scope="col">Budget / hour</th>
                <th scope="col">Usage, 7 days</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.nodes.length === 0 && (
                <tr>
                  <td colSpan={9}>No API keys yet.</td>
                </tr>
              )}
              {list.nodes.map((k) => (
                <tr key={k.id} data-testid="api-key-row">
                  <th scope="row" data-label="Name">
                    {k.name}
                  </th>
                  <td data-label="Key">
                    <code>{k.prefix}…</code>
                  </td>
                  <td data-label="Role">{humanize(k.role)}</td>
                  <td data-label="Last used">{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : 'Never'}</td>
                  <td data-label="Expires">{k.expiresAt ? formatDateTime(k.expiresAt) : 'Never'}</td>
                  <td data-label="Budget / hour">
                    {k.costBudgetPerHour ? formatNumber(k.costBudgetPerHour) : 'Default'}
                    {k.persistedOnly && <span className="badge">SDK only</span>}
                  </td>
                  <td data-label="Usage, 7 days">
                    <KeyUsage
                      apiKey={k}
                      usage={k.usage}
                      onSaved={(message) => {
                        setStatus(message);
                        void keys.refetch();
                      }}
                    />
                  </td>
                  <td data-label="Status">
                    <span className="badge" data-testid="api-key-status">
                      {k.revokedAt ? `Revoked ${formatDateTime(k.revokedAt)}` : 'Active'}
                    </span>
                  </td>
                  <td>
                    {!k.revokedAt && (
                      <button
                        type="button"
                        className="button button--small button--danger"
                        onClick={() => void onRevoke(k.id, k.name)}
                      >
                        Revoke<span className="visually-hidden"> {k.name}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
