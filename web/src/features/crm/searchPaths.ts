import type { SearchKind } from '../../__generated__/graphql.ts';
import { TICKET_KIND_LABEL, TICKET_RECORD_PATH } from '../service/useTicketSearch.ts';
import { TRAVEL_KIND_LABEL, TRAVEL_RECORD_PATH } from '../travel/useTravelSearch.ts';

/** Every kind of header-search hit: CRM's, travel's and the service desk's tickets. */
type HitKind = SearchKind | keyof typeof TRAVEL_RECORD_PATH | keyof typeof TICKET_RECORD_PATH;

/** Where a search hit (or any CRM record) lives in the app. */
export const RECORD_PATH: Record<HitKind, (id: string) => string> = {
  ...TRAVEL_RECORD_PATH,
  ...TICKET_RECORD_PATH,
  CONTACT: (id) => `/crm/contacts/${id}`,
  COMPANY: (id) => `/crm/companies/${id}`,
  DEAL: (id) => `/crm/deals/${id}`,
};

export const KIND_LABEL: Record<HitKind, string> = {
  ...TRAVEL_KIND_LABEL,
  ...TICKET_KIND_LABEL,
  CONTACT: 'Contact',
  COMPANY: 'Company',
  DEAL: 'Deal',
};
