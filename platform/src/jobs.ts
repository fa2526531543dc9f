import { randomUUID } from 'node:crypto';

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
  /** service: SLA checks, surveys after solved tickets. */
  service: 'service',
  /** marketing: every outgoing email; `transactional` is the pipeline every subgraph sends through. */
  mail: 'mail',
  /** marketing: audience projection feed, campaign sending, schedules, segment refresh. */
  marketing: 'marketing',
  /** sales: moving a quote's deal through the graph, meeting reminders. */
  sales: 'sales',
  /** ops: Slack commands, events and buttons handled after the ack, and every post to a Slack channel. */
  slack: 'slack',
  /** ops: the system health check on a schedule (changes announced on `serviceHealthChanged`). */
  ops: 'ops',
  /** ops: integrators' outbound webhooks (each domain event fanned out, then one delivery per endpoint). */
  webhooks: 'webhooks',
  /** marketing: workflow triggers, enrolments' steps and waits, sequence steps (automation). */
  automation: 'automation',
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

/**
 * One transactional email (itineraries, quotes, payment reminders, ticket replies), sent by
 * marketing's mail processor. It skips marketing suppression, the footer and caps, but is never sent
 * to a hard-bounced or complained address. `dedupeKey` makes a resend of the same logical mail a
 * no-op (also used as the job id).
 */
export type TransactionalMailJob = {
  to: string;
  contactId?: string | null;
  subject: string;
  html?: string | null;
  text: string;
  replyTo?: string | null;
  messageId?: string | null;
  inReplyTo?: string | null;
  references?: string[] | null;
  headers?: Record<string, string> | null;
  icalEvent?: { method: string; content: string } | null;
  attachments?: { filename: string; contentBase64: string; contentType: string }[] | null;
  /** What kind of mail this is, for logs and statistics: `itinerary`, `quote`, `ticket-reply`, ... */
  category: string;
  dedupeKey: string;
};
export const TRANSACTIONAL_MAIL_JOB = 'transactional';

/** crm -> marketing: the audience projection's feed (a contact was created, updated or deleted). */
export type AudienceContact = {
  id: string;
  email: string | null;
  firstName: string;
  lastName: string;
  lifecycleStage: string | null;
  leadStatus: string | null;
  source: string | null;
  tags: string[];
  score: number;
  ownerId: string | null;
  companyId: string | null;
  companyType: string | null;
  companyTier: string | null;
  customFields: Record<string, unknown>;
  timezone: string | null;
  /** crm's update time; an older message than the row already applied is skipped. */
  updatedAt: string;
};
export type AudienceContactJob =
  { op: 'upsert'; contact: AudienceContact } | { op: 'delete'; contactId: string; updatedAt: string };
export const AUDIENCE_CONTACT_JOB = 'audience-contact';

/**
 * travel -> marketing: what makes travel segments and the trip quiet period possible, for one crm
 * contact linked to a TT-API client or traveler (bookings that are not cancelled or refunded).
 * Dates are ISO days; `computedAt` orders messages: an older one than the row applied is skipped.
 * A contact whose link was removed gets an empty summary.
 */
export type AudienceTravelJob = {
  contactId: string;
  /** Distinct booking destinations, in order of departure. */
  destinations: string[];
  /** Departure of the trip under way or the next one (YYYY-MM-DD), and its return. */
  nextDepartureOn: string | null;
  nextReturnOn: string | null;
  /** Sum of the bookings' total prices. */
  bookingValueCents: number;
  /**
   * Expected commission on those bookings: the sum of their TT-API commission entries' gross
   * commission. Absent in older messages (the stored figure is then kept).
   */
  commissionCents?: number;
  /** The earliest passport expiry among the linked travelers (YYYY-MM-DD). */
  passportExpiresOn: string | null;
  /**
   * While a trip is under way: the IANA time zone the traveller is in now, from the trip's published
   * itinerary (the zone of its latest entry that has begun). Null when not travelling or unknown;
   * absent in older messages (the stored zone is then kept).
   */
  travelTimeZone?: string | null;
  computedAt: string;
};
export const AUDIENCE_TRAVEL_JOB = 'audience-travel';

/**
 * sales -> marketing: a quote was accepted (sent in the acceptance's unit of work), so marketing can
 * credit it to the campaign the contact last clicked. `totalCents` is the accepted total; one
 * message per quote (a redelivery is applied once).
 */
export type QuoteAcceptedJob = {
  quoteId: string;
  contactId: string;
  totalCents: number;
  currency: string;
  acceptedAt: string;
};
export const QUOTE_ACCEPTED_JOB = 'quote-accepted';

/**
 * identity -> crm: one staff member as crm may know them (who can own records and be assigned
 * work). `updatedAt` orders messages: an older one than the row already applied is skipped.
 */
export type StaffMemberJob = {
  id: string;
  name: string;
  email: string;
  role: string;
  active: boolean;
  updatedAt: string;
};
export const STAFF_CHANGED_JOB = 'staff-changed';

/**
 * crm -> travel, sales, service: who owns the CRM contact linked to a TT-API client or traveler, so
 * travel's passport alerts reach the client's own advisor, and sales and service find a portal
 * traveller's party (its contacts' proposals, surveys and messages). Sent for every contact change (a contact that
 * lost its links clears its row); an older message than the row already applied is skipped.
 */
export type ContactOwnerJob = {
  contactId: string;
  ttClientId: string | null;
  ttTravelerId: string | null;
  ownerId: string | null;
  deleted: boolean;
  updatedAt: string;
};
export const CONTACT_OWNER_JOB = 'contact-owner';

/**
 * service, crm, marketing -> ops: something the team's Slack channels hear about (a ticket assigned,
 * an SLA breached, a deal moved, a campaign sent). ops maps the kind to a channel and posts it once
 * per `dedupeKey` (also the job id). `ref` is the record it is about; `actions` become buttons.
 */
export type SlackAnnounceKind = 'TICKET_ASSIGNED' | 'SLA_BREACH' | 'DEAL_STAGE_CHANGED' | 'CAMPAIGN_COMPLETED';
export type SlackAnnounceJob = {
  kind: SlackAnnounceKind;
  text: string;
  /** A path in the staff app (`/service/tickets/…`), linked from the post. */
  link?: string | null;
  ref?: { type: string; id: string } | null;
  actions?: { action: 'ticket-assign-me' | 'deal-move'; label: string; value: string }[] | null;
  dedupeKey: string;
};
export const SLACK_ANNOUNCE_JOB = 'slack-announce';

/**
 * crm, travel, service -> ops: a domain event integrators may subscribe to with an outbound webhook,
 * recorded in the unit of work of the change. Thin and versioned: the ids of what changed and the
 * names of the changed fields (as the graph names them), never their values; ops drops the names an
 * endpoint's rank may not see and fans the event out to every matching endpoint.
 */
export type WebhookEventType =
  | 'contact.created'
  | 'contact.updated'
  | 'contact.deleted'
  | 'deal.stage_changed'
  | 'deal.won'
  | 'task.assigned'
  | 'booking.updated'
  | 'ticket.created'
  | 'ticket.solved';
export type WebhookEventJob = {
  /** The event id (`evt_…`): receivers dedupe on it. */
  id: string;
  type: WebhookEventType;
  version: 1;
  occurredAt: string;
  data: { changedFields: string[] } & Record<string, string | null | string[]>;
};
export const WEBHOOK_EVENT_JOB = 'webhook-event';

/** A webhook event for `enqueue(em, QUEUES.webhooks, WEBHOOK_EVENT_JOB, webhookEvent(...))`. */
export const webhookEvent = (
  type: WebhookEventType,
  ids: Record<string, string | null>,
  changedFields: readonly string[] = [],
): WebhookEventJob => ({
  id: `evt_${randomUUID().replace(/-/g, '')}`,
  type,
  version: 1,
  occurredAt: new Date().toISOString(),
  data: { ...ids, changedFields: [...new Set(changedFields)] },
});

/**
 * crm, sales, marketing -> automation (marketing): something happened that may enrol a contact in a
 * workflow. Sent in the unit of work of the change (through the outbox), never found by polling.
 * `dedupeKey` (also the job id) makes a redelivery enrol nobody twice. `data` carries what the
 * trigger's condition reads: the changed field names and values for contact changes, the tag, the
 * stage, the form and submission, the deal and pipeline, the segment.
 */
export type AutomationTriggerType =
  | 'CONTACT_CREATED'
  | 'CONTACT_UPDATED'
  | 'LIFECYCLE_STAGE_REACHED'
  | 'TAG_ADDED'
  | 'FORM_SUBMITTED'
  | 'DEAL_STAGE_CHANGED'
  | 'DEAL_WON'
  | 'DEAL_LOST'
  | 'SEGMENT_JOINED'
  | 'SEGMENT_LEFT';
export type AutomationTriggerJob = {
  type: AutomationTriggerType;
  contactId: string;
  occurredAt: string;
  dedupeKey: string;
  data: Record<string, string | number | boolean | null | string[]>;
};
export const AUTOMATION_TRIGGER_JOB = 'automation-trigger';

/** A job that needs no data (schedules). */
export type NoData = Record<string, never>;

/** Queue -> job name -> payload. Add a queue or a job here before enqueueing or processing it. */
export interface JobContracts {
  notifications: { [NOTIFY_JOB]: NotifyJob; [NOTIFY_ADMINS_JOB]: NotifyAdminsJob };
  'identity-maintenance': {
    'session-cleanup': NoData;
    /** Folds the gateway's per-key usage counters (Redis) into identity's `api_key_usage`. */
    'api-key-usage-flush': NoData;
  };
  crm: {
    /** Re-score one contact; `trigger` is one of crm's LEAD_SCORE_TRIGGERS. */
    'lead-score-recalculate': { contactId: string; trigger?: string };
    'lead-score-recalculate-all': { trigger?: string };
    /** Re-send every live contact (and deleted ones' removals) to marketing's audience feed: its rebuild. */
    'audience-republish': NoData;
    [STAFF_CHANGED_JOB]: StaffMemberJob;
  };
  travel: {
    'passport-alerts': NoData;
    /** Flights of published itineraries checked with the flight-status provider (logged only without one). */
    'flight-status': NoData;
    [CONTACT_OWNER_JOB]: ContactOwnerJob;
    /** Send marketing the travel summary of these linked contacts (null: every linked contact). */
    'audience-travel-publish': { contactIds: string[] | null };
    /** One commission reconciliation run (recorded RUNNING by `startCommissionReconciliation`). */
    'commission-reconcile': { runId: string };
    /** One booking sync run over bookings changed since `since` (ISO time; null: all). */
    'booking-sync': { runId: string; since: string | null };
    /** Daily: delete passport scans travellers uploaded to the portal once their trip is over. */
    'portal-vault-purge': NoData;
    /** Daily: email portal travellers who opted in about installments due soon. */
    'portal-payment-due': NoData;
    /**
     * A trip's itinerary was published or a time changed: email the portal travellers on it who
     * opted in (identity holds their choices), skipping addresses the change already mailed.
     */
    'portal-notice': {
      kind: 'itinerary' | 'schedule-change';
      clientTripId: string;
      /** Once per account and key. */
      key: string;
      title: string;
      /** What changed, in a sentence (schedule changes). */
      detail: string | null;
      alreadyMailed: string[];
    };
  };
  service: {
    /** Every minute: flag at-risk and breached tickets once each. */
    'sla-check': NoData;
    /** About a day after a ticket is solved: send its requester the survey (if still due). */
    'survey-send': { ticketId: string };
    /** Every minute when IMAP_URL is set: file the mailbox's unseen messages as tickets and replies. */
    'imap-poll': NoData;
    /** Hourly: send the after-trip survey for TT-API trips that ended (read through travel, once per trip). */
    'trip-surveys': NoData;
    /** Every 5 minutes: open a parent incident for each new critical TT-API travel alert. */
    'travel-alert-incidents': NoData;
    /** crm's contacts linked to TT-API clients and travelers: the client portal's surveys and messages find their party by them. */
    [CONTACT_OWNER_JOB]: ContactOwnerJob;
  };
  mail: { [TRANSACTIONAL_MAIL_JOB]: TransactionalMailJob };
  marketing: {
    [AUDIENCE_CONTACT_JOB]: AudienceContactJob;
    [AUDIENCE_TRAVEL_JOB]: AudienceTravelJob;
    [QUOTE_ACCEPTED_JOB]: QuoteAcceptedJob;
    /** Send one campaign email to one recipient (the send row). */
    'campaign-send': { sendId: string };
    /** Queue a campaign's recipients (when it starts sending). */
    'campaign-start': { campaignId: string };
    /** Every 60 s: start due scheduled campaigns, pick A/B winners, finish campaigns. */
    'campaign-check': NoData;
    /** Hourly and on rebuild: ask travel to send every linked contact's travel summary again. */
    'audience-travel-refresh': NoData;
    /** Refill the audience projection from crm (through the graph). */
    'audience-rebuild': NoData;
    'segment-refresh': { segmentId: string };
    /** Every minute when BOUNCE_IMAP_URL is set: read the bounce mailbox's delivery status notifications. */
    'bounce-poll': NoData;
  };
  sales: {
    /** A quote was sent, viewed or accepted: move its deal to the matching stage (as service:sales-quotes). */
    'quote-deal-move': { quoteId: string; dealId: string; event: 'SENT' | 'VIEWED' | 'ACCEPTED' };
    /**
     * An accepted quote's deposit: create its payment schedule in TT-API through travel (as
     * service:sales-quotes); while TT-API is down the job enqueues its next `attempt` with a delay.
     */
    'quote-deposit-schedule': { quoteId: string; attempt: number };
    /** Shortly before a booked meeting: remind the visitor (skipped when it was moved or cancelled). */
    'meeting-reminder': { bookingId: string; sequence: number };
    /** A meeting was booked: match or create the visitor's crm contact and log the meeting (as service:sales-meetings). */
    'meeting-crm-sync': { meetingId: string };
    /** crm's contacts linked to TT-API clients and travelers: the client portal finds a party's proposals by them. */
    [CONTACT_OWNER_JOB]: ContactOwnerJob;
  };
  slack: {
    /** A slash command, event or button press acknowledged to Slack; its ledger entry holds the request. */
    'slack-command': { deliveryId: string };
    'slack-event': { deliveryId: string };
    'slack-interaction': { deliveryId: string };
    [SLACK_ANNOUNCE_JOB]: SlackAnnounceJob;
    /** A part of the system changed health: post its state to #monitoring once the debounce window closes. */
    'slack-health': { component: string };
  };
  ops: {
    /** Every minute: check every part of the system and record what changed. */
    'health-check': NoData;
  };
  automation: {
    [AUTOMATION_TRIGGER_JOB]: AutomationTriggerJob;
    /** Run one workflow enrolment's step queued for its `seq` (a stale seq does nothing). */
    'automation-step': { enrolmentId: string; seq: number };
    /** Run one sequence enrolment's step queued for its `seq`. */
    'sequence-step': { enrolmentId: string; seq: number };
    /** Enrol contacts in a sequence (from a segment or a workflow step). */
    'sequence-enrol': { sequenceId: string; contactIds: string[]; source: string };
    /** Every 30 s: queue the steps that are due (waits whose job is late or lost, retries, resumed workflows). */
    'automation-due': NoData;
    /** Daily: date, anniversary, departure and return triggers for today. */
    'automation-date-scan': NoData;
  };
  webhooks: {
    [WEBHOOK_EVENT_JOB]: WebhookEventJob;
    /** One attempt of one delivery (an event to one endpoint); retried on the webhook schedule. */
    'webhook-deliver': { deliveryId: string };
  };
}

export type QueueName = keyof JobContracts;
export type JobName<Q extends QueueName> = keyof JobContracts[Q] & string;
export type JobData<Q extends QueueName, J extends JobName<Q>> = JobContracts[Q][J];

/** The queue every dead-lettered job is reported to, and how. */
export const DEAD_LETTER_ALERT = { queue: QUEUES.notifications, job: NOTIFY_ADMINS_JOB } as const;
