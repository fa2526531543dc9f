import { Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { preloadable } from '../lib/preloadable.ts';
import { Splash } from '../ui/Splash.tsx';
import { AppLayout } from './AppLayout.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { ProtectedRoute } from './ProtectedRoute.tsx';

// One chunk per domain: signing in never downloads the CRM, the CRM never downloads travel.
const chunks = {
  login: preloadable(() => import('../features/identity/LoginPage.tsx')),
  dashboard: preloadable(() => import('../features/dashboard/DashboardPage.tsx')),
  crm: preloadable(() => import('../features/crm/CrmRoutes.tsx')),
  travel: preloadable(() => import('../features/travel/TravelRoutes.tsx')),
  marketing: preloadable(() => import('../features/marketing/MarketingRoutes.tsx')),
  settings: preloadable(() => import('../features/settings/SettingsRoutes.tsx')),
  reports: preloadable(() => import('../features/reports/ReportsPage.tsx')),
  service: preloadable(() => import('../features/service/ServiceRoutes.tsx')),
  sales: preloadable(() => import('../features/sales/SalesRoutes.tsx')),
};
const LoginPage = chunks.login.Component;
const DashboardPage = chunks.dashboard.Component;
const CrmRoutes = chunks.crm.Component;
const TravelRoutes = chunks.travel.Component;
const MarketingRoutes = chunks.marketing.Component;
const SettingsRoutes = chunks.settings.Component;
const ReportsPage = chunks.reports.Component;
const ServiceRoutes = chunks.service.Component;
const SalesRoutes = chunks.sales.Component;

/**
 * Starts downloading the chunk of the page being opened while the session is still being restored,
 * instead of after: the two waits overlap rather than add up.
 */
export function preloadChunkFor(pathname: string) {
  const domain = pathname.split('/')[1] ?? '';
  const chunk =
    domain === ''
      ? chunks.dashboard
      : domain === 'crm' || domain === 'travel' || domain === 'marketing' || domain === 'service' || domain === 'login'
        ? chunks[domain]
        : null;
  void chunk?.load();
}

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
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
