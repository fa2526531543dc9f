import { createClient, type RedisClientType } from 'redis';
import type { Logger } from './logger.ts';

/**
 * Keys-only change events over Redis pub/sub. A service publishes `{ id, ...filter keys }` after its
 * change is committed; the gateway re-reads the data as each subscriber, so events carry no fields
 * a subscriber might not be allowed to see.
 */
export interface ChangeEvent {
  id: string;
  /** Deliver only to this user (notifications). */
  audienceUserId?: string;
  [key: string]: unknown;
}

export interface EventBus {
  publish(topic: string, event: ChangeEvent): Promise<void>;
  subscribe(topic: string, handler: (event: ChangeEvent) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export const eventChannel = (prefix: string, topic: string) => `${prefix}:event:${topic}`;

export function createEventBus(url: string, prefix: string, log: Logger): EventBus {
  let publisher: RedisClientType | undefined;
  let subscriber: RedisClientType | undefined;
  const handlers = new Map<string, Set<(event: ChangeEvent) => void>>();

  const connect = async (): Promise<RedisClientType> => {
    const c: RedisClientType = createClient({
      url,
      socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5000) },
    });
    c.on('error', (err: unknown) => log.warn({ err }, 'redis event bus connection error'));
    await c.connect();
    return c;
  };

  return {
    async publish(topic, event) {
      publisher ??= await connect();
      await publisher.publish(eventChannel(prefix, topic), JSON.stringify(event));
    },
    async subscribe(topic, handler) {
      subscriber ??= await connect();
      const channel = eventChannel(prefix, topic);
      let set = handlers.get(channel);
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
        const listeners = set;
        await subscriber.subscribe(channel, (message) => {
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
      set.add(handler);
      return async () => {
        const current = handlers.get(channel);
        current?.delete(handler);
        if (current && current.size === 0) {
          handlers.delete(channel);
          await subscriber?.unsubscribe(channel);
        }
      };
    },
    async close() {
      await Promise.allSettled([publisher?.quit(), subscriber?.quit()]);
      publisher = undefined;
      subscriber = undefined;
    },
  };
}

/** Publishes after a commit without letting a Redis hiccup fail the user's mutation. */
export async function publishSafely(bus: EventBus, topic: string, event: ChangeEvent, log: Logger) {
  try {
    await bus.publish(topic, event);
  } catch (err) {
    log.warn({ err, topic, id: event.id }, 'change event not published');
  }
}
