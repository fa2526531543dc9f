import { useQuery } from '@apollo/client/react';
import { PipelinesDocument } from './graphql/__generated__/pipelines.ts';

export function usePipelines() {
  const { data, error, refetch } = useQuery(PipelinesDocument, { fetchPolicy: 'cache-and-network' });
  return { pipelines: data?.pipelines?.nodes ?? [], loaded: data !== undefined, error, refetch };
}
