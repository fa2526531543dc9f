import { defineEntity, p } from '@mikro-orm/core';
import { idProperty, timestampProperties } from '@nexus/platform';
import {
  MESSAGE_KINDS,
  SLA_STATES,
  TICKET_CATEGORIES,
  TICKET_PRIORITIES,
  TICKET_SOURCES,
  TICKET_STATUSES,
} from './enums.ts';

/**
 * A support request. `number` comes from the `ticket_number_seq` sequence (DR-03): unique under any
 * concurrency, gaps allowed (a rolled-back insert burns its number), shown as `SR-<number>`.
 */
export const TicketSchema = defineEntity({
  name: 'Ticket',
  tableName: 'ticket',
  indexes: [
    { properties: ['status', 'assigneeId'] },
    { properties: ['assigneeId', 'status'] },
    { properties: ['parent'] },
    { properties: ['createdAt', 'id'] },
  ],
  properties: {
    id: idProperty(),
    number: p.integer().unique(),
    subject: p.string().length(300),
    description: p.text(),
    status: p.enum(TICKET_STATUSES).nativeEnumName('sd_ticket_status').default('NEW'),
    priority: p.enum(TICKET_PRIORITIES).nativeEnumName('sd_ticket_priority').default('NORMAL'),
    category: p.enum(TICKET_CATEGORIES).nativeEnumName('sd_ticket_category').default('GENERAL'),
    source: p.enum(TICKET_SOURCES).nativeEnumName('sd_ticket_source').default('WEB'),
    requesterEmail: p.string().length(254).nullable(),
    requesterName: p.string().length(200).nullable(),
    /** crm Contact and Company ids (federation stubs). */
    requesterContactId: p.uuid().nullable(),
    companyId: p.uuid().nullable(),
    /** The requester is on a trip right now (set by whoever opens the ticket, from travel). */
    requesterTravelling: p.boolean().default(false),
    /** identity User id. */
    assigneeId: p.uuid().nullable(),
    team: p.string().length(80).nullable(),
    /** What an agent needs to take it (`language:es`, `destination:peru`). */
    skills: p.array().default([]),
    tags: p.array().default([]),
    parent: () => p.manyToOne(TicketSchema).ref().nullable(),
    /** Tickets linked to this one (a follow-up links back to the ticket it follows). */
    linkedIds: p.array().default([]),
    mergedInto: () => p.manyToOne(TicketSchema).ref().nullable(),
    /** SLA: the policy chosen at creation, due times, and the pause while pending. */
    slaPolicyId: p.uuid().nullable(),
    firstReplyDueAt: p.datetime().nullable(),
    nextReplyDueAt: p.datetime().nullable(),
    resolutionDueAt: p.datetime().nullable(),
    firstRepliedAt: p.datetime().nullable(),
    slaPausedAt: p.datetime().nullable(),
    slaState: p.enum(SLA_STATES).nativeEnumName('sd_sla_state').default('NONE'),
    slaAtRiskAt: p.datetime().nullable(),
    slaBreachedAt: p.datetime().nullable(),
    /** Escalation: 0 none, 1 near breach (the assignee), 2 breached (their team lead), 3 still breached after the policy's delay (the manager). */
    escalationLevel: p.integer().default(0),
    escalatedAt: p.datetime().nullable(),
    solvedAt: p.datetime().nullable(),
    closedAt: p.datetime().nullable(),
    /** The requester's trip, from TT-API where known: its destination and supplier (triage filters articles by them). */
    tripDestination: p.string().length(200).nullable(),
    tripSupplier: p.string().length(200).nullable(),
    /** A parent incident opened for a TT-API travel alert (one incident per alert). */
    travelAlertId: p.string().length(64).nullable().unique(),
    /** The message ready to send to every child of an incident. */
    incidentMessage: p.text().nullable(),
    /** Message-ID of the last mail in the thread, for In-Reply-To of the next reply. */
    lastMessageId: p.string().length(500).nullable(),
    ...timestampProperties(),
  },
});
export class Ticket extends TicketSchema.class {}
TicketSchema.setClass(Ticket);

/** A message in a ticket's conversation: a public reply, an internal note, or the requester's mail. */
export const TicketMessageSchema = defineEntity({
  name: 'TicketMessage',
  tableName: 'ticket_message',
  indexes: [{ properties: ['ticket', 'createdAt', 'id'] }, { properties: ['messageId'] }],
  properties: {
    id: idProperty(),
    ticket: () => p.manyToOne(TicketSchema).ref(),
    kind: p.enum(MESSAGE_KINDS).nativeEnumName('sd_message_kind'),
    body: p.text(),
    authorId: p.uuid().nullable(),
    authorEmail: p.string().length(254).nullable(),
    messageId: p.string().length(500).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class TicketMessage extends TicketMessageSchema.class {}
TicketMessageSchema.setClass(TicketMessage);

/** One line of a ticket's history: who changed what. */
export const TicketEventSchema = defineEntity({
  name: 'TicketEvent',
  tableName: 'ticket_event',
  indexes: [{ properties: ['ticket', 'createdAt', 'id'] }],
  properties: {
    id: idProperty(),
    ticket: () => p.manyToOne(TicketSchema).ref(),
    action: p.string().length(60),
    actor: p.string().length(120),
    changes: p.json<Record<string, unknown>>().defaultRaw(`'{}'`),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class TicketEvent extends TicketEventSchema.class {}
TicketEventSchema.setClass(TicketEvent);

/** A staff member's desk settings: skills, cap, and who to alert about their breaches. */
export const AgentProfileSchema = defineEntity({
  name: 'AgentProfile',
  tableName: 'agent_profile',
  properties: {
    userId: p.uuid().primary(),
    skills: p.array().default([]),
    maxOpenTickets: p.integer().default(10),
    active: p.boolean().default(true),
    managerId: p.uuid().nullable(),
    team: p.string().length(80).nullable(),
    lastAssignedAt: p.datetime().nullable(),
  },
});
export class AgentProfile extends AgentProfileSchema.class {}
AgentProfileSchema.setClass(AgentProfile);

/** A reusable reply that can also set fields (status, priority, tags). */
export const MacroSchema = defineEntity({
  name: 'Macro',
  tableName: 'macro',
  properties: {
    id: idProperty(),
    name: p.string().length(120).unique(),
    body: p.text(),
    setStatus: p.enum(TICKET_STATUSES).nativeEnumName('sd_ticket_status').nullable(),
    setPriority: p.enum(TICKET_PRIORITIES).nativeEnumName('sd_ticket_priority').nullable(),
    addTags: p.array().default([]),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class Macro extends MacroSchema.class {}
MacroSchema.setClass(Macro);

/** A file on a ticket: its bytes live in the attachment store (disk or S3-compatible), under `storageKey`. */
export const TicketAttachmentSchema = defineEntity({
  name: 'TicketAttachment',
  tableName: 'ticket_attachment',
  indexes: [{ properties: ['ticket', 'createdAt', 'id'] }],
  properties: {
    id: idProperty(),
    ticket: () => p.manyToOne(TicketSchema).ref(),
    filename: p.string().length(255),
    contentType: p.string().length(120),
    size: p.integer(),
    storageKey: p.string().length(300),
    sha256: p.string().length(64),
    /** `user:<id>`, `requester` or `service:<name>`. */
    uploadedBy: p.string().length(120),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class TicketAttachment extends TicketAttachmentSchema.class {}
TicketAttachmentSchema.setClass(TicketAttachment);

/** A named ticket-list filter of one staff member, optionally shared with their team. */
export const TicketSavedViewSchema = defineEntity({
  name: 'TicketSavedView',
  tableName: 'ticket_saved_view',
  uniques: [{ properties: ['ownerId', 'name'] }],
  indexes: [{ properties: ['team'] }],
  properties: {
    id: idProperty(),
    ownerId: p.uuid(),
    name: p.string().length(80),
    filter: p.json<Record<string, unknown>>().defaultRaw(`'{}'`),
    orderBy: p.json<Record<string, unknown>>().nullable(),
    /** Shared with this team (the owner's team when shared); null: the owner's alone. */
    team: p.string().length(80).nullable(),
    ...timestampProperties(),
  },
});
export class TicketSavedView extends TicketSavedViewSchema.class {}
TicketSavedViewSchema.setClass(TicketSavedView);
