/** Group travel, travel alerts, satisfaction scores and the intelligence feed. */
import type {
  QuerySatisfactionScoresArgs, QueryTravelAlertsArgs, QueryTravelGroupsArgs,
} from '../__generated__/resolvers-types.ts';
import type { TtApiClient } from '../tt-api/client.ts';
import {
  addGroupMemberSchema, createGroupSchema, createSatisfactionScoreSchema, createTravelAlertSchema,
  topOpportunitiesQuerySchema, updateGroupSchema, updateTravelAlertSchema,
} from '../tt-api/contract.ts';
import { parseInput } from '@nexus/platform';
import { parseTt, parseUpdate } from './inputs.ts';
import { checkId, filterOf, paging, sortOf, toPage } from './lists.ts';
import { orNull } from './people.service.ts';

export const listTravelGroups = async (tt: TtApiClient, args: QueryTravelGroupsArgs) =>
  toPage(
    await tt.listGroups({ sortBy: 'departureDate', sortOrder: 'asc', ...filterOf(args.filter), ...sortOf(args.sort, 'asc'), ...paging(args) }),
  );
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

export const listTravelAlerts = async (tt: TtApiClient, args: QueryTravelAlertsArgs) =>
  toPage(await tt.listTravelAlerts({ ...filterOf(args.filter), ...sortOf(args.sort, 'desc'), ...paging(args) }));
export const createTravelAlert = (tt: TtApiClient, input: unknown) => tt.createTravelAlert(parseTt(createTravelAlertSchema, input));
export function updateTravelAlert(tt: TtApiClient, input: { id: string }) {
  const { id, changes } = parseUpdate(updateTravelAlertSchema, input);
  return tt.updateTravelAlert(id, changes);
}

export const listSatisfactionScores = async (tt: TtApiClient, args: QuerySatisfactionScoresArgs) =>
  toPage(await tt.listSatisfactionScores({ ...filterOf(args.filter), ...sortOf(args.sort, 'desc'), ...paging(args) }));
export const recordSatisfactionScore = (tt: TtApiClient, input: unknown) =>
  tt.createSatisfactionScore(parseTt(createSatisfactionScoreSchema, input));

export async function topOpportunities(tt: TtApiClient, limit: number | null | undefined) {
  const q = parseInput(topOpportunitiesQuerySchema, { limit: limit ?? 10 }, 'args');
  const res = await tt.getTopOpportunities(q.limit);
  return { nodes: res.data, generatedAt: res.generatedAt };
}
