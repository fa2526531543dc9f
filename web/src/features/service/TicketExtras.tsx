import { useMutation } from '@apollo/client/react';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime, humanize } from '../../lib/format.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import {
  RemoveTicketAttachmentDocument,
  StartTicketAttachmentUploadDocument,
  UpdateChildTicketsDocument,
} from './graphql/__generated__/desk.ts';

const bytes = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} B`;

interface Attachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  uploadedBy: string;
  createdAt: string;
  downloadUrl: string;
}

/**
 * The ticket's files: each downloads through its signed address; agents on their tickets attach a
 * file (the server checks size and type first and answers where to send the bytes); advisors remove.
 */
export function AttachmentsPanel(props: {
  ticketId: string;
  attachments: Attachment[];
  canWrite: boolean;
  onChanged: () => void;
}) {
  const canRemove = useHasRank('ADVISOR');
  const [start, starting] = useMutation(StartTicketAttachmentUploadDocument);
  const [remove, removing] = useMutation(RemoveTicketAttachmentDocument);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const upload = async (file: File) => {
    setProblem(null);
    setBusy(true);
    try {
      const r = await start({
        variables: {
          input: {
            ticketId: props.ticketId,
            filename: file.name,
            contentType: file.type || 'application/octet-stream',
            size: file.size,
          },
        },
      }).catch(() => null);
      const url = r?.data?.startTicketAttachmentUpload.uploadUrl;
      if (!url) return;
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: file,
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        setProblem(body?.error?.message ?? `The upload failed (HTTP ${res.status}).`);
        return;
      }
      props.onChanged();
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };
  return (
    <section className="panel" aria-labelledby="attachments-title" data-testid="ticket-attachments">
      <h2 id="attachments-title">Attachments</h2>
      {(starting.error ?? removing.error) && <ErrorNotice error={(starting.error ?? removing.error)!} />}
      {problem && (
        <p role="alert" className="notice notice--error">
          {problem}
        </p>
      )}
      <ul>
        {props.attachments.map((a) => (
          <li key={a.id}>
            <a href={a.downloadUrl} download={a.filename}>
              {a.filename}
            </a>{' '}
            <small>
              {bytes(a.size)} · {formatDateTime(a.createdAt)}
            </small>{' '}
            {canRemove && (
              <button
                type="button"
                className="button"
                aria-label={`Remove ${a.filename}`}
                onClick={() => void remove({ variables: { id: a.id } }).then(props.onChanged, () => undefined)}
              >
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {!props.attachments.length && <p>No files.</p>}
      {props.canWrite && (
        <label>
          Attach a file{' '}
          <input
            ref={input}
            type="file"
            disabled={busy}
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void upload(f);
            }}
          />
        </label>
      )}
    </section>
  );
}

/**
 * A parent incident (a travel alert's, or any with children): the affected travellers' tickets and
 * the message ready to send them, which an advisor edits and sends to every child at once.
 */
export function IncidentPanel(props: {
  ticketId: string;
  incidentMessage: string | null;
  children: { id: string; reference: string; subject: string; status: string; requesterEmail?: string | null }[];
  total: number;
  onChanged: () => void;
}) {
  const canSend = useHasRank('ADVISOR');
  const [message, setMessage] = useState(props.incidentMessage ?? '');
  const [send, sending] = useMutation(UpdateChildTicketsDocument);
  const [sent, setSent] = useState<number | null>(null);
  if (!props.total && !props.incidentMessage) return null;
  return (
    <section className="panel" aria-labelledby="incident-title" data-testid="incident">
      <h2 id="incident-title">Incident: {props.total} affected</h2>
      <ul>
        {props.children.map((c) => (
          <li key={c.id}>
            <Link to={`/service/tickets/${c.id}`}>
              {c.reference} {c.subject}
            </Link>{' '}
            <small>
              {humanize(c.status)}
              {c.requesterEmail ? ` · ${c.requesterEmail}` : ''}
            </small>
          </li>
        ))}
      </ul>
      {canSend && props.total > 0 && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setSent(null);
            void send({ variables: { input: { parentId: props.ticketId, reply: message, status: 'PENDING' } } }).then(
              (r) => {
                setSent(r.data?.updateChildTickets.updatedCount ?? 0);
                props.onChanged();
              },
              () => undefined,
            );
          }}
        >
          {sending.error && <ErrorNotice error={sending.error} />}
          {sent !== null && <p role="status">Sent to {sent} travellers.</p>}
          <label htmlFor="incident-message">Message to every affected traveller</label>
          <textarea
            id="incident-message"
            className="input"
            rows={8}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
          />
          <button type="submit" className="button button--primary" disabled={sending.loading || !message.trim()}>
            Send to all {props.total}
          </button>
        </form>
      )}
    </section>
  );
}
