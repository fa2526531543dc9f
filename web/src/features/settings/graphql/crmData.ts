import { graphql } from '../../../__generated__/gql.ts';

/** Lead scoring rules, inactive ones included: a manager turns them back on from here. */
export const LeadScoringRulesDocument = graphql(`
  query LeadScoringRules($filter: LeadScoringRuleFilter, $after: String, $before: String, $first: Int, $last: Int) {
    leadScoringRules(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        id
        name
        description
        ruleType
        category
        criteria
        points
        active
        updatedAt
      }
    }
  }
`);

export const CreateLeadScoringRuleDocument = graphql(`
  mutation CreateLeadScoringRule($input: CreateLeadScoringRuleInput!) {
    createLeadScoringRule(input: $input) {
      id
      name
    }
  }
`);

export const UpdateLeadScoringRuleDocument = graphql(`
  mutation UpdateLeadScoringRule($input: UpdateLeadScoringRuleInput!) {
    updateLeadScoringRule(input: $input) {
      id
      name
      description
      category
      criteria
      points
      active
      updatedAt
    }
  }
`);

export const DeleteLeadScoringRuleDocument = graphql(`
  mutation DeleteLeadScoringRule($id: ID!) {
    deleteLeadScoringRule(id: $id) {
      id
    }
  }
`);

export const RecalculateLeadScoresDocument = graphql(`
  mutation RecalculateLeadScores($input: RecalculateLeadScoresInput!) {
    recalculateLeadScores(input: $input) {
      __typename
    }
  }
`);

export const DuplicateContactsDocument = graphql(`
  query DuplicateContacts($after: String, $before: String, $first: Int, $last: Int) {
    duplicateContacts(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        reasons
        similarity
        first {
          ...DuplicateContactSide
        }
        second {
          ...DuplicateContactSide
        }
      }
    }
  }
  fragment DuplicateContactSide on Contact {
    id
    firstName
    lastName
    email
    phone
    createdAt
    company {
      id
      name
    }
  }
`);

export const DuplicateCompaniesDocument = graphql(`
  query DuplicateCompanies($after: String, $before: String, $first: Int, $last: Int) {
    duplicateCompanies(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        reasons
        similarity
        first {
          ...DuplicateCompanySide
        }
        second {
          ...DuplicateCompanySide
        }
      }
    }
  }
  fragment DuplicateCompanySide on Company {
    id
    name
    domain
    phone
    city
    createdAt
  }
`);

export const MergesDocument = graphql(`
  query Merges($filter: MergeRecordFilter, $after: String, $before: String, $first: Int, $last: Int) {
    merges(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        ...MergeRecordFields
      }
    }
  }
  fragment MergeRecordFields on MergeRecord {
    id
    kind
    mergedAt
    undoableUntil
    undoneAt
    movedActivityCount
    movedDealCount
    movedTaskCount
    movedContactCount
    changedFields
    mergedBy {
      id
      name
    }
    survivorContact {
      id
      firstName
      lastName
    }
    mergedContact {
      id
      firstName
      lastName
    }
    survivorCompany {
      id
      name
    }
    mergedCompany {
      id
      name
    }
  }
`);

export const MergeContactsDocument = graphql(`
  mutation MergeContacts($input: MergeContactsInput!) {
    mergeContacts(input: $input) {
      ...MergeRecordFields
    }
  }
`);

export const MergeCompaniesDocument = graphql(`
  mutation MergeCompanies($input: MergeCompaniesInput!) {
    mergeCompanies(input: $input) {
      ...MergeRecordFields
    }
  }
`);

export const UndoMergeDocument = graphql(`
  mutation UndoMerge($input: UndoMergeInput!) {
    undoMerge(input: $input) {
      ...MergeRecordFields
    }
  }
`);
