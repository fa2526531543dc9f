import { useApolloClient, useMutation } from '@apollo/client/react';
import type { CreateDealInput, UpdateDealInput } from '../../__generated__/graphql.ts';
import { describeError, type DescribedError } from '../../lib/errors.ts';
import { CreateDealDocument, UpdateDealDocument } from './graphql/__generated__/saveDeal.ts';

export type DealSaveResult = { ok: true; id: string } | { ok: false; error: DescribedError };

/**
 * Creates or updates a deal. A new or changed deal can change any deal list, board column, total
 * and record page it appears on, so those are dropped from the cache and the ones on screen reload.
 */
export function useSaveDeal() {
  const client = useApolloClient();
  const [create, created] = useMutation(CreateDealDocument);
  const [update, updated] = useMutation(UpdateDealDocument);

  const forget = (related: {
    companyId?: string | number | null;
    primaryContactId?: string | number | null;
    pipelineId?: string | number | null;
  }) => {
    const { cache } = client;
    cache.evict({ fieldName: 'deals' });
    cache.evict({ fieldName: 'crmDashboard' });
    if (related.pipelineId)
      cache.evict({ id: cache.identify({ __typename: 'Pipeline', id: related.pipelineId }), fieldName: 'summary' });
    if (related.companyId)
      cache.evict({ id: cache.identify({ __typename: 'Company', id: related.companyId }), fieldName: 'deals' });
    if (related.primaryContactId)
      cache.evict({ id: cache.identify({ __typename: 'Contact', id: related.primaryContactId }), fieldName: 'deals' });
    cache.gc();
  };

  const save = async (id: string | null, input: CreateDealInput): Promise<DealSaveResult> => {
    try {
      if (id) {
        const { pipelineId: _pipeline, stageId: _stage, ...changes } = input;
        const updateInput: UpdateDealInput = { ...changes, id };
        const { data } = await update({ variables: { input: updateInput } });
        if (!data) return { ok: false, error: describeError(null) };
        forget({ ...input, pipelineId: data.updateDeal.pipeline.id });
        return { ok: true, id: data.updateDeal.id };
      }
      const { data } = await create({ variables: { input } });
      if (!data) return { ok: false, error: describeError(null) };
      forget({ ...input, pipelineId: data.createDeal.pipeline.id });
      return { ok: true, id: data.createDeal.id };
    } catch (e) {
      return { ok: false, error: describeError(e) };
    }
  };

  return { save, saving: created.loading || updated.loading };
}
