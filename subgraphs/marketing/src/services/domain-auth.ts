import { createPublicKey } from 'node:crypto';
import { Resolver } from 'node:dns/promises';
import type { MarketingDeps } from '../context.ts';
import { dkimOptions } from '../context.ts';
import type { MarketingEnv } from '../env.ts';

/**
 * The sending domain's authentication, looked up in DNS now: SPF (RFC 7208) on the From domain,
 * the DKIM key (RFC 6376) published for our selector, compared with the key we sign with, and
 * DMARC (RFC 7489) on the From domain. Lookups go through DNS_RESOLVER when set (the system's
 * resolver otherwise), so a deployment can point at the resolver its receivers see.
 */

export type AuthStatus = 'PASS' | 'WARN' | 'FAIL' | 'MISSING' | 'ERROR';
export interface AuthCheck {
  status: AuthStatus;
  record: string | null;
  detail: string;
}
export interface SendingDomainCheck {
  domain: string;
  dkimSigning: boolean;
  dkimDomain: string | null;
  dkimSelector: string | null;
  spf: AuthCheck;
  dkim: AuthCheck;
  dmarc: AuthCheck;
  checkedAt: Date;
}

export const fromDomain = (from: string) => (/@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? from).toLowerCase();

/** A resolver on DNS_RESOLVER's servers (`host`, `host:port`, `[v6]:port`), 3 s per lookup, one try. */
export function dnsResolver(env: Pick<MarketingEnv, 'DNS_RESOLVER'>): Resolver {
  const resolver = new Resolver({ timeout: 3000, tries: 1 });
  const servers = (env.DNS_RESOLVER ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (servers.length) resolver.setServers(servers);
  return resolver;
}

type Lookup = { records: string[] } | { error: string };

async function txt(resolver: Resolver, name: string): Promise<Lookup> {
  try {
    return { records: (await resolver.resolveTxt(name)).map((chunks) => chunks.join('')) };
  } catch (e) {
    const code = (e as { code?: string }).code ?? 'UNKNOWN';
    if (code === 'ENODATA' || code === 'ENOTFOUND') return { records: [] };
    return { error: `The DNS lookup of ${name} failed (${code}).` };
  }
}

export function checkSpf(lookup: Lookup, domain: string, requiredInclude?: string): AuthCheck {
  if ('error' in lookup) return { status: 'ERROR', record: null, detail: lookup.error };
  const spf = lookup.records.filter((r) => /^v=spf1(\s|$)/i.test(r.trim()));
  if (spf.length === 0)
    return {
      status: 'MISSING',
      record: null,
      detail: `${domain} publishes no SPF record: receivers cannot tell which servers may send for it.`,
    };
  if (spf.length > 1)
    return {
      status: 'FAIL',
      record: spf.join(' | '),
      detail: `${domain} publishes ${spf.length} SPF records; receivers treat that as an error (one is allowed).`,
    };
  const record = spf[0] ?? '';
  const terms = record
    .trim()
    .split(/\s+/)
    .slice(1)
    .map((t) => t.toLowerCase());
  const all = terms.find((t) => /^[+?~-]?all$/.test(t));
  if (all === 'all' || all === '+all')
    return {
      status: 'FAIL',
      record,
      detail: 'The SPF record ends in +all: it lets any server on the internet send as this domain.',
    };
  if (requiredInclude && !terms.includes(`include:${requiredInclude.toLowerCase()}`))
    return {
      status: 'FAIL',
      record,
      detail: `The SPF record does not include ${requiredInclude}, the relay our mail leaves through.`,
    };
  if (!all && !terms.some((t) => t.startsWith('redirect=')))
    return {
      status: 'WARN',
      record,
      detail: 'The SPF record has no "all" at the end: mail from other servers is not marked as failing.',
    };
  if (all === '?all')
    return {
      status: 'WARN',
      record,
      detail: 'The SPF record ends in ?all (neutral): it gives receivers no verdict on other servers.',
    };
  return { status: 'PASS', record, detail: `SPF is published and ends in ${all ?? 'a redirect'}.` };
}

const tags = (record: string) =>
  new Map(
    record
      .split(';')
      .map((t) => t.trim())
      .filter(Boolean)
      .map((t) => {
        const i = t.indexOf('=');
        return [t.slice(0, i).trim().toLowerCase(), t.slice(i + 1).replace(/\s+/g, '')] as const;
      }),
  );

/** The base64 SubjectPublicKeyInfo of our signing key, as a DKIM `p=` tag carries it. */
export const dkimPublicKey = (privateKeyPem: string) =>
  createPublicKey(privateKeyPem).export({ type: 'spki', format: 'der' }).toString('base64');

export function checkDkim(lookup: Lookup | null, env: MarketingEnv, domain: string): AuthCheck {
  const dkim = dkimOptions(env);
  if (!dkim || !lookup)
    return {
      status: 'MISSING',
      record: null,
      detail: 'Mail is not DKIM-signed: set DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY.',
    };
  const name = `${dkim.keySelector}._domainkey.${dkim.domainName}`;
  if ('error' in lookup) return { status: 'ERROR', record: null, detail: lookup.error };
  const record = lookup.records.find((r) => /(^|;)\s*p=/i.test(r));
  if (!record)
    return {
      status: 'MISSING',
      record: null,
      detail: `No DKIM key is published at ${name}: receivers cannot check our signature.`,
    };
  const p = tags(record).get('p') ?? '';
  if (!p) return { status: 'FAIL', record, detail: `The DKIM key at ${name} is revoked (empty p=).` };
  if (p !== dkimPublicKey(dkim.privateKey))
    return {
      status: 'FAIL',
      record,
      detail: `The key published at ${name} is not the public half of DKIM_PRIVATE_KEY: signatures will not verify.`,
    };
  const d = dkim.domainName.toLowerCase();
  if (d !== domain && !domain.endsWith(`.${d}`) && !d.endsWith(`.${domain}`))
    return {
      status: 'WARN',
      record,
      detail: `Signatures verify, but ${d} is not aligned with the From domain ${domain}, so DMARC cannot pass on DKIM.`,
    };
  return {
    status: 'PASS',
    record,
    detail: `Mail is signed for ${d} (selector ${dkim.keySelector}) and the published key matches.`,
  };
}

export function checkDmarc(lookup: Lookup, domain: string): AuthCheck {
  if ('error' in lookup) return { status: 'ERROR', record: null, detail: lookup.error };
  const records = lookup.records.filter((r) => /^v=DMARC1\s*(;|$)/i.test(r.trim()));
  if (records.length === 0)
    return {
      status: 'MISSING',
      record: null,
      detail: `_dmarc.${domain} publishes no DMARC policy: receivers apply their own rules to failing mail.`,
    };
  if (records.length > 1)
    return {
      status: 'FAIL',
      record: records.join(' | '),
      detail: 'More than one DMARC record: receivers ignore them all.',
    };
  const record = records[0] ?? '';
  const policy = tags(record).get('p')?.toLowerCase();
  if (!policy || !['none', 'quarantine', 'reject'].includes(policy))
    return { status: 'FAIL', record, detail: 'The DMARC record has no valid policy (p=none, quarantine or reject).' };
  if (policy === 'none')
    return { status: 'WARN', record, detail: 'DMARC is in monitoring mode (p=none): failing mail is still delivered.' };
  return {
    status: 'PASS',
    record,
    detail: `DMARC asks receivers to ${policy} mail that fails SPF and DKIM alignment.`,
  };
}

/** Looks up SPF, DKIM and DMARC of the sending domain (MAIL_FROM's) in parallel. */
export async function checkSendingDomain(deps: Pick<MarketingDeps, 'env' | 'now'>): Promise<SendingDomainCheck> {
  const resolver = dnsResolver(deps.env);
  const domain = fromDomain(deps.env.MAIL_FROM);
  const dkim = dkimOptions(deps.env);
  const [spf, key, dmarc] = await Promise.all([
    txt(resolver, domain),
    dkim ? txt(resolver, `${dkim.keySelector}._domainkey.${dkim.domainName}`) : Promise.resolve(null),
    txt(resolver, `_dmarc.${domain}`),
  ]);
  return {
    domain,
    dkimSigning: !!dkim,
    dkimDomain: dkim?.domainName ?? null,
    dkimSelector: dkim?.keySelector ?? null,
    spf: checkSpf(spf, domain, deps.env.SPF_REQUIRED_INCLUDE),
    dkim: checkDkim(key, deps.env, domain),
    dmarc: checkDmarc(dmarc, domain),
    checkedAt: deps.now(),
  };
}
