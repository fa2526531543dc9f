import { useQuery } from '@apollo/client/react';
import { CompanyOptionsDocument } from './graphql/__generated__/companyOptions.ts';

/** Companies whose name matches what is typed, for the company picker. */
export function useCompanyOptions(search: string) {
  const { data, previousData } = useQuery(CompanyOptionsDocument, {
    variables: { search: search.trim() || null, first: 10 },
  });
  return (data ?? previousData)?.companies?.nodes ?? [];
}
