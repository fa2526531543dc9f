import { Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { Splash } from '../ui/Splash.tsx';
import { AppLayout } from './AppLayout.tsx';
import { chunks } from './chunks.ts';
import { NotFoundPage } from './NotFoundPage.tsx';
import { ProtectedRoute } from './ProtectedRoute.tsx';

export { preloadChunkFor } from './chunks.ts';

const LoginPage = chunks.login.Component;
const DashboardPage = chunks.dashboard.Component;
const CrmRoutes = chunks.crm.Component;
const TravelRoutes = chunks.travel.Component;
const MarketingRoutes = chunks.marketing.Component;
const SettingsRoutes = chunks.settings.Component;
const ReportsPage = chunks.reports.Component;
const ServiceRoutes = chunks.service.Component;
const SalesRoutes = chunks.sales.Component;
const OpsRoutes = chunks.ops.Component;

export function App() {
  return (
    <Suspense fallback={<Splash />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route
          element={
            <ProtectedRoute>
              <AppLayout />
            </ProtectedRoute>
          }
        >
          <Route index element={<DashboardPage />} />
          <Route path="crm/*" element={<CrmRoutes />} />
          <Route path="travel/*" element={<TravelRoutes />} />
          <Route path="marketing/*" element={<MarketingRoutes />} />
          <Route path="settings/*" element={<SettingsRoutes />} />
          <Route path="reports" element={<ReportsPage />} />
          <Route path="service/*" element={<ServiceRoutes />} />
          <Route path="sales/*" element={<SalesRoutes />} />
          <Route path="ops/*" element={<OpsRoutes />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
