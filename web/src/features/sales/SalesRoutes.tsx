import { Navigate, Route, Routes } from 'react-router';
import { NotFoundPage } from '../../app/NotFoundPage.tsx';
import { MeetingsPage } from './MeetingsPage.tsx';
import { PlaybookEditorPage } from './PlaybookEditorPage.tsx';
import { PlaybooksPage } from './PlaybooksPage.tsx';
import { ProductEditorPage } from './ProductEditorPage.tsx';
import { ProductsPage } from './ProductsPage.tsx';
import { QuoteBuilderPage } from './QuoteBuilderPage.tsx';
import { QuoteTemplatesPage } from './QuoteTemplatesPage.tsx';
import { QuotesPage } from './QuotesPage.tsx';
import { RoutingFormsPage } from './RoutingFormsPage.tsx';
import '../../styles/table.css';
import '../../styles/record.css';

/** Every sales page; loaded as one chunk when someone first opens a /sales address. */
export default function SalesRoutes() {
  return (
    <Routes>
      <Route index element={<Navigate to="quotes" replace />} />
      <Route path="products" element={<ProductsPage />} />
      <Route path="products/new" element={<ProductEditorPage />} />
      <Route path="products/:id" element={<ProductEditorPage />} />
      <Route path="templates" element={<QuoteTemplatesPage />} />
      <Route path="quotes" element={<QuotesPage />} />
      <Route path="quotes/new" element={<QuoteBuilderPage />} />
      <Route path="quotes/:id" element={<QuoteBuilderPage />} />
      <Route path="playbooks" element={<PlaybooksPage />} />
      <Route path="playbooks/new" element={<PlaybookEditorPage />} />
      <Route path="playbooks/:id" element={<PlaybookEditorPage />} />
      <Route path="meetings" element={<MeetingsPage />} />
      <Route path="routing" element={<RoutingFormsPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
