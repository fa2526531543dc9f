import { useQuery } from '@apollo/client/react';
import { graphql } from '../__generated__/gql.ts';

const MyTimeZoneDocument = graphql(`
  query MyTimeZone {
    me {
      id
      timeZone
    }
  }
`);

/** The time zone from the person's profile; the browser's until it has loaded. */
export function useTimeZone(): string {
  const { data } = useQuery(MyTimeZoneDocument, { fetchPolicy: 'cache-first' });
  return data?.me?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}
