import { useQuery } from '@apollo/client/react';
import { ContactsDocument } from './graphql/contacts.ts';
import type { ContactListParams } from './useContactListParams.ts';

export const CONTACTS_PAGE_SIZE = 25;

/** One page of contacts for the list's current search, filter, sort and page. */
export function useContacts(params: ContactListParams) {
  const { data, previousData, loading, error, refetch } = useQuery(ContactsDocument, {
    variables: {
      search: params.search.trim() || null,
      filter: params.stage ? { lifecycleStages: [params.stage] } : null,
      sort: params.sort,
      limit: CONTACTS_PAGE_SIZE,
      offset: (params.page - 1) * CONTACTS_PAGE_SIZE,
    },
    // Lists change under us (colleagues, imports): show what we have, then what is true.
    fetchPolicy: 'cache-and-network',
  });
  // While the next page loads, keep showing the last one rather than an empty table.
  const page = data?.contacts ?? previousData?.contacts;
  return {
    contacts: page?.nodes ?? [],
    totalCount: page?.totalCount ?? 0,
    loaded: page !== undefined,
    loading,
    error,
    refetch,
  };
}
