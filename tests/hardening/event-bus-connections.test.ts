import { randomUUID } from 'node:crypto';
import { createClient, type RedisClientType } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventBus, createLogger } from '@nexus/platform';
import { testEnv } from '../support/env.ts';
import { eventually } from '../support/staff.ts';

// Fault R7: the gateway's first subscriptions after a restart arrive together, and each one opened
// a Redis subscriber connection of its own (`subscriber ??= await connect()` raced): ~100 connections
// for 100 live subscribers. A burst of first subscribes must share one connection.

const prefix = `event-bus-${randomUUID()}`;
// The bus under test talks to a logical database no other test uses, so its connections are the
// only ones there (CLIENT LIST reports each connection's database).
const BUS_DB = 11;
const busUrl = (() => {
  const url = new URL(testEnv.REDIS_URL);
  url.pathname = `/${BUS_DB}`;
  return url.toString();
})();
let admin: RedisClientType;
beforeAll(async () => {
  admin = createClient({ url: testEnv.REDIS_URL });
  await admin.connect();
});
afterAll(async () => {
  await admin?.close();
});

/** The bus's open connections, as Redis sees them (CLIENT LIST). */
const busConnections = async () => (await admin.clientList()).filter((c) => c.db === BUS_DB).length;

describe('the event bus under a burst of first subscribes', () => {
  it('100 concurrent first subscribes open exactly one subscriber connection, and every handler hears events', async () => {
    const bus = createEventBus(busUrl, prefix, createLogger('event-bus-test'));
    try {
      const heard = new Set<number>();
      const topics = ['contactChanged', 'dealChanged', 'ticketChanged'] as const;
      const unsubscribes = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          bus.subscribe(topics[i % topics.length] ?? 'contactChanged', () => void heard.add(i)),
        ),
      );
      expect(unsubscribes).toHaveLength(100);
      expect(await busConnections()).toBe(1);

      // Publishing in a burst likewise shares one publisher connection (the second in all).
      await Promise.all([
        bus.publish('contactChanged', { id: randomUUID() }),
        bus.publish('dealChanged', { id: randomUUID(), pipelineId: randomUUID() }),
        bus.publish('ticketChanged', { id: randomUUID(), ticketId: randomUUID() }),
      ]);
      expect(await busConnections()).toBe(2);
      await eventually(async () => expect(heard.size).toBe(100));

      await Promise.all(unsubscribes.map((u) => u()));
    } finally {
      await bus.close();
    }
    await eventually(async () => expect(await busConnections()).toBe(0));
  });
});
