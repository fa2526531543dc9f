import type {
  BookingSyncRunResolvers,
  CommissionReconciliationRunResolvers,
  PassportAlertResolvers,
} from '../__generated__/resolvers-types.ts';
import { known } from '../graphql-enums.ts';
import { userRef } from '../services/refs.ts';
import { documentTypes } from '../tt-api/contract.ts';

export const PassportAlert: PassportAlertResolvers = {
  traveler: (a, _x, ctx) => ctx.loaders.traveler.load(a.travelerId),
  advisor: (a) => userRef(a.advisorUserId),
  documentType: (a) => known(documentTypes, a.documentType, 'other'),
  clientTrip: (a, _x, ctx) => (a.clientTripId ? ctx.loaders.clientTrip.load(a.clientTripId) : null),
};

export const CommissionReconciliationRun: CommissionReconciliationRunResolvers = {
  requestedBy: (r) => (r.requestedByUserId ? userRef(r.requestedByUserId) : null),
};

export const BookingSyncRun: BookingSyncRunResolvers = {
  requestedBy: (r) => (r.requestedByUserId ? userRef(r.requestedByUserId) : null),
};
