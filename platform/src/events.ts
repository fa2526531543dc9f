import { createClient, type RedisClientType } from 'redis';
import type { Logger } from './logger.ts';
import { recordRedisErrors } from './format-error.ts';

/**
 * Keys-only change events over Redis pub/sub. A service publishes `{ id, ...filter keys }` after its
 * change is committed; the gateway re-reads the data as each subscriber, so events carry no fields
 * a subscriber might not be allowed to see.
 */
export type ChangeEvent = {
  id: string;
  /** Deliver only to this user (notifications). */
  audienceUserId?: string;
  [key: string]: unknown;
};

/**
 * Topic -> event payload, shared by publishers (subgraph services) and subscribers (the gateway's
 * `Subscription` fields, which are named after their topic). `publish` and `subscribe` are generic
 * over these keys, so an unknown topic or a payload missing a filter key fails at compile time.
 * The keys a subscription filters on (its arguments) must be in the payload.
 */
export interface EventTopics {
  /** identity: a notification for `audienceUserId` only. */
  notificationAdded: { id: string; audienceUserId: string };
  /** crm: a contact changed; filter keys of `contactChanged(companyId, ownerId)`. */
  contactChanged: { id: string; companyId?: string | null; ownerId?: string | null };
  /** crm: a deal changed; filter key of `dealChanged(pipelineId)`. */
  dealChanged: { id: string; pipelineId: string };
  /** travel: the TT-API integration's health changed (breaker opened or closed). */
  integrationHealthChanged: { id: string };
  /** service: a ticket changed; filter key of `ticketChanged(ticketId)`. */
  ticketChanged: { id: string; ticketId: string };
  /** service: someone arrived on, left or started replying to a ticket; filter key of `ticketPresenceChanged(ticketId)`. */
  ticketPresenceChanged: { id: string; ticketId: string };
  /** marketing: a segment refresh changed who is in it (workflows trigger on joins and leaves). */
  segmentMembershipChanged: { id: string; joined: number; left: number };
  /** ops: a delivery in the ledger was recorded or changed; filter key of `deliveryRecorded(channel)`. */
  deliveryRecorded: { id: string; channel: string };
  /** ops: a part of the system changed health (up, degraded, down). */
  serviceHealthChanged: { id: string };
  /** travel: a commission reconciliation run started or finished. */
  commissionReconciliationRunChanged: { id: string };
  /** travel: a booking sync run started or finished. */
  bookingSyncRunChanged: { id: string };
  /** travel: a client trip's portal view changed (itinerary published, a schedule change, a file shared); `id` is the trip's. */
  portalTripChanged: { id: string };
  /** marketing: a contact's enrolment in a workflow moved (a step ran, it waits, finished or failed); filter key of `workflowEnrolmentChanged(workflowId)`. */
  workflowEnrolmentChanged: { id: string; workflowId: string };
}
export type EventTopic = keyof EventTopics;

export const EVENT_TOPICS = {
  notificationAdded: true,
  contactChanged: true,
  dealChanged: true,
  integrationHealthChanged: true,
  ticketChanged: true,
  ticketPresenceChanged: true,
  segmentMembershipChanged: true,
  deliveryRecorded: true,
  serviceHealthChanged: true,
  commissionReconciliationRunChanged: true,
  bookingSyncRunChanged: true,
  portalTripChanged: true,
  workflowEnrolmentChanged: true,
} as const satisfies Record<EventTopic, true>;

/** Whether a name (a subscription field the gateway serves) is a known topic. */
export const isEventTopic = (name: string): name is EventTopic => Object.hasOwn(EVENT_TOPICS, name);

export interface EventBus {
  publish<K extends EventTopic>(topic: K, event: EventTopics[K]): Promise<void>;
  subscribe<K extends EventTopic>(
    topic: K,
    handler: (event: EventTopics[K] & ChangeEvent) => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export const eventChannel = (prefix: string, topic: string) => `${prefix}:event:${topic}`;

export function createEventBus(url: string, prefix: string, log: Logger): EventBus {
  // The connect promises, not the clients: a burst of first calls must share one connection rather
  // than each opening its own while the first is still connecting (`x ??= await connect()` raced:
  // 100 subscriptions at once opened ~100 Redis connections, fault R7). A failed connect is forgotten
  // so the next call tries again.
  let publisher: Promise<RedisClientType> | undefined;
  let subscriber: Promise<RedisClientType> | undefined;
  // Handlers are stored untyped: the channel name already ties each set to one topic's payload.
  const handlers = new Map<string, Set<(event: ChangeEvent) => void>>();

  const connect = async (name: string): Promise<RedisClientType> => {
    const c: RedisClientType = createClient({
      url,
      name,
      socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5000) },
    });
    recordRedisErrors(c);
    c.on('error', (err: unknown) => log.warn({ err }, 'redis event bus connection error'));
    await c.connect();
    return c;
  };
  const publisherClient = () => {
    if (publisher) return publisher;
    const connecting = connect(`${prefix}:events:publisher`);
    connecting.catch(() => publisher === connecting && (publisher = undefined));
    return (publisher = connecting);
  };
  const subscriberClient = () => {
    if (subscriber) return subscriber;
    const connecting = connect(`${prefix}:events:subscriber`);
    connecting.catch(() => subscriber === connecting && (subscriber = undefined));
    return (subscriber = connecting);
  };

  return {
    async publish(topic, event) {
      const client = await publisherClient();
      await client.publish(eventChannel(prefix, topic), JSON.stringify(event));
    },
    async subscribe(topic, handler) {
      const connection = subscriberClient();
      const client = await connection;
      const channel = eventChannel(prefix, topic);
      let set = handlers.get(channel);
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
        const listeners = set;
        await client.subscribe(channel, (message) => {
          let event: ChangeEvent;
          try {
            event = JSON.parse(message) as ChangeEvent;
          } catch (err) {
            log.warn({ err, channel }, 'dropped malformed event');
            return;
          }
          for (const h of listeners) h(event);
        });
      }
      const listener = handler as (event: ChangeEvent) => void;
      set.add(listener);
      return async () => {
        const current = handlers.get(channel);
        current?.delete(listener);
        if (current && current.size === 0) {
          handlers.delete(channel);
          // Not after close(): that connection has quit with every channel.
          if (subscriber === connection) await client.unsubscribe(channel);
        }
      };
    },
    async close() {
      const open = [publisher, subscriber];
      publisher = undefined;
      subscriber = undefined;
      await Promise.allSettled(open.map(async (c) => (await c)?.quit()));
    },
  };
}

/** Publishes after a commit without letting a Redis hiccup fail the user's mutation. */
export async function publishSafely<K extends EventTopic>(bus: EventBus, topic: K, event: EventTopics[K], log: Logger) {
  try {
    await bus.publish(topic, event);
  } catch (err) {
    log.warn({ err, topic, id: event.id }, 'change event not published');
  }
}
