import { useLazyQuery, useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { describeError, fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Field } from '../../ui/Field.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { Loading } from '../../ui/Splash.tsx';
import {
  SalesCreateRoutingFormDocument,
  SalesRouteVisitorDocument,
  SalesRoutingFormsDocument,
  SalesUpdateRoutingFormDocument,
} from './graphql/__generated__/sales.ts';

type RoutingField = 'DESTINATION' | 'TRIP_TYPE';
interface RuleRow {
  field: RoutingField;
  values: string;
  hostId: string;
}
interface FormState {
  id: string | null;
  slug: string;
  name: string;
  intro: string;
  meetingTypeId: string;
  destinations: string;
  tripTypes: string;
  rules: RuleRow[];
  routeKnownClients: boolean;
  fallbackHostId: string;
  active: boolean;
}
const EMPTY: FormState = {
  id: null,
  slug: '',
  name: '',
  intro: '',
  meetingTypeId: '',
  destinations: '',
  tripTypes: '',
  rules: [],
  routeKnownClients: true,
  fallbackHostId: '',
  active: true,
};
const REASONS: Record<string, string> = {
  OWN_ADVISOR: 'their own advisor (a known client)',
  DESTINATION: 'the specialist for the destination',
  TRIP_TYPE: 'the specialist for the trip type',
  FALLBACK: 'the fallback',
};

const lines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
const list = (s: string) =>
  s
    .split(',')
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * Routing forms: a public page asks a visitor where and how they travel and sends them to the right
 * member's booking page. Managers set the questions and rules; agents can try where a client would go.
 */
export function RoutingFormsPage() {
  useDocumentTitle('Routing forms');
  const canManage = useHasRank('MANAGER');
  const canTry = useHasRank('AGENT');
  const { data, error, refetch } = useQuery(SalesRoutingFormsDocument, { fetchPolicy: 'cache-and-network' });
  const [create, creating] = useMutation(SalesCreateRoutingFormDocument);
  const [update, updating] = useMutation(SalesUpdateRoutingFormDocument);
  const [form, setForm] = useState<FormState>(EMPTY);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [trying, setTrying] = useState<string | null>(null);
  if (error) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  if (!data) return <Loading />;
  const members = data.availabilities;
  const nameOf = (id: string | null | undefined) =>
    id ? (members.find((m) => m.userId === id)?.displayName ?? 'a former member') : '';
  const types = (data.meetingTypes?.nodes ?? []).filter((t) => t.kind !== 'COLLECTIVE');
  const hostsOfType = types.find((t) => t.id === form.meetingTypeId)?.hostIds ?? [];
  const hostChoices = members.filter((m) => hostsOfType.includes(m.userId));
  const set = (patch: Partial<FormState>) => setForm({ ...form, ...patch });
  const setRule = (i: number, patch: Partial<RuleRow>) =>
    set({ rules: form.rules.map((r, j) => (j === i ? { ...r, ...patch } : r)) });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const fields = {
      slug: form.slug,
      name: form.name,
      intro: form.intro || null,
      meetingTypeId: form.meetingTypeId,
      destinations: lines(form.destinations),
      tripTypes: lines(form.tripTypes),
      rules: form.rules.map((r) => ({ field: r.field, values: list(r.values), hostId: r.hostId })),
      routeKnownClients: form.routeKnownClients,
      fallbackHostId: form.fallbackHostId || null,
      active: form.active,
    };
    try {
      if (form.id) await update({ variables: { input: { id: form.id, ...fields } } });
      else await create({ variables: { input: fields } });
      setForm(EMPTY);
      await refetch();
    } catch (err) {
      setProblem(describeError(err));
    }
  };
  const firstError = (prefix: string) => (problem?.fields ?? []).find((f) => f.path.startsWith(prefix))?.message;
  const forms = data.routingForms?.nodes ?? [];

  return (
    <section aria-labelledby="routing-title">
      <header className="page-header">
        <h1 id="routing-title">Routing forms</h1>
        <p className="page-header__meta">{data.routingForms ? `${data.routingForms.totalCount} forms` : ''}</p>
      </header>
      <div className="table-frame">
        <table className="data-table" data-testid="routing-forms">
          <thead>
            <tr>
              <th scope="col">Form</th>
              <th scope="col">Books</th>
              <th scope="col">Rules</th>
              <th scope="col">Address</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {forms.map((f) => (
              <tr key={f.id}>
                <td>
                  {f.name}
                  {f.active ? '' : ' · off'}
                </td>
                <td>{f.meetingType.name}</td>
                <td>
                  <ol>
                    {f.routeKnownClients && <li>Known clients → their own advisor</li>}
                    {f.rules.map((r, i) => (
                      <li key={i}>
                        {r.field === 'DESTINATION' ? 'Destination' : 'Trip type'} {r.values.join(' or ')} →{' '}
                        {nameOf(r.hostId)}
                      </li>
                    ))}
                    <li>Otherwise → {f.fallbackHostId ? nameOf(f.fallbackHostId) : 'anyone free'}</li>
                  </ol>
                </td>
                <td>
                  <a href={f.url}>{f.url}</a>
                </td>
                <td>
                  {canManage && (
                    <button
                      type="button"
                      className="button"
                      onClick={() =>
                        setForm({
                          id: f.id,
                          slug: f.slug,
                          name: f.name,
                          intro: f.intro ?? '',
                          meetingTypeId: f.meetingType.id,
                          destinations: f.destinations.join('\n'),
                          tripTypes: f.tripTypes.join('\n'),
                          rules: f.rules.map((r) => ({
                            field: r.field,
                            values: r.values.join(', '),
                            hostId: r.hostId,
                          })),
                          routeKnownClients: f.routeKnownClients,
                          fallbackHostId: f.fallbackHostId ?? '',
                          active: f.active,
                        })
                      }
                    >
                      Edit {f.name}
                    </button>
                  )}{' '}
                  {canTry && (
                    <button type="button" className="button" onClick={() => setTrying(f.id)}>
                      Try {f.name}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {trying && (
        <TryRouting
          key={trying}
          form={forms.find((f) => f.id === trying) ?? null}
          nameOf={nameOf}
          onClose={() => setTrying(null)}
        />
      )}
      {canManage && (
        <form onSubmit={(e) => void submit(e)} className="form-grid" aria-label="Routing form">
          <h2>{form.id ? `Edit ${form.name}` : 'New routing form'}</h2>
          <FormProblem problem={problem} />
          <Field label="Name" required error={fieldMessage(problem, 'input.name')}>
            {(p) => (
              <input {...p} className="input" value={form.name} onChange={(e) => set({ name: e.target.value })} />
            )}
          </Field>
          <Field label="Address (/meet/route/…)" required error={fieldMessage(problem, 'input.slug')}>
            {(p) => (
              <input {...p} className="input" value={form.slug} onChange={(e) => set({ slug: e.target.value })} />
            )}
          </Field>
          <Field
            label="Books"
            required
            hint="A one-person or round-robin booking page; its members are who visitors can be sent to."
            error={fieldMessage(problem, 'input.meetingTypeId')}
          >
            {(p) => (
              <select
                {...p}
                className="select"
                value={form.meetingTypeId}
                onChange={(e) => set({ meetingTypeId: e.target.value })}
              >
                <option value="">Pick a booking page</option>
                {types.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Introduction" className="field--wide" error={fieldMessage(problem, 'input.intro')}>
            {(p) => (
              <textarea
                {...p}
                className="textarea"
                rows={2}
                value={form.intro}
                onChange={(e) => set({ intro: e.target.value })}
              />
            )}
          </Field>
          <Field label="Destinations (one a line)" error={firstError('input.destinations')}>
            {(p) => (
              <textarea
                {...p}
                className="textarea"
                rows={4}
                value={form.destinations}
                onChange={(e) => set({ destinations: e.target.value })}
              />
            )}
          </Field>
          <Field label="Trip types (one a line)" error={firstError('input.tripTypes')}>
            {(p) => (
              <textarea
                {...p}
                className="textarea"
                rows={4}
                value={form.tripTypes}
                onChange={(e) => set({ tripTypes: e.target.value })}
              />
            )}
          </Field>
          <fieldset className="field--wide">
            <legend>Rules, tried in order</legend>
            {form.rules.map((r, i) => (
              <div key={i} className="form-grid" role="group" aria-label={`Rule ${i + 1}`}>
                <Field label={`Rule ${i + 1} looks at`}>
                  {(p) => (
                    <select
                      {...p}
                      className="select"
                      value={r.field}
                      onChange={(e) => setRule(i, { field: e.target.value as RoutingField })}
                    >
                      <option value="DESTINATION">Destination</option>
                      <option value="TRIP_TYPE">Trip type</option>
                    </select>
                  )}
                </Field>
                <Field label={`Rule ${i + 1} answers (comma separated)`} error={firstError(`input.rules.${i}.values`)}>
                  {(p) => (
                    <input
                      {...p}
                      className="input"
                      value={r.values}
                      onChange={(e) => setRule(i, { values: e.target.value })}
                    />
                  )}
                </Field>
                <Field label={`Rule ${i + 1} sends to`} error={fieldMessage(problem, `input.rules.${i}.hostId`)}>
                  {(p) => (
                    <select
                      {...p}
                      className="select"
                      value={r.hostId}
                      onChange={(e) => setRule(i, { hostId: e.target.value })}
                    >
                      <option value="">Pick a member</option>
                      {hostChoices.map((m) => (
                        <option key={m.userId} value={m.userId}>
                          {m.displayName}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <div className="form-actions">
                  <button
                    type="button"
                    className="button"
                    onClick={() => set({ rules: form.rules.filter((_, j) => j !== i) })}
                  >
                    Remove rule {i + 1}
                  </button>
                </div>
              </div>
            ))}
            <button
              type="button"
              className="button"
              onClick={() => set({ rules: [...form.rules, { field: 'DESTINATION', values: '', hostId: '' }] })}
            >
              Add a rule
            </button>
          </fieldset>
          <label>
            <input
              type="checkbox"
              checked={form.routeKnownClients}
              onChange={(e) => set({ routeKnownClients: e.target.checked })}
            />{' '}
            Send known clients to their own advisor first
          </label>
          <Field label="When nothing matches, send to" error={fieldMessage(problem, 'input.fallbackHostId')}>
            {(p) => (
              <select
                {...p}
                className="select"
                value={form.fallbackHostId}
                onChange={(e) => set({ fallbackHostId: e.target.value })}
              >
                <option value="">Anyone free on the booking page</option>
                {hostChoices.map((m) => (
                  <option key={m.userId} value={m.userId}>
                    {m.displayName}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <label>
            <input type="checkbox" checked={form.active} onChange={(e) => set({ active: e.target.checked })} /> Open to
            visitors
          </label>
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={creating.loading || updating.loading}>
              {form.id ? 'Save routing form' : 'Create routing form'}
            </button>
            {form.id && (
              <button type="button" className="button" onClick={() => setForm(EMPTY)}>
                Cancel
              </button>
            )}
          </div>
        </form>
      )}
    </section>
  );
}

/** Where a client with these answers would be sent, as the public form would send them. */
function TryRouting({
  form,
  nameOf,
  onClose,
}: {
  form: { id: string; name: string; destinations: string[]; tripTypes: string[] } | null;
  nameOf: (id: string | null | undefined) => string;
  onClose: () => void;
}) {
  const [answers, setAnswers] = useState({ destination: '', tripType: '', email: '' });
  const [route, result] = useLazyQuery(SalesRouteVisitorDocument, { fetchPolicy: 'network-only' });
  if (!form) return null;
  const outcome = result.data?.routingForm?.route;
  const problem = result.error ? describeError(result.error) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void route({
      variables: {
        id: form.id,
        destination: answers.destination || null,
        tripType: answers.tripType || null,
        email: answers.email || null,
      },
    }).catch(() => undefined);
  };
  return (
    <form onSubmit={submit} className="form-grid" aria-label={`Try ${form.name}`}>
      <h2>Try {form.name}</h2>
      <FormProblem problem={problem} />
      <Field label="Destination">
        {(p) => (
          <select
            {...p}
            className="select"
            value={answers.destination}
            onChange={(e) => setAnswers({ ...answers, destination: e.target.value })}
          >
            <option value="">Not sure yet</option>
            {form.destinations.map((d) => (
              <option key={d}>{d}</option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Trip type">
        {(p) => (
          <select
            {...p}
            className="select"
            value={answers.tripType}
            onChange={(e) => setAnswers({ ...answers, tripType: e.target.value })}
          >
            <option value="">Not sure yet</option>
            {form.tripTypes.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Client email" error={fieldMessage(problem, 'email')}>
        {(p) => (
          <input
            {...p}
            className="input"
            type="email"
            value={answers.email}
            onChange={(e) => setAnswers({ ...answers, email: e.target.value })}
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button--primary">
          Where would they go?
        </button>
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
      {outcome && (
        <p role="status" data-testid="routing-outcome">
          To {outcome.hostId ? nameOf(outcome.hostId) : 'anyone free'}, as {REASONS[outcome.reason]}:{' '}
          <a href={outcome.bookingUrl}>{outcome.bookingUrl}</a>
        </p>
      )}
    </form>
  );
}
