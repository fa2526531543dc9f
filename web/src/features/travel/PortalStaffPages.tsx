/**
 * The staff side of the client portal: passport details travellers sent (advisors check and
 * apply them to the traveler's passport, or decline with a reason), and a trip's document vault
 * (vouchers shared with the party, passport scans the travellers uploaded).
 */
import { useMutation, useQuery } from '@apollo/client/react';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import type { PendingPassportChangeFieldsFragment, PortalPassportChangeStatus } from '../../__generated__/graphql.ts';
import { formatCalendarDate, formatDateTime, humanize, personName } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import {
  ApplyPassportChangeDocument,
  PendingPassportChangesDocument,
  RejectPassportChangeDocument,
  RemoveTripDocumentDocument,
  ShareTripDocumentDocument,
  TripDocumentsDocument,
} from './graphql/__generated__/portalStaff.ts';

const STATUSES: readonly PortalPassportChangeStatus[] = ['PENDING', 'APPLIED', 'REJECTED'];

function ChangeRow({ change, onDone }: { change: PendingPassportChangeFieldsFragment; onDone: () => void }) {
  const [apply, applying] = useMutation(ApplyPassportChangeDocument);
  const [reject, rejecting] = useMutation(RejectPassportChangeDocument);
  const [note, setNote] = useState('');
  const [declining, setDeclining] = useState(false);
  const who = change.traveler ? personName(change.traveler) : 'A traveler';
  return (
    <tr data-testid="passport-change-row">
      <td data-label="Traveler">
        <Link to={`/travel/travelers/${change.travelerId}`}>{who}</Link>
      </td>
      <td data-label="New passport">
        <strong className="nowrap">{change.documentNumber}</strong> ({change.issuingCountry})
        <div className="cell-muted">
          Issued {formatCalendarDate(change.issueDate)}, expires {formatCalendarDate(change.expiryDate)}
        </div>
        {change.traveler?.passportExpiryDate && (
          <div className="cell-muted">
            On file now: expires {formatCalendarDate(change.traveler.passportExpiryDate)}
          </div>
        )}
      </td>
      <td data-label="Sent">{formatDateTime(change.submittedAt)}</td>
      <td data-label="Status">
        <span className="badge">{humanize(change.status)}</span>
        {change.note && <div className="cell-muted">{change.note}</div>}
      </td>
      <td className="nowrap">
        {change.status === 'PENDING' && !declining && (
          <>
            <button
              type="button"
              className="button button--small"
              disabled={applying.loading}
              onClick={() =>
                void apply({ variables: { id: change.id } })
                  .then(onDone)
                  .catch(() => undefined)
              }
            >
              Apply to passport
            </button>{' '}
            <button type="button" className="button button--ghost button--small" onClick={() => setDeclining(true)}>
              Decline
            </button>
          </>
        )}
        {declining && (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              void reject({ variables: { input: { id: change.id, note } } })
                .then(onDone)
                .catch(() => undefined);
            }}
          >
            <label>
              Reason (the traveller reads it)
              <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} required />
            </label>
            <button type="submit" className="button button--small" disabled={rejecting.loading}>
              Decline
            </button>
          </form>
        )}
        {applying.error && <ErrorNotice error={applying.error} />}
        {rejecting.error && <ErrorNotice error={rejecting.error} />}
      </td>
    </tr>
  );
}

/** `/travel/passport-changes`: what travellers sent from the portal, oldest first. */
export function PassportChangesPage() {
  useDocumentTitle('Passport updates');
  const [status, setStatus] = useState<PortalPassportChangeStatus>('PENDING');
  const q = useQuery(PendingPassportChangesDocument, {
    variables: { first: 100, filter: { status } },
    fetchPolicy: 'cache-and-network',
  });
  const rows = q.data?.pendingPassportChanges?.nodes ?? [];
  return (
    <article aria-labelledby="passport-changes-title" data-testid="passport-changes">
      <header className="page-header">
        <div>
          <h1 id="passport-changes-title">Passport updates</h1>
          <p className="page-intro">
            New passport details travellers sent from the portal. Nothing is on file until you apply them; applying
            updates the traveler&rsquo;s passport and their passport document.
          </p>
        </div>
      </header>
      <label className="inline-field">
        Show{' '}
        <select value={status} onChange={(e) => setStatus(e.target.value as PortalPassportChangeStatus)}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {humanize(s)}
            </option>
          ))}
        </select>
      </label>
      {q.error && <ErrorNotice error={q.error} onRetry={() => void q.refetch()} />}
      {q.data && rows.length === 0 && <p className="empty">Nothing {humanize(status).toLowerCase()}.</p>}
      {rows.length > 0 && (
        <div className="table-frame">
          <table className="data-table data-table--cards" aria-label="Passport updates">
            <thead>
              <tr>
                <th scope="col">Traveler</th>
                <th scope="col">New passport</th>
                <th scope="col">Sent</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <ChangeRow key={c.id} change={c} onDone={() => void q.refetch()} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}

const ACCEPT = 'application/pdf,image/jpeg,image/png';

const toBase64 = async (file: File) => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
};

/** A trip's vault on the trip page: share a voucher with the party, open or remove files. */
export function TripDocumentsPanel({ clientTripId }: { clientTripId: string }) {
  const q = useQuery(TripDocumentsDocument, { variables: { clientTripId }, fetchPolicy: 'cache-and-network' });
  const [share, sharing] = useMutation(ShareTripDocumentDocument);
  const [remove, removing] = useMutation(RemoveTripDocumentDocument);
  const [title, setTitle] = useState('');
  const fileRef = useRef<HTMLInputElement>(null);
  const files = q.data?.tripDocuments?.nodes ?? [];
  return (
    <section className="panel panel--wide" aria-labelledby="trip-vault-title" data-testid="trip-vault">
      <h2 id="trip-vault-title" className="panel__title">
        Documents for the travellers <span className="panel__count">{files.length}</span>
      </h2>
      {q.error && <ErrorNotice error={q.error} onRetry={() => void q.refetch()} />}
      {files.length === 0 && q.data && <p className="empty">Nothing shared yet.</p>}
      <ul className="plain-list">
        {files.map((f) => (
          <li key={f.id}>
            <a href={f.downloadUrl}>{f.title}</a> <span className="badge badge--muted">{humanize(f.kind)}</span>{' '}
            <span className="cell-muted">
              {f.fileName}, {Math.ceil(f.sizeBytes / 1000)} KB
              {f.purgeAfter && `, deleted after ${formatCalendarDate(f.purgeAfter)}`}
            </span>{' '}
            <button
              type="button"
              className="button button--ghost button--small"
              disabled={removing.loading}
              onClick={() =>
                void remove({ variables: { id: f.id } })
                  .then(() => q.refetch())
                  .catch(() => undefined)
              }
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          const file = fileRef.current?.files?.[0];
          if (!file) return;
          void toBase64(file)
            .then((contentBase64) =>
              share({
                variables: {
                  input: {
                    clientTripId,
                    title: title || file.name,
                    fileName: file.name,
                    contentType: file.type,
                    contentBase64,
                  },
                },
              }),
            )
            .then(() => {
              setTitle('');
              if (fileRef.current) fileRef.current.value = '';
              return q.refetch();
            })
            .catch(() => undefined);
        }}
      >
        <label>
          Title
          <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} placeholder="Hotel voucher" />
        </label>
        <label>
          File (PDF, JPEG or PNG)
          <input ref={fileRef} type="file" accept={ACCEPT} required />
        </label>
        <button type="submit" className="button button--small" disabled={sharing.loading}>
          Share with the travellers
        </button>
      </form>
      {sharing.error && <ErrorNotice error={sharing.error} />}
    </section>
  );
}
