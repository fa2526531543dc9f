import { graphql } from '../../../__generated__/gql.ts';

export const UpdateGroupMemberDocument = graphql(`
  mutation UpdateTravelGroupMember($input: UpdateTravelGroupMemberInput!) {
    updateTravelGroupMember(input: $input) {
      id
      role
      depositPaid
      depositPaidAt
    }
  }
`);

export const RemoveGroupMemberDocument = graphql(`
  mutation RemoveTravelGroupMember($groupId: ID!, $memberId: ID!) {
    removeTravelGroupMember(groupId: $groupId, memberId: $memberId)
  }
`);

export const CreateGroupMilestoneDocument = graphql(`
  mutation CreateTravelGroupMilestone($input: CreateTravelGroupMilestoneInput!) {
    createTravelGroupMilestone(input: $input) {
      id
      title
      dueDate
      completedAt
    }
  }
`);

export const CompleteGroupMilestoneDocument = graphql(`
  mutation CompleteTravelGroupMilestone($groupId: ID!, $milestoneId: ID!, $completed: Boolean) {
    completeTravelGroupMilestone(groupId: $groupId, milestoneId: $milestoneId, completed: $completed) {
      id
      completedAt
    }
  }
`);

export const RemoveGroupMilestoneDocument = graphql(`
  mutation RemoveTravelGroupMilestone($groupId: ID!, $milestoneId: ID!) {
    removeTravelGroupMilestone(groupId: $groupId, milestoneId: $milestoneId)
  }
`);

export const CreateVendorRuleDocument = graphql(`
  mutation CreateVendorCommissionRule($input: CreateVendorCommissionRuleInput!) {
    createVendorCommissionRule(input: $input) {
      id
    }
  }
`);

export const RemoveVendorRuleDocument = graphql(`
  mutation RemoveVendorCommissionRule($vendorId: ID!, $ruleId: ID!) {
    removeVendorCommissionRule(vendorId: $vendorId, ruleId: $ruleId)
  }
`);

export const CreateVendorContractDocument = graphql(`
  mutation CreateVendorContract($input: CreateVendorContractInput!) {
    createVendorContract(input: $input) {
      id
    }
  }
`);

export const RemoveVendorContractDocument = graphql(`
  mutation RemoveVendorContract($vendorId: ID!, $contractId: ID!) {
    removeVendorContract(vendorId: $vendorId, contractId: $contractId)
  }
`);
