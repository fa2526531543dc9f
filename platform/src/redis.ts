import { createClient, type RedisClientType } from 'redis';

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
  const client: RedisClientType = createClient({ url });
  client.on('error', (err: unknown) => log.warn({ err }, 'redis connection error'));
  await client.connect();
  return client;
}
