import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import type { DuplicateReason, MergeRecordFieldsFragment } from '../../__generated__/graphql.ts';
import { describeError, type DescribedError } from '../../lib/errors.ts';
import { formatDateTime, personName } from '../../lib/format.ts';
import { cursorOf, pageArgs, putCursor, type PageCursor } from '../../lib/useCursorListParams.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { CursorPager } from '../../ui/CursorPager.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Loading } from '../../ui/Splash.tsx';
import {
  DuplicateCompaniesDocument,
  DuplicateContactsDocument,
  MergeCompaniesDocument,
  MergeContactsDocument,
  MergesDocument,
  UndoMergeDocument,
} from './graphql/__generated__/crmData.ts';

const REASON_LABEL: Record<DuplicateReason, string> = {
  SAME_EMAIL: 'Same email',
  SAME_PHONE: 'Same phone',
  SIMILAR_NAME: 'Similar name',
  SAME_DOMAIN: 'Same website',
};
const PAGE = 25;

type Kind = 'contacts' | 'companies';

/** One side of a likely duplicate pair, as both lists show it. */
interface Side {
  id: string;
  name: string;
  href: string;
  details: string[];
  createdAt: string;
}

interface Pair {
  key: string;
  first: Side;
  second: Side;
  reasons: DuplicateReason[];
  similarity: number;
}

type Merge = MergeRecordFieldsFragment;

const mergeNames = (m: Merge) =>
  m.kind === 'CONTACT'
    ? {
        survivor: m.survivorContact ? personName(m.survivorContact) : 'a deleted contact',
        merged: m.mergedContact ? personName(m.mergedContact) : 'a contact',
      }
    : { survivor: m.survivorCompany?.name ?? 'a deleted company', merged: m.mergedCompany?.name ?? 'a company' };

const undoable = (m: Merge, now = Date.now()) => !m.undoneAt && new Date(m.undoableUntil).getTime() > now;

/**
 * Likely duplicate contacts and companies; managers merge a pair (choosing which record stays) and
 * can undo a merge from here while its window is open.
 */
export function DuplicatesPage() {
  useDocumentTitle('Duplicates');
  const canMerge = useHasRank('MANAGER');
  const [params, setParams] = useSearchParams();
  const kind: Kind = params.get('kind') === 'companies' ? 'companies' : 'contacts';
  const cursor = cursorOf(params);
  const contacts = useQuery(DuplicateContactsDocument, {
    variables: pageArgs(cursor, PAGE),
    skip: kind !== 'contacts',
    fetchPolicy: 'cache-and-network',
  });
  const companies = useQuery(DuplicateCompaniesDocument, {
    variables: pageArgs(cursor, PAGE),
    skip: kind !== 'companies',
    fetchPolicy: 'cache-and-network',
  });
  const merges = useQuery(MergesDocument, {
    variables: { first: 10 },
    skip: !canMerge,
    fetchPolicy: 'cache-and-network',
  });
  const [mergeContacts] = useMutation(MergeContactsDocument);
  const [mergeCompanies] = useMutation(MergeCompaniesDocument);
  const [undoMerge] = useMutation(UndoMergeDocument);
  const [choosing, setChoosing] = useState<Pair | null>(null);
  const [lastMerge, setLastMerge] = useState<Merge | null>(null);
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState<DescribedError | null>(null);

  const setKind = (next: Kind) =>
    setParams((p) => {
      p.set('kind', next);
      putCursor(p, undefined);
      return p;
    });
  const onPage = (c: PageCursor) =>
    setParams((p) => {
      putCursor(p, c);
      return p;
    });

  const refresh = async () => {
    await Promise.all([
      kind === 'contacts' ? contacts.refetch() : companies.refetch(),
      canMerge ? merges.refetch() : null,
    ]);
  };

  const onMerge = async (pair: Pair, survivor: Side, duplicate: Side) => {
    setProblem(null);
    try {
      const input = { survivorId: survivor.id, duplicateId: duplicate.id };
      const res =
        kind === 'contacts'
          ? (await mergeContacts({ variables: { input } })).data?.mergeContacts
          : (await mergeCompanies({ variables: { input } })).data?.mergeCompanies;
      setChoosing(null);
      if (res) {
        setLastMerge(res);
        setStatus(`${duplicate.name} was merged into ${survivor.name}.`);
      }
      await refresh();
    } catch (err) {
      setProblem(describeError(err));
      setChoosing(null);
    }
    void pair;
  };

  const onUndo = async (merge: Merge) => {
    setProblem(null);
    try {
      await undoMerge({ variables: { input: { mergeId: merge.id } } });
      const names = mergeNames(merge);
      setLastMerge(null);
      setStatus(`Merge undone: ${names.merged} is back, with what it brought.`);
      await refresh();
    } catch (err) {
      setProblem(describeError(err));
    }
  };

  const pairs: Pair[] | null =
    kind === 'contacts'
      ? (contacts.data?.duplicateContacts?.nodes.map((d) => {
          const side = (c: typeof d.first): Side => ({
            id: c.id,
            name: personName(c),
            href: `/crm/contacts/${c.id}`,
            details: [c.email, c.phone, c.company?.name].filter((v): v is string => Boolean(v)),
            createdAt: c.createdAt,
          });
          return {
            key: `${d.first.id}-${d.second.id}`,
            first: side(d.first),
            second: side(d.second),
            reasons: d.reasons,
            similarity: d.similarity,
          };
        }) ?? null)
      : (companies.data?.duplicateCompanies?.nodes.map((d) => {
          const side = (c: typeof d.first): Side => ({
            id: c.id,
            name: c.name,
            href: `/crm/companies/${c.id}`,
            details: [c.domain, c.phone, c.city].filter((v): v is string => Boolean(v)),
            createdAt: c.createdAt,
          });
          return {
            key: `${d.first.id}-${d.second.id}`,
            first: side(d.first),
            second: side(d.second),
            reasons: d.reasons,
            similarity: d.similarity,
          };
        }) ?? null);
  const connection =
    (kind === 'contacts' ? contacts.data?.duplicateContacts : companies.data?.duplicateCompanies) ?? null;
  const query = kind === 'contacts' ? contacts : companies;
  const recent = merges.data?.merges?.nodes;

  return (
    <section aria-labelledby="duplicates-title" data-testid="duplicates-page">
      <header className="page-header">
        <h1 id="duplicates-title">Duplicates</h1>
        <p className="page-header__meta">
          Records that are probably the same person or organisation, most alike first.
        </p>
      </header>
      <div className="segmented" role="group" aria-label="Records">
        {(['contacts', 'companies'] as const).map((k) => (
          <button
            key={k}
            type="button"
            className={k === kind ? 'segmented__option segmented__option--on' : 'segmented__option'}
            aria-pressed={k === kind}
            onClick={() => setKind(k)}
          >
            {k === 'contacts' ? 'Contacts' : 'Companies'}
          </button>
        ))}
      </div>

      {status && (
        <div className="notice notice--success" role="status" data-testid="merge-status">
          <p>
            {status}{' '}
            {lastMerge && undoable(lastMerge) && (
              <button type="button" className="button button--small" onClick={() => void onUndo(lastMerge)}>
                Undo merge
              </button>
            )}
          </p>
        </div>
      )}
      {problem && (
        <div className="notice notice--error" role="alert">
          <p className="notice__title">{problem.title}</p>
          <p>{problem.message}</p>
        </div>
      )}

      {query.error && !pairs && <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />}
      {!pairs && !query.error && <Loading />}
      {pairs && connection && (
        <>
          <div className="table-frame">
            <table className="data-table data-table--cards" data-testid="duplicate-pairs">
              <caption className="visually-hidden">Likely duplicate {kind}, most alike first</caption>
              <thead>
                <tr>
                  <th scope="col">Older record</th>
                  <th scope="col">Newer record</th>
                  <th scope="col">Why</th>
                  <th scope="col" className="numeric">
                    Name match
                  </th>
                  {canMerge && (
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {pairs.length === 0 && (
                  <tr>
                    <td colSpan={canMerge ? 5 : 4}>No likely duplicates. Nicely kept.</td>
                  </tr>
                )}
                {pairs.map((pair) => (
                  <tr key={pair.key} data-testid="duplicate-pair">
                    <td data-label="Older record">
                      <SideCell side={pair.first} />
                    </td>
                    <td data-label="Newer record">
                      <SideCell side={pair.second} />
                    </td>
                    <td data-label="Why">{pair.reasons.map((r) => REASON_LABEL[r]).join(', ')}</td>
                    <td data-label="Name match" className="numeric">
                      {Math.round(pair.similarity * 100)}%
                    </td>
                    {canMerge && (
                      <td>
                        <button type="button" className="button button--small" onClick={() => setChoosing(pair)}>
                          Merge…
                          <span className="visually-hidden">
                            {' '}
                            {pair.first.name} and {pair.second.name}
                          </span>
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <CursorPager
            label="Duplicate pages"
            noun={['pair', 'pairs']}
            shown={pairs.length}
            totalCount={connection.totalCount}
            pageInfo={connection.pageInfo}
            onPage={onPage}
          />
        </>
      )}

      {choosing && (
        <MergeDialog
          pair={choosing}
          noun={kind === 'contacts' ? 'contact' : 'company'}
          onCancel={() => setChoosing(null)}
          onMerge={(survivor, duplicate) => onMerge(choosing, survivor, duplicate)}
        />
      )}

      {canMerge && (
        <section className="panel" aria-labelledby="merges-title" data-testid="recent-merges">
          <h2 id="merges-title" className="panel__title">
            Recent merges
          </h2>
          {recent?.length === 0 && <p>No merges yet.</p>}
          {recent && recent.length > 0 && (
            <ul className="plain-list">
              {recent.map((m) => {
                const names = mergeNames(m);
                return (
                  <li key={m.id} data-testid="merge-record">
                    <span>
                      {names.merged} into {names.survivor}
                      {m.mergedBy ? ` by ${m.mergedBy.name}` : ''}, {formatDateTime(m.mergedAt)}. Moved{' '}
                      {m.movedActivityCount} activities, {m.movedDealCount} deals, {m.movedTaskCount} tasks
                      {m.kind === 'COMPANY' ? `, ${m.movedContactCount} contacts` : ''}.{' '}
                    </span>
                    {m.undoneAt ? (
                      <span className="badge badge--muted">Undone {formatDateTime(m.undoneAt)}</span>
                    ) : undoable(m) ? (
                      <button type="button" className="button button--small" onClick={() => void onUndo(m)}>
                        Undo<span className="visually-hidden"> the merge of {names.merged}</span>
                      </button>
                    ) : (
                      <span className="badge badge--muted">Final</span>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      )}
    </section>
  );
}

function SideCell({ side }: { side: Side }) {
  return (
    <>
      <Link to={side.href}>{side.name}</Link>
      {side.details.length > 0 && <span className="panel__meta"> {side.details.join(' · ')}</span>}
    </>
  );
}

/** Which record stays: the other is folded into it and deleted (undoable for a while). */
function MergeDialog({
  pair,
  noun,
  onCancel,
  onMerge,
}: {
  pair: Pair;
  noun: string;
  onCancel: () => void;
  onMerge: (survivor: Side, duplicate: Side) => Promise<void>;
}) {
  const [keep, setKeep] = useState<'first' | 'second'>('first');
  const [busy, setBusy] = useState(false);
  const survivor = keep === 'first' ? pair.first : pair.second;
  const duplicate = keep === 'first' ? pair.second : pair.first;
  return (
    <Dialog
      title={`Merge two ${noun === 'contact' ? 'contacts' : 'companies'}`}
      onClose={onCancel}
      testId="merge-dialog"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          void onMerge(survivor, duplicate).finally(() => setBusy(false));
        }}
      >
        <fieldset className="fieldset">
          <legend>Which {noun} stays?</legend>
          {(['first', 'second'] as const).map((which) => {
            const side = pair[which];
            return (
              <label key={which} className="checkbox">
                <input
                  type="radio"
                  name="keep"
                  value={which}
                  checked={keep === which}
                  onChange={() => setKeep(which)}
                />{' '}
                {side.name}
                {side.details.length > 0 ? ` (${side.details.join(', ')})` : ''}, added {formatDateTime(side.createdAt)}
              </label>
            );
          })}
        </fieldset>
        <p>
          {duplicate.name}’s activities, deals and tasks{noun === 'company' ? ' and contacts' : ''} move to{' '}
          {survivor.name}, whose empty fields are filled from it; then {duplicate.name} is deleted. You can undo this
          for a while afterwards.
        </p>
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            Merge into {survivor.name}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
