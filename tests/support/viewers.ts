import type { GraphQLFormattedError } from 'graphql';
import { DEMO_USERS, anonymousViewer, viewerFor, type Role } from '@nexus/platform';

/** What an in-process operation answers, as a client would see it. */
export interface Result<T> {
  data?: T | null;
  errors?: readonly GraphQLFormattedError[];
}

const demo = (role: Role) => {
  const user = DEMO_USERS.find((u) => u.role === role);
  if (!user) throw new Error(`no demo user with role ${role}`);
  return user;
};

/** The demo staff member of each role, as a viewer. */
export const as = {
  admin: viewerFor(demo('ADMIN').id, 'ADMIN'),
  manager: viewerFor(demo('MANAGER').id, 'MANAGER'),
  advisor: viewerFor(demo('ADVISOR').id, 'ADVISOR'),
  agent: viewerFor(demo('AGENT').id, 'AGENT'),
  viewer: viewerFor(demo('VIEWER').id, 'VIEWER'),
  anonymous: anonymousViewer(),
};
