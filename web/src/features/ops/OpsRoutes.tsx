import type { ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import type { Role } from '../../__generated__/graphql.ts';
import { NotFoundPage } from '../../app/NotFoundPage.tsx';
import { useHasRank } from '../../lib/useHasRank.ts';
import { NotAllowed } from '../../ui/NotAllowed.tsx';
import { AnalyticsPage } from './AnalyticsPage.tsx';
import { DeliveriesPage } from './DeliveriesPage.tsx';
import { IntegrationsPage } from './IntegrationsPage.tsx';
import { N8nConsolePage } from './N8nConsolePage.tsx';
import { QueueAdminPage } from './QueueAdminPage.tsx';
import { SlackHubPage } from './slack/SlackHubPage.tsx';
import { SystemHealthPage } from './SystemHealthPage.tsx';
import '../../styles/table.css';

/** The page, or a refusal for roles below `min` (the gateway refuses their data the same way). */
function Ranked({ min, what, children }: { min: Role; what: string; children: ReactNode }) {
  return useHasRank(min) ? children : <NotAllowed what={what} />;
}

/** Operations hub: health for all staff; the ledger, n8n console and analytics for managers; queues and integrations for admins. */
export default function OpsRoutes() {
  return (
    <Routes>
      <Route path="health" element={<SystemHealthPage />} />
      <Route
        path="deliveries"
        element={
          <Ranked min="MANAGER" what="see the delivery ledger">
            <DeliveriesPage />
          </Ranked>
        }
      />
      <Route
        path="n8n"
        element={
          <Ranked min="MANAGER" what="use the n8n console">
            <N8nConsolePage />
          </Ranked>
        }
      />
      <Route
        path="slack"
        element={
          <Ranked min="MANAGER" what="see the Slack hub">
            <SlackHubPage />
          </Ranked>
        }
      />
      <Route
        path="queues"
        element={
          <Ranked min="ADMIN" what="administer the queues">
            <QueueAdminPage />
          </Ranked>
        }
      />
      <Route
        path="analytics"
        element={
          <Ranked min="MANAGER" what="see the analytics dashboard">
            <AnalyticsPage />
          </Ranked>
        }
      />
      <Route
        path="integrations"
        element={
          <Ranked min="ADMIN" what="see the integrations settings">
            <IntegrationsPage />
          </Ranked>
        }
      />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
