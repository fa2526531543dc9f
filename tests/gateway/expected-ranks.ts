/**
 * The minimum role for every root field of the supergraph, written out by hand from the original
 * system's role semantics, so a rank that drifts in a schema fails the rank matrix. `PUBLIC` means
 * anyone, signed in or not. Every root field must be listed, and nothing else.
 */
import { SUBGRAPHS, type SubgraphName } from '../../subgraphs/registry.ts';
import { travelExpectedRanks } from '../travel/expected-ranks.ts';

export const PUBLIC = 'PUBLIC';
export type ExpectedRank = 'PUBLIC' | 'VIEWER' | 'AGENT' | 'ADVISOR' | 'MANAGER' | 'ADMIN';

/**
 * Root-field ranks per registered subgraph (subgraphs/registry.ts): a subgraph added to the
 * registry fails the typecheck until its root fields are listed here.
 */
const bySubgraph: Record<SubgraphName, Record<string, ExpectedRank>> = {
  identity: {
    'Query.me': 'VIEWER',
    'Query.user': 'VIEWER',
    'Query.users': 'VIEWER',
    'Query.apiKeys': 'ADMIN',
    'Query.notifications': 'VIEWER',
    'Query.notification': 'VIEWER',
    'Query.unreadNotificationCount': 'VIEWER',
    'Query.auditLog': 'ADMIN',
    'Mutation.login': 'PUBLIC',
    'Mutation.refreshSession': 'PUBLIC',
    'Mutation.logout': 'PUBLIC',
    'Mutation.createUser': 'ADMIN',
    'Mutation.changeUserRole': 'ADMIN',
    'Mutation.deactivateUser': 'ADMIN',
    'Mutation.reactivateUser': 'ADMIN',
    'Mutation.resetUserPassword': 'ADMIN',
    'Mutation.createApiKey': 'ADMIN',
    'Mutation.revokeApiKey': 'ADMIN',
    'Mutation.markNotificationRead': 'VIEWER',
    'Mutation.markAllNotificationsRead': 'VIEWER',
    'Mutation.recordServiceWrite': 'ADMIN',
    'Subscription.notificationAdded': 'VIEWER',
  },
  crm: {
    'Query.contacts': 'VIEWER',
    'Query.contact': 'VIEWER',
    'Query.companies': 'VIEWER',
    'Query.company': 'VIEWER',
    'Mutation.createContact': 'AGENT',
    'Mutation.updateContact': 'ADVISOR',
    'Mutation.deleteContact': 'MANAGER',
    'Mutation.createCompany': 'ADVISOR',
    'Mutation.updateCompany': 'ADVISOR',
    'Mutation.deleteCompany': 'MANAGER',
    'Subscription.contactChanged': 'VIEWER',
    // crm: pipelines, deals, activities, tasks, lead scoring, search, duplicates, dashboard.
    // Everyone reads; agents log activities and manage their own tasks; advisors work deals;
    // managers configure pipelines and scoring, delete, merge, and see the merge audit.
    'Query.pipelines': 'VIEWER',
    'Query.pipeline': 'VIEWER',
    'Query.deals': 'VIEWER',
    'Query.deal': 'VIEWER',
    'Query.activities': 'VIEWER',
    'Query.activity': 'VIEWER',
    'Query.tasks': 'VIEWER',
    'Query.task': 'VIEWER',
    'Query.leadScoringRules': 'VIEWER',
    'Query.leadScoringRule': 'VIEWER',
    'Query.search': 'VIEWER',
    'Query.duplicateContacts': 'VIEWER',
    'Query.duplicateCompanies': 'VIEWER',
    'Query.merges': 'MANAGER',
    'Query.crmDashboard': 'VIEWER',
    'Mutation.createPipeline': 'MANAGER',
    'Mutation.updatePipeline': 'MANAGER',
    'Mutation.deletePipeline': 'MANAGER',
    'Mutation.createPipelineStage': 'MANAGER',
    'Mutation.updatePipelineStage': 'MANAGER',
    'Mutation.reorderPipelineStages': 'MANAGER',
    'Mutation.deletePipelineStage': 'MANAGER',
    'Mutation.createDeal': 'ADVISOR',
    'Mutation.updateDeal': 'ADVISOR',
    'Mutation.moveDeal': 'ADVISOR',
    'Mutation.closeDeal': 'ADVISOR',
    'Mutation.deleteDeal': 'MANAGER',
    'Mutation.logActivity': 'AGENT',
    'Mutation.updateActivity': 'AGENT',
    'Mutation.deleteActivity': 'MANAGER',
    'Mutation.createTask': 'AGENT',
    'Mutation.updateTask': 'AGENT',
    'Mutation.bulkUpdateTasks': 'AGENT',
    'Mutation.deleteTask': 'MANAGER',
    'Mutation.createLeadScoringRule': 'MANAGER',
    'Mutation.updateLeadScoringRule': 'MANAGER',
    'Mutation.deleteLeadScoringRule': 'MANAGER',
    'Mutation.recalculateLeadScores': 'MANAGER',
    'Mutation.mergeContacts': 'MANAGER',
    'Mutation.mergeCompanies': 'MANAGER',
    'Mutation.undoMerge': 'MANAGER',
    // The TT-API sync (the gateway's /api/internal routes run these as an admin-rank service).
    'Mutation.syncTtContacts': 'ADMIN',
    'Mutation.syncTtDeals': 'ADMIN',
    'Subscription.dealChanged': 'VIEWER',
  },
  // travel (listed in tests/travel/expected-ranks.ts)
  travel: travelExpectedRanks,
  marketing: {
    'Query.marketingNotes': 'VIEWER',
    'Query.marketingNote': 'VIEWER',
    'Mutation.createMarketingNote': 'ADVISOR',
  },
  sales: {
    'Query.salesNotes': 'VIEWER',
    'Query.salesNote': 'VIEWER',
    'Mutation.createSalesNote': 'ADVISOR',
  },
  service: {
    'Query.serviceNotes': 'VIEWER',
    'Query.serviceNote': 'VIEWER',
    'Mutation.createServiceNote': 'ADVISOR',
  },
};

export const expectedRanks: Record<string, ExpectedRank> = Object.assign(
  {},
  ...SUBGRAPHS.map((s) => bySubgraph[s.name]),
);
