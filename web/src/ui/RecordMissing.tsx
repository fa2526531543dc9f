import { Link } from 'react-router';
import { describeError } from '../lib/errors.ts';
import { ErrorNotice } from './ErrorNotice.tsx';

interface RecordMissingProps {
  /** "contact", "deal"... */
  kind: string;
  /** The list the record belongs to, and its name: the way back. */
  listPath: string;
  listLabel: string;
}

/** A record page whose record is not there (never was, malformed address, or deleted): say so and offer the way back. */
export function RecordMissing({ kind, listPath, listLabel }: RecordMissingProps) {
  return (
    <section className="empty-state" aria-labelledby="record-missing-title" data-testid="record-missing">
      <h1 id="record-missing-title">This {kind} is not here</h1>
      <p>It may have been deleted or merged into another record, or the link is incomplete.</p>
      <p>
        <Link to={listPath} className="button">
          Back to {listLabel}
        </Link>
      </p>
    </section>
  );
}

/**
 * A record page that failed to load: an address the server cannot read (BAD_USER_INPUT) or a
 * record it does not know is "not here", not a fault worth retrying.
 */
export function RecordLoadError({
  error,
  onRetry,
  ...missing
}: RecordMissingProps & { error: unknown; onRetry: () => void }) {
  const { code } = describeError(error);
  if (code === 'BAD_USER_INPUT' || code === 'NOT_FOUND') return <RecordMissing {...missing} />;
  return <ErrorNotice error={error} onRetry={onRetry} />;
}
