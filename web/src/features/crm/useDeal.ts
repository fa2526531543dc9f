import { useQuery } from '@apollo/client/react';
import { DealDocument } from './graphql/__generated__/deal.ts';

export function useDeal(id: string) {
  const { data, loading, error, refetch } = useQuery(DealDocument, {
    variables: { id },
    fetchPolicy: 'cache-and-network',
  });
  return { deal: data?.deal ?? null, loaded: data !== undefined, loading, error, refetch };
}
