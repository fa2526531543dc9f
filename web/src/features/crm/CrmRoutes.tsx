import { Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { NotFoundPage } from '../../app/NotFoundPage.tsx';
import { CompaniesPage } from './CompaniesPage.tsx';
import { CompanyDetailPage } from './CompanyDetailPage.tsx';
import { CompanyEditorPage } from './CompanyEditorPage.tsx';
import { ContactDetailPage } from './ContactDetailPage.tsx';
import { ContactEditorPage } from './ContactEditorPage.tsx';
import { ContactsPage } from './ContactsPage.tsx';
import { DealDetailPage } from './DealDetailPage.tsx';
import { DealListPage } from './DealListPage.tsx';
import { SearchResultsPage } from './SearchResultsPage.tsx';
import { TaskDetailPage } from './TaskDetailPage.tsx';
import { TasksPage } from './TasksPage.tsx';
import { chunks } from '../../app/chunks.ts';
import { Loading } from '../../ui/Splash.tsx';
import '../../styles/record.css';

const DealBoardPage = chunks.dealBoard.Component;

/** Every CRM page; loaded as one chunk when someone first opens a /crm address. */
export default function CrmRoutes() {
  return (
    <Routes>
      <Route index element={<Navigate to="contacts" replace />} />
      <Route path="contacts" element={<ContactsPage />} />
      <Route path="contacts/new" element={<ContactEditorPage />} />
      <Route path="contacts/:id" element={<ContactDetailPage />} />
      <Route path="contacts/:id/edit" element={<ContactEditorPage />} />
      <Route path="companies" element={<CompaniesPage />} />
      <Route path="companies/new" element={<CompanyEditorPage />} />
      <Route path="companies/:id" element={<CompanyDetailPage />} />
      <Route path="companies/:id/edit" element={<CompanyEditorPage />} />
      <Route
        path="deals"
        element={
          <Suspense fallback={<Loading label="Loading the board…" />}>
            <DealBoardPage />
          </Suspense>
        }
      />
      <Route path="deals/list" element={<DealListPage />} />
      <Route path="deals/:id" element={<DealDetailPage />} />
      <Route path="tasks" element={<TasksPage />} />
      <Route path="tasks/:id" element={<TaskDetailPage />} />
      <Route path="search" element={<SearchResultsPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
