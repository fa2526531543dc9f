import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VIEWER_HEADER, signViewerToken, viewerFor } from '@nexus/platform';
import { testEnv } from '../support/env.ts';
import { eventually } from '../support/staff.ts';

// A subgraph stopped by SIGTERM must answer what it is serving, close its connections (ORM, Redis)
// and exit 0. `serveUntilSignalled` used `process.once`: Apollo Server stops on the signal too and
// re-raises it once stopped, and with our one-shot handler used up, that re-raise (or a second
// SIGTERM from a supervisor) killed the process before its connections were closed.

const fixture = resolve(import.meta.dirname, 'fixtures/signalled-subgraph.ts');

let child: ChildProcess | undefined;
afterAll(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

describe('a subgraph process receiving SIGTERM twice', () => {
  it('answers the request in flight, closes what it holds and exits 0', { timeout: 90_000 }, async () => {
    // Apollo's own signal handling is on outside NODE_ENV=test, as in every real run.
    const proc = spawn(process.execPath, [fixture], {
      env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child = proc;
    let output = '';
    proc.stdout.on('data', (c: Buffer) => (output += c.toString()));
    proc.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
      proc.once('exit', (code, signal) => done({ code, signal })),
    );

    const port = await eventually(async () => {
      const m = /listening (\d+)/.exec(output);
      if (!m) throw new Error(`not listening yet: ${output}`);
      return Number(m[1]);
    }, 60_000);
    const url = `http://127.0.0.1:${port}/graphql`;
    const token = await signViewerToken(viewerFor('00000000-0000-4000-8000-000000000001', 'viewer'), 'signalled', testEnv.INTERNAL_TOKEN_SECRET);

    const inFlight = fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [VIEWER_HEADER]: token },
      body: JSON.stringify({ query: '{ slow }' }),
    });
    await eventually(async () => expect(output).toContain('slow started'));

    proc.kill('SIGTERM');
    // The first signal has been handled once the listener is closed to new connections.
    await eventually(async () => {
      const refused = await fetch(`http://127.0.0.1:${port}/health`).then(
        () => false,
        () => true,
      );
      expect(refused).toBe(true);
    });
    proc.kill('SIGTERM');
    proc.stdin.write('release\n');

    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { slow: 'answered' } });
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(output).toContain('closed');
  });
});
