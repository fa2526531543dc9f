/**
 * Entities other subgraphs own, as travel sees them: federation representations (the key plus the
 * `@requires` fields the gateway fetched from crm) going in, `{ id }` user stubs going out.
 */
export interface ContactRef {
  id?: string;
  ttClientId?: string | null;
  ttTravelerId?: string | null;
}

export interface CompanyRef {
  id?: string;
  ttCompanyId?: string | null;
}

export interface DealRef {
  ttDealId?: string | null;
}

export interface UserRef {
  id: string;
}

export const userRef = (id: string): UserRef => ({ id });
