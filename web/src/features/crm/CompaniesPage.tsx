import { Link } from 'react-router';
import type { CompanyOrderField, CompanyStatus } from '../../__generated__/graphql.ts';
import { formatNumber, humanize } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { SearchBox } from '../../ui/SearchBox.tsx';
import { SortHeader } from '../../ui/SortHeader.tsx';
import { COMPANY_STATUSES } from './crmEnums.ts';
import { CursorPager } from '../../ui/CursorPager.tsx';
import { CompanyEdit } from './inlineEdits.tsx';
import { OpenInPanelButton, RecordPanel, useOpenRecord } from './RecordPanel.tsx';
import { useCompanies } from './useCompanies.ts';
import { useCursorListParams } from '../../lib/useCursorListParams.ts';
import '../../styles/table.css';

const SORT_FIELDS: readonly CompanyOrderField[] = [
  'NAME',
  'LEAD_SCORE',
  'ANNUAL_TRAVEL_BUDGET',
  'STATUS',
  'CREATED_AT',
  'UPDATED_AT',
];

export function CompaniesPage() {
  useDocumentTitle('Companies');
  const [params, update] = useCursorListParams<CompanyOrderField, CompanyStatus>({
    sortFields: SORT_FIELDS,
    filterValues: COMPANY_STATUSES,
    filterKey: 'status',
  });
  const { companies, totalCount, pageInfo, loaded, loading, error, refetch } = useCompanies(params);
  const canCreate = useHasRank('ADVISOR');
  const { open } = useOpenRecord();
  const filtered = params.search !== '' || params.filter !== null;
  const sortProps = { sort: params.sort, onSort: (sort: NonNullable<typeof params.sort>) => update({ sort }) };

  return (
    <section aria-labelledby="companies-title">
      <header className="page-header">
        <h1 id="companies-title">Companies</h1>
        <p className="page-header__meta" role="status" aria-live="polite">
          {loaded
            ? `${formatNumber(totalCount)} ${totalCount === 1 ? 'company' : 'companies'}${filtered ? ' match' : ''}`
            : ''}
        </p>
        {canCreate && (
          <Link to="/crm/companies/new" className="button button--primary page-header__action">
            New company
          </Link>
        )}
      </header>

      <div className="toolbar" role="search">
        <SearchBox
          label="Search companies"
          placeholder="Company name"
          value={params.search}
          onSearch={(search) => update({ search })}
        />
        <div className="field">
          <label className="field__label" htmlFor="company-status">
            Status
          </label>
          <select
            id="company-status"
            className="select"
            value={params.filter ?? ''}
            onChange={(e) => update({ filter: COMPANY_STATUSES.find((s) => s === e.target.value) ?? null })}
          >
            <option value="">All statuses</option>
            {COMPANY_STATUSES.map((s) => (
              <option key={s} value={s}>
                {humanize(s)}
              </option>
            ))}
          </select>
        </div>
      </div>

      {error && !loading && <ErrorNotice error={error} onRetry={() => void refetch()} />}

      <div className="table-frame" aria-busy={loading}>
        <table className="data-table data-table--cards" data-testid="companies-table">
          <thead>
            <tr>
              <SortHeader label="Name" field="NAME" {...sortProps} />
              <SortHeader label="Status" field="STATUS" {...sortProps} />
              <th scope="col">Tier</th>
              <SortHeader label="Travel budget" field="ANNUAL_TRAVEL_BUDGET" numeric descendingFirst {...sortProps} />
              <SortHeader label="Lead score" field="LEAD_SCORE" numeric descendingFirst {...sortProps} />
              <th scope="col">Owner</th>
            </tr>
          </thead>
          <tbody>
            {!loaded && (
              <tr>
                <td colSpan={6} className="table-empty">
                  Loading companies…
                </td>
              </tr>
            )}
            {loaded && companies.length === 0 && (
              <tr>
                <td colSpan={6} className="table-empty">
                  {filtered ? 'No companies match this search and filter.' : 'No companies yet.'}
                </td>
              </tr>
            )}
            {companies.map((c) => (
              <tr key={c.id}>
                <th scope="row" className="cell-primary">
                  <span className="cell-title">
                    <Link to={`/crm/companies/${c.id}`} className="cell-link">
                      {c.name}
                    </Link>
                    <OpenInPanelButton id={c.id} name={c.name} onOpen={open} />
                  </span>
                  <span className="cell-secondary">{[c.domain, c.industry, c.city].filter(Boolean).join(' · ')}</span>
                </th>
                <td data-label="Status">
                  <CompanyEdit company={c} field="status" />
                </td>
                <td data-label="Tier">
                  <CompanyEdit company={c} field="accountTier" />
                </td>
                <td className="numeric nowrap" data-label="Travel budget">
                  <CompanyEdit company={c} field="budget" />
                </td>
                <td className="numeric" data-label="Lead score">
                  {c.leadScore}
                </td>
                <td data-label="Owner">
                  <CompanyEdit company={c} field="owner" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <CursorPager
        label="Companies pages"
        noun={['company', 'companies']}
        shown={companies.length}
        totalCount={totalCount}
        pageInfo={pageInfo}
        onPage={(cursor) => update({ cursor })}
      />
      <RecordPanel kind="company" />
    </section>
  );
}
