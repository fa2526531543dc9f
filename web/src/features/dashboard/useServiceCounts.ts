import { useQuery } from '@apollo/client/react';
import { ServiceDashboardDocument } from '../service/graphql/__generated__/service.ts';

/** Open, at-risk and breached ticket counts from the service desk (null while loading or unavailable). */
export function useServiceCounts() {
  const { data, error } = useQuery(ServiceDashboardDocument, { fetchPolicy: 'cache-and-network' });
  return { counts: data?.serviceDashboard ?? null, error };
}
