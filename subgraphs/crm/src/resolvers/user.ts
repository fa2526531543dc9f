import { parseInput, zPaging } from '@nexus/platform';
import type { UserResolvers } from '../__generated__/resolvers-types.ts';
import { userRef } from '../entities/index.ts';
import { lazyPage } from '../services/pages.ts';

/** Users belong to identity; the CRM only knows their ids and adds what they own. */
export const User: UserResolvers = {
  __resolveReference: (ref) => userRef(ref.id),
  contacts: (user, { limit }, ctx) => {
    const { limit: max } = parseInput(zPaging.pick({ limit: true }), { limit }, 'args');
    return lazyPage(
      () => ctx.loaders.contactsOfOwner.load({ parentId: user.id, limit: max }),
      () => ctx.loaders.contactCountOfOwner.load(user.id),
    );
  },
};
