/** Client (U-07), supplier (T-08) and group trip (G-02) pages, and the client form. */
import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { ClientStatus, ClientType } from '../../__generated__/graphql.ts';
import { describeError, fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { formatCalendarDate, formatCents, formatDateTime, formatDay, humanize, personName } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Facts } from '../../ui/Facts.tsx';
import { Field } from '../../ui/Field.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { RecordMissing } from '../../ui/RecordMissing.tsx';
import { Splash } from '../../ui/Splash.tsx';
import { BookingsTable } from './BookingsTable.tsx';
import {
  CommissionRuleForm,
  ContractForm,
  MemberActions,
  MilestoneActions,
  MilestoneForm,
  RemoveContractButton,
  RemoveRuleButton,
} from './ChildEditors.tsx';
import { RoomingPanel } from './RoomingPanel.tsx';
import { TravelerPortalPanel } from '../identity/TravelerPortalPanel.tsx';
import {
  CreateTravelClientDocument,
  TravelClientDocument,
  TravelClientFieldsDocument,
  TravelGroupDetailDocument,
  TravelVendorDocument,
  UpdateTravelClientDocument,
} from './graphql/__generated__/travelDetails.ts';
import { statusBadge } from './travelLabels.ts';

/** Breadcrumbs, then the outage notice, the splash or the missing-record page until there is a record. */
function Frame(props: {
  listPath: string;
  listLabel: string;
  kind: string;
  loaded: boolean;
  error: unknown;
  found: boolean;
  retry: () => void;
  children: () => ReactNode;
}) {
  const crumbs = (
    <nav className="breadcrumbs" aria-label="Breadcrumbs">
      <Link to={props.listPath}>{props.listLabel}</Link>
    </nav>
  );
  if (!props.loaded && props.error)
    return (
      <>
        {crumbs}
        <ErrorNotice error={props.error} onRetry={props.retry} testId="travel-notice" />
      </>
    );
  if (!props.loaded) return <Splash />;
  if (!props.found) return <RecordMissing kind={props.kind} listPath={props.listPath} listLabel={props.listLabel} />;
  return (
    <>
      {crumbs}
      {props.children()}
    </>
  );
}

export function ClientDetailPage() {
  const { id = '' } = useParams();
  const { data, error, refetch } = useQuery(TravelClientDocument, {
    variables: { id },
    fetchPolicy: 'cache-and-network',
  });
  const client = data?.client;
  useDocumentTitle(client?.displayName ?? 'Client');
  return (
    <Frame
      listPath="/travel/clients"
      listLabel="Clients"
      kind="client"
      loaded={data != null}
      error={error}
      found={client != null}
      retry={() => void refetch()}
    >
      {() =>
        client && (
          <article aria-labelledby="client-title" data-testid="client-detail">
            <header className="page-header">
              <div>
                <h1 id="client-title">{client.displayName}</h1>
                <p className="page-header__meta">
                  <span className={statusBadge(client.status)}>{humanize(client.status)}</span>{' '}
                  {humanize(client.clientType)}
                </p>
              </div>
              <Link className="button" to={`/travel/clients/${client.id}/edit`}>
                Edit
              </Link>
            </header>
            <div className="record-grid">
              <section className="panel" aria-labelledby="client-facts-title">
                <h2 id="client-facts-title" className="panel__title">
                  Details
                </h2>
                <Facts
                  facts={[
                    { label: 'Email', value: client.email },
                    { label: 'Phone', value: client.phone },
                    {
                      label: 'CRM contact',
                      value: client.contact && (
                        <Link to={`/crm/contacts/${client.contact.id}`}>{personName(client.contact)}</Link>
                      ),
                    },
                    { label: 'Travel style', value: client.travelStyle },
                    { label: 'Churn risk', value: `${client.churnRiskScore} / 100` },
                    { label: 'Prefers', value: client.preferredChannel && humanize(client.preferredChannel) },
                    { label: 'Client since', value: formatDay(client.createdAt) },
                  ]}
                />
                {client.notes && <p className="task-description">{client.notes}</p>}
              </section>
              <section className="panel" aria-labelledby="client-travelers-title">
                <h2 id="client-travelers-title" className="panel__title">
                  Travelers <span className="panel__count">{client.travelers?.totalCount ?? 0}</span>
                </h2>
                {(client.travelers?.nodes ?? []).length === 0 ? (
                  <p className="empty">No travelers on this account yet.</p>
                ) : (
                  <ul className="plain-list">
                    {(client.travelers?.nodes ?? []).map((t) => (
                      <li key={t.id}>
                        <Link to={`/travel/travelers/${t.id}`}>{personName(t)}</Link>
                        <span className="cell-muted"> · {humanize(t.status)}</span>
                        {t.passportExpiryDate && (
                          <span className="cell-muted"> · passport to {formatCalendarDate(t.passportExpiryDate)}</span>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </section>
              <section className="panel" aria-labelledby="client-trips-title">
                <h2 id="client-trips-title" className="panel__title">
                  Trips <span className="panel__count">{client.trips?.totalCount ?? 0}</span>
                </h2>
                {(client.trips?.nodes ?? []).length === 0 ? (
                  <p className="empty">No trips yet.</p>
                ) : (
                  <ul className="plain-list">
                    {(client.trips?.nodes ?? []).map((t) => (
                      <li key={t.id}>
                        <Link to={`/travel/trips/${t.id}`}>{t.name}</Link>{' '}
                        <span className={statusBadge(t.status)}>{humanize(t.status)}</span>
                        {t.startDate && <span className="cell-muted"> · {formatCalendarDate(t.startDate)}</span>}
                        <span className="cell-muted"> · {formatCents(t.totalCostCents)}</span>
                      </li>
                    ))}
                  </ul>
                )}
                {(client.trips?.totalCount ?? 0) > (client.trips?.nodes ?? []).length && (
                  <Link to={`/travel/trips?client=${client.id}`}>All {client.trips?.totalCount} trips</Link>
                )}
              </section>
              <TravelerPortalPanel clientId={client.id} />
            </div>
            <section aria-labelledby="client-bookings-title">
              <h2 id="client-bookings-title">
                Bookings <span className="panel__count">{client.bookings?.totalCount ?? 0}</span>
              </h2>
              <BookingsTable bookings={client.bookings?.nodes ?? []} hideClient emptyMessage="No bookings yet." />
              {(client.bookings?.totalCount ?? 0) > 0 && (
                <Link to={`/travel/bookings?client=${client.id}`}>All {client.bookings?.totalCount} bookings, page by page</Link>
              )}
            </section>
          </article>
        )
      }
    </Frame>
  );
}

const CLIENT_TYPES: readonly ClientType[] = ['INDIVIDUAL', 'FAMILY', 'CORPORATE', 'GROUP'];
const CLIENT_STATUSES: readonly ClientStatus[] = ['PROSPECT', 'ACTIVE', 'VIP', 'INACTIVE', 'CHURNED'];
type ClientFields = {
  displayName: string;
  email: string;
  phone: string;
  clientType: ClientType;
  status: ClientStatus;
  travelStyle: string;
  notes: string;
};
const BLANK: ClientFields = {
  displayName: '',
  email: '',
  phone: '',
  clientType: 'INDIVIDUAL',
  status: 'PROSPECT',
  travelStyle: '',
  notes: '',
};

/** New client (`/travel/clients/new`) or edit (`/travel/clients/:id/edit`); the server checks every field. */
export function ClientFormPage() {
  const { id } = useParams();
  const existing = useQuery(TravelClientFieldsDocument, {
    variables: { id: id ?? '' },
    skip: !id,
    fetchPolicy: 'network-only',
  });
  useDocumentTitle(id ? 'Edit client' : 'New client');
  if (!id) return <ClientForm initial={BLANK} />;
  if (!existing.data && existing.error)
    return <ErrorNotice error={existing.error} onRetry={() => void existing.refetch()} testId="travel-notice" />;
  if (!existing.data) return <Splash />;
  const c = existing.data.client;
  if (!c) return <RecordMissing kind="client" listPath="/travel/clients" listLabel="Clients" />;
  return (
    <ClientForm
      id={id}
      initial={{
        displayName: c.displayName,
        email: c.email,
        phone: c.phone ?? '',
        clientType: c.clientType,
        status: c.status,
        travelStyle: c.travelStyle ?? '',
        notes: c.notes ?? '',
      }}
    />
  );
}

function ClientForm({ id, initial }: { id?: string; initial: ClientFields }) {
  const navigate = useNavigate();
  const [fields, setFields] = useState<ClientFields>(initial);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [create, created] = useMutation(CreateTravelClientDocument);
  const [update, updated] = useMutation(UpdateTravelClientDocument);

  const set = (key: keyof ClientFields) => (e: { target: { value: string } }) =>
    setFields((f) => ({ ...f, [key]: e.target.value }));
  const input = {
    displayName: fields.displayName,
    email: fields.email,
    phone: fields.phone || null,
    clientType: fields.clientType,
    status: fields.status,
    travelStyle: fields.travelStyle || null,
    notes: fields.notes || null,
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    try {
      if (id) {
        await update({ variables: { input: { id, ...input } } });
        void navigate(`/travel/clients/${id}`);
      } else {
        const res = await create({ variables: { input } });
        if (res.data) void navigate(`/travel/clients/${res.data.createClient.id}`);
      }
    } catch (e) {
      setProblem(describeError(e));
    }
  };
  const busy = created.loading || updated.loading;
  return (
    <section aria-labelledby="client-form-title">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to="/travel/clients">Clients</Link>
      </nav>
      <h1 id="client-form-title">{id ? 'Edit client' : 'New client'}</h1>
      <FormProblem problem={problem} />
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <Field label="Name" required error={fieldMessage(problem, 'displayName')}>
          {(p) => <input {...p} className="input" value={fields.displayName} onChange={set('displayName')} />}
        </Field>
        <Field label="Email" required error={fieldMessage(problem, 'email')}>
          {(p) => <input {...p} className="input" type="email" value={fields.email} onChange={set('email')} />}
        </Field>
        <Field label="Phone" error={fieldMessage(problem, 'phone')}>
          {(p) => <input {...p} className="input" value={fields.phone} onChange={set('phone')} />}
        </Field>
        <Field label="Type">
          {(p) => (
            <select
              {...p}
              className="select"
              value={fields.clientType}
              onChange={(e) =>
                setFields((f) => ({ ...f, clientType: CLIENT_TYPES.find((t) => t === e.target.value) ?? f.clientType }))
              }
            >
              {CLIENT_TYPES.map((t) => (
                <option key={t} value={t}>
                  {humanize(t)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Status">
          {(p) => (
            <select
              {...p}
              className="select"
              value={fields.status}
              onChange={(e) =>
                setFields((f) => ({ ...f, status: CLIENT_STATUSES.find((s) => s === e.target.value) ?? f.status }))
              }
            >
              {CLIENT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {humanize(s)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Travel style" hint="e.g. luxury, adventure" error={fieldMessage(problem, 'travelStyle')}>
          {(p) => <input {...p} className="input" value={fields.travelStyle} onChange={set('travelStyle')} />}
        </Field>
        <Field label="Notes" error={fieldMessage(problem, 'notes')}>
          {(p) => <textarea {...p} className="input" value={fields.notes} onChange={set('notes')} />}
        </Field>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {id ? 'Save client' : 'Create client'}
          </button>
          <Link className="button" to={id ? `/travel/clients/${id}` : '/travel/clients'}>
            Cancel
          </Link>
        </div>
      </form>
    </section>
  );
}

export function SupplierDetailPage() {
  const { id = '' } = useParams();
  const { data, error, refetch } = useQuery(TravelVendorDocument, {
    variables: { id },
    fetchPolicy: 'cache-and-network',
  });
  const vendor = data?.vendor;
  // Vendor rates drive commissions: managers change them (the gateway agrees).
  const canEdit = useHasRank('MANAGER');
  useDocumentTitle(vendor?.name ?? 'Supplier');
  return (
    <Frame
      listPath="/travel/suppliers"
      listLabel="Suppliers"
      kind="supplier"
      loaded={data != null}
      error={error}
      found={vendor != null}
      retry={() => void refetch()}
    >
      {() =>
        vendor && (
          <article aria-labelledby="supplier-title" data-testid="supplier-detail">
            <header className="page-header">
              <div>
                <h1 id="supplier-title">{vendor.name}</h1>
                <p className="page-header__meta">
                  {humanize(vendor.vendorType)} · {humanize(vendor.tier)} {vendor.isActive ? '' : '· inactive'}
                </p>
              </div>
            </header>
            <section aria-labelledby="rules-title">
              <h2 id="rules-title">
                Commission rules <span className="panel__count">{vendor.commissionRules?.totalCount ?? 0}</span>
              </h2>
              <div className="table-frame">
                <table className="data-table" data-testid="commission-rules">
                  <thead>
                    <tr>
                      <th scope="col">Trip type</th>
                      <th scope="col" className="numeric">
                        Commission
                      </th>
                      <th scope="col" className="numeric">
                        Bonus
                      </th>
                      <th scope="col">In force</th>
                      {canEdit && <th scope="col">Actions</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {(vendor.commissionRules?.nodes ?? []).map((r) => (
                      <tr key={r.id}>
                        <th scope="row">{r.tripType ? humanize(r.tripType) : 'Any trip'}</th>
                        <td className="numeric">{r.commissionPct}%</td>
                        <td className="numeric">{r.bonusPct}%</td>
                        <td>
                          {formatCalendarDate(r.effectiveFrom)}
                          {r.effectiveTo ? ` – ${formatCalendarDate(r.effectiveTo)}` : ' onwards'}
                        </td>
                        {canEdit && (
                          <td>
                            <RemoveRuleButton
                              vendorId={vendor.id}
                              ruleId={r.id}
                              label={`${r.tripType ? humanize(r.tripType) : 'any trip'} rule from ${r.effectiveFrom}`}
                            />
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {canEdit && <CommissionRuleForm vendorId={vendor.id} />}
            </section>
            <section aria-labelledby="contracts-title">
              <h2 id="contracts-title">
                Contracts <span className="panel__count">{vendor.contracts?.totalCount ?? 0}</span>
              </h2>
              <div className="table-frame">
                <table className="data-table" data-testid="vendor-contracts">
                  <thead>
                    <tr>
                      <th scope="col">Contract</th>
                      <th scope="col">Type</th>
                      <th scope="col" className="numeric">
                        Commission
                      </th>
                      <th scope="col" className="numeric">
                        Cabins held
                      </th>
                      <th scope="col">Release</th>
                      <th scope="col">Trip</th>
                      {canEdit && <th scope="col">Actions</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {(vendor.contracts?.nodes ?? []).map((k) => (
                      <tr key={k.id}>
                        <th scope="row">{k.name}</th>
                        <td>{humanize(k.contractType)}</td>
                        <td className="numeric">{k.commissionPct}%</td>
                        <td className="numeric">{k.cabinsHeld ?? '—'}</td>
                        <td>{k.releaseDate ? formatCalendarDate(k.releaseDate) : '—'}</td>
                        <td>{k.tripOffering?.name ?? '—'}</td>
                        {canEdit && (
                          <td>
                            <RemoveContractButton vendorId={vendor.id} contractId={k.id} label={k.name} />
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {canEdit && <ContractForm vendorId={vendor.id} />}
            </section>
          </article>
        )
      }
    </Frame>
  );
}

export function GroupDetailPage() {
  const { id = '' } = useParams();
  const { data, error, refetch } = useQuery(TravelGroupDetailDocument, {
    variables: { id },
    fetchPolicy: 'cache-and-network',
  });
  const group = data?.travelGroup;
  const canEdit = useHasRank('ADVISOR');
  useDocumentTitle(group?.name ?? 'Group trip');
  return (
    <Frame
      listPath="/travel/groups"
      listLabel="Groups"
      kind="group trip"
      loaded={data != null}
      error={error}
      found={group != null}
      retry={() => void refetch()}
    >
      {() => {
        if (!group) return null;
        const members = group.members?.nodes ?? [];
        const paid = members.filter((m) => m.depositPaid).length;
        return (
          <article aria-labelledby="group-title" data-testid="group-detail">
            <header className="page-header">
              <div>
                <h1 id="group-title">{group.name}</h1>
                <p className="page-header__meta">
                  <span className={statusBadge(group.status)}>{humanize(group.status)}</span> {group.destination} ·
                  departs {formatCalendarDate(group.departureDate)}
                </p>
              </div>
            </header>
            <div className="record-grid">
              <section className="panel" aria-labelledby="group-facts-title">
                <h2 id="group-facts-title" className="panel__title">
                  Capacity and deposits
                </h2>
                <Facts
                  facts={[
                    {
                      label: 'Members',
                      value: `${group.memberCount} of ${group.maxGuests} (minimum ${group.minGuests})`,
                    },
                    { label: 'Places left', value: String(Math.max(0, group.maxGuests - group.memberCount)) },
                    { label: 'Deposits paid', value: `${paid} of ${members.length}` },
                    { label: 'Price per person', value: formatCents(group.pricePerPersonCents) },
                    { label: 'Deposit per person', value: formatCents(group.depositPerPersonCents) },
                    { label: 'Returns', value: group.returnDate && formatCalendarDate(group.returnDate) },
                  ]}
                />
              </section>
              <section className="panel" aria-labelledby="group-milestones-title">
                <h2 id="group-milestones-title" className="panel__title">
                  Milestones <span className="panel__count">{group.milestones?.totalCount ?? 0}</span>
                </h2>
                <ul className="plain-list">
                  {(group.milestones?.nodes ?? []).map((m) => (
                    <li key={m.id}>
                      {m.title} <span className="cell-muted">· due {formatCalendarDate(m.dueDate)}</span>
                      {m.completedAt ? (
                        <span className="badge badge--gold">Done {formatDay(m.completedAt)}</span>
                      ) : null}
                      {canEdit && <MilestoneActions groupId={group.id} milestone={m} />}
                    </li>
                  ))}
                </ul>
                {canEdit && <MilestoneForm groupId={group.id} />}
              </section>
            </div>
            <section aria-labelledby="group-members-title">
              <h2 id="group-members-title">
                Members <span className="panel__count">{group.members?.totalCount ?? 0}</span>
              </h2>
              <div className="table-frame">
                <table className="data-table" data-testid="group-members">
                  <thead>
                    <tr>
                      <th scope="col">Member</th>
                      <th scope="col">Role</th>
                      <th scope="col">Deposit</th>
                      <th scope="col">Joined</th>
                      {canEdit && <th scope="col">Actions</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {members.map((m) => (
                      <tr key={m.id}>
                        <th scope="row">
                          <code>{m.ttContactId.slice(0, 8)}</code>
                        </th>
                        <td>{humanize(m.role)}</td>
                        <td>
                          {m.depositPaid
                            ? `Paid${m.depositPaidAt ? ` ${formatDateTime(m.depositPaidAt)}` : ''}`
                            : 'Due'}
                        </td>
                        <td>{formatDay(m.joinedAt)}</td>
                        {canEdit && (
                          <td>
                            <MemberActions groupId={group.id} member={m} />
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
            {canEdit && <RoomingPanel groupId={group.id} />}
          </article>
        );
      }}
    </Frame>
  );
}
