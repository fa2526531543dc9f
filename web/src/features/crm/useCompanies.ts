import { useQuery } from '@apollo/client/react';
import type { CompanyOrderField, CompanyStatus } from '../../__generated__/graphql.ts';
import { CompaniesDocument } from './graphql/__generated__/companies.ts';
import { pageArgs, type CursorListParams } from '../../lib/useCursorListParams.ts';

export const COMPANIES_PAGE_SIZE = 25;

/** One page of companies for the list's search, status filter, order and cursor. */
export function useCompanies(params: CursorListParams<CompanyOrderField, CompanyStatus>) {
  const { data, previousData, loading, error, refetch } = useQuery(CompaniesDocument, {
    variables: {
      filter: { search: params.search.trim() || null, statuses: params.filter ? [params.filter] : null },
      orderBy: params.sort,
      ...pageArgs(params.cursor, COMPANIES_PAGE_SIZE),
    },
    fetchPolicy: 'cache-and-network',
  });
  const page = data?.companies ?? previousData?.companies;
  return {
    companies: page?.nodes ?? [],
    totalCount: page?.totalCount ?? 0,
    pageInfo: page?.pageInfo ?? null,
    loaded: page != null,
    loading,
    error,
    refetch,
  };
}
