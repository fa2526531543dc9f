import './travel.css';
import { useQuery } from '@apollo/client/react';
import { Link, Route, Routes } from 'react-router';
import { registerPortalArea } from '../area.ts';
import { PortalTripsDocument } from './__generated__/trips.ts';
import { TripPage } from './TripPage.tsx';
import { TripsPage, tripDates } from './TripsPage.tsx';

function TripsArea() {
  return (
    <Routes>
      <Route index element={<TripsPage />} />
      <Route path=":id" element={<TripPage />} />
    </Routes>
  );
}

/** The home page's line about the next trip. */
function NextTrip() {
  const q = useQuery(PortalTripsDocument, { variables: { when: 'UPCOMING' }, fetchPolicy: 'cache-and-network' });
  const next = q.data?.portalTrips?.nodes[0];
  if (!q.data) return null;
  return (
    <section className="panel" data-testid="portal-next-trip">
      <h2 className="panel__title">Next trip</h2>
      {next ? (
        <p>
          <Link to={`/trips/${next.id}`}>{next.name}</Link> <span className="cell-muted">{tripDates(next)}</span>
        </p>
      ) : (
        <p className="empty">No upcoming trips yet.</p>
      )}
    </section>
  );
}

registerPortalArea({ path: 'trips', label: 'Trips', icon: '✈', order: 10, Component: TripsArea, Home: NextTrip });
