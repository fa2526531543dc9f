import { useQuery } from '@apollo/client/react';
import { CrmDashboardDocument } from './graphql/crmDashboard.ts';

export function useCrmDashboard() {
  const { data, loading, error, refetch } = useQuery(CrmDashboardDocument, { fetchPolicy: 'cache-and-network' });
  return { dashboard: data?.crmDashboard ?? null, loading, error, refetch };
}
