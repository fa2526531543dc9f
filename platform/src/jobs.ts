/**
 * Queue names and the payloads other subgraphs may send to them. Subgraphs never import each
 * other, so work that crosses a boundary (crm asking identity to notify a user) goes through a
 * queue whose contract lives here.
 */
export const QUEUES = {
  /** identity: creates notifications and pushes them to `notificationAdded`. */
  notifications: 'notifications',
  /** identity: housekeeping (expired sessions). */
  identityMaintenance: 'identity-maintenance',
  /** crm: lead scoring and other CRM background work. */
  crm: 'crm',
  /** travel: passport alerts, reconciliation, booking sync. */
  travel: 'travel',
} as const;

export interface NotifyJob {
  userId: string;
  type:
    | 'TASK_ASSIGNED'
    | 'DEAL_STAGE_CHANGED'
    | 'TICKET_ASSIGNED'
    | 'SLA_BREACH'
    | 'PASSPORT_EXPIRING'
    | 'CAMPAIGN_COMPLETED'
    | 'JOB_FAILED'
    | 'SYSTEM';
  title: string;
  body?: string | null;
  link?: string | null;
  dedupeKey?: string | null;
}
export const NOTIFY_JOB = 'notify';
