import { useMutation } from '@apollo/client/react';
import type { CreateContactInput } from '../../__generated__/graphql.ts';
import { describeError, type DescribedError } from '../../lib/errors.ts';
import { CreateContactDocument } from './graphql/__generated__/createContact.ts';
import { UpdateContactDocument } from './graphql/__generated__/updateContact.ts';

export type SaveResult = { ok: true; id: string } | { ok: false; error: DescribedError };

/** Creates or updates a contact; refused input comes back described, field by field. */
export function useSaveContact() {
  const [create, created] = useMutation(CreateContactDocument, {
    // A new contact changes every list and count it could appear in.
    update: (cache) => {
      cache.evict({ fieldName: 'contacts' });
      cache.evict({ fieldName: 'crmDashboard' });
      cache.gc();
    },
  });
  const [update, updated] = useMutation(UpdateContactDocument);

  /** With an id, updates that contact (blank fields clear); without, creates one. */
  const save = async (id: string | null, input: CreateContactInput): Promise<SaveResult> => {
    try {
      if (id) {
        const { data } = await update({ variables: { input: { ...input, id } } });
        return data ? { ok: true, id: data.updateContact.id } : { ok: false, error: describeError(null) };
      }
      const { data } = await create({ variables: { input } });
      return data ? { ok: true, id: data.createContact.id } : { ok: false, error: describeError(null) };
    } catch (e) {
      return { ok: false, error: describeError(e) };
    }
  };

  return { save, saving: created.loading || updated.loading };
}
