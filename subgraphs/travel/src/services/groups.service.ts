/** Group travel, travel alerts, satisfaction scores and the intelligence feed. */
import type {
  QuerySatisfactionScoresArgs,
  QueryTravelAlertsArgs,
  QueryTravelGroupsArgs,
} from '../__generated__/resolvers-types.ts';
import type { TtApiClient } from '../tt-api/client.ts';
import {
  addGroupMemberSchema,
  createGroupSchema,
  createSatisfactionScoreSchema,
  createTravelAlertSchema,
  topOpportunitiesQuerySchema,
  updateGroupSchema,
  updateTravelAlertSchema,
} from '../tt-api/contract.ts';
import { parseInput } from '@nexus/platform';
import { parseTt, parseUpdate } from './inputs.ts';
import { checkId, filterOf, orderOf, ttConnection } from './lists.ts';
import { orNull } from './people.service.ts';

/** Soonest departure first unless ordered otherwise. */
export function listTravelGroups(tt: TtApiClient, args: QueryTravelGroupsArgs) {
  const query = { ...filterOf(args.filter), ...orderOf(args.orderBy, { sortBy: 'departureDate', sortOrder: 'asc' }) };
  return ttConnection((p) => tt.listGroups({ ...query, ...p }), args);
}
export const getTravelGroup = (tt: TtApiClient, id: string) => orNull(tt.getGroup(checkId(id)));
export const createTravelGroup = (tt: TtApiClient, input: unknown) => tt.createGroup(parseTt(createGroupSchema, input));
export function updateTravelGroup(tt: TtApiClient, input: { id: string }) {
  const { id, changes } = parseUpdate(updateGroupSchema, input);
  return tt.updateGroup(id, changes);
}
export const deleteTravelGroup = async (tt: TtApiClient, id: string) => (await tt.deleteGroup(checkId(id))).id;
export function addTravelGroupMember(tt: TtApiClient, input: { groupId: string }) {
  const { groupId, ...member } = input;
  return tt.addGroupMember(checkId(groupId, 'input.groupId'), parseTt(addGroupMemberSchema, member));
}

export function listTravelAlerts(tt: TtApiClient, args: QueryTravelAlertsArgs) {
  const query = { ...filterOf(args.filter), ...orderOf(args.orderBy, { sortBy: 'startsAt', sortOrder: 'desc' }) };
  return ttConnection((p) => tt.listTravelAlerts({ ...query, ...p }), args);
}
export const createTravelAlert = (tt: TtApiClient, input: unknown) =>
  tt.createTravelAlert(parseTt(createTravelAlertSchema, input));
export function updateTravelAlert(tt: TtApiClient, input: { id: string }) {
  const { id, changes } = parseUpdate(updateTravelAlertSchema, input);
  return tt.updateTravelAlert(id, changes);
}

export function listSatisfactionScores(tt: TtApiClient, args: QuerySatisfactionScoresArgs) {
  const query = { ...filterOf(args.filter), ...orderOf(args.orderBy, { sortBy: 'submittedAt', sortOrder: 'desc' }) };
  return ttConnection((p) => tt.listSatisfactionScores({ ...query, ...p }), args);
}
export const recordSatisfactionScore = (tt: TtApiClient, input: unknown) =>
  tt.createSatisfactionScore(parseTt(createSatisfactionScoreSchema, input));

/** The best `first` suggestions (TT-API's own bound on how many it ranks applies, checked here). */
export async function topOpportunities(tt: TtApiClient, first: number | null | undefined) {
  const limit = parseInput(topOpportunitiesQuerySchema.shape.limit, first ?? 10, 'first');
  const res = await tt.getTopOpportunities(limit);
  return { nodes: res.data, generatedAt: res.generatedAt };
}
