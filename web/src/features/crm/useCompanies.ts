import { useQuery } from '@apollo/client/react';
import type { CompanySortField, CompanyStatus } from '../../__generated__/graphql.ts';
import type { ListParams } from '../../lib/useListParams.ts';
import { CompaniesDocument } from './graphql/companies.ts';

export const COMPANIES_PAGE_SIZE = 25;

/** One page of companies for the list's search, status filter, sort and page. */
export function useCompanies(params: ListParams<CompanySortField, CompanyStatus>) {
  const { data, previousData, loading, error, refetch } = useQuery(CompaniesDocument, {
    variables: {
      search: params.search.trim() || null,
      filter: params.filter ? { statuses: [params.filter] } : null,
      sort: params.sort,
      limit: COMPANIES_PAGE_SIZE,
      offset: (params.page - 1) * COMPANIES_PAGE_SIZE,
    },
    fetchPolicy: 'cache-and-network',
  });
  const page = data?.companies ?? previousData?.companies;
  return { companies: page?.nodes ?? [], totalCount: page?.totalCount ?? 0, loaded: page !== undefined, loading, error, refetch };
}
