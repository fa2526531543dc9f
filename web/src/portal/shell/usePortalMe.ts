import { useEffect } from 'react';
import { useQuery } from '@apollo/client/react';
import type { PortalMeQuery } from '../../__generated__/graphql.ts';
import { PortalMeDocument } from '../account/__generated__/account.ts';
import { usePortalSession } from './session.ts';

export type PortalMe = PortalMeQuery['portalMe'];

const KEY = 'portal:me';

/** The last account seen on this device (name and access level only), for the shell while offline. */
export function rememberedMe(): Pick<PortalMe, 'name' | 'access'> | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Pick<PortalMe, 'name' | 'access'>) : null;
  } catch {
    return null;
  }
}

export const forgetMe = () => {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Private browsing may refuse storage; nothing was kept then.
  }
};

/**
 * The signed-in traveller's account (`portalMe`): page areas read the access level from it to word
 * what they show. While offline, the remembered name and level stand in.
 */
export function usePortalMe() {
  const session = usePortalSession();
  const { data, loading, error, refetch } = useQuery(PortalMeDocument, { skip: session.status !== 'signedIn' });
  const me = data?.portalMe ?? null;
  useEffect(() => {
    if (!me) return;
    try {
      localStorage.setItem(KEY, JSON.stringify({ name: me.name, access: me.access }));
    } catch {
      // Storage refused: the shell simply shows less while offline.
    }
  }, [me]);
  return { me, remembered: me ?? rememberedMe(), loading, error, refetch };
}
