import type { SlaState, TicketPriority, TicketStatus } from '../../__generated__/graphql.ts';
import { humanize } from '../../lib/format.ts';

export const STATUSES: readonly TicketStatus[] = ['NEW', 'OPEN', 'PENDING', 'ON_HOLD', 'SOLVED', 'CLOSED'];
export const PRIORITIES: readonly TicketPriority[] = ['LOW', 'NORMAL', 'HIGH', 'URGENT'];

const TONE: Record<SlaState, string> = {
  NONE: 'neutral',
  ON_TRACK: 'good',
  PAUSED: 'neutral',
  AT_RISK: 'warning',
  BREACHED: 'danger',
  MET: 'good',
};

export function SlaBadge({ state }: { state: SlaState }) {
  return (
    <span className={`badge badge--${TONE[state]}`} data-sla={state}>
      {humanize(state)}
    </span>
  );
}

/** The earliest target still ahead of the ticket: first reply, next reply, then resolution. */
export const nextDue = (sla: {
  firstReplyDueAt?: string | null;
  nextReplyDueAt?: string | null;
  resolutionDueAt?: string | null;
}): string | null =>
  [sla.firstReplyDueAt, sla.nextReplyDueAt, sla.resolutionDueAt].filter((d): d is string => !!d).sort()[0] ?? null;
