import { useQuery } from '@apollo/client/react';
import { Link, useParams } from 'react-router';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { pageArgs } from '../../lib/useCursorListParams.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { CursorPager } from '../../ui/CursorPager.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { RecordMissing } from '../../ui/RecordMissing.tsx';
import { Loading } from '../../ui/Splash.tsx';
import { useUrlCursor } from '../marketing/usePagedQuery.ts';
import { FormSubmissionsDocument } from './graphql/__generated__/forms.ts';

/** /marketing/forms/:id/submissions: accepted submissions, newest first, each with its contact. */
export function FormSubmissionsPage() {
  const { id = '' } = useParams();
  const { cursor, onPage } = useUrlCursor();
  const { data, previousData, error, loading, refetch } = useQuery(FormSubmissionsDocument, {
    variables: { id, ...pageArgs(cursor, 25) },
    fetchPolicy: 'cache-and-network',
  });
  const form = (data ?? previousData)?.form;
  useDocumentTitle(form ? `Submissions: ${form.name}` : 'Submissions');
  if (error) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  if (!form && loading) return <Loading />;
  if (!form) return <RecordMissing kind="form" listPath="/marketing/forms" listLabel="forms" />;
  const result = form.submissions;
  return (
    <section aria-labelledby="submissions-title">
      <header className="page-header">
        <h1 id="submissions-title">Submissions: {form.name}</h1>
        <p className="page-header__meta">
          {result ? `${formatNumber(result.totalCount)} submissions` : ''} ·{' '}
          <Link to={`/marketing/forms/${form.id}`}>Edit form</Link>
        </p>
      </header>
      {result && (
        <>
          <div className="table-frame" aria-busy={loading}>
            <table className="data-table" data-testid="submissions-table">
              <thead>
                <tr>
                  <th scope="col">Email</th>
                  <th scope="col">Submitted</th>
                  <th scope="col">Answers</th>
                  <th scope="col">Consent</th>
                  <th scope="col">Source</th>
                  <th scope="col">Landing page</th>
                </tr>
              </thead>
              <tbody>
                {result.nodes.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">
                      {s.contact ? <Link to={`/crm/contacts/${s.contact.id}`}>{s.email}</Link> : s.email}
                    </th>
                    <td className="nowrap">{formatDateTime(s.submittedAt)}</td>
                    <td>
                      {s.answers
                        .filter((a) => a.value !== null)
                        .map((a) => `${a.label}: ${a.value}`)
                        .join(' · ')}
                    </td>
                    <td title={s.consentText ?? undefined}>
                      {s.consentText ? (s.consentGiven ? 'Given' : 'Not given') : '—'}
                    </td>
                    <td>{[s.utm.source, s.utm.medium, s.utm.campaign].filter(Boolean).join(' / ') || '—'}</td>
                    <td>
                      {s.landingPage ? (
                        <Link to={`/marketing/pages/${s.landingPage.id}`}>{s.landingPage.name}</Link>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                ))}
                {result.nodes.length === 0 && (
                  <tr>
                    <td colSpan={6}>No submissions yet.</td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
          <CursorPager
            label="Submission pages"
            noun={['submission', 'submissions']}
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
