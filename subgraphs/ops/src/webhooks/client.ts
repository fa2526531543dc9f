import dns from 'node:dns';
import https from 'node:https';
import http from 'node:http';
import net, { BlockList, type LookupFunction } from 'node:net';
import tls from 'node:tls';
import type { OpsEnv } from '../env.ts';

/**
 * The one way Nexus calls an integrator's endpoint. Server-side request forgery is closed where the
 * connection is made: the hostname is resolved by our own `lookup` at connect time (so a name that
 * changes its answer after the endpoint was saved is still checked), every address is checked
 * against the private ranges, redirects are never followed (a 3xx is a failure), and one attempt
 * never takes longer than the timeout.
 */

/** Ranges no webhook reaches unless allow-listed: private, loopback, link-local (metadata), CGNAT, ... */
const BLOCKED = new BlockList();
for (const [net4, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  BLOCKED.addSubnet(net4, prefix, 'ipv4');
}
for (const [net6, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['::ffff:0:0', 96],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  BLOCKED.addSubnet(net6, prefix, 'ipv6');
}

/** `::ffff:127.0.0.1` / `::ffff:7f00:1` -> `127.0.0.1`; anything else as it is. */
function unmapped(address: string): string {
  const m = /^::ffff:(?:0:)?(.+)$/i.exec(address);
  if (!m?.[1]) return address;
  if (net.isIPv4(m[1])) return m[1];
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(m[1]);
  if (!hex?.[1] || !hex[2]) return address;
  const hi = parseInt(hex[1], 16);
  const lo = parseInt(hex[2], 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

export interface AddressPolicy {
  /** Hostnames (exact) that may resolve anywhere. */
  hosts: Set<string>;
  /** Addresses and CIDRs allowed although private. */
  allowed: BlockList;
}

export function addressPolicy(entries: readonly string[]): AddressPolicy {
  const hosts = new Set<string>();
  const allowed = new BlockList();
  for (const entry of entries) {
    const [addr, bits] = entry.split('/');
    const family = addr && net.isIP(addr);
    if (addr && family) {
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (bits !== undefined) allowed.addSubnet(addr, Number(bits), type);
      else allowed.addAddress(addr, type);
    } else {
      hosts.add(entry.toLowerCase());
    }
  }
  return { hosts, allowed };
}

/** Why an address may not be reached, or null when it may. */
export function addressProblem(address: string, policy: AddressPolicy): string | null {
  const plain = unmapped(address);
  const type = net.isIPv4(plain) ? 'ipv4' : 'ipv6';
  if (policy.allowed.check(plain, type)) return null;
  if (plain !== address) return `${address} is an IPv4-mapped IPv6 address`;
  if (BLOCKED.check(plain, type)) return `${address} is a private, loopback, link-local or reserved address`;
  return null;
}

/** Names that are always local, whatever DNS says. */
const isLocalName = (host: string) => host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local');

/** URL problems knowable without DNS (when an endpoint is saved); the address is checked again on every connect. */
export function urlProblem(raw: string, o: { allowHttp: boolean; policy: AddressPolicy }): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.protocol !== 'https:' && !(o.allowHttp && url.protocol === 'http:')) return 'must use https';
  if (url.username || url.password) return 'must not carry credentials';
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (o.policy.hosts.has(host)) return null;
  if (net.isIP(host)) {
    const problem = addressProblem(host, o.policy);
    return problem ? `points at ${problem}` : null;
  }
  if (isLocalName(host)) return 'points at this machine';
  return null;
}

export interface SendResult {
  status: number | null;
  /** The start of the answer (at most 1 KB). */
  excerpt: string | null;
  latencyMs: number;
  /** Why it failed before or instead of an answer (refused address, timeout, TLS, ...). */
  error: string | null;
}

export interface WebhookClient {
  post(url: string, headers: Record<string, string>, body: string): Promise<SendResult>;
  /** For save-time checks. */
  urlProblem(url: string): string | null;
}

const EXCERPT_BYTES = 1024;

export function webhookClient(env: OpsEnv, now: () => number = () => performance.now()): WebhookClient {
  const policy = addressPolicy(env.WEBHOOK_ALLOWED_HOSTS);
  const allowHttp = env.WEBHOOK_ALLOW_HTTP || env.NODE_ENV === 'development';
  const overrides = new Map(
    env.WEBHOOK_RESOLVE.flatMap((pair) => {
      const [host, address] = pair.split('=');
      return host && address ? [[host.trim().toLowerCase(), address.trim()] as const] : [];
    }),
  );
  const ca = env.WEBHOOK_CA_PEM ? [...tls.rootCertificates, env.WEBHOOK_CA_PEM] : undefined;
  // Kept-alive connections: a socket is reused only for the host it was opened (and checked) for.
  const agents = {
    'https:': new https.Agent({ keepAlive: true, maxSockets: 20, ...(ca ? { ca } : {}) }),
    'http:': new http.Agent({ keepAlive: true, maxSockets: 20 }),
  };

  /** Resolves like dns.lookup (or the static table), then refuses what the policy refuses. */
  const lookup: LookupFunction = (hostname, options, callback) => {
    const host = hostname.toLowerCase();
    const done = (err: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => {
      if (err) return callback(err, '', 4);
      const trusted = policy.hosts.has(host);
      const refused = trusted ? null : addresses.map((a) => addressProblem(a.address, policy)).find(Boolean);
      if (refused || addresses.length === 0) {
        const e: NodeJS.ErrnoException = new Error(`refused: ${hostname} resolves to ${refused ?? 'nothing'}`);
        e.code = 'EWEBHOOKADDRESS';
        return callback(e, '', 4);
      }
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
      const first = addresses[0] as dns.LookupAddress;
      return callback(null, first.address, first.family);
    };
    const fixed = overrides.get(host);
    if (fixed) return done(null, [{ address: fixed, family: net.isIPv6(fixed) ? 6 : 4 }]);
    dns.lookup(hostname, { all: true }, (err, addresses) => done(err, addresses ?? []));
  };

  return {
    urlProblem: (url) => urlProblem(url, { allowHttp, policy }),
    post(raw, headers, body) {
      const started = now();
      const elapsed = () => Math.max(0, Math.round(now() - started));
      const problem = urlProblem(raw, { allowHttp, policy });
      if (problem) return Promise.resolve({ status: null, excerpt: null, latencyMs: 0, error: `URL ${problem}` });
      const url = new URL(raw);
      // An address literal never reaches `lookup`: urlProblem above has checked it.
      const request = url.protocol === 'https:' ? https.request : http.request;
      return new Promise<SendResult>((resolve) => {
        let settled = false;
        const finish = (r: Omit<SendResult, 'latencyMs'>) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({ ...r, latencyMs: elapsed() });
        };
        const req = request(url, {
          method: 'POST',
          headers: {
            ...headers,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body).toString(),
          },
          lookup,
          agent: url.protocol === 'https:' ? agents['https:'] : agents['http:'],
        });
        const timer = setTimeout(() => {
          finish({ status: null, excerpt: null, error: `timed out after ${env.WEBHOOK_TIMEOUT_MS} ms` });
          req.destroy();
        }, env.WEBHOOK_TIMEOUT_MS);
        req.on('error', (err: NodeJS.ErrnoException) =>
          finish({ status: null, excerpt: null, error: err.message.slice(0, 500) }),
        );
        req.on('response', (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          const status = res.statusCode ?? 0;
          const done = () =>
            finish({
              status,
              excerpt: Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8') || null,
              error:
                status >= 300 && status < 400
                  ? `redirect to ${res.headers.location ?? '(no location)'} not followed`
                  : status >= 200 && status < 300
                    ? null
                    : `answered ${status}`,
            });
          res.on('data', (c: Buffer) => {
            if (size < EXCERPT_BYTES) chunks.push(c);
            size += c.length;
            // Enough is read for the excerpt: the rest is not our business.
            if (size >= EXCERPT_BYTES) {
              done();
              res.destroy();
            }
          });
          res.on('end', done);
          res.on('error', done);
        });
        req.end(body);
      });
    },
  };
}

const clients = new WeakMap<object, WebhookClient>();
/** The client for a process's deps (one per process: its policy and resolver table come from env). */
export function clientOf(deps: { env: OpsEnv }): WebhookClient {
  let client = clients.get(deps);
  if (!client) {
    client = webhookClient(deps.env);
    clients.set(deps, client);
  }
  return client;
}
