import type { Role } from '../__generated__/graphql.ts';

export interface NavItem {
  label: string;
  to: string;
  /** Lowest role that may open the page; the gateway enforces the same rank on its data. */
  minRole: Role;
  /** Active only on exactly this path (the dashboard at `/`). */
  end?: boolean;
}

export interface NavGroup {
  /** Matches the folder in src/features/ and the subgraph in subgraphs/. */
  domain: string;
  label: string;
  items: NavItem[];
}

/** The sidebar, grouped by domain. A page appears here when its route exists. */
export const NAVIGATION: readonly NavGroup[] = [
  {
    domain: 'dashboard',
    label: 'Overview',
    items: [{ label: 'Dashboard', to: '/', minRole: 'VIEWER', end: true }],
  },
  {
    domain: 'crm',
    label: 'CRM',
    items: [
      { label: 'Contacts', to: '/crm/contacts', minRole: 'VIEWER' },
      { label: 'Companies', to: '/crm/companies', minRole: 'VIEWER' },
      { label: 'Deals', to: '/crm/deals', minRole: 'VIEWER' },
      { label: 'Tasks', to: '/crm/tasks', minRole: 'VIEWER' },
    ],
  },
  {
    domain: 'travel',
    label: 'Travel',
    items: [
      { label: 'Trips', to: '/travel/trips', minRole: 'VIEWER' },
      { label: 'Bookings', to: '/travel/bookings', minRole: 'VIEWER' },
      // Commission figures are finance data: managers and admins only (the gateway agrees).
      { label: 'Commissions', to: '/travel/commissions', minRole: 'MANAGER' },
    ],
  },
];
