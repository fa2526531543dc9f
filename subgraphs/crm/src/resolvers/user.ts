import type { UserResolvers } from '../__generated__/resolvers-types.ts';
import { userRef } from '../entities/index.ts';
import { childPage } from '../loaders.ts';

/** Users belong to identity; the CRM only knows their ids and adds what they own. */
export const User: UserResolvers = {
  __resolveReference: (ref) => userRef(ref.id),
  contacts: (user, args, ctx) => childPage(ctx.loaders.contactsOfOwner, user.id, args),
};
