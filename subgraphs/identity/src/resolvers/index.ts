import { scalarResolvers } from '@nexus/platform';
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { ApiKey } from './api-key.ts';
import { AuditEntry } from './audit-entry.ts';
import { Mutation } from './mutation.ts';
import { PortalMe, PortalMutation, PortalQuery, TravelerAccount } from './portal.ts';
import { Query } from './query.ts';
import { User } from './user.ts';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query: { ...Query, ...PortalQuery },
  Mutation: { ...Mutation, ...PortalMutation },
  User,
  ApiKey,
  AuditEntry,
  TravelerAccount,
  PortalMe,
};
