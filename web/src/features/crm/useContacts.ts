import { useQuery } from '@apollo/client/react';
import { ContactsDocument } from './graphql/__generated__/contacts.ts';
import type { ContactListParams } from './useContactListParams.ts';
import { pageArgs } from '../../lib/useCursorListParams.ts';

export const CONTACTS_PAGE_SIZE = 25;

/** One page of contacts for the list's current search, filter, order and cursor. */
export function useContacts(params: ContactListParams) {
  const { data, previousData, loading, error, refetch } = useQuery(ContactsDocument, {
    variables: {
      filter: { search: params.search.trim() || null, lifecycleStages: params.stage ? [params.stage] : null },
      orderBy: params.sort,
      ...pageArgs(params.cursor, CONTACTS_PAGE_SIZE),
    },
    // Lists change under us (colleagues, imports): show what we have, then what is true.
    fetchPolicy: 'cache-and-network',
  });
  // While the next page loads, keep showing the last one rather than an empty table.
  const page = data?.contacts ?? previousData?.contacts;
  return {
    contacts: page?.nodes ?? [],
    totalCount: page?.totalCount ?? 0,
    pageInfo: page?.pageInfo ?? null,
    loaded: page != null,
    loading,
    error,
    refetch,
  };
}
