import { readFileSync } from 'node:fs';
import {
  rankMapFromSdl,
  rankOfField,
  type RankMap,
  type WebhookEventJob,
  type WebhookEventType,
} from '@nexus/platform';

/**
 * The events integrators subscribe to: what each means, and the graph type whose fields its
 * `changedFields` name (their `@rank` decides who may learn that they changed).
 */
export const WEBHOOK_EVENTS: Record<WebhookEventType, { graphType: string; description: string }> = {
  'contact.created': {
    graphType: 'Contact',
    description: 'A contact was created (by staff, an integration or a sync).',
  },
  'contact.updated': { graphType: 'Contact', description: "A contact's fields changed; `changedFields` names them." },
  'contact.deleted': { graphType: 'Contact', description: 'A contact was deleted.' },
  'deal.stage_changed': { graphType: 'Deal', description: 'A deal moved to another pipeline stage.' },
  'deal.won': { graphType: 'Deal', description: 'A deal entered a won stage.' },
  'task.assigned': { graphType: 'Task', description: 'A task was assigned to someone (on creation or later).' },
  'booking.updated': { graphType: 'Booking', description: 'A TT-API booking changed (seen by the booking sync).' },
  'ticket.created': { graphType: 'Ticket', description: 'A service ticket was opened.' },
  'ticket.solved': { graphType: 'Ticket', description: 'A service ticket was solved.' },
};
export const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENTS) as WebhookEventType[];
/** Sent by "send a test event"; never emitted by a change, so nobody subscribes to it. */
export const TEST_EVENT_TYPE = 'webhook.test';

export const isWebhookEventType = (t: string): t is WebhookEventType => Object.hasOwn(WEBHOOK_EVENTS, t);

let ranks: RankMap | null = null;
/**
 * Field ranks from the composed supergraph (the schema every request is checked against), read once.
 * Without it no field name is revealed: an unknown field counts as above every rank.
 */
export function supergraphRanks(): RankMap {
  if (!ranks) {
    try {
      ranks = rankMapFromSdl(readFileSync(new URL('../../../../gateway/supergraph.graphql', import.meta.url), 'utf8'));
    } catch {
      ranks = new Map();
    }
  }
  return ranks;
}

/** The payload an endpoint of `rank` receives: the event with the field names above its rank dropped. */
export function payloadFor(event: WebhookEventJob, rank: number, ranksOf: RankMap = supergraphRanks()) {
  const graphType = isWebhookEventType(event.type) ? WEBHOOK_EVENTS[event.type].graphType : null;
  // Emitters name input fields; the payload names the graph's (`ownerId` -> `owner`).
  const named = event.data.changedFields.flatMap((field) => {
    if (!graphType) return [];
    if (rankOfField(ranksOf, graphType, field) !== undefined) return [field];
    const base = field.replace(/Id$/, '');
    return base !== field && rankOfField(ranksOf, graphType, base) !== undefined ? [base] : [];
  });
  const visible = [...new Set(named)].filter((field) => {
    const min = graphType ? rankOfField(ranksOf, graphType, field) : undefined;
    return min !== undefined && min <= rank;
  });
  return {
    id: event.id,
    type: event.type,
    version: event.version,
    occurredAt: event.occurredAt,
    data: { ...event.data, changedFields: visible },
  };
}
