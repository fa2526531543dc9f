import { useQuery } from '@apollo/client/react';
import { StaffDocument } from './graphql/staff.ts';

/** Active staff by name, for owner and assignee pickers. Rarely changes, so the cache serves it. */
export function useStaff() {
  const { data, loading, error } = useQuery(StaffDocument, { fetchPolicy: 'cache-first' });
  return { staff: data?.users?.nodes ?? [], loading, error };
}
