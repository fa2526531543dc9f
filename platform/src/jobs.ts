/**
 * Queue names and the jobs each queue takes, with their payloads: one contract shared by the
 * subgraph that enqueues (through its outbox) and the one that processes. Subgraphs never import
 * each other, so work that crosses a boundary (crm asking identity to notify a user) goes through a
 * queue whose contract lives here. `enqueue` and worker processors are generic over these maps, so
 * an unknown queue, an unknown job or a wrong payload fails at compile time.
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
} as const satisfies Record<string, QueueName>;

export type NotificationType =
  | 'TASK_ASSIGNED'
  | 'DEAL_STAGE_CHANGED'
  | 'TICKET_ASSIGNED'
  | 'SLA_BREACH'
  | 'PASSPORT_EXPIRING'
  | 'CAMPAIGN_COMPLETED'
  | 'JOB_FAILED'
  | 'SYSTEM';

export type NotifyJob = {
  userId: string;
  type: NotificationType;
  title: string;
  body?: string | null;
  link?: string | null;
  dedupeKey?: string | null;
};
export const NOTIFY_JOB = 'notify';

/** One notification for every active admin (alerts such as a dead-lettered job). */
export type NotifyAdminsJob = Omit<NotifyJob, 'userId'>;
export const NOTIFY_ADMINS_JOB = 'notify-admins';

/** A job that needs no data (schedules). */
export type NoData = Record<string, never>;

/** Queue -> job name -> payload. Add a queue or a job here before enqueueing or processing it. */
export interface JobContracts {
  notifications: { [NOTIFY_JOB]: NotifyJob; [NOTIFY_ADMINS_JOB]: NotifyAdminsJob };
  'identity-maintenance': { 'session-cleanup': NoData };
  crm: {
    /** Re-score one contact; `trigger` is one of crm's LEAD_SCORE_TRIGGERS. */
    'lead-score-recalculate': { contactId: string; trigger?: string };
    'lead-score-recalculate-all': { trigger?: string };
  };
  travel: { 'passport-alerts': NoData };
}

export type QueueName = keyof JobContracts;
export type JobName<Q extends QueueName> = keyof JobContracts[Q] & string;
export type JobData<Q extends QueueName, J extends JobName<Q>> = JobContracts[Q][J];

/** The queue every dead-lettered job is reported to, and how. */
export const DEAD_LETTER_ALERT = { queue: QUEUES.notifications, job: NOTIFY_ADMINS_JOB } as const;
