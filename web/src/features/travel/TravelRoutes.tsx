import { Navigate, Route, Routes } from 'react-router';
import { NotFoundPage } from '../../app/NotFoundPage.tsx';
import { BookingDetailPage } from './BookingDetailPage.tsx';
import { BookingsPage } from './BookingsPage.tsx';
import { CommissionsPage } from './CommissionsPage.tsx';
import { TravelerDetailPage } from './TravelerDetailPage.tsx';
import { TripDetailPage } from './TripDetailPage.tsx';
import { TripsPage } from './TripsPage.tsx';
import '../../styles/table.css';
import '../../styles/record.css';
import '../../styles/dashboard.css';

/** Every travel page; loaded as one chunk when someone first opens a /travel address. */
export default function TravelRoutes() {
  return (
    <Routes>
      <Route index element={<Navigate to="trips" replace />} />
      <Route path="trips" element={<TripsPage />} />
      <Route path="trips/:id" element={<TripDetailPage />} />
      <Route path="bookings" element={<BookingsPage />} />
      <Route path="bookings/:id" element={<BookingDetailPage />} />
      <Route path="commissions" element={<CommissionsPage />} />
      <Route path="travelers/:id" element={<TravelerDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
