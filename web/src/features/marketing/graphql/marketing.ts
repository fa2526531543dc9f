import { graphql } from '../../../__generated__/gql.ts';

/** Campaigns, newest first, with their counters. */
export const CampaignsDocument = graphql(`
  query Campaigns($filter: CampaignFilter, $first: Int, $after: String, $last: Int, $before: String) {
    campaigns(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
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
        status
        sendAt
        totalRecipients
        totalSent
        createdAt
      }
    }
  }
`);

export const CampaignDocument = graphql(`
  query Campaign($id: ID!) {
    campaign(id: $id) {
      id
      name
      status
      sendAt
      startedAt
      completedAt
      promotional
      testPercent
      winnerVariant
      totalRecipients
      totalSent
      totalFailed
      totalSuppressed
      sendLocalTime
      utm {
        enabled
        source
        medium
        campaign
      }
      template {
        id
        name
      }
      segments(first: 20) {
        nodes {
          id
          name
          memberCount
        }
      }
      variants {
        key
        subject
        percent
      }
      stats {
        variant
        sent
        delivered
        opens
        uniqueOpens
        clicks
        uniqueClicks
        bounces
        complaints
        unsubscribes
      }
    }
  }
`);

export const CreateCampaignDocument = graphql(`
  mutation CreateCampaign($input: CreateCampaignInput!) {
    createCampaign(input: $input) {
      id
    }
  }
`);

export const ScheduleCampaignDocument = graphql(`
  mutation ScheduleCampaign($input: ScheduleCampaignInput!) {
    scheduleCampaign(input: $input) {
      id
      status
      sendAt
    }
  }
`);

export const PauseCampaignDocument = graphql(`
  mutation PauseCampaign($id: ID!) {
    pauseCampaign(id: $id) {
      id
      status
    }
  }
`);

export const ResumeCampaignDocument = graphql(`
  mutation ResumeCampaign($id: ID!) {
    resumeCampaign(id: $id) {
      id
      status
    }
  }
`);

export const CancelCampaignDocument = graphql(`
  mutation CancelCampaign($id: ID!) {
    cancelCampaign(id: $id) {
      id
      status
    }
  }
`);

export const EmailTemplatesDocument = graphql(`
  query EmailTemplates($first: Int, $after: String, $last: Int, $before: String) {
    emailTemplates(first: $first, after: $after, last: $last, before: $before) {
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
        subject
        version
        updatedAt
      }
    }
  }
`);

export const EmailTemplateDocument = graphql(`
  query EmailTemplate($id: ID!) {
    emailTemplate(id: $id) {
      id
      name
      subject
      preheader
      body
      version
    }
    emailMergeVariables
  }
`);

export const MergeVariablesDocument = graphql(`
  query EmailMergeVariables {
    emailMergeVariables
  }
`);

export const EmailPreviewDocument = graphql(`
  query EmailPreview($input: EmailContentInput!) {
    emailPreview(input: $input) {
      subject
      html
      text
    }
  }
`);

export const CreateEmailTemplateDocument = graphql(`
  mutation CreateEmailTemplate($input: CreateEmailTemplateInput!) {
    createEmailTemplate(input: $input) {
      id
    }
  }
`);

export const UpdateEmailTemplateDocument = graphql(`
  mutation UpdateEmailTemplate($input: UpdateEmailTemplateInput!) {
    updateEmailTemplate(input: $input) {
      id
      version
    }
  }
`);

export const SendTestEmailDocument = graphql(`
  mutation SendTestEmail($input: SendTestEmailInput!) {
    sendTestEmail(input: $input)
  }
`);

export const SegmentsDocument = graphql(`
  query Segments($filter: SegmentFilter, $first: Int, $after: String, $last: Int, $before: String) {
    segments(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
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
        kind
        memberCount
        refreshedAt
      }
    }
  }
`);

export const SegmentCountDocument = graphql(`
  query SegmentCount($criteria: JSON!) {
    segmentCount(criteria: $criteria)
  }
`);

export const CreateSegmentDocument = graphql(`
  mutation CreateSegment($input: CreateSegmentInput!) {
    createSegment(input: $input) {
      id
      memberCount
    }
  }
`);

export const ContactEmailDocument = graphql(`
  query ContactEmail($id: ID!) {
    contact(id: $id) {
      id
      firstName
      lastName
      email
      emailStatus
      engagement {
        sends
        opens
        clicks
        lastOpenAt
        lastClickAt
      }
      emailSends(first: 10) {
        totalCount
        nodes {
          id
          subject
          status
          sentAt
          createdAt
        }
      }
    }
  }
`);

export const SendEmailToContactDocument = graphql(`
  mutation SendEmailToContact($input: SendEmailToContactInput!) {
    sendEmailToContact(input: $input)
  }
`);

/** Frequency cap, quiet hours, default time zone and the throttle's warm-up. */
export const MarketingSendingSettingsDocument = graphql(`
  query MarketingSendingSettings {
    marketingSendingSettings {
      frequencyCapCount
      frequencyCapDays
      quietHoursStart
      quietHoursEnd
      defaultTimezone
      warmupStartRate
      warmupStartedOn
      warmupDailyIncreasePercent
      configuredSendRate
      effectiveSendRate
    }
  }
`);

export const UpdateMarketingSendingSettingsDocument = graphql(`
  mutation UpdateMarketingSendingSettings($input: UpdateMarketingSendingSettingsInput!) {
    updateMarketingSendingSettings(input: $input) {
      frequencyCapCount
      frequencyCapDays
      quietHoursStart
      quietHoursEnd
      defaultTimezone
      warmupStartRate
      warmupStartedOn
      warmupDailyIncreasePercent
      configuredSendRate
      effectiveSendRate
    }
  }
`);

/** Social posts, newest first. */
export const SocialPostsDocument = graphql(`
  query SocialPosts($filter: SocialPostFilter, $first: Int, $after: String, $last: Int, $before: String) {
    socialPosts(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        id
        platform
        body
        status
        scheduledFor
        publishedAt
        publishNote
      }
    }
  }
`);

export const CreateSocialPostDocument = graphql(`
  mutation CreateSocialPost($input: CreateSocialPostInput!) {
    createSocialPost(input: $input) {
      id
      status
    }
  }
`);

export const DeleteSocialPostDocument = graphql(`
  mutation DeleteSocialPost($id: ID!) {
    deleteSocialPost(id: $id) {
      id
    }
  }
`);
