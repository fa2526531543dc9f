import { Link } from 'react-router';
import type { ContactOrderField, ContactsQuery } from '../../__generated__/graphql.ts';
import { ContactEdit } from './inlineEdits.tsx';
import { OpenInPanelButton } from './RecordPanel.tsx';
import type { ContactSortChoice } from './useContactListParams.ts';

type ContactRow = NonNullable<ContactsQuery['contacts']>['nodes'][number];

interface ContactsTableProps {
  contacts: readonly ContactRow[];
  loaded: boolean;
  busy: boolean;
  sort: ContactSortChoice | null;
  searching: boolean;
  onSort: (sort: ContactSortChoice) => void;
  emptyMessage: string;
  /** Opens a contact in the side panel, beside the list. */
  onOpen: (id: string) => void;
}

/** Columns whose natural first click is "highest / newest first". */
const DESCENDING_FIRST = new Set<ContactOrderField>(['LEAD_SCORE', 'CREATED_AT', 'UPDATED_AT']);
const COLUMN_COUNT = 6;
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function ContactsTable({
  contacts,
  loaded,
  busy,
  sort,
  searching,
  onSort,
  emptyMessage,
  onOpen,
}: ContactsTableProps) {
  const header = (label: string, field: ContactOrderField, numeric = false) => {
    const active = sort?.field === field;
    const direction = active ? sort.direction : null;
    const nextDirection = active
      ? direction === 'ASC'
        ? 'DESC'
        : 'ASC'
      : DESCENDING_FIRST.has(field)
        ? 'DESC'
        : 'ASC';
    return (
      <th
        scope="col"
        className={numeric ? 'numeric' : undefined}
        aria-sort={direction === 'ASC' ? 'ascending' : direction === 'DESC' ? 'descending' : undefined}
      >
        <button type="button" className="sort-button" onClick={() => onSort({ field, direction: nextDirection })}>
          {label}
          <span className="sort-button__arrow" aria-hidden="true">
            {direction === 'ASC' ? '▲' : direction === 'DESC' ? '▼' : ''}
          </span>
          <span className="visually-hidden">{`, sort ${nextDirection === 'ASC' ? 'ascending' : 'descending'}`}</span>
        </button>
      </th>
    );
  };

  // The name order is by last name: while it applies, names read "Last, First" so the order is visible.
  const byName = sort?.field === 'NAME';
  const shownName = (c: ContactRow) =>
    byName && c.lastName ? `${c.lastName}, ${c.firstName}` : [c.firstName, c.lastName].filter(Boolean).join(' ');

  const order = sort
    ? `sorted by ${sort.field.toLowerCase().replace('_', ' ')}, ${sort.direction === 'ASC' ? 'ascending' : 'descending'}`
    : searching
      ? 'best matches first'
      : 'newest first';

  return (
    <div className="table-frame" aria-busy={busy}>
      <table className="data-table data-table--cards" data-testid="contacts-table">
        <caption className="visually-hidden">Contacts, {order}</caption>
        <thead>
          <tr>
            {header('Name', 'NAME')}
            <th scope="col">Company</th>
            {header('Stage', 'LIFECYCLE_STAGE')}
            {header('Lead score', 'LEAD_SCORE', true)}
            <th scope="col">Owner</th>
            {header('Created', 'CREATED_AT')}
          </tr>
        </thead>
        <tbody>
          {!loaded && (
            <tr>
              <td colSpan={COLUMN_COUNT} className="table-empty">
                Loading contacts…
              </td>
            </tr>
          )}
          {loaded && contacts.length === 0 && (
            <tr>
              <td colSpan={COLUMN_COUNT} className="table-empty">
                {emptyMessage}
              </td>
            </tr>
          )}
          {contacts.map((contact) => (
            <tr key={contact.id}>
              <th scope="row" className="cell-primary">
                <span className="cell-title">
                  <Link to={`/crm/contacts/${contact.id}`} className="cell-link">
                    {shownName(contact)}
                  </Link>
                  <OpenInPanelButton id={contact.id} name={shownName(contact)} onOpen={onOpen} />
                </span>
                {contact.email && (
                  <a className="cell-secondary" href={`mailto:${contact.email}`}>
                    {contact.email}
                  </a>
                )}
              </th>
              <td data-label="Company">
                {contact.company ? (
                  <Link to={`/crm/companies/${contact.company.id}`}>{contact.company.name}</Link>
                ) : (
                  <span className="cell-muted">—</span>
                )}
              </td>
              <td className="nowrap" data-label="Stage">
                <ContactEdit contact={contact} field="lifecycleStage" />
              </td>
              <td className="numeric nowrap" data-label="Lead score">
                {contact.leadScore}
              </td>
              <td data-label="Owner">
                <ContactEdit contact={contact} field="owner" />
              </td>
              <td className="cell-muted nowrap" data-label="Created">
                <time dateTime={contact.createdAt}>{dateFormat.format(new Date(contact.createdAt))}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
