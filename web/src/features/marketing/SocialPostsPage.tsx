import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { describeError, fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { formatDateTime, formatNumber, humanize } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { pageArgs } from '../../lib/useCursorListParams.ts';
import { CursorPager } from '../../ui/CursorPager.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Field } from '../../ui/Field.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { Loading } from '../../ui/Splash.tsx';
import {
  CreateSocialPostDocument,
  DeleteSocialPostDocument,
  SocialPostsDocument,
} from './graphql/__generated__/marketing.ts';
import { useUrlCursor } from './usePagedQuery.ts';

const PLATFORMS = [
  { value: 'LINKEDIN', label: 'LinkedIn', limit: 3000 },
  { value: 'INSTAGRAM', label: 'Instagram', limit: 2200 },
  { value: 'FACEBOOK', label: 'Facebook', limit: 63206 },
  { value: 'X', label: 'X', limit: 280 },
] as const;
type Platform = (typeof PLATFORMS)[number]['value'];

/** /marketing/social: social posts per platform with their statuses; advisors draft and schedule, managers delete. */
export function SocialPostsPage() {
  useDocumentTitle('Social posts');
  const canCreate = useHasRank('ADVISOR');
  const canDelete = useHasRank('MANAGER');
  const { cursor, onPage } = useUrlCursor();
  const { data, previousData, error, refetch } = useQuery(SocialPostsDocument, {
    variables: pageArgs(cursor, 25),
    fetchPolicy: 'cache-and-network',
  });
  const [create, creating] = useMutation(CreateSocialPostDocument);
  const [remove] = useMutation(DeleteSocialPostDocument);
  const [platform, setPlatform] = useState<Platform>('LINKEDIN');
  const [body, setBody] = useState('');
  const [scheduledFor, setScheduledFor] = useState('');
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const result = (data ?? previousData)?.socialPosts;
  const limit = PLATFORMS.find((p) => p.value === platform)?.limit ?? 0;

  const submit = async () => {
    setProblem(null);
    try {
      await create({
        variables: {
          input: {
            platform,
            body,
            ...(scheduledFor ? { scheduledFor: new Date(scheduledFor).toISOString() } : {}),
          },
        },
      });
      setBody('');
      setScheduledFor('');
      await refetch();
    } catch (err) {
      setProblem(describeError(err));
    }
  };

  return (
    <section aria-labelledby="social-title">
      <header className="page-header">
        <h1 id="social-title">Social posts</h1>
        <p className="page-header__meta">{result ? `${formatNumber(result.totalCount)} posts` : ''}</p>
      </header>
      {canCreate && (
        <form
          className="record-form panel"
          aria-label="New social post"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <FormProblem problem={problem} />
          <Field label="Platform" required>
            {(p) => (
              <select {...p} value={platform} onChange={(e) => setPlatform(e.target.value as Platform)}>
                {PLATFORMS.map((x) => (
                  <option key={x.value} value={x.value}>
                    {x.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            label="Post"
            required
            hint={`${formatNumber(body.length)} of ${formatNumber(limit)} characters`}
            error={fieldMessage(problem, 'body')}
          >
            {(p) => <textarea {...p} rows={4} value={body} onChange={(e) => setBody(e.target.value)} />}
          </Field>
          <Field
            label="Schedule for"
            hint="Empty: keep it as a draft. Without the platform's credentials, Nexus logs what it would have posted."
            error={fieldMessage(problem, 'scheduledFor')}
          >
            {(p) => (
              <input
                {...p}
                type="datetime-local"
                value={scheduledFor}
                onChange={(e) => setScheduledFor(e.target.value)}
              />
            )}
          </Field>
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={creating.loading}>
              {scheduledFor ? 'Schedule post' : 'Save draft'}
            </button>
          </div>
        </form>
      )}
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {!result && !error && <Loading />}
      {result && (
        <>
          <div className="table-frame">
            <table className="data-table" data-testid="social-posts-table">
              <thead>
                <tr>
                  <th scope="col">Platform</th>
                  <th scope="col">Post</th>
                  <th scope="col">Status</th>
                  <th scope="col">Scheduled for</th>
                  <th scope="col">Outcome</th>
                  {canDelete && <th scope="col">Actions</th>}
                </tr>
              </thead>
              <tbody>
                {result.nodes.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">{PLATFORMS.find((x) => x.value === s.platform)?.label ?? s.platform}</th>
                    <td>{s.body}</td>
                    <td>{humanize(s.status)}</td>
                    <td className="nowrap">{s.scheduledFor ? formatDateTime(s.scheduledFor) : '—'}</td>
                    <td>{s.publishNote ?? '—'}</td>
                    {canDelete && (
                      <td>
                        <button
                          type="button"
                          className="button button--ghost"
                          onClick={() => void remove({ variables: { id: s.id } }).then(() => refetch())}
                        >
                          Delete
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <CursorPager
            label="Social post pages"
            noun={['post', 'posts']}
            shown={result.nodes.length}
            totalCount={result.totalCount}
            pageInfo={result.pageInfo}
            onPage={onPage}
          />
        </>
      )}
    </section>
  );
}
