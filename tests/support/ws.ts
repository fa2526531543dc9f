import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** A real graphql-ws client against the gateway, as the web app and integrators use it. */
export function wsClient(gatewayUrl: string, token: string | null): Client {
  return createClient({
    url: `${gatewayUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: false,
    // Tests assert on close codes and errors themselves; graphql-ws would print them otherwise.
    onNonLazyError: () => undefined,
  });
}

export interface Received<T> {
  values: T[];
  errors: unknown[];
  closed: Promise<void>;
  /** Resolves with the first value matching the predicate (fails after the timeout). */
  next(predicate?: (value: T) => boolean, timeoutMs?: number): Promise<T>;
  dispose(): void;
}

export function subscribe<T = Record<string, unknown>>(client: Client, query: string, variables: Record<string, unknown> = {}): Received<T> {
  const values: T[] = [];
  const errors: unknown[] = [];
  const waiters: { predicate: (v: T) => boolean; resolve: (v: T) => void }[] = [];
  let done: () => void = () => undefined;
  const closed = new Promise<void>((r) => (done = r));
  const dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (msg) => {
        if (msg.errors) errors.push(...msg.errors);
        if (msg.data) {
          const value = msg.data as T;
          values.push(value);
          for (const w of [...waiters]) {
            if (w.predicate(value)) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(value);
            }
          }
        }
      },
      error: (e) => {
        errors.push(e);
        done();
      },
      complete: () => done(),
    },
  );
  return {
    values,
    errors,
    closed,
    dispose,
    next(predicate = () => true, timeoutMs = 5000) {
      const found = values.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise<T>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(values)} ${JSON.stringify(errors)}`)), timeoutMs);
        waiters.push({ predicate, resolve: (v) => (clearTimeout(t), resolve(v)) });
      });
    },
  };
}

/** Waits for the socket to be closed by the server and returns the close code. */
export function closeCode(gatewayUrl: string, connectionParams: Record<string, unknown>): Promise<number> {
  return new Promise((resolve) => {
    const client = createClient({
      url: `${gatewayUrl.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams,
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => undefined,
      on: { closed: (event) => resolve((event as { code: number }).code) },
    });
    client.subscribe({ query: 'subscription { notificationAdded { id } }' }, { next: () => undefined, error: () => undefined, complete: () => undefined });
  });
}
