import { useQuery } from '@apollo/client/react';
import { ContactDocument } from './graphql/__generated__/contact.ts';

/** A contact's page data; with no id (a new contact) nothing is asked. */
export function useContact(id: string | undefined) {
  const { data, loading, error, refetch } = useQuery(ContactDocument, {
    variables: { id: id ?? '' },
    skip: id === undefined,
    fetchPolicy: 'cache-and-network',
  });
  return { contact: data?.contact ?? null, loaded: data !== undefined, loading, error, refetch };
}
