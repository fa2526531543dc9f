import { Link } from 'react-router';
import { accessIncludes, portalAreas } from '../area.ts';
import { usePortalTitle } from './usePortalTitle.ts';
import { usePortalMe } from './usePortalMe.ts';

/** Home: a greeting, then each area's summary (upcoming trips and their checklist first). */
export function HomePage() {
  usePortalTitle('Your trips');
  const { remembered } = usePortalMe();
  const areas = portalAreas().filter((a) => !a.access || accessIncludes(remembered?.access, a.access));
  const summaries = areas.filter((a) => a.Home);
  return (
    <section className="portal__page" data-testid="portal-home">
      <h1>{remembered ? `Hello, ${remembered.name}` : 'Welcome'}</h1>
      {summaries.map((a) => {
        const Home = a.Home;
        return Home ? <Home key={a.path} /> : null;
      })}
      {summaries.length === 0 && (
        <ul className="portal__cards">
          {areas
            .filter((a) => a.label)
            .map((a) => (
              <li key={a.path}>
                <Link to={`/${a.path}`} className="portal__card">
                  {a.label}
                </Link>
              </li>
            ))}
        </ul>
      )}
    </section>
  );
}
