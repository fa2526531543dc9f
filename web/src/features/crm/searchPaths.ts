import type { SearchKind } from '../../__generated__/graphql.ts';

/** Where a search hit (or any CRM record) lives in the app. */
export const RECORD_PATH: Record<SearchKind, (id: string) => string> = {
  CONTACT: (id) => `/crm/contacts/${id}`,
  COMPANY: (id) => `/crm/companies/${id}`,
  DEAL: (id) => `/crm/deals/${id}`,
};

export const KIND_LABEL: Record<SearchKind, string> = { CONTACT: 'Contact', COMPANY: 'Company', DEAL: 'Deal' };
