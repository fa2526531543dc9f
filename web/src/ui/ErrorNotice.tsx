import { describeError } from '../lib/errors.ts';

interface ErrorNoticeProps {
  error: unknown;
  /** Offered as a button when the failure is worth retrying. */
  onRetry?: () => void;
  testId?: string;
}

/** Failures that may go away by themselves; a bad address or a refusal does not, so no "Try again". */
const RETRYABLE = new Set([
  'NETWORK',
  'INTERNAL_SERVER_ERROR',
  'UPSTREAM_UNAVAILABLE',
  'RATE_LIMITED',
  'OUTDATED_CLIENT',
]);

/** Shows any error in words a person reads; the wording comes from lib/errors.ts only. */
export function ErrorNotice({ error, onRetry, testId }: ErrorNoticeProps) {
  const described = describeError(error);
  // An unavailable upstream is a known condition, not a fault of this page: a calmer notice.
  const tone = described.code === 'UPSTREAM_UNAVAILABLE' ? 'notice notice--warning' : 'notice notice--error';
  return (
    <div className={tone} role="alert" data-testid={testId} data-code={described.code}>
      <p className="notice__title">{described.title}</p>
      <p>{described.message}</p>
      {onRetry && RETRYABLE.has(described.code) && (
        <p className="notice__actions">
          <button type="button" className="button button--ghost button--small" onClick={onRetry}>
            Try again
          </button>
        </p>
      )}
    </div>
  );
}
