import { useQuery } from '@apollo/client/react';
import { CompanyDocument } from './graphql/__generated__/company.ts';

/** A company's page data; with no id (a new company) nothing is asked. */
export function useCompany(id: string | undefined) {
  const { data, loading, error, refetch } = useQuery(CompanyDocument, {
    variables: { id: id ?? '' },
    skip: id === undefined,
    fetchPolicy: 'cache-and-network',
  });
  return { company: data?.company ?? null, loaded: data !== undefined, loading, error, refetch };
}
