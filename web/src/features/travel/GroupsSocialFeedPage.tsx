/**
 * The groups social feed (GroupsSocialFeed): TT-API's social posts, read-only, newest first,
 * with the search and the platform in the URL and the "Travel data unavailable" notice when
 * TT-API is down.
 */
import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import type { TtSocialPlatform } from '../../__generated__/graphql.ts';
import { formatDateTime, formatNumber, humanize } from '../../lib/format.ts';
import { pageArgs, type CursorListParams } from '../../lib/useCursorListParams.ts';
import { GroupsSocialFeedDocument } from './graphql/__generated__/socialFeed.ts';
import { TravelListPage, type ListPage } from './TravelListPage.tsx';
import { statusBadge } from './travelLabels.ts';

const PLATFORMS: readonly TtSocialPlatform[] = ['LINKEDIN', 'INSTAGRAM', 'FACEBOOK', 'X'];

export function GroupsSocialFeedPage() {
  const usePage = (p: CursorListParams<never, TtSocialPlatform>) => {
    const q = useQuery(GroupsSocialFeedDocument, {
      variables: { filter: { search: p.search.trim() || null, platform: p.filter }, ...pageArgs(p.cursor, 25) },
      fetchPolicy: 'cache-and-network',
    });
    const conn = (q.data ?? q.previousData)?.ttSocialPosts;
    const page: ListPage<NonNullable<typeof conn>['nodes'][number]> = {
      rows: conn?.nodes ?? [],
      totalCount: conn?.totalCount ?? 0,
      pageInfo: conn?.pageInfo ?? null,
      loaded: conn != null,
      loading: q.loading,
      error: q.error,
      refetch: q.refetch,
    };
    return page;
  };
  return (
    <TravelListPage
      title="Groups social feed"
      noun={['post', 'posts']}
      searchLabel="Search posts"
      searchPlaceholder="Words in the post"
      filter={{ key: 'platform', label: 'Platform', values: PLATFORMS, all: 'All platforms' }}
      sortFields={[]}
      usePage={usePage}
      testId="social-feed-table"
      intro={
        <p className="page-intro">
          What has been posted and scheduled for group travel, newest first. <Link to="/travel/groups">Groups</Link>
        </p>
      }
      columns={[
        { key: 'body', label: 'Post', cell: (s) => <span>{s.body}</span> },
        { key: 'platform', label: 'Platform', cell: (s) => humanize(s.platform) },
        {
          key: 'status',
          label: 'Status',
          cell: (s) => <span className={statusBadge(s.status)}>{humanize(s.status)}</span>,
        },
        {
          key: 'when',
          label: 'Published or scheduled',
          cell: (s) =>
            s.publishedAt ? formatDateTime(s.publishedAt) : s.scheduledFor ? formatDateTime(s.scheduledFor) : '—',
        },
        { key: 'likes', label: 'Likes', numeric: true, cell: (s) => formatNumber(s.likes) },
        { key: 'impressions', label: 'Impressions', numeric: true, cell: (s) => formatNumber(s.impressions) },
      ]}
    />
  );
}
