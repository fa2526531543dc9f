import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import type { Rank, WebhookEndpointFieldsFragment } from '../../__generated__/graphql.ts';
import { describeError, fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { formatDateTime, humanize } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Field } from '../../ui/Field.tsx';
import { FormProblem, focusFirstInvalid } from '../../ui/FormProblem.tsx';
import { Loading } from '../../ui/Splash.tsx';
import { ROLE_OPTIONS } from '../settings/roles.ts';
import {
  CreateWebhookEndpointDocument,
  DeleteWebhookEndpointDocument,
  DisableWebhookEndpointDocument,
  EnableWebhookEndpointDocument,
  ReplayWebhookDeliveryDocument,
  RotateWebhookSecretDocument,
  SendWebhookTestEventDocument,
  UpdateWebhookEndpointDocument,
  WebhookDeliveriesDocument,
  WebhookEndpointsDocument,
} from './graphql/__generated__/webhooks.ts';

type EventType = { name: string; description: string };

/** Checkboxes for the event types; `chosen` are ticked. */
function EventChoices({ types, chosen }: { types: readonly EventType[]; chosen: readonly string[] }) {
  return (
    <fieldset className="field--wide">
      <legend>Events</legend>
      {types.map((t) => (
        <label key={t.name} className="checkbox" title={t.description}>
          <input type="checkbox" name="eventTypes" value={t.name} defaultChecked={chosen.includes(t.name)} />{' '}
          <code>{t.name}</code>
        </label>
      ))}
    </fieldset>
  );
}

const statusOf = (e: WebhookEndpointFieldsFragment) =>
  e.enabled
    ? e.failingSince
      ? `Failing since ${formatDateTime(e.failingSince)}`
      : 'Active'
    : `Disabled (${humanize(e.disabledReason ?? 'MANUAL')})`;

/** One endpoint's deliveries, newest first, each with its attempts; an admin replays one. */
function DeliveryLog({ endpointId, onStatus }: { endpointId: string; onStatus: (s: string) => void }) {
  const log = useQuery(WebhookDeliveriesDocument, {
    variables: { id: endpointId, first: 25 },
    fetchPolicy: 'cache-and-network',
  });
  const [replay, replaying] = useMutation(ReplayWebhookDeliveryDocument);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const deliveries = log.data?.webhookEndpoint?.deliveries;
  const onReplay = async (ledgerId: string, eventType: string) => {
    setProblem(null);
    try {
      const res = await replay({ variables: { id: ledgerId } });
      onStatus(`${eventType} replayed: ${humanize(res.data?.replayDelivery.outcome ?? 'PENDING')}.`);
      await log.refetch();
    } catch (err) {
      setProblem(describeError(err));
    }
  };
  if (log.error && !deliveries) return <ErrorNotice error={log.error} onRetry={() => void log.refetch()} />;
  if (!deliveries) return <Loading />;
  return (
    <div data-testid="webhook-deliveries">
      <FormProblem problem={problem} />
      <table className="data-table">
        <caption className="visually-hidden">Deliveries, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Created</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {deliveries.nodes.length === 0 && (
            <tr>
              <td colSpan={5}>Nothing delivered yet.</td>
            </tr>
          )}
          {deliveries.nodes.map((d) => (
            <tr key={d.id} data-testid="webhook-delivery-row">
              <th scope="row">
                <code>{d.eventType}</code>
                <div className="panel__meta">{d.eventId}</div>
              </th>
              <td>
                <span className="badge">{humanize(d.status)}</span>
                {d.nextAttemptAt && <div className="panel__meta">Next try {formatDateTime(d.nextAttemptAt)}</div>}
              </td>
              <td>
                <details>
                  <summary>
                    {d.attemptCount} {d.attemptCount === 1 ? 'attempt' : 'attempts'}
                    {d.lastResponseStatus != null && ` · last ${d.lastResponseStatus}`}
                  </summary>
                  <ol>
                    {d.attempts.map((a) => (
                      <li key={a.number}>
                        {formatDateTime(a.attemptedAt)} · {a.succeeded ? 'delivered' : 'failed'}
                        {a.responseStatus != null && ` · ${a.responseStatus}`} · {a.latencyMs} ms
                        {a.manual && ' · replay'}
                        {a.error && <div className="panel__meta">{a.error}</div>}
                        {a.responseExcerpt && <pre>{a.responseExcerpt}</pre>}
                      </li>
                    ))}
                  </ol>
                </details>
              </td>
              <td>{formatDateTime(d.createdAt)}</td>
              <td>
                {d.ledgerEntry?.replayable && (
                  <button
                    type="button"
                    className="button button--small"
                    disabled={replaying.loading}
                    onClick={() => void onReplay(d.ledgerEntry?.id ?? '', d.eventType)}
                  >
                    Replay<span className="visually-hidden"> {d.eventType}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One endpoint's row: state, and its actions (test, edit events, rotate, disable, delete, log). */
function EndpointRow(props: {
  endpoint: WebhookEndpointFieldsFragment;
  types: readonly EventType[];
  onSecret: (s: { url: string; secret: string }) => void;
  onStatus: (s: string) => void;
  onChanged: () => Promise<unknown>;
}) {
  const { endpoint: e } = props;
  const [update] = useMutation(UpdateWebhookEndpointDocument);
  const [disable] = useMutation(DisableWebhookEndpointDocument);
  const [enable] = useMutation(EnableWebhookEndpointDocument);
  const [remove] = useMutation(DeleteWebhookEndpointDocument);
  const [rotate] = useMutation(RotateWebhookSecretDocument);
  const [test] = useMutation(SendWebhookTestEventDocument);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [showLog, setShowLog] = useState(false);

  const run = async (action: () => Promise<unknown>, done: string) => {
    setProblem(null);
    try {
      await action();
      props.onStatus(done);
      await props.onChanged();
    } catch (err) {
      setProblem(describeError(err));
    }
  };
  const onEvents = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const eventTypes = new FormData(event.currentTarget).getAll('eventTypes').map(String);
    void run(() => update({ variables: { input: { id: e.id, eventTypes } } }), `Events of ${e.url} saved.`);
  };
  const onRotate = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const overlapMinutes = Number(new FormData(event.currentTarget).get('overlapMinutes'));
    void run(async () => {
      const res = await rotate({ variables: { input: { id: e.id, overlapMinutes } } });
      if (res.data) props.onSecret({ url: e.url, secret: res.data.rotateWebhookSecret.secret });
    }, `Secret of ${e.url} rotated.`);
  };
  const onDelete = () => {
    if (!window.confirm(`Delete the endpoint ${e.url}? Nothing more is delivered to it.`)) return;
    void run(() => remove({ variables: { id: e.id } }), `${e.url} deleted.`);
  };

  return (
    <>
      <tr data-testid="webhook-endpoint-row">
        <th scope="row" data-label="Endpoint">
          <code>{e.url}</code>
          {e.description && <div className="panel__meta">{e.description}</div>}
        </th>
        <td data-label="Events">{e.eventTypes.join(', ')}</td>
        <td data-label="Sees as">{humanize(e.role)}</td>
        <td data-label="Status">
          <span className="badge" data-testid="webhook-endpoint-status">
            {statusOf(e)}
          </span>
          {e.previousSecretExpiresAt && (
            <div className="panel__meta">Old secret signs until {formatDateTime(e.previousSecretExpiresAt)}</div>
          )}
        </td>
        <td data-label="Actions">
          <FormProblem problem={problem} />
          <div className="form-actions">
            <button
              type="button"
              className="button button--small"
              onClick={() => void run(() => test({ variables: { id: e.id } }), `Test event sent to ${e.url}.`)}
            >
              Send test event
            </button>
            {e.enabled ? (
              <button
                type="button"
                className="button button--small"
                onClick={() => void run(() => disable({ variables: { id: e.id } }), `${e.url} disabled.`)}
              >
                Disable
              </button>
            ) : (
              <button
                type="button"
                className="button button--small"
                onClick={() => void run(() => enable({ variables: { id: e.id } }), `${e.url} enabled.`)}
              >
                Enable
              </button>
            )}
            <button type="button" className="button button--small button--danger" onClick={onDelete}>
              Delete
            </button>
            <button
              type="button"
              className="button button--small"
              onClick={() => setShowLog((v) => !v)}
              aria-expanded={showLog}
            >
              Delivery log
            </button>
          </div>
          <details>
            <summary>Edit events</summary>
            <form onSubmit={onEvents} noValidate>
              <EventChoices types={props.types} chosen={e.eventTypes} />
              {fieldMessage(problem, 'input.eventTypes') && (
                <p className="field__error">{fieldMessage(problem, 'input.eventTypes')}</p>
              )}
              <button type="submit" className="button button--small">
                Save events
              </button>
            </form>
          </details>
          <details>
            <summary>Rotate secret</summary>
            <form onSubmit={onRotate} noValidate className="form-grid">
              <Field
                label="Overlap (minutes)"
                hint="The old secret keeps signing this long beside the new one"
                error={fieldMessage(problem, 'input.overlapMinutes')}
              >
                {(p) => (
                  <input
                    {...p}
                    name="overlapMinutes"
                    type="number"
                    min={1}
                    max={10080}
                    defaultValue={1440}
                    className="input"
                  />
                )}
              </Field>
              <button type="submit" className="button button--small">
                Rotate
              </button>
            </form>
          </details>
        </td>
      </tr>
      {showLog && (
        <tr>
          <td colSpan={5} data-label="Delivery log">
            <DeliveryLog endpointId={e.id} onStatus={props.onStatus} />
          </td>
        </tr>
      )}
    </>
  );
}

/**
 * Integrators' outbound webhooks: subscribe an HTTPS endpoint to events (its signing secret is shown
 * once, here), send it a test event, change its events, rotate its secret with an overlap, disable or
 * delete it, and read its delivery log with every attempt; replay a delivery.
 */
export function WebhooksPage() {
  useDocumentTitle('Webhooks');
  const list = useQuery(WebhookEndpointsDocument, { variables: { first: 100 }, fetchPolicy: 'cache-and-network' });
  const [create, creating] = useMutation(CreateWebhookEndpointDocument);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const [status, setStatus] = useState('');

  const onCreate = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setProblem(null);
    try {
      const res = await create({
        variables: {
          input: {
            url: String(data.get('url') ?? ''),
            eventTypes: data.getAll('eventTypes').map(String),
            description: String(data.get('description') ?? '') || null,
            role: String(data.get('role')) as Rank,
          },
        },
      });
      const created = res.data?.createWebhookEndpoint;
      if (created) {
        setSecret({ url: created.endpoint.url, secret: created.secret });
        form.reset();
        await list.refetch();
      }
    } catch (err) {
      setProblem(describeError(err));
      focusFirstInvalid(form);
    }
  };

  const types = list.data?.webhookEventTypes ?? [];
  const endpoints = list.data?.webhookEndpoints;
  return (
    <section aria-labelledby="webhooks-title" data-testid="webhooks-page">
      <header className="page-header">
        <h1 id="webhooks-title">Webhooks</h1>
        <p className="page-header__meta">
          Nexus posts signed events (Standard Webhooks) to integrators' HTTPS endpoints, retrying for about a day.
        </p>
      </header>

      {secret && (
        <div className="notice notice--success" role="status" data-testid="webhook-secret">
          <p className="notice__title">Copy the signing secret for {secret.url} now: it will not be shown again.</p>
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

      <form className="panel form-grid" onSubmit={(e) => void onCreate(e)} noValidate data-testid="webhook-form">
        <h2 className="panel__title">New endpoint</h2>
        <FormProblem problem={problem} />
        <Field
          label="URL"
          required
          error={fieldMessage(problem, 'input.url')}
          hint="https://, reachable from the internet"
        >
          {(p) => <input {...p} name="url" type="url" className="input" required maxLength={2000} />}
        </Field>
        <Field label="Description" error={fieldMessage(problem, 'input.description')}>
          {(p) => <input {...p} name="description" className="input" maxLength={500} />}
        </Field>
        <Field
          label="Sees as"
          error={fieldMessage(problem, 'input.role')}
          hint="Payloads leave out fields above this role"
        >
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
        {types.length > 0 && <EventChoices types={types} chosen={[]} />}
        {fieldMessage(problem, 'input.eventTypes') && (
          <p className="field__error">{fieldMessage(problem, 'input.eventTypes')}</p>
        )}
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={creating.loading}>
            Add endpoint
          </button>
        </div>
      </form>

      <p className="visually-hidden" role="status">
        {status}
      </p>
      {list.error && !endpoints && <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />}
      {!endpoints && !list.error && <Loading />}
      {endpoints && (
        <div className="table-frame">
          <table className="data-table data-table--cards" data-testid="webhook-endpoints-table">
            <caption className="visually-hidden">Webhook endpoints, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Endpoint</th>
                <th scope="col">Events</th>
                <th scope="col">Sees as</th>
                <th scope="col">Status</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {endpoints.nodes.length === 0 && (
                <tr>
                  <td colSpan={5}>No endpoints yet.</td>
                </tr>
              )}
              {endpoints.nodes.map((e) => (
                <EndpointRow
                  key={e.id}
                  endpoint={e}
                  types={types}
                  onSecret={setSecret}
                  onStatus={setStatus}
                  onChanged={() => list.refetch()}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
