import { Navigate, Route, Routes } from 'react-router';
import { NotFoundPage } from '../../app/NotFoundPage.tsx';
import { KbArticleEditorPage, KbArticlesPage } from './KbPages.tsx';
import { PreTripFormPage, PreTripFormsPage } from './PreTripFormsPage.tsx';
import { SlaPage } from './SlaPage.tsx';
import { SurveysPage } from './SurveysPage.tsx';
import { TicketDetailPage } from './TicketDetailPage.tsx';
import { TicketsPage } from './TicketsPage.tsx';
import '../../styles/table.css';
import '../../styles/record.css';
import '../../styles/dashboard.css';

/** Every service-desk page; one chunk, loaded when someone first opens a /service address. */
export default function ServiceRoutes() {
  return (
    <Routes>
      <Route index element={<Navigate to="tickets" replace />} />
      <Route path="tickets" element={<TicketsPage />} />
      <Route path="tickets/:id" element={<TicketDetailPage />} />
      <Route path="kb" element={<KbArticlesPage />} />
      <Route path="kb/new" element={<KbArticleEditorPage />} />
      <Route path="kb/:id" element={<KbArticleEditorPage />} />
      <Route path="surveys" element={<SurveysPage />} />
      <Route path="pre-trip" element={<PreTripFormsPage />} />
      <Route path="pre-trip/:id" element={<PreTripFormPage />} />
      <Route path="sla" element={<SlaPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
