import { lazy, Suspense, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { preloadChunkFor } from './chunks.ts';
import { hasRank, ROLE_LABEL } from '../lib/ranks.ts';
import { signOut, useSession } from '../lib/session.ts';
import { GlobalSearch } from '../features/crm/GlobalSearch.tsx';
import { NotificationBell } from '../features/identity/NotificationBell.tsx';
import { useCardTables } from '../ui/cardTables.ts';
import { Splash } from '../ui/Splash.tsx';
import { NAVIGATION } from './navigation.ts';

// Only admins see it: the banner and the operations code it brings load for them alone, after the
// frame, so it never delays anyone's first page.
const HealthBanner = lazy(() =>
  import('../features/ops/HealthBanner.tsx').then((module) => ({ default: module.HealthBanner })),
);

/**
 * The signed-in frame: brand; a header with global search, the notification bell, the person and
 * sign-out; the sidebar by domain, showing only what the person's role may open.
 */
export function AppLayout() {
  const session = useSession();
  const [signingOut, setSigningOut] = useState(false);
  // On narrow screens the sidebar is a drawer; opening a page closes it.
  // Remembers the page it was opened on, so following a link (a new path) closes it.
  const [navOpenOn, setNavOpenOn] = useState<string | null>(null);
  const { pathname } = useLocation();
  const navOpen = navOpenOn === pathname;
  const setNavOpen = (open: boolean) => setNavOpenOn(open ? pathname : null);
  // On a phone every table of records reads as cards, each value under its column's name.
  const main = useRef<HTMLElement>(null);
  useCardTables(main);
  if (session.status !== 'signedIn') return null;
  const { user } = session;

  const groups = NAVIGATION.map((group) => ({
    ...group,
    items: group.items.filter((item) => hasRank(user.role, item.minRole)),
  })).filter((group) => group.items.length > 0);

  const handleSignOut = async () => {
    setSigningOut(true);
    // ProtectedRoute takes the person to /login once the session has ended.
    await signOut();
  };

  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Link to="/" className="app-brand" aria-label="Nexus home">
        <span className="app-brand__mark" aria-hidden="true">
          N
        </span>
        Nexus
      </Link>
      <header className="app-header">
        <button
          type="button"
          className="app-menu-button button button--ghost"
          aria-expanded={navOpen}
          aria-controls="app-sidebar"
          onClick={() => setNavOpen(!navOpen)}
        >
          {navOpen ? 'Close menu' : 'Menu'}
        </button>
        <GlobalSearch />
        <NotificationBell />
        <div className="app-header__person" data-testid="signed-in-person">
          <span className="app-header__name">{user.name}</span>
          <span className="app-header__role">{ROLE_LABEL[user.role]}</span>
        </div>
        <button type="button" className="button button--ghost" onClick={handleSignOut} disabled={signingOut}>
          {signingOut ? 'Signing out…' : 'Sign out'}
        </button>
      </header>
      <nav id="app-sidebar" className={navOpen ? 'app-sidebar app-sidebar--open' : 'app-sidebar'} aria-label="Main">
        {groups.map((group) => (
          <section key={group.domain} className="nav-group" aria-labelledby={`nav-${group.domain}`}>
            <h2 id={`nav-${group.domain}`} className="nav-group__title">
              {group.label}
            </h2>
            <ul>
              {group.items.map((item) => (
                <li key={item.to}>
                  <NavLink
                    to={item.to}
                    end={item.end}
                    className="nav-link"
                    onPointerEnter={() => preloadChunkFor(item.to)}
                    onFocus={() => preloadChunkFor(item.to)}
                  >
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </nav>
      <main ref={main} id="main" className="app-main" tabIndex={-1}>
        {hasRank(user.role, 'ADMIN') && (
          <Suspense fallback={null}>
            <HealthBanner />
          </Suspense>
        )}
        <Suspense fallback={<Splash />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
