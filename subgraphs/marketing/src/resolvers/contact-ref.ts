import type { AudienceMember } from '../entities/index.ts';

/** A crm contact as marketing resolves it: the id and marketing's projection row, if any. */
export interface ContactRef {
  id: string;
  member: AudienceMember | null;
}
