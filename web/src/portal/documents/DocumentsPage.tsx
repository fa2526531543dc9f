/**
 * The traveller's documents (numbers masked, expiry warnings), their family's for a family
 * manager, and new passport details sent to the agency (nothing changes on file until an advisor
 * applies them).
 */
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import type { PortalTravelerFieldsFragment } from '../../__generated__/graphql.ts';
import { errorCodeOf } from '../../lib/errors.ts';
import { formatCalendarDate, formatDateTime, humanize } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Splash } from '../../ui/Splash.tsx';
import {
  PortalFamilyDocument,
  PortalSelfDocument,
  PortalSubmitPassportUpdateDocument,
} from './__generated__/documents.ts';

const expiryBadge = (expiry: string) =>
  expiry === 'VALID' ? 'badge badge--gold' : expiry === 'UNKNOWN' ? 'badge badge--muted' : 'badge badge--danger';

function PassportForm({ traveler, onSent }: { traveler: PortalTravelerFieldsFragment; onSent: () => void }) {
  const [submit, sending] = useMutation(PortalSubmitPassportUpdateDocument);
  const [form, setForm] = useState({ documentNumber: '', issuingCountry: '', issueDate: '', expiryDate: '' });
  const [open, setOpen] = useState(false);
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm({ ...form, [k]: e.target.value });
  if (!open)
    return (
      <button type="button" className="button button--ghost button--small" onClick={() => setOpen(true)}>
        I have a new passport
      </button>
    );
  return (
    <form
      className="stacked-form"
      aria-label={`New passport for ${traveler.firstName}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit({ variables: { input: { ...(traveler.isSelf ? {} : { travelerId: traveler.id }), ...form } } })
          .then(() => {
            setOpen(false);
            setForm({ documentNumber: '', issuingCountry: '', issueDate: '', expiryDate: '' });
            onSent();
          })
          .catch(() => undefined);
      }}
    >
      <label>
        Passport number
        <input
          value={form.documentNumber}
          onChange={set('documentNumber')}
          required
          autoComplete="off"
          maxLength={24}
        />
      </label>
      <label>
        Issuing country (two letters, e.g. US)
        <input value={form.issuingCountry} onChange={set('issuingCountry')} required maxLength={2} />
      </label>
      <label>
        Date of issue
        <input type="date" value={form.issueDate} onChange={set('issueDate')} required />
      </label>
      <label>
        Date of expiry
        <input type="date" value={form.expiryDate} onChange={set('expiryDate')} required />
      </label>
      <p className="cell-muted">Your advisor checks the details before they go on file.</p>
      <button type="submit" className="button" disabled={sending.loading}>
        Send to my advisor
      </button>
      {sending.error && <ErrorNotice error={sending.error} />}
    </form>
  );
}

function TravelerDocuments({ traveler, onChange }: { traveler: PortalTravelerFieldsFragment; onChange: () => void }) {
  const docs = traveler.documents?.nodes ?? [];
  const changes = traveler.passportChanges?.nodes ?? [];
  return (
    <section
      className="panel"
      aria-label={`${traveler.firstName} ${traveler.lastName}`}
      data-testid="portal-traveler-documents"
    >
      <h2 className="panel__title">
        {traveler.firstName} {traveler.lastName}
        {traveler.isSelf && ' (you)'}
      </h2>
      {docs.length === 0 && <p className="empty">No documents on file.</p>}
      <ul className="plain-list">
        {docs.map((d) => (
          <li key={d.id} data-testid="portal-document">
            <strong>{humanize(d.documentType)}</strong> {d.maskedNumber}
            {d.issuingCountry && ` (${d.issuingCountry})`}{' '}
            <span className={expiryBadge(d.expiry)}>{humanize(d.expiry)}</span>
            {d.expiryDate && <div className="cell-muted">Expires {formatCalendarDate(d.expiryDate)}</div>}
            {d.warning && (
              <p className="form-problem" role="note">
                {d.warning}
              </p>
            )}
          </li>
        ))}
      </ul>
      {changes.length > 0 && (
        <>
          <h3>Sent to the agency</h3>
          <ul className="plain-list">
            {changes.map((c) => (
              <li key={c.id} data-testid="portal-passport-change">
                Passport {c.maskedNumber}, expires {formatCalendarDate(c.expiryDate)}:{' '}
                <span className="badge">{humanize(c.status)}</span>{' '}
                <span className="cell-muted">sent {formatDateTime(c.submittedAt)}</span>
                {c.note && <div className="cell-muted">{c.note}</div>}
              </li>
            ))}
          </ul>
        </>
      )}
      <PassportForm traveler={traveler} onSent={onChange} />
    </section>
  );
}

export function DocumentsPage() {
  useDocumentTitle('Documents');
  const self = useQuery(PortalSelfDocument, { fetchPolicy: 'cache-and-network' });
  // Family access only: anyone else is refused, and the page shows just their own documents.
  const family = useQuery(PortalFamilyDocument, { fetchPolicy: 'cache-and-network', errorPolicy: 'all' });
  if (!self.data && self.error) return <ErrorNotice error={self.error} onRetry={() => void self.refetch()} />;
  if (!self.data?.portalSelf) return <Splash />;
  const refetch = () => {
    void self.refetch();
    void family.refetch();
  };
  const others = errorCodeOf(family.error) === 'FORBIDDEN' ? [] : (family.data?.portalFamily?.nodes ?? []);
  return (
    <article aria-labelledby="portal-docs-title" data-testid="portal-documents">
      <h1 id="portal-docs-title">Documents</h1>
      <div className="record-grid">
        <TravelerDocuments traveler={self.data.portalSelf} onChange={refetch} />
        {others.map((t) => (
          <TravelerDocuments key={t.id} traveler={t} onChange={refetch} />
        ))}
      </div>
    </article>
  );
}
