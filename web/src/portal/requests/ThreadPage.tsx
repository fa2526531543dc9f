/** A conversation with the agency (the party's messages and the agency's replies), and a new one. */
import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { describeError, fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { formatDateTime, humanize } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { Splash } from '../../ui/Splash.tsx';
import { PortalRequestsDocument, PortalSendMessageDocument, PortalThreadDocument } from './__generated__/requests.ts';

function Compose({ threadId }: { threadId?: string }) {
  const navigate = useNavigate();
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [send, sending] = useMutation(PortalSendMessageDocument, { refetchQueries: [PortalRequestsDocument] });
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    try {
      const r = await send({
        variables: { input: { threadId: threadId ?? null, subject: threadId ? null : subject, body } },
      });
      setBody('');
      const id = r.data?.portalSendMessage.id;
      if (!threadId && id) void navigate(`/requests/messages/${id}`, { replace: true });
    } catch (err) {
      setProblem(describeError(err));
    }
  };
  return (
    <form className="panel" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="portal-compose">
      <FormProblem problem={problem} />
      {!threadId && (
        <>
          <label className="field__label" htmlFor="message-subject">
            Subject
          </label>
          <input
            id="message-subject"
            className="input"
            value={subject}
            aria-invalid={fieldMessage(problem, 'input.subject') ? true : undefined}
            onChange={(e) => setSubject(e.target.value)}
          />
          {fieldMessage(problem, 'input.subject') && (
            <span className="field__error">{fieldMessage(problem, 'input.subject')}</span>
          )}
        </>
      )}
      <label className="field__label" htmlFor="message-body">
        {threadId ? 'Reply' : 'Message'}
      </label>
      <textarea
        id="message-body"
        className="textarea"
        rows={4}
        value={body}
        aria-invalid={fieldMessage(problem, 'input.body') ? true : undefined}
        onChange={(e) => setBody(e.target.value)}
      />
      {fieldMessage(problem, 'input.body') && (
        <span className="field__error">{fieldMessage(problem, 'input.body')}</span>
      )}
      <p>
        <button type="submit" className="button" disabled={sending.loading} data-testid="portal-send-message">
          Send
        </button>
      </p>
    </form>
  );
}

export function NewMessagePage() {
  useDocumentTitle('Write to us');
  return (
    <article aria-labelledby="new-message-title" data-testid="portal-new-thread">
      <p>
        <Link to="/requests">← Requests</Link>
      </p>
      <h1 id="new-message-title">Write to us</h1>
      <p className="cell-muted">Your travel team answers here; you can also reach us by email.</p>
      <Compose />
    </article>
  );
}

export function ThreadPage() {
  const { id = '' } = useParams();
  const q = useQuery(PortalThreadDocument, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const t = q.data?.portalThread;
  useDocumentTitle(t ? t.subject : 'Conversation');
  if (!t && q.error) return <ErrorNotice error={q.error} onRetry={() => void q.refetch()} />;
  if (!t) return <Splash />;
  return (
    <article aria-labelledby="thread-title" data-testid="portal-thread">
      <p>
        <Link to="/requests">← Requests</Link>
      </p>
      <h1 id="thread-title">{t.subject}</h1>
      <p className="cell-muted">
        {t.reference} · <span className="badge">{humanize(t.status)}</span>
      </p>
      <ol className="plain-list portal-thread">
        {(t.messages?.nodes ?? []).map((m) => (
          <li
            key={m.id}
            className={m.fromAgency ? 'panel portal-message portal-message--agency' : 'panel portal-message'}
            data-testid="portal-message"
          >
            <p className="cell-muted">
              {m.fromAgency ? 'Travel Tamers' : 'You'} · {formatDateTime(m.createdAt)}
            </p>
            <p className="portal-prose">{m.body}</p>
          </li>
        ))}
      </ol>
      {t.status === 'CLOSED' ? (
        <p className="empty">
          This conversation is closed. <Link to="/requests/messages/new">Start a new one</Link>.
        </p>
      ) : (
        <Compose threadId={t.id} />
      )}
    </article>
  );
}
