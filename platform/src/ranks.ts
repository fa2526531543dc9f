/**
 * Five roles with ranks; higher ranks inherit everything lower ranks may do. An unknown or missing
 * role has rank -1 and is always denied.
 */
export const Role = {
  ADMIN: 'ADMIN',
  MANAGER: 'MANAGER',
  ADVISOR: 'ADVISOR',
  AGENT: 'AGENT',
  VIEWER: 'VIEWER',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

export const ROLES: readonly Role[] = ['ADMIN', 'MANAGER', 'ADVISOR', 'AGENT', 'VIEWER'];

export const RANK_OF: Readonly<Record<Role, number>> = {
  ADMIN: 4,
  MANAGER: 3,
  ADVISOR: 2,
  AGENT: 1,
  VIEWER: 0,
};

export const NO_RANK = -1;

export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && Object.hasOwn(RANK_OF, value);

/** Rank of a role name, case-insensitive; anything unknown is -1. */
export const rankOf = (role: unknown): number => {
  if (typeof role !== 'string') return NO_RANK;
  const upper = role.toUpperCase();
  return isRole(upper) ? RANK_OF[upper] : NO_RANK;
};

export const hasRank = (role: unknown, min: number): boolean => {
  const r = rankOf(role);
  return r >= 0 && r >= min;
};
