import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { errorCodeOf } from '../../../lib/errors.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useHasRank } from '../../../lib/useHasRank.ts';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { CompanyEnrichmentDocument, EnrichCompanyDocument } from '../graphql/__generated__/enrichment.ts';

const FIELD_LABEL: Record<string, string> = {
  domain: 'domain',
  industry: 'industry',
  phone: 'phone',
  website: 'website',
  city: 'city',
  country: 'country',
};

/**
 * Company enrichment (C-02) on the company page: advisors and above ask the configured provider to
 * fill the company's empty fields; the page says where the data came from, or that enrichment is
 * not configured.
 */
export function EnrichCompanyButton({ companyId }: { companyId: string }) {
  const canEnrich = useHasRank('ADVISOR');
  const source = useQuery(CompanyEnrichmentDocument, {
    variables: { id: companyId },
    fetchPolicy: 'cache-and-network',
  });
  const [enrich, { loading, error, data }] = useMutation(EnrichCompanyDocument);
  const [asked, setAsked] = useState(false);
  const company = source.data?.company;
  const result = asked ? data?.enrichCompany : undefined;
  const notConfigured = asked && errorCodeOf(error) === 'SERVICE_UNAVAILABLE';
  return (
    <div className="enrichment" style={{ marginTop: 'var(--space-3)' }} data-testid="company-enrichment">
      {canEnrich && (
        <button
          type="button"
          className="button"
          disabled={loading}
          onClick={() => {
            setAsked(true);
            void enrich({ variables: { id: companyId } }).catch(() => undefined);
          }}
        >
          {loading ? 'Enriching…' : 'Enrich from provider'}
        </button>
      )}
      <p className="cell-muted" role="status">
        {notConfigured
          ? 'Enrichment is not configured: an admin can set ENRICHMENT_URL and ENRICHMENT_API_KEY (see Operations › Integrations).'
          : result && !result.found
            ? 'The provider does not know this company; nothing was changed.'
            : result && result.filledFields.length === 0
              ? `Nothing to fill: ${result.dataSource ?? 'the provider'} had nothing for the empty fields.`
              : result
                ? `Filled ${result.filledFields.map((f) => FIELD_LABEL[f] ?? f).join(', ')} from ${result.dataSource ?? 'the provider'}.`
                : company?.enrichmentDataSource && company.enrichedAt
                  ? `Enriched from ${company.enrichmentDataSource} on ${formatDateTime(company.enrichedAt)}.`
                  : null}
      </p>
      {asked && error && !notConfigured && <ErrorNotice error={error} />}
    </div>
  );
}
