import { useQuery } from '@apollo/client/react';
import { ContactTravelProfileDocument } from './graphql/__generated__/contactTravelProfile.ts';

export function useContactTravelProfile(contactId: string) {
  const { data, loading, error, refetch } = useQuery(ContactTravelProfileDocument, { variables: { id: contactId } });
  return { profile: data?.contact ?? null, loading, error, refetch };
}
