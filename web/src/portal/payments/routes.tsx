import '../trips/travel.css';
import { registerPortalArea } from '../area.ts';
import { PaymentsPage } from './PaymentsPage.tsx';

registerPortalArea({
  path: 'payments',
  label: 'Payments',
  icon: '¤',
  order: 30,
  access: 'PAY_FOR_PARTY',
  Component: PaymentsPage,
});
