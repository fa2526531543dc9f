import { useQuery } from '@apollo/client/react';
import { Link, Route, Routes } from 'react-router';
import { registerPortalArea } from '../area.ts';
import { PortalRequestsDocument } from './__generated__/requests.ts';
import { FormPage } from './FormPage.tsx';
import { ProposalPage } from './ProposalPage.tsx';
import { RequestsPage } from './RequestsPage.tsx';
import { SurveyPage } from './SurveyPage.tsx';
import { NewMessagePage, ThreadPage } from './ThreadPage.tsx';
import './requests.css';

function RequestsArea() {
  return (
    <Routes>
      <Route index element={<RequestsPage />} />
      <Route path="proposals/:id" element={<ProposalPage />} />
      <Route path="surveys/:id" element={<SurveyPage />} />
      <Route path="forms/:id" element={<FormPage />} />
      <Route path="messages/new" element={<NewMessagePage />} />
      <Route path="messages/:id" element={<ThreadPage />} />
    </Routes>
  );
}

/** The home page's line about what waits for the traveller. */
function Waiting() {
  const q = useQuery(PortalRequestsDocument, { fetchPolicy: 'cache-and-network' });
  if (!q.data) return null;
  const proposals = (q.data.portalProposals?.nodes ?? []).filter((p) => p.status === 'AWAITING_YOU').length;
  const forms = (q.data.portalPreTripForms?.nodes ?? []).filter((f) => !f.done).length;
  const surveys = (q.data.portalSurveys?.nodes ?? []).filter((s) => !s.respondedAt).length;
  const replies = (q.data.portalThreads?.nodes ?? []).filter((t) => t.status === 'AWAITING_YOU').length;
  const items = [
    [proposals, 'proposal to answer', 'proposals to answer'],
    [forms, 'form to complete', 'forms to complete'],
    [surveys, 'survey to fill in', 'surveys to fill in'],
    [replies, 'reply waiting for you', 'replies waiting for you'],
  ] as const;
  const waiting = items.filter(([n]) => n > 0);
  return (
    <section className="panel" data-testid="portal-requests-waiting">
      <h2 className="panel__title">Waiting for you</h2>
      {waiting.length === 0 ? (
        <p className="empty">Nothing right now.</p>
      ) : (
        <ul className="plain-list">
          {waiting.map(([n, one, many]) => (
            <li key={one}>
              <Link to="/requests">
                {n} {n === 1 ? one : many}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

registerPortalArea({
  path: 'requests',
  label: 'Requests',
  icon: '✉',
  order: 40,
  Component: RequestsArea,
  Home: Waiting,
});
