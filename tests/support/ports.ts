import { createServer } from 'node:net';

/**
 * A port a child process can be told to listen on. It is drawn below the kernel's ephemeral range
 * (32768-60999 here), because every outgoing connection of the parallel test files (PostgreSQL,
 * Redis, HTTP) takes a local port from that range: a port the kernel handed out free a moment ago
 * can be taken by one of them before the child binds it. Servers the tests start themselves listen
 * on port 0, inside that range, so they never collide with these either. A port found busy is
 * skipped.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((done) => {
      const server = createServer();
      server.once('error', () => done(false));
      server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
    });
    if (free) return port;
  }
}
