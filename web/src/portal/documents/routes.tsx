import '../trips/travel.css';
import { registerPortalArea } from '../area.ts';
import { DocumentsPage } from './DocumentsPage.tsx';

registerPortalArea({ path: 'documents', label: 'Documents', icon: '▤', order: 20, Component: DocumentsPage });
