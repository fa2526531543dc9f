import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link, useParams } from 'react-router';
import { describeError, fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { formatDateTime, formatNumber, humanize } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Field } from '../../ui/Field.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { Splash } from '../../ui/Splash.tsx';
import { ContactEmailDocument, SendEmailToContactDocument } from './graphql/__generated__/marketing.ts';

/** A contact's email status, engagement and sends, and a one-off email composed to them. */
export function ContactEmailPage() {
  const { id = '' } = useParams();
  const canSend = useHasRank('ADVISOR');
  const { data, error, refetch } = useQuery(ContactEmailDocument, {
    variables: { id },
    fetchPolicy: 'cache-and-network',
  });
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [sent, setSent] = useState(false);
  const [send, sending] = useMutation(SendEmailToContactDocument);
  const contact = data?.contact;
  useDocumentTitle(contact ? `Email · ${contact.firstName}` : 'Email');
  if (error && !contact) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  if (!data) return <Splash />;
  if (!contact) return <p>This contact does not exist or was deleted.</p>;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    setSent(false);
    try {
      await send({ variables: { input: { contactId: id, subject, body } } });
      setSent(true);
      setSubject('');
      setBody('');
      void refetch();
    } catch (err) {
      setProblem(describeError(err));
    }
  };
  const e = contact.engagement;
  return (
    <section aria-labelledby="contact-email-title">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to={`/crm/contacts/${contact.id}`}>
          {contact.firstName} {contact.lastName ?? ''}
        </Link>
      </nav>
      <header className="page-header">
        <h1 id="contact-email-title">Email</h1>
        <p className="page-header__meta">
          {contact.email ?? 'No email address'} ·{' '}
          <span className="badge" data-testid="contact-email-status">
            {contact.emailStatus ? humanize(contact.emailStatus) : 'Not in the audience yet'}
          </span>
        </p>
      </header>
      {e && (
        <div className="kpis">
          <div className="kpi">
            <span className="kpi__label">Sends</span>
            <span className="kpi__value">{formatNumber(e.sends)}</span>
          </div>
          <div className="kpi">
            <span className="kpi__label">Opens</span>
            <span className="kpi__value">{formatNumber(e.opens)}</span>
          </div>
          <div className="kpi">
            <span className="kpi__label">Clicks</span>
            <span className="kpi__value">{formatNumber(e.clicks)}</span>
          </div>
          <div className="kpi">
            <span className="kpi__label">Last open</span>
            <span className="kpi__value">{e.lastOpenAt ? formatDateTime(e.lastOpenAt) : '—'}</span>
          </div>
        </div>
      )}
      {contact.emailPreferences && (
        <p data-testid="contact-email-preferences">
          Preferences (chosen by the contact):{' '}
          {contact.emailPreferences.subscribedTypes.map(humanize).join(', ') || 'no email types'} ·{' '}
          {humanize(contact.emailPreferences.frequency)}
          {contact.emailPreferences.pausedUntil &&
            ` · paused until ${formatDateTime(contact.emailPreferences.pausedUntil)}`}
        </p>
      )}
      <section className="panel" aria-labelledby="contact-sends-title">
        <h2 id="contact-sends-title" className="panel__title">
          Recent emails ({formatNumber(contact.emailSends?.totalCount ?? 0)})
        </h2>
        <ul>
          {(contact.emailSends?.nodes ?? []).map((s) => (
            <li key={s.id}>
              {s.subject ?? '(no subject)'} — {humanize(s.status)} {s.sentAt ? formatDateTime(s.sentAt) : ''}
            </li>
          ))}
        </ul>
      </section>
      {canSend && contact.email && (
        <form className="record-form" onSubmit={(ev) => void submit(ev)} noValidate data-testid="compose-form">
          <h2>Write to {contact.firstName}</h2>
          <FormProblem problem={problem} />
          <Field label="Subject" required error={fieldMessage(problem, 'subject')}>
            {(p) => <input {...p} value={subject} onChange={(ev) => setSubject(ev.target.value)} />}
          </Field>
          <Field
            label="Message"
            required
            error={fieldMessage(problem, 'body')}
            hint="Merge variables such as {{ contact.firstName }} work here."
          >
            {(p) => <textarea {...p} rows={8} value={body} onChange={(ev) => setBody(ev.target.value)} />}
          </Field>
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={sending.loading}>
              Send
            </button>
          </div>
          {sent && <p role="status">Your email is on its way.</p>}
        </form>
      )}
    </section>
  );
}
