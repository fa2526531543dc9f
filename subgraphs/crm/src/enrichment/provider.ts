/**
 * Company enrichment providers (C-02). A provider looks a company up by domain (and name) and
 * answers what it knows; `enrichCompany` fills only the fields the company does not have yet. One
 * provider ships: a plain HTTP API at `ENRICHMENT_URL` with the key `ENRICHMENT_API_KEY`; unset,
 * enrichment is not configured and nothing is sent anywhere.
 *
 * The HTTP contract: `GET <ENRICHMENT_URL>/companies/lookup?domain=acme.com&name=Acme` with
 * `Authorization: Bearer <key>`; 200 with a JSON object of the fields below (any may be missing or
 * null, `source` names where the data came from), 404 when the provider does not know the company.
 */
import { z } from 'zod';

/** What a provider knows about a company; each value already checked (bad ones are dropped). */
export interface EnrichmentData {
  /** Where the data came from, recorded on the company as `enrichmentDataSource`. */
  source: string;
  domain?: string;
  industry?: string;
  phone?: string;
  website?: string;
  city?: string;
  country?: string;
}

export interface EnrichmentProvider {
  /** The provider's name, the data source when its answer names none. */
  readonly name: string;
  /** What the provider knows, or null when it does not know the company. Throws EnrichmentError. */
  lookup(company: { name: string; domain: string | null; website: string | null }): Promise<EnrichmentData | null>;
}

/** Why a lookup did not answer: the provider refused our key, or could not be reached or understood. */
export class EnrichmentError extends Error {
  readonly kind: 'refused' | 'unavailable';
  constructor(kind: 'refused' | 'unavailable', message: string) {
    super(message);
    this.name = 'EnrichmentError';
    this.kind = kind;
  }
}

const text = (max: number) =>
  z
    .preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string().min(1).max(max))
    .optional()
    .catch(undefined);

/** The provider's answer: unknown keys ignored, a value that does not fit its field dropped. */
const answerSchema = z.object({
  source: text(100),
  domain: z
    .preprocess(
      (v) =>
        typeof v === 'string'
          ? v
              .trim()
              .toLowerCase()
              .replace(/^www\./, '')
          : v,
      z
        .string()
        .max(253)
        .regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/),
    )
    .optional()
    .catch(undefined),
  industry: text(120),
  phone: z
    .preprocess(
      (v) => (typeof v === 'string' ? v.trim() : v),
      z
        .string()
        .min(3)
        .max(40)
        .regex(/^[+\d][\d\s().-]+$/),
    )
    .optional()
    .catch(undefined),
  website: z
    .preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.url({ protocol: /^https?$/ }).max(500))
    .optional()
    .catch(undefined),
  city: text(120),
  country: z
    .preprocess((v) => (typeof v === 'string' ? v.trim().toUpperCase() : v), z.string().regex(/^[A-Z]{2}$/))
    .optional()
    .catch(undefined),
});

/** A domain to look up by: the company's own, else its website's host. */
const lookupDomain = (c: { domain: string | null; website: string | null }) => {
  if (c.domain) return c.domain;
  if (!c.website) return null;
  try {
    return new URL(c.website).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
};

export function httpEnrichmentProvider(o: { url: string; apiKey: string; timeoutMs: number }): EnrichmentProvider {
  const base = o.url.endsWith('/') ? o.url : `${o.url}/`;
  const name = (() => {
    try {
      return new URL(base).hostname;
    } catch {
      return 'enrichment provider';
    }
  })();
  return {
    name,
    async lookup(company) {
      const query = new URLSearchParams({ name: company.name });
      const domain = lookupDomain(company);
      if (domain) query.set('domain', domain);
      let res: Response;
      try {
        res = await fetch(new URL(`companies/lookup?${query.toString()}`, base), {
          headers: { authorization: `Bearer ${o.apiKey}`, accept: 'application/json' },
          signal: AbortSignal.timeout(o.timeoutMs),
        });
      } catch {
        throw new EnrichmentError('unavailable', 'The enrichment provider could not be reached.');
      }
      if (res.status === 404) return null;
      if (res.status === 401 || res.status === 403)
        throw new EnrichmentError('refused', 'The enrichment provider refused the configured API key.');
      if (!res.ok) throw new EnrichmentError('unavailable', `The enrichment provider answered HTTP ${res.status}.`);
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        throw new EnrichmentError('unavailable', 'The enrichment provider answered something other than JSON.');
      }
      const parsed = answerSchema.safeParse(body);
      if (!parsed.success || typeof body !== 'object' || body === null || Array.isArray(body))
        throw new EnrichmentError('unavailable', 'The enrichment provider answered in an unexpected shape.');
      const { source, ...fields } = parsed.data;
      const known = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      return { source: source ?? name, ...known };
    },
  };
}

/** The configured provider, or null when `ENRICHMENT_URL` or `ENRICHMENT_API_KEY` is unset. */
export function configuredProvider(env: {
  ENRICHMENT_URL?: string;
  ENRICHMENT_API_KEY?: string;
  ENRICHMENT_TIMEOUT_MS: number;
}): EnrichmentProvider | null {
  if (!env.ENRICHMENT_URL || !env.ENRICHMENT_API_KEY) return null;
  return httpEnrichmentProvider({
    url: env.ENRICHMENT_URL,
    apiKey: env.ENRICHMENT_API_KEY,
    timeoutMs: env.ENRICHMENT_TIMEOUT_MS,
  });
}
