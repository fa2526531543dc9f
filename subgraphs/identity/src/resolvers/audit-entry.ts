import type { AuditEntryResolvers } from '../__generated__/resolvers-types.ts';

export const AuditEntry: AuditEntryResolvers = {
  actor: (entry, _args, ctx) => (entry.actorId ? ctx.loaders.user.load(entry.actorId) : null),
};
