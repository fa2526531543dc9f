import { useQuery } from '@apollo/client/react';
import { useHasRank } from '../../lib/useHasRank.ts';
import { TravelerDocument } from './graphql/__generated__/traveler.ts';
import { TravelerPersonalDocument } from './graphql/__generated__/travelerPersonal.ts';

/**
 * A traveler for its page. Advisors and above also get the personal part (date of birth, document
 * numbers, emergency contacts) in a second request; for lower ranks it is never sent, so the
 * gateway has nothing to refuse.
 */
export function useTraveler(id: string) {
  const personalAllowed = useHasRank('ADVISOR');
  const main = useQuery(TravelerDocument, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const personal = useQuery(TravelerPersonalDocument, { variables: { id }, skip: !personalAllowed, fetchPolicy: 'cache-and-network' });
  return {
    traveler: main.data?.traveler ?? null,
    loaded: main.data !== undefined,
    error: main.error,
    refetch: main.refetch,
    personalAllowed,
    personal: personalAllowed ? (personal.data?.traveler ?? null) : null,
    personalError: personalAllowed ? personal.error : undefined,
    refetchPersonal: personal.refetch,
  };
}
