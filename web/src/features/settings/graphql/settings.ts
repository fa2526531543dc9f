import { graphql } from '../../../__generated__/gql.ts';

/** Integrator API keys, revoked ones included so an admin sees what was turned off and when. */
export const ApiKeysDocument = graphql(`
  query ApiKeys($after: String, $before: String, $first: Int, $last: Int) {
    apiKeys(filter: { includeRevoked: true }, first: $first, after: $after, last: $last, before: $before) {
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
        role
        prefix
        expiresAt
        lastUsedAt
        revokedAt
        createdAt
        createdBy {
          id
          name
        }
      }
    }
  }
`);

export const CreateApiKeyDocument = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      secret
      apiKey {
        id
        name
        prefix
      }
    }
  }
`);

export const RevokeApiKeyDocument = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      id
      revokedAt
    }
  }
`);

export const UsersAdminDocument = graphql(`
  query UsersAdmin($filter: UserFilter, $after: String, $before: String, $first: Int, $last: Int) {
    users(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
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
        email
        role
        active
        lastLoginAt
      }
    }
  }
`);

export const CreateUserDocument = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      id
      name
      email
      role
      active
    }
  }
`);

export const ChangeUserRoleDocument = graphql(`
  mutation ChangeUserRole($input: ChangeUserRoleInput!) {
    changeUserRole(input: $input) {
      id
      role
    }
  }
`);

export const DeactivateUserDocument = graphql(`
  mutation DeactivateUser($id: ID!) {
    deactivateUser(id: $id) {
      id
      active
    }
  }
`);

export const ReactivateUserDocument = graphql(`
  mutation ReactivateUser($id: ID!) {
    reactivateUser(id: $id) {
      id
      active
    }
  }
`);

export const ResetUserPasswordDocument = graphql(`
  mutation ResetUserPassword($input: ResetUserPasswordInput!) {
    resetUserPassword(input: $input) {
      id
    }
  }
`);

export const AuditLogDocument = graphql(`
  query AuditLog($filter: AuditFilter, $after: String, $before: String, $first: Int, $last: Int) {
    auditLog(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        id
        action
        actorKind
        actorName
        actor {
          id
          name
        }
        targetType
        targetId
        details
        createdAt
      }
    }
  }
`);

export const PipelineSettingsDocument = graphql(`
  query PipelineSettings {
    pipelines(first: 50) {
      nodes {
        id
        name
        isDefault
        pipelineType
        stages(first: 30) {
          nodes {
            id
            name
            position
            probability
            outcome
          }
        }
      }
    }
  }
`);

export const UpdatePipelineStageDocument = graphql(`
  mutation UpdatePipelineStage($input: UpdatePipelineStageInput!) {
    updatePipelineStage(input: $input) {
      id
      name
      probability
      outcome
    }
  }
`);

export const CreatePipelineStageDocument = graphql(`
  mutation CreatePipelineStage($input: CreatePipelineStageInput!) {
    createPipelineStage(input: $input) {
      id
    }
  }
`);

export const ReorderPipelineStagesDocument = graphql(`
  mutation ReorderPipelineStages($input: ReorderPipelineStagesInput!) {
    reorderPipelineStages(input: $input) {
      id
      stages(first: 30) {
        nodes {
          id
          position
        }
      }
    }
  }
`);

export const DeletePipelineStageDocument = graphql(`
  mutation DeletePipelineStage($input: DeletePipelineStageInput!) {
    deletePipelineStage(input: $input) {
      id
    }
  }
`);

export const MyProfileDocument = graphql(`
  query MyProfile {
    me {
      id
      name
      email
      role
      timeZone
    }
    notificationPreferences {
      mutedTypes
      mutableTypes
    }
  }
`);

export const UpdateProfileDocument = graphql(`
  mutation UpdateProfile($input: UpdateProfileInput!) {
    updateProfile(input: $input) {
      id
      name
      timeZone
    }
  }
`);

export const ChangePasswordDocument = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input)
  }
`);

export const UpdateNotificationPreferencesDocument = graphql(`
  mutation UpdateNotificationPreferences($input: UpdateNotificationPreferencesInput!) {
    updateNotificationPreferences(input: $input) {
      mutedTypes
      mutableTypes
    }
  }
`);
