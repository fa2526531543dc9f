import type { Role } from '../__generated__/graphql.ts';

/** The same ladder the gateway enforces; the UI only uses it to hide what a role cannot open. */
export const RANK: Record<Role, number> = { VIEWER: 0, AGENT: 1, ADVISOR: 2, MANAGER: 3, ADMIN: 4 };

export const ROLE_LABEL: Record<Role, string> = {
  ADMIN: 'Admin',
  MANAGER: 'Manager',
  ADVISOR: 'Advisor',
  AGENT: 'Agent',
  VIEWER: 'Viewer',
};

export const hasRank = (role: Role, min: Role): boolean => RANK[role] >= RANK[min];
