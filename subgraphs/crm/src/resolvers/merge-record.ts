import type { MergeRecordResolvers } from '../__generated__/resolvers-types.ts';
import { userRef } from '../entities/index.ts';
import { undoableUntil } from '../services/merges.service.ts';

export const MergeRecord: MergeRecordResolvers = {
  survivorContact: (m, _args, ctx) => (m.kind === 'CONTACT' ? ctx.loaders.contactAny.load(m.survivorId) : null),
  mergedContact: (m, _args, ctx) => (m.kind === 'CONTACT' ? ctx.loaders.contactAny.load(m.mergedId) : null),
  survivorCompany: (m, _args, ctx) => (m.kind === 'COMPANY' ? ctx.loaders.companyAny.load(m.survivorId) : null),
  mergedCompany: (m, _args, ctx) => (m.kind === 'COMPANY' ? ctx.loaders.companyAny.load(m.mergedId) : null),
  mergedBy: (m) => (m.mergedById ? userRef(m.mergedById) : null),
  mergedAt: (m) => m.createdAt,
  undoableUntil: (m) => undoableUntil(m),
  undoneBy: (m) => (m.undoneById ? userRef(m.undoneById) : null),
  movedActivityCount: (m) => m.snapshot.moved.activities.length,
  movedDealCount: (m) => m.snapshot.moved.deals.length,
  movedTaskCount: (m) => m.snapshot.moved.tasks.length,
  movedContactCount: (m) => m.snapshot.moved.contacts.length,
  changedFields: (m) => Object.keys(m.snapshot.after),
};
