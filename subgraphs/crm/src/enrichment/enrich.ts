/**
 * `enrichCompany`: asks the configured provider about a company and fills only the fields it does
 * not have yet (nothing a person entered is overwritten), recording the data source and time.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, NexusError, notFound, parseInput, upstreamUnavailable, zId } from '@nexus/platform';
import { Company, Contact } from '../entities/index.ts';
import { queueLeadScore } from '../services/lead-scoring.ts';
import { EnrichmentError, type EnrichmentData, type EnrichmentProvider } from './provider.ts';

/** The company fields enrichment may fill, in the order they are reported. */
export const ENRICHABLE_FIELDS = ['domain', 'industry', 'phone', 'website', 'city', 'country'] as const;
type EnrichableField = (typeof ENRICHABLE_FIELDS)[number];

export interface CompanyEnrichment {
  company: Company;
  /** Whether the provider knew the company. */
  found: boolean;
  /** The fields this enrichment filled (empty ones only), in ENRICHABLE_FIELDS order. */
  filledFields: EnrichableField[];
  /** Where the data came from; null when the provider did not know the company. */
  dataSource: string | null;
}

/** SERVICE_UNAVAILABLE means exactly this here: the staff app says enrichment is not configured. */
export const enrichmentNotConfigured = () =>
  new NexusError(
    ErrorCode.SERVICE_UNAVAILABLE,
    'Company enrichment is not configured: set ENRICHMENT_URL and ENRICHMENT_API_KEY to use a provider.',
  );

export async function enrichCompany(
  em: EntityManager,
  provider: EnrichmentProvider | null,
  id: unknown,
  now: Date,
): Promise<CompanyEnrichment> {
  const companyId = parseInput(zId, id, 'id');
  const company = await em.findOne(Company, { id: companyId });
  if (!company) throw notFound('Company', companyId);
  if (!provider) throw enrichmentNotConfigured();
  let data: EnrichmentData | null;
  try {
    data = await provider.lookup({
      name: company.name,
      domain: company.domain ?? null,
      website: company.website ?? null,
    });
  } catch (e) {
    throw upstreamUnavailable('The enrichment provider', e instanceof EnrichmentError ? e.message : undefined);
  }
  if (!data) return { company, found: false, filledFields: [], dataSource: null };
  const filledFields = ENRICHABLE_FIELDS.filter((f) => {
    const value = data[f];
    const current = company[f];
    return value !== undefined && (current === null || current === undefined || current === '');
  });
  if (filledFields.length) {
    for (const f of filledFields) company[f] = data[f] ?? null;
    company.enrichmentDataSource = data.source.slice(0, 100);
    company.enrichedAt = now;
    // Firmographic scoring rules read the company: its contacts are re-scored (as on an edit).
    const contacts = await em.find(Contact, { company: company.id }, { fields: ['id'], limit: 1000 });
    for (const c of contacts) queueLeadScore(em, c.id);
    await em.flush();
  }
  return { company, found: true, filledFields, dataSource: data.source };
}
