import { Navigate, Route, Routes } from 'react-router';
import { NotFoundPage } from '../../app/NotFoundPage.tsx';
import { CampaignDetailPage } from './CampaignDetailPage.tsx';
import { CampaignWizardPage } from './CampaignWizardPage.tsx';
import { CampaignsPage } from './CampaignsPage.tsx';
import { ContactEmailPage } from './ContactEmailPage.tsx';
import { SegmentBuilderPage } from './SegmentBuilderPage.tsx';
import { SegmentsPage } from './SegmentsPage.tsx';
import { SendingSettingsPage } from './SendingSettingsPage.tsx';
import { SocialPostsPage } from './SocialPostsPage.tsx';
import { TemplateEditorPage } from './TemplateEditorPage.tsx';
import { TemplatesPage } from './TemplatesPage.tsx';
import { FormBuilderPage } from '../forms/FormBuilderPage.tsx';
import { FormSubmissionsPage } from '../forms/FormSubmissionsPage.tsx';
import { FormsPage } from '../forms/FormsPage.tsx';
import { LandingPageBuilderPage } from '../forms/LandingPageBuilderPage.tsx';
import { LandingPagesPage } from '../forms/LandingPagesPage.tsx';
import { SequenceBuilderPage } from '../automation/SequenceBuilderPage.tsx';
import { SequencesPage } from '../automation/SequencesPage.tsx';
import { WorkflowBuilderPage } from '../automation/WorkflowBuilderPage.tsx';
import { WorkflowDetailPage } from '../automation/WorkflowDetailPage.tsx';
import { WorkflowsPage } from '../automation/WorkflowsPage.tsx';
import '../../styles/table.css';
import '../../styles/record.css';
import '../../styles/dashboard.css';

/** Every marketing page; loaded as one chunk when someone first opens a /marketing address. */
export default function MarketingRoutes() {
  return (
    <Routes>
      <Route index element={<Navigate to="campaigns" replace />} />
      <Route path="campaigns" element={<CampaignsPage />} />
      <Route path="campaigns/new" element={<CampaignWizardPage />} />
      <Route path="campaigns/:id" element={<CampaignDetailPage />} />
      <Route path="templates" element={<TemplatesPage />} />
      <Route path="templates/new" element={<TemplateEditorPage />} />
      <Route path="templates/:id" element={<TemplateEditorPage />} />
      <Route path="segments" element={<SegmentsPage />} />
      <Route path="segments/new" element={<SegmentBuilderPage />} />
      <Route path="contacts/:id" element={<ContactEmailPage />} />
      <Route path="settings" element={<SendingSettingsPage />} />
      <Route path="social" element={<SocialPostsPage />} />
      <Route path="forms" element={<FormsPage />} />
      <Route path="forms/new" element={<FormBuilderPage />} />
      <Route path="forms/:id" element={<FormBuilderPage />} />
      <Route path="forms/:id/submissions" element={<FormSubmissionsPage />} />
      <Route path="pages" element={<LandingPagesPage />} />
      <Route path="pages/new" element={<LandingPageBuilderPage />} />
      <Route path="pages/:id" element={<LandingPageBuilderPage />} />
      <Route path="workflows" element={<WorkflowsPage />} />
      <Route path="workflows/new" element={<WorkflowBuilderPage />} />
      <Route path="workflows/:id" element={<WorkflowDetailPage />} />
      <Route path="workflows/:id/edit" element={<WorkflowBuilderPage />} />
      <Route path="sequences" element={<SequencesPage />} />
      <Route path="sequences/new" element={<SequenceBuilderPage />} />
      <Route path="sequences/:id" element={<SequenceBuilderPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
