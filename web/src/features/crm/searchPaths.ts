import type { SearchKind } from '../../__generated__/graphql.ts';
import { TRAVEL_KIND_LABEL, TRAVEL_RECORD_PATH } from '../travel/useTravelSearch.ts';

/** Where a search hit (or any CRM record) lives in the app. */
export const RECORD_PATH: Record<SearchKind | keyof typeof TRAVEL_RECORD_PATH, (id: string) => string> = {
  ...TRAVEL_RECORD_PATH,
  CONTACT: (id) => `/crm/contacts/${id}`,
  COMPANY: (id) => `/crm/companies/${id}`,
  DEAL: (id) => `/crm/deals/${id}`,
};

export const KIND_LABEL: Record<SearchKind | keyof typeof TRAVEL_KIND_LABEL, string> = {
  ...TRAVEL_KIND_LABEL,
  CONTACT: 'Contact',
  COMPANY: 'Company',
  DEAL: 'Deal',
};
