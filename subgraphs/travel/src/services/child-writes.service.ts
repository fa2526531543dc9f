/**
 * Writes to rows TT-API nests under a parent: group members and milestones, vendor commission
 * rules and contracts. Inputs are checked against TT-API's contract first (BAD_USER_INPUT naming
 * `input.<field>`, no upstream call); TT-API's own refusals come back as CONFLICT, NOT_FOUND or
 * BAD_USER_INPUT naming the field under `input.` too.
 */
import { ErrorCode, NexusError, badInput, type FieldProblem } from '@nexus/platform';
import type { TtApiClient } from '../tt-api/client.ts';
import {
  createGroupMilestoneSchema,
  createVendorCommissionRuleSchema,
  createVendorContractSchema,
  updateGroupMemberSchema,
  updateGroupMilestoneSchema,
  updateVendorCommissionRuleSchema,
  updateVendorContractSchema,
} from '../tt-api/contract.ts';
import { parseTt } from './inputs.ts';
import { checkId } from './lists.ts';

/** TT-API names a refused field by its JSON name; the graph names it under the mutation's input. */
async function underInput<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (e) {
    if (e instanceof NexusError && e.extensions.code === ErrorCode.BAD_USER_INPUT) {
      const fields = (e.extensions.fields ?? []) as FieldProblem[];
      throw badInput(
        e.message,
        fields.map((f) => ({ ...f, path: f.path ? `input.${f.path}` : 'input' })),
      );
    }
    throw e;
  }
}

type Ids<K extends string> = Record<K, string>;
function split<K extends string>(input: Ids<K> & Record<string, unknown>, keys: readonly K[]) {
  const ids = {} as Ids<K>;
  const rest: Record<string, unknown> = { ...input };
  for (const k of keys) {
    ids[k] = checkId(input[k], `input.${k}`);
    delete rest[k];
  }
  return { ids, rest };
}

export function updateTravelGroupMember(tt: TtApiClient, input: Ids<'groupId' | 'memberId'>) {
  const { ids, rest } = split(input, ['groupId', 'memberId']);
  return underInput(tt.updateGroupMember(ids.groupId, ids.memberId, parseTt(updateGroupMemberSchema, rest)));
}
export const removeTravelGroupMember = async (tt: TtApiClient, groupId: string, memberId: string) =>
  (await tt.removeGroupMember(checkId(groupId, 'groupId'), checkId(memberId, 'memberId'))).id;

export function createTravelGroupMilestone(tt: TtApiClient, input: Ids<'groupId'>) {
  const { ids, rest } = split(input, ['groupId']);
  return underInput(tt.createGroupMilestone(ids.groupId, parseTt(createGroupMilestoneSchema, rest)));
}
export function updateTravelGroupMilestone(tt: TtApiClient, input: Ids<'groupId' | 'milestoneId'>) {
  const { ids, rest } = split(input, ['groupId', 'milestoneId']);
  return underInput(tt.updateGroupMilestone(ids.groupId, ids.milestoneId, parseTt(updateGroupMilestoneSchema, rest)));
}
export const completeTravelGroupMilestone = (
  tt: TtApiClient,
  groupId: string,
  milestoneId: string,
  completed: boolean | null | undefined,
) =>
  tt.updateGroupMilestone(checkId(groupId, 'groupId'), checkId(milestoneId, 'milestoneId'), {
    completed: completed ?? true,
  });
export const removeTravelGroupMilestone = async (tt: TtApiClient, groupId: string, milestoneId: string) =>
  (await tt.removeGroupMilestone(checkId(groupId, 'groupId'), checkId(milestoneId, 'milestoneId'))).id;

export function createVendorCommissionRule(tt: TtApiClient, input: Ids<'vendorId'>) {
  const { ids, rest } = split(input, ['vendorId']);
  return underInput(tt.createVendorCommissionRule(ids.vendorId, parseTt(createVendorCommissionRuleSchema, rest)));
}
export function updateVendorCommissionRule(tt: TtApiClient, input: Ids<'vendorId' | 'ruleId'>) {
  const { ids, rest } = split(input, ['vendorId', 'ruleId']);
  return underInput(
    tt.updateVendorCommissionRule(ids.vendorId, ids.ruleId, parseTt(updateVendorCommissionRuleSchema, rest)),
  );
}
export const removeVendorCommissionRule = async (tt: TtApiClient, vendorId: string, ruleId: string) =>
  (await tt.removeVendorCommissionRule(checkId(vendorId, 'vendorId'), checkId(ruleId, 'ruleId'))).id;

export function createVendorContract(tt: TtApiClient, input: Ids<'vendorId'>) {
  const { ids, rest } = split(input, ['vendorId']);
  return underInput(tt.createVendorContract(ids.vendorId, parseTt(createVendorContractSchema, rest)));
}
export function updateVendorContract(tt: TtApiClient, input: Ids<'vendorId' | 'contractId'>) {
  const { ids, rest } = split(input, ['vendorId', 'contractId']);
  return underInput(tt.updateVendorContract(ids.vendorId, ids.contractId, parseTt(updateVendorContractSchema, rest)));
}
export const removeVendorContract = async (tt: TtApiClient, vendorId: string, contractId: string) =>
  (await tt.removeVendorContract(checkId(vendorId, 'vendorId'), checkId(contractId, 'contractId'))).id;
