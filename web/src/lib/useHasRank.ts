import type { Role } from '../__generated__/graphql.ts';
import { hasRank } from './ranks.ts';
import { useSession } from './session.ts';

/**
 * Whether the signed-in person's role reaches `min`. Only decides what the UI offers; the gateway
 * refuses the same operations on its own, so a hidden control is never the only guard.
 */
export function useHasRank(min: Role): boolean {
  const session = useSession();
  return session.status === 'signedIn' && hasRank(session.user.role, min);
}

/** The signed-in person, or null while there is none. */
export function useCurrentUser() {
  const session = useSession();
  return session.status === 'signedIn' ? session.user : null;
}
