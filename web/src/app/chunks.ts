import { preloadable } from '../lib/preloadable.ts';

// One chunk per domain: signing in never downloads the CRM, the CRM never downloads travel.
export const chunks = {
  login: preloadable(() => import('../features/identity/LoginPage.tsx')),
  dashboard: preloadable(() => import('../features/dashboard/DashboardPage.tsx')),
  crm: preloadable(() => import('../features/crm/CrmRoutes.tsx')),
  travel: preloadable(() => import('../features/travel/TravelRoutes.tsx')),
  marketing: preloadable(() => import('../features/marketing/MarketingRoutes.tsx')),
  settings: preloadable(() => import('../features/settings/SettingsRoutes.tsx')),
  reports: preloadable(() => import('../features/reports/ReportsPage.tsx')),
  service: preloadable(() => import('../features/service/ServiceRoutes.tsx')),
  sales: preloadable(() => import('../features/sales/SalesRoutes.tsx')),
  ops: preloadable(() => import('../features/ops/OpsRoutes.tsx')),
  /** The deal board (drag and drop) inside the CRM: the CRM's lists never wait for it. */
  dealBoard: preloadable(() => import('../features/crm/DealBoardPage.tsx').then((m) => ({ default: m.DealBoardPage }))),
};
/**
 * Starts downloading the chunk of the page being opened while the session is still being restored,
 * instead of after: the two waits overlap rather than add up. The sidebar calls it too when a link
 * is pointed at or focused, so the page's code is usually there by the click.
 */
export function preloadChunkFor(pathname: string) {
  const domain = pathname.split('/')[1] ?? '';
  const chunk = domain === '' ? chunks.dashboard : domain in chunks ? chunks[domain as keyof typeof chunks] : null;
  void chunk?.load();
  if (/^\/crm\/deals\/?$/.test(pathname)) void chunks.dealBoard.load();
}
