import { graphql } from '../../../__generated__/gql.ts';

export const GroupsSocialFeedDocument = graphql(`
  query GroupsSocialFeed($filter: TtSocialPostFilter, $first: Int, $after: String, $last: Int, $before: String) {
    ttSocialPosts(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
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
        likes
        impressions
        createdAt
      }
    }
  }
`);
