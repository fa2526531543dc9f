import { Navigate, Route, Routes } from 'react-router';
import { NotFoundPage } from '../../app/NotFoundPage.tsx';
import { BookingDetailPage } from './BookingDetailPage.tsx';
import { BookingsPage } from './BookingsPage.tsx';
import { CommissionsPage } from './CommissionsPage.tsx';
import { ClientDetailPage, ClientFormPage, GroupDetailPage, SupplierDetailPage } from './DetailPages.tsx';
import { FinanceDashboardPage } from './FinanceDashboardPage.tsx';
import { GroupsSocialFeedPage } from './GroupsSocialFeedPage.tsx';
import { ItineraryBuilderPage } from './ItineraryBuilderPage.tsx';
import {
  ClientsPage,
  GroupsPage,
  InvoicesPage,
  PaymentSchedulesPage,
  SatisfactionPage,
  SuppliersPage,
  TravelAlertsPage,
  TravelersPage,
} from './ListPages.tsx';
import { PassportChangesPage } from './PortalStaffPages.tsx';
import { ReadyToTravelPage } from './ReadyToTravelPage.tsx';
import { StatementDetailPage, StatementsPage } from './StatementsPage.tsx';
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
      <Route path="trips/:id/itinerary" element={<ItineraryBuilderPage />} />
      <Route path="bookings" element={<BookingsPage />} />
      <Route path="bookings/:id" element={<BookingDetailPage />} />
      <Route path="commissions" element={<CommissionsPage />} />
      <Route path="travelers" element={<TravelersPage />} />
      <Route path="travelers/:id" element={<TravelerDetailPage />} />
      <Route path="clients" element={<ClientsPage />} />
      <Route path="clients/new" element={<ClientFormPage />} />
      <Route path="clients/:id" element={<ClientDetailPage />} />
      <Route path="clients/:id/edit" element={<ClientFormPage />} />
      <Route path="suppliers" element={<SuppliersPage />} />
      <Route path="suppliers/:id" element={<SupplierDetailPage />} />
      <Route path="groups" element={<GroupsPage />} />
      <Route path="groups/social" element={<GroupsSocialFeedPage />} />
      <Route path="groups/:id" element={<GroupDetailPage />} />
      <Route path="ready" element={<ReadyToTravelPage />} />
      <Route path="passport-changes" element={<PassportChangesPage />} />
      <Route path="alerts" element={<TravelAlertsPage />} />
      <Route path="satisfaction" element={<SatisfactionPage />} />
      <Route path="finance" element={<FinanceDashboardPage />} />
      <Route path="finance/invoices" element={<InvoicesPage />} />
      <Route path="finance/schedules" element={<PaymentSchedulesPage />} />
      <Route path="finance/statements" element={<StatementsPage />} />
      <Route path="finance/statements/:id" element={<StatementDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
