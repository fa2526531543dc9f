import type http from 'node:http';
import net, { type Socket } from 'node:net';
import type { ApolloServerPlugin } from '@apollo/server';

export interface DrainOptions {
  /** How long a connection with nothing in flight may still bring a request once draining starts. */
  idleGraceMs?: number;
  /** After this, connections still open are cut (a request that never finishes must not hold the stop). */
  hardStopMs?: number;
}

/**
 * Draining the gateway's HTTP server on stop, in place of Apollo's drain plugin:
 *
 * - every answer from the moment draining starts says `Connection: close` (and so do answers
 *   already in flight), so a busy keep-alive connection does not carry new requests until it is cut
 *   mid-request (fault R8: "other side closed");
 * - the listener closes at once; connections that are busy finish their requests;
 * - a connection with nothing in flight is ended only after `idleGraceMs`, not at once: a client may
 *   have just sent a request on it (a connection accepted a moment before the listener closed, or a
 *   kept-alive one), and ending it then resets that request (fault R8: ECONNRESET). Requests that
 *   arrive within the grace are answered, with `Connection: close`;
 * - anything still open after `hardStopMs` is destroyed.
 */
export function createDrain(httpServer: http.Server, options: DrainOptions = {}) {
  const idleGraceMs = options.idleGraceMs ?? 1_000;
  const hardStopMs = options.hardStopMs ?? 8_000;
  const inFlight = new Map<Socket, number>();
  const answering = new Set<http.ServerResponse>();
  let draining = false;
  let drained: Promise<void> | undefined;

  const closeAfter = (res: http.ServerResponse) => {
    res.shouldKeepAlive = false;
    if (!res.headersSent) res.setHeader('connection', 'close');
  };
  httpServer.on('connection', (socket: Socket) => {
    inFlight.set(socket, 0);
    socket.once('close', () => inFlight.delete(socket));
  });
  httpServer.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const socket = req.socket;
    inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
    answering.add(res);
    if (draining) closeAfter(res);
    res.once('close', () => {
      answering.delete(res);
      const left = (inFlight.get(socket) ?? 1) - 1;
      if (inFlight.has(socket)) inFlight.set(socket, left);
      if (draining && left === 0) socket.end();
    });
  });

  /** Starts draining (once) and resolves when every connection is closed. */
  const drain = (): Promise<void> =>
    (drained ??= new Promise<void>((resolve) => {
      draining = true;
      for (const res of answering) closeAfter(res);
      const hard = setTimeout(() => {
        for (const socket of inFlight.keys()) socket.destroy();
      }, hardStopMs);
      hard.unref();
      const grace = setTimeout(() => {
        for (const [socket, n] of inFlight) if (n === 0) socket.end();
      }, idleGraceMs);
      grace.unref();
      // The listener only: http.Server#close would also destroy every connection with no request
      // in progress at once, including one whose request is on its way. Resolves once every
      // connection is closed.
      net.Server.prototype.close.call(httpServer, () => {
        clearTimeout(hard);
        clearTimeout(grace);
        resolve();
      });
    }));

  const plugin: ApolloServerPlugin<never> = {
    async serverWillStart() {
      return { drainServer: drain };
    },
  };
  return { drain, plugin };
}
