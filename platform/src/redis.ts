import { createClient, type RedisClientType } from 'redis';
import { recordRedisErrors } from './format-error.ts';

/** Answers whether Redis at this URL replies to PING within the timeout. */
export async function redisAnswers(url: string, timeoutMs = 2000): Promise<boolean> {
  const client = createClient({ url, socket: { connectTimeout: timeoutMs, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    if (client.isOpen) await client.quit().catch(() => undefined);
  }
}

/** A connected Redis client that logs connection trouble instead of crashing the process. */
export async function openRedis(url: string, log: { warn(obj: object, msg: string): void }): Promise<RedisClientType> {
  // While Redis is down, commands fail at once instead of queueing until it returns: callers with an
  // in-memory fallback (rate limits) use it, and no request hangs on a dead connection (fault R9).
  const client: RedisClientType = createClient({ url, disableOfflineQueue: true });
  recordRedisErrors(client);
  client.on('error', (err: unknown) => log.warn({ err }, 'redis connection error'));
  await client.connect();
  return client;
}
