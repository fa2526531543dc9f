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
      { label: 'Clients', to: '/travel/clients', minRole: 'VIEWER' },
      { label: 'Travelers', to: '/travel/travelers', minRole: 'VIEWER' },
      { label: 'Suppliers', to: '/travel/suppliers', minRole: 'VIEWER' },
      { label: 'Groups', to: '/travel/groups', minRole: 'VIEWER' },
      { label: 'Travel alerts', to: '/travel/alerts', minRole: 'VIEWER' },
      { label: 'Satisfaction', to: '/travel/satisfaction', minRole: 'VIEWER' },
      { label: 'Ready to travel', to: '/travel/ready', minRole: 'ADVISOR' },
      { label: 'Passport updates', to: '/travel/passport-changes', minRole: 'ADVISOR' },
      // Finance figures are managers' and admins' only (the gateway agrees).
      { label: 'Finance', to: '/travel/finance', minRole: 'MANAGER' },
      { label: 'Invoices', to: '/travel/finance/invoices', minRole: 'MANAGER' },
      { label: 'Payment schedules', to: '/travel/finance/schedules', minRole: 'MANAGER' },
      { label: 'Commissions', to: '/travel/commissions', minRole: 'MANAGER' },
    ],
  },
  {
    domain: 'marketing',
    label: 'Marketing',
    items: [
      { label: 'Campaigns', to: '/marketing/campaigns', minRole: 'VIEWER' },
      { label: 'Email templates', to: '/marketing/templates', minRole: 'VIEWER' },
      { label: 'Segments', to: '/marketing/segments', minRole: 'VIEWER' },
      { label: 'Workflows', to: '/marketing/workflows', minRole: 'VIEWER' },
      { label: 'Sequences', to: '/marketing/sequences', minRole: 'VIEWER' },
      { label: 'Social posts', to: '/marketing/social', minRole: 'VIEWER' },
      { label: 'Forms', to: '/marketing/forms', minRole: 'VIEWER' },
      { label: 'Landing pages', to: '/marketing/pages', minRole: 'VIEWER' },
      { label: 'Sending settings', to: '/marketing/settings', minRole: 'VIEWER' },
    ],
  },
  {
    domain: 'sales',
    label: 'Sales',
    items: [
      { label: 'Quotes', to: '/sales/quotes', minRole: 'VIEWER' },
      { label: 'Products', to: '/sales/products', minRole: 'VIEWER' },
      { label: 'Playbooks', to: '/sales/playbooks', minRole: 'VIEWER' },
      { label: 'Meetings', to: '/sales/meetings', minRole: 'VIEWER' },
    ],
  },
  {
    domain: 'service',
    label: 'Service',
    items: [
      { label: 'Tickets', to: '/service/tickets', minRole: 'VIEWER' },
      { label: 'Knowledge base', to: '/service/kb', minRole: 'VIEWER' },
      { label: 'Surveys', to: '/service/surveys', minRole: 'VIEWER' },
      { label: 'Pre-trip forms', to: '/service/pre-trip', minRole: 'VIEWER' },
      { label: 'SLA', to: '/service/sla', minRole: 'VIEWER' },
    ],
  },
  {
    domain: 'ops',
    label: 'Operations',
    // Health for all staff; the ledger and n8n console for managers; queues for admins (the gateway agrees).
    items: [
      { label: 'System health', to: '/ops/health', minRole: 'VIEWER' },
      { label: 'Delivery ledger', to: '/ops/deliveries', minRole: 'MANAGER' },
      { label: 'N8n console', to: '/ops/n8n', minRole: 'MANAGER' },
      { label: 'Slack hub', to: '/ops/slack', minRole: 'MANAGER' },
      { label: 'Queue admin', to: '/ops/queues', minRole: 'ADMIN' },
      { label: 'Analytics', to: '/ops/analytics', minRole: 'MANAGER' },
      { label: 'Integrations', to: '/ops/integrations', minRole: 'ADMIN' },
    ],
  },
  {
    domain: 'reports',
    label: 'Insights',
    // Reports are team oversight: managers and admins (the gateway agrees).
    items: [{ label: 'Reports', to: '/reports', minRole: 'MANAGER' }],
  },
  {
    domain: 'settings',
    label: 'Settings',
    items: [
      { label: 'Profile', to: '/settings/profile', minRole: 'VIEWER' },
      { label: 'Pipelines', to: '/settings/pipelines', minRole: 'MANAGER' },
      // Everyone may read the rules and the likely duplicates; changing and merging is for managers.
      { label: 'Lead scoring', to: '/settings/lead-scoring', minRole: 'VIEWER' },
      { label: 'Duplicates', to: '/settings/duplicates', minRole: 'VIEWER' },
      { label: 'Users and roles', to: '/settings/users', minRole: 'ADMIN' },
      { label: 'API keys', to: '/settings/api-keys', minRole: 'ADMIN' },
      { label: 'Audit log', to: '/settings/audit', minRole: 'ADMIN' },
      { label: 'Webhooks', to: '/settings/webhooks', minRole: 'ADMIN' },
    ],
  },
];
