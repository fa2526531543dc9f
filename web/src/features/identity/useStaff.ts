import { useState } from 'react';
import { useApolloClient, useQuery } from '@apollo/client/react';
import type { StaffQuery } from '../../__generated__/graphql.ts';
import { StaffDocument } from './graphql/__generated__/staff.ts';

type StaffMember = NonNullable<StaffQuery['users']>['nodes'][number];

/** Active staff by name, for owner and assignee pickers. Rarely changes, so the cache serves it. */
export function useStaff() {
  const { data, loading, error } = useQuery(StaffDocument, { fetchPolicy: 'cache-first' });
  return { staff: data?.users?.nodes ?? [], loading, error };
}

/**
 * The same list, asked for only when `load` is called: when a person reaches for an owner field,
 * not when a table draws it on every row. Once any picker has loaded it, the cache answers at once.
 * A failed request leaves the list empty, and the next `load` asks again.
 */
export function useStaffOnDemand() {
  const client = useApolloClient();
  const [staff, setStaff] = useState<readonly StaffMember[] | null>(null);
  const load = () => {
    if (staff) return;
    const cached = client.readQuery({ query: StaffDocument });
    if (cached) {
      setStaff(cached.users?.nodes ?? []);
      return;
    }
    client.query({ query: StaffDocument, fetchPolicy: 'cache-first' }).then(
      ({ data }) => setStaff(data?.users?.nodes ?? []),
      () => undefined,
    );
  };
  return { staff: staff ?? [], load };
}
