import { useQuery } from '@apollo/client/react';
import { MyTimeZoneDocument } from './graphql/__generated__/myTimeZone.ts';

/** The time zone from the person's profile; the browser's until it has loaded. */
export function useTimeZone(): string {
  const { data } = useQuery(MyTimeZoneDocument, { fetchPolicy: 'cache-first' });
  return data?.me?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}
