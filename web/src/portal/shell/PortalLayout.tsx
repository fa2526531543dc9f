import { NavLink, Outlet } from 'react-router';
import { accessIncludes, portalAreas } from '../area.ts';
import { usePortalSession } from './session.ts';
import { usePortalMe } from './usePortalMe.ts';

/**
 * The portal's frame, phone first: a header with the traveller's name, the page, and a tab bar
 * of the areas their access level opens (at the bottom on phones, under the header on wide screens).
 */
export function PortalLayout() {
  const session = usePortalSession();
  const { remembered } = usePortalMe();
  const areas = portalAreas().filter((a) => a.label && (!a.access || accessIncludes(remembered?.access, a.access)));
  return (
    <div className="portal">
      <header className="portal__header">
        <NavLink to="/" className="portal__brand" end>
          Travel Tamers
        </NavLink>
        <NavLink to="/account" className="portal__who" data-testid="portal-account-link">
          {remembered?.name ?? 'Account'}
        </NavLink>
      </header>
      {session.status === 'offline' && (
        <p className="portal__offline" role="status" data-testid="portal-offline">
          You are offline: showing what this phone kept. It updates when you are back online.
        </p>
      )}
      <main className="portal__main">
        <Outlet />
      </main>
      <nav className="portal__tabs" aria-label="Portal">
        <NavLink to="/" end className="portal__tab">
          <span aria-hidden="true">⌂</span> Home
        </NavLink>
        {areas.map((a) => (
          <NavLink key={a.path} to={`/${a.path}`} className="portal__tab">
            {a.icon && <span aria-hidden="true">{a.icon}</span>} {a.label}
          </NavLink>
        ))}
        <NavLink to="/account" className="portal__tab">
          <span aria-hidden="true">☺</span> Account
        </NavLink>
      </nav>
    </div>
  );
}
