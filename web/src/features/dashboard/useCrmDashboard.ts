import { useQuery } from '@apollo/client/react';
import type { DashboardScope } from '../../__generated__/graphql.ts';
import { CrmDashboardDocument } from './graphql/__generated__/crmDashboard.ts';

export function useCrmDashboard(scope: DashboardScope) {
  const { data, loading, error, refetch } = useQuery(CrmDashboardDocument, {
    variables: { scope },
    fetchPolicy: 'cache-and-network',
  });
  return { dashboard: data?.crmDashboard ?? null, loading, error, refetch };
}
