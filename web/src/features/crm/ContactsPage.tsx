import { useId, useState } from 'react';
import { Link } from 'react-router';
import type { LifecycleStage } from '../../__generated__/graphql.ts';
import { useDebouncedCallback } from '../../lib/useDebouncedCallback.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { ContactsTable } from './ContactsTable.tsx';
import { isLifecycleStage, LIFECYCLE_STAGE_LABEL, LIFECYCLE_STAGES } from './lifecycleStages.ts';
import { CursorPager } from '../../ui/CursorPager.tsx';
import { RecordPanel, useOpenRecord } from './RecordPanel.tsx';
import { useContacts } from './useContacts.ts';
import { useContactListParams } from './useContactListParams.ts';
import '../../styles/table.css';

const SEARCH_DEBOUNCE_MS = 300;
const numberFormat = new Intl.NumberFormat();

export function ContactsPage() {
  useDocumentTitle('Contacts');
  const [params, update] = useContactListParams();
  const { contacts, totalCount, pageInfo, loaded, loading, error, refetch } = useContacts(params);
  const ids = { search: useId(), stage: useId() };
  const canCreate = useHasRank('AGENT');
  const { open } = useOpenRecord();

  // The box follows the keyboard at once; the URL (and so the query) follows after a pause.
  const [searchText, setSearchText] = useState(params.search);
  const [searchInUrl, setSearchInUrl] = useState(params.search);
  const commitSearch = useDebouncedCallback((text: string) => update({ search: text }), SEARCH_DEBOUNCE_MS);
  if (params.search !== searchInUrl) {
    // The URL's search changed under us (back/forward, a link): show it in the box, unless it is
    // just the box's own text arriving there.
    setSearchInUrl(params.search);
    if (searchText.trim() !== params.search) setSearchText(params.search);
  }

  const filtered = params.search !== '' || params.stage !== null;

  return (
    <section aria-labelledby="contacts-title">
      <header className="page-header">
        <h1 id="contacts-title">Contacts</h1>
        <p className="page-header__meta" role="status" aria-live="polite">
          {loaded
            ? `${numberFormat.format(totalCount)} ${totalCount === 1 ? 'contact' : 'contacts'}${filtered ? ' match' : ''}`
            : ''}
        </p>
        {canCreate && (
          <Link to="/crm/contacts/new" className="button button--primary page-header__action">
            New contact
          </Link>
        )}
      </header>

      <div className="toolbar" role="search">
        <div className="field field--grow">
          <label className="field__label" htmlFor={ids.search}>
            Search contacts
          </label>
          <input
            id={ids.search}
            className="input"
            type="search"
            placeholder="Name, email or company"
            value={searchText}
            onChange={(e) => {
              setSearchText(e.target.value);
              commitSearch(e.target.value);
            }}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.stage}>
            Lifecycle stage
          </label>
          <select
            id={ids.stage}
            className="select"
            value={params.stage ?? ''}
            onChange={(e) => update({ stage: isLifecycleStage(e.target.value) ? e.target.value : null })}
          >
            <option value="">All stages</option>
            {LIFECYCLE_STAGES.map((stage: LifecycleStage) => (
              <option key={stage} value={stage}>
                {LIFECYCLE_STAGE_LABEL[stage]}
              </option>
            ))}
          </select>
        </div>
      </div>

      {error && !loading && <ErrorNotice error={error} onRetry={() => void refetch()} />}

      {(loaded || !error) && (
        <>
          <ContactsTable
            contacts={contacts}
            loaded={loaded}
            busy={loading}
            sort={params.sort}
            searching={params.search !== ''}
            onSort={(sort) => update({ sort })}
            emptyMessage={filtered ? 'No contacts match this search and filter.' : 'No contacts yet.'}
            onOpen={open}
          />
          <CursorPager
            label="Contacts pages"
            noun={['contact', 'contacts']}
            shown={contacts.length}
            totalCount={totalCount}
            pageInfo={pageInfo}
            onPage={(cursor) => update({ cursor })}
          />
        </>
      )}
      <RecordPanel kind="contact" />
    </section>
  );
}
