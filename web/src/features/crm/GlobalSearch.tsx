import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { describeError } from '../../lib/errors.ts';
import { useDebouncedCallback } from '../../lib/useDebouncedCallback.ts';
import { useDismiss } from '../../lib/useDismiss.ts';
import { SearchIcon } from '../../ui/icons.tsx';
import { KIND_LABEL, RECORD_PATH } from './searchPaths.ts';
import { SEARCH_MIN_LENGTH, useSearch } from './useSearch.ts';

/**
 * The header's search (the CRM `search` field) as a combobox: type, arrow through the matches,
 * Enter opens one. "/" anywhere outside a text field jumps here.
 */
export function GlobalSearch() {
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const commit = useDebouncedCallback((value: string) => setQuery(value), 200);
  const { hits, totalCount, loading, error } = useSearch(query);
  const navigate = useNavigate();
  const root = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const ids = { input: useId(), list: useId() };
  const close = useCallback(() => setOpen(false), []);
  useDismiss(root, open, close);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target;
      const typing =
        target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (event.key === '/' && !typing && !event.metaKey && !event.ctrlKey) {
        event.preventDefault();
        input.current?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const go = (index: number) => {
    const hit = hits[index];
    if (!hit) return;
    setOpen(false);
    setText('');
    setQuery('');
    input.current?.blur();
    void navigate(RECORD_PATH[hit.kind](hit.id));
  };

  const showList = open && query.trim().length >= SEARCH_MIN_LENGTH;
  const status = error
    ? describeError(error).message
    : loading && hits.length === 0
      ? 'Searching…'
      : hits.length === 0
        ? 'No matches.'
        : `${totalCount} ${totalCount === 1 ? 'match' : 'matches'}`;

  return (
    <div className="global-search" ref={root} role="search">
      <label htmlFor={ids.input} className="visually-hidden">
        Search all records: contacts, companies and deals
      </label>
      <span className="global-search__icon" aria-hidden="true">
        <SearchIcon />
      </span>
      <input
        ref={input}
        id={ids.input}
        className="input global-search__input"
        type="search"
        role="combobox"
        placeholder="Search contacts, companies, deals  ( / )"
        autoComplete="off"
        aria-expanded={showList}
        aria-controls={ids.list}
        aria-autocomplete="list"
        aria-activedescendant={showList && active >= 0 ? `${ids.list}-${active}` : undefined}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(-1);
          commit(e.target.value);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
            setActive((i) => Math.min(hits.length - 1, i + 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((i) => Math.max(0, i - 1));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            go(active >= 0 ? active : 0);
          } else if (e.key === 'Escape') {
            setOpen(false);
          }
        }}
      />
      {showList && (
        <div className="popover global-search__panel">
          <p className="global-search__status" role="status">
            {status}
          </p>
          <ul id={ids.list} role="listbox" aria-label="Search results" className="global-search__list">
            {hits.map((hit, index) => (
              <li
                key={`${hit.kind}:${hit.id}`}
                id={`${ids.list}-${index}`}
                role="option"
                aria-selected={index === active}
                className="global-search__option"
                onPointerDown={(e) => e.preventDefault()}
                onClick={() => go(index)}
                onPointerEnter={() => setActive(index)}
              >
                <span className="global-search__kind">{KIND_LABEL[hit.kind]}</span>
                <span className="global-search__title">{hit.title}</span>
                {hit.subtitle && <span className="global-search__subtitle">{hit.subtitle}</span>}
              </li>
            ))}
          </ul>
          {totalCount > hits.length && (
            <Link
              className="global-search__all"
              to={`/crm/search?q=${encodeURIComponent(query.trim())}`}
              data-testid="search-see-all"
              onClick={() => {
                setOpen(false);
                setText('');
                setQuery('');
              }}
            >
              See all matches
            </Link>
          )}
        </div>
      )}
    </div>
  );
}
