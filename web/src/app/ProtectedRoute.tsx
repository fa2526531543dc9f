import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { loginPathFor } from '../lib/safeNextPath.ts';
import { useSession } from '../lib/session.ts';
import { Splash } from '../ui/Splash.tsx';

/**
 * Shows its children to signed-in people only. Everyone else goes to /login?next=<here>, so
 * they come back to the same page; that includes people whose session ends while they work
 * (a refused renewal ends the session, and this re-renders).
 */
export function ProtectedRoute({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'restoring') return <Splash label="Opening Nexus…" />;
  if (session.status === 'signedOut') {
    // Someone who chose to sign out starts afresh rather than being sent back where they were.
    return <Navigate to={session.reason === 'signedOut' ? '/login' : loginPathFor(location)} replace />;
  }
  return children;
}
