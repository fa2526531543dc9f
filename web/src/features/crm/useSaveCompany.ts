import { useMutation } from '@apollo/client/react';
import type { CreateCompanyInput } from '../../__generated__/graphql.ts';
import { describeError } from '../../lib/errors.ts';
import { CreateCompanyDocument } from './graphql/__generated__/createCompany.ts';
import { UpdateCompanyDocument } from './graphql/__generated__/updateCompany.ts';
import type { SaveResult } from './useSaveContact.ts';

/** Creates or updates a company; refused input comes back described, field by field. */
export function useSaveCompany() {
  const [create, created] = useMutation(CreateCompanyDocument, {
    update: (cache) => {
      cache.evict({ fieldName: 'companies' });
      cache.gc();
    },
  });
  const [update, updated] = useMutation(UpdateCompanyDocument);

  /** With an id, updates that company (blank fields clear); without, creates one. */
  const save = async (id: string | null, input: CreateCompanyInput): Promise<SaveResult> => {
    try {
      if (id) {
        const { data } = await update({ variables: { input: { ...input, id } } });
        return data ? { ok: true, id: data.updateCompany.id } : { ok: false, error: describeError(null) };
      }
      const { data } = await create({ variables: { input } });
      return data ? { ok: true, id: data.createCompany.id } : { ok: false, error: describeError(null) };
    } catch (e) {
      return { ok: false, error: describeError(e) };
    }
  };

  return { save, saving: created.loading || updated.loading };
}
