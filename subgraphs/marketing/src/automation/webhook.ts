import { createHmac } from 'node:crypto';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net, { BlockList, type LookupFunction } from 'node:net';
import type { MarketingEnv } from '../env.ts';

/**
 * A workflow's outbound call. Server-side request forgery is closed where the connection is made:
 * the host is resolved by our own lookup at connect time and every address is checked against the
 * private, loopback, link-local and reserved ranges (unless allow-listed); redirects are not
 * followed; one attempt never outlasts the timeout. The body is signed with the automation secret.
 */

const BLOCKED = new BlockList();
for (const [a, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  BLOCKED.addSubnet(a, bits, 'ipv4');
for (const [a, bits] of [
  ['::', 128],
  ['::1', 128],
  ['::ffff:0:0', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  BLOCKED.addSubnet(a, bits, 'ipv6');

interface Policy {
  hosts: Set<string>;
  allowed: BlockList;
}

function policyOf(entries: readonly string[]): Policy {
  const hosts = new Set<string>();
  const allowed = new BlockList();
  for (const entry of entries) {
    const [addr, bits] = entry.split('/');
    const family = addr ? net.isIP(addr) : 0;
    if (addr && family) {
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (bits !== undefined) allowed.addSubnet(addr, Number(bits), type);
      else allowed.addAddress(addr, type);
    } else hosts.add(entry.toLowerCase());
  }
  return { hosts, allowed };
}

function addressProblem(address: string, policy: Policy): string | null {
  const type = net.isIPv4(address) ? 'ipv4' : 'ipv6';
  if (policy.allowed.check(address, type)) return null;
  return BLOCKED.check(address, type) ? `${address} is a private, loopback, link-local or reserved address` : null;
}

export interface WebhookResult {
  status: number | null;
  excerpt: string | null;
  error: string | null;
}

export interface AutomationWebhookClient {
  urlProblem(url: string): string | null;
  post(url: string, body: string, now: Date): Promise<WebhookResult>;
}

export function automationWebhookClient(env: MarketingEnv): AutomationWebhookClient {
  const policy = policyOf(env.AUTOMATION_WEBHOOK_ALLOWED_HOSTS);
  const allowHttp = env.AUTOMATION_WEBHOOK_ALLOW_HTTP || env.NODE_ENV === 'development';
  const urlProblem = (raw: string): string | null => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return 'must be an absolute URL';
    }
    if (url.protocol !== 'https:' && !(allowHttp && url.protocol === 'http:')) return 'must use https';
    if (url.username || url.password) return 'must not carry credentials';
    const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (policy.hosts.has(host)) return null;
    if (net.isIP(host)) {
      const p = addressProblem(host, policy);
      return p ? `points at ${p}` : null;
    }
    if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local')) return 'points at this machine';
    return null;
  };
  const lookup: LookupFunction = (hostname, options, callback) => {
    dns.lookup(hostname, { all: true }, (err, addresses) => {
      if (err) return callback(err, '', 4);
      const trusted = policy.hosts.has(hostname.toLowerCase());
      const refused = trusted ? null : addresses.map((a) => addressProblem(a.address, policy)).find(Boolean);
      const first = addresses[0];
      if (refused || !first) {
        const e: NodeJS.ErrnoException = new Error(`refused: ${hostname} resolves to ${refused ?? 'nothing'}`);
        e.code = 'EWEBHOOKADDRESS';
        return callback(e, '', 4);
      }
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
      return callback(null, first.address, first.family);
    });
  };
  return {
    urlProblem,
    post(raw, body, now) {
      const problem = urlProblem(raw);
      if (problem) return Promise.resolve({ status: null, excerpt: null, error: `URL ${problem}` });
      const secret = env.AUTOMATION_WEBHOOK_SECRET;
      if (!secret)
        return Promise.resolve({
          status: null,
          excerpt: null,
          error: 'AUTOMATION_WEBHOOK_SECRET is not set: calls are not signed, so none is made',
        });
      const t = Math.floor(now.getTime() / 1000);
      const signature = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
      const url = new URL(raw);
      const request = url.protocol === 'https:' ? https.request : http.request;
      return new Promise<WebhookResult>((resolve) => {
        let settled = false;
        const finish = (r: WebhookResult) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(r);
        };
        const req = request(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body).toString(),
            'user-agent': 'Nexus-Automation/1',
            'x-nexus-signature': `t=${t},v1=${signature}`,
          },
          lookup,
        });
        const timer = setTimeout(() => {
          finish({ status: null, excerpt: null, error: `timed out after ${env.AUTOMATION_WEBHOOK_TIMEOUT_MS} ms` });
          req.destroy();
        }, env.AUTOMATION_WEBHOOK_TIMEOUT_MS);
        req.on('error', (err) => finish({ status: null, excerpt: null, error: err.message.slice(0, 500) }));
        req.on('response', (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          const status = res.statusCode ?? 0;
          const done = () =>
            finish({
              status,
              excerpt: Buffer.concat(chunks).subarray(0, 500).toString('utf8') || null,
              error: status >= 200 && status < 300 ? null : `answered ${status}`,
            });
          res.on('data', (c: Buffer) => {
            if (size < 1024) chunks.push(c);
            size += c.length;
          });
          res.on('end', done);
          res.on('error', done);
        });
        req.end(body);
      });
    },
  };
}

const clients = new WeakMap<object, AutomationWebhookClient>();
export function webhookClientOf(deps: { env: MarketingEnv }): AutomationWebhookClient {
  let c = clients.get(deps);
  if (!c) {
    c = automationWebhookClient(deps.env);
    clients.set(deps, c);
  }
  return c;
}
