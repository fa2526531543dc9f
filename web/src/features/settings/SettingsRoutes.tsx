import type { ReactNode } from 'react';
import { Link, Route, Routes } from 'react-router';
import type { Role } from '../../__generated__/graphql.ts';
import { NotFoundPage } from '../../app/NotFoundPage.tsx';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { NotAllowed } from '../../ui/NotAllowed.tsx';
import { ApiKeysPage } from './ApiKeysPage.tsx';
import { AuditLogPage } from './AuditLogPage.tsx';
import { DuplicatesPage } from './DuplicatesPage.tsx';
import { LeadScoringPage } from './LeadScoringPage.tsx';
import { PipelinesSettingsPage } from './PipelinesSettingsPage.tsx';
import { ProfilePage } from './ProfilePage.tsx';
import { UsersPage } from './UsersPage.tsx';
import { WebhooksPage } from '../webhooks/WebhooksPage.tsx';
import '../../styles/table.css';
import '../../styles/settings.css';

const PAGES: { path: string; label: string; minRole: Role; about: string }[] = [
  { path: 'profile', label: 'Profile', minRole: 'VIEWER', about: 'Your name, time zone, password and notifications' },
  {
    path: 'pipelines',
    label: 'Pipelines',
    minRole: 'MANAGER',
    about: 'Stages, their order, probabilities and outcomes',
  },
  {
    path: 'lead-scoring',
    label: 'Lead scoring',
    minRole: 'VIEWER',
    about: 'The rules that add to and take from contacts’ scores',
  },
  {
    path: 'duplicates',
    label: 'Duplicates',
    minRole: 'VIEWER',
    about: 'Likely duplicate contacts and companies; merge them, and undo a merge',
  },
  {
    path: 'users',
    label: 'Users and roles',
    minRole: 'ADMIN',
    about: 'Invite, change roles, deactivate, reset passwords',
  },
  { path: 'api-keys', label: 'API keys', minRole: 'ADMIN', about: 'Keys for integrations: create, revoke, usage, budgets' },
  { path: 'audit', label: 'Audit log', minRole: 'ADMIN', about: 'Who changed what, people and services alike' },
  { path: 'webhooks', label: 'Webhooks', minRole: 'ADMIN', about: 'Signed events to integrators’ endpoints, and their delivery log' },
];

/** A page only for a rank: others see why not (the gateway refuses the data as well). */
function Gate({ min, children }: { min: Role; children: ReactNode }) {
  return useHasRank(min) ? children : <NotAllowed what="open this settings page" />;
}

function SettingsIndex() {
  useDocumentTitle('Settings');
  const isManager = useHasRank('MANAGER');
  const isAdmin = useHasRank('ADMIN');
  const allowed = (r: Role) => r === 'VIEWER' || (r === 'MANAGER' && isManager) || isAdmin;
  return (
    <section aria-labelledby="settings-title">
      <header className="page-header">
        <h1 id="settings-title">Settings</h1>
      </header>
      <ul className="settings-index">
        {PAGES.filter((p) => allowed(p.minRole)).map((p) => (
          <li key={p.path} className="panel">
            <Link to={p.path}>{p.label}</Link>
            <p className="panel__meta">{p.about}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Settings and administration; one chunk, loaded when someone first opens /settings. */
export default function SettingsRoutes() {
  return (
    <Routes>
      <Route index element={<SettingsIndex />} />
      <Route path="profile" element={<ProfilePage />} />
      <Route
        path="pipelines"
        element={
          <Gate min="MANAGER">
            <PipelinesSettingsPage />
          </Gate>
        }
      />
      <Route path="lead-scoring" element={<LeadScoringPage />} />
      <Route path="duplicates" element={<DuplicatesPage />} />
      <Route
        path="users"
        element={
          <Gate min="ADMIN">
            <UsersPage />
          </Gate>
        }
      />
      <Route
        path="api-keys"
        element={
          <Gate min="ADMIN">
            <ApiKeysPage />
          </Gate>
        }
      />
      <Route
        path="webhooks"
        element={
          <Gate min="ADMIN">
            <WebhooksPage />
          </Gate>
        }
      />
      <Route
        path="audit"
        element={
          <Gate min="ADMIN">
            <AuditLogPage />
          </Gate>
        }
      />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
