import { Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Splash } from '../ui/Splash.tsx';
import { AccountPage } from './account/AccountPage.tsx';
import { ConfirmPage } from './account/ConfirmPage.tsx';
import { SignInPage } from './account/SignInPage.tsx';
import { portalAreas } from './routes.tsx';
import { HomePage } from './shell/HomePage.tsx';
import { PortalLayout } from './shell/PortalLayout.tsx';
import { usePortalSession } from './shell/session.ts';

/** Pages behind sign-in; offline, they show what this device kept. */
function SignedIn({ children }: { children: ReactNode }) {
  const session = usePortalSession();
  const location = useLocation();
  if (session.status === 'restoring') return <Splash />;
  if (session.status === 'signedOut') {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`} replace />;
  }
  return <>{children}</>;
}

/** The client portal at `/portal` (the router's basename): sign-in pages, then the areas. */
export function PortalApp() {
  return (
    <Suspense fallback={<Splash />}>
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/confirm" element={<ConfirmPage />} />
        <Route
          element={
            <SignedIn>
              <PortalLayout />
            </SignedIn>
          }
        >
          <Route index element={<HomePage />} />
          <Route path="account" element={<AccountPage />} />
          {portalAreas().map((area) => (
            <Route key={area.path} path={`${area.path}/*`} element={<area.Component />} />
          ))}
          <Route path="*" element={<Navigate to="/" replace />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
