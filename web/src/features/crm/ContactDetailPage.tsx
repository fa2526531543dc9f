import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { formatDay, humanize, personName } from '../../lib/format.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { RecordLoadError, RecordMissing } from '../../ui/RecordMissing.tsx';
import { Facts, type Fact } from '../../ui/Facts.tsx';
import { Splash } from '../../ui/Splash.tsx';
import { ContactTravelProfile } from '../travel/ContactTravelProfile.tsx';
import { ContactAutomationPanel } from '../automation/ContactAutomationPanel.tsx';
import { TravelerPortalPanel } from '../identity/TravelerPortalPanel.tsx';
import { ActivityComposer } from './ActivityComposer.tsx';
import { ActivityTimeline } from './ActivityTimeline.tsx';
import { DealFormDialog } from './DealFormDialog.tsx';
import { NewTaskButton } from './NewTaskButton.tsx';
import { TaskFormDialog } from './TaskFormDialog.tsx';
import { DealsList } from './DealsList.tsx';
import { ContactEdit } from './inlineEdits.tsx';
import { TaskTable } from './TaskTable.tsx';
import { useContact } from './useContact.ts';

/** A contact: its fields, timeline, deals and tasks from the CRM, and its travel profile from TT-API. */
export function ContactDetailPage() {
  const { id = '' } = useParams();
  const { contact, loaded, error, refetch } = useContact(id);
  const canEdit = useHasRank('ADVISOR');
  const [creating, setCreating] = useState<'deal' | 'task' | null>(null);
  useDocumentTitle(contact ? personName(contact) : 'Contact');

  if (!loaded && error)
    return (
      <RecordLoadError
        error={error}
        onRetry={() => void refetch()}
        kind="contact"
        listPath="/crm/contacts"
        listLabel="contacts"
      />
    );
  if (!loaded) return <Splash />;
  if (!contact) return <RecordMissing kind="contact" listPath="/crm/contacts" listLabel="contacts" />;

  const facts: Fact[] = [
    { label: 'Email', value: contact.email && <a href={`mailto:${contact.email}`}>{contact.email}</a> },
    { label: 'Phone', value: contact.phone },
    { label: 'Job title', value: contact.jobTitle },
    {
      label: 'Company',
      value: contact.company && <Link to={`/crm/companies/${contact.company.id}`}>{contact.company.name}</Link>,
    },
    { label: 'Owner', value: contact.owner?.name ?? 'Unassigned' },
    { label: 'Lead score', value: String(contact.leadScore) },
    { label: 'Lead status', value: contact.leadStatus && humanize(contact.leadStatus) },
    { label: 'Lead source', value: contact.leadSource && humanize(contact.leadSource) },
    { label: 'Role', value: contact.contactRole && humanize(contact.contactRole) },
    { label: 'Location', value: [contact.city, contact.country].filter(Boolean).join(', ') || null },
    { label: 'Tags', value: contact.tags.length > 0 ? contact.tags.join(', ') : null },
    { label: 'Created', value: formatDay(contact.createdAt) },
  ];

  return (
    <article aria-labelledby="contact-title" data-testid="contact-detail">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to="/crm/contacts">Contacts</Link>
      </nav>
      <header className="page-header">
        <div>
          {/* The name and the header's fields are edited where they are read (advisors and up). */}
          <h1 id="contact-title" aria-label={personName(contact)} className="record-title">
            <ContactEdit contact={contact} field="firstName" />{' '}
            <ContactEdit contact={contact} field="lastName" emptyText={canEdit ? 'Add last name' : ''} />
          </h1>
          <p className="page-header__meta record-header-fields">
            <ContactEdit contact={contact} field="lifecycleStage" />
            <ContactEdit contact={contact} field="jobTitle" emptyText={canEdit ? 'Add job title' : ''} />
            {contact.company && (
              <span>
                at <Link to={`/crm/companies/${contact.company.id}`}>{contact.company.name}</Link>
              </span>
            )}
            <ContactEdit contact={contact} field="owner" />
          </p>
        </div>
        <div className="page-header__actions">
          {/* Email status, engagement, sends, and compose-and-send (marketing). */}
          <Link to={`/marketing/contacts/${contact.id}`} className="button button--ghost">
            Email
          </Link>
          {canEdit && (
            <Link to={`/crm/contacts/${contact.id}/edit`} className="button">
              Edit contact
            </Link>
          )}
        </div>
      </header>

      <div className="record-grid">
        <section className="panel" aria-labelledby="contact-facts-title">
          <h2 id="contact-facts-title" className="panel__title">
            Details
          </h2>
          <Facts facts={facts} />
        </section>

        <section className="panel" aria-labelledby="contact-deals-title">
          <h2 id="contact-deals-title" className="panel__title">
            Deals <span className="panel__count">{contact.deals?.totalCount ?? 0}</span>
          </h2>
          {canEdit && (
            <button type="button" className="button button--small panel__action" onClick={() => setCreating('deal')}>
              New deal
            </button>
          )}
          <DealsList deals={contact.deals?.nodes ?? []} />
        </section>

        <section className="panel panel--wide" aria-labelledby="contact-tasks-title">
          <h2 id="contact-tasks-title" className="panel__title">
            Tasks <span className="panel__count">{contact.tasks?.totalCount ?? 0}</span>
          </h2>
          <NewTaskButton onClick={() => setCreating('task')} />
          <TaskTable tasks={contact.tasks?.nodes ?? []} emptyMessage="No tasks about this contact." />
        </section>

        <section className="panel panel--wide" aria-labelledby="contact-activity-title">
          <h2 id="contact-activity-title" className="panel__title">
            Activity <span className="panel__count">{contact.activities?.totalCount ?? 0}</span>
          </h2>
          <ActivityComposer contactId={contact.id} />
          <ActivityTimeline
            key={contact.id}
            activities={contact.activities?.nodes ?? []}
            totalCount={contact.activities?.totalCount ?? 0}
            more={{ record: 'contact', id: contact.id, pageInfo: contact.activities?.pageInfo ?? null }}
            hideContact
          />
        </section>

        <ContactTravelProfile contactId={contact.id} />
        <ContactAutomationPanel contactId={contact.id} />
        <TravelerPortalPanel contactId={contact.id} />
      </div>
      {creating === 'deal' && (
        <DealFormDialog
          defaults={{
            primaryContactId: contact.id,
            contactName: personName(contact),
            companyId: contact.company?.id,
            companyName: contact.company?.name,
          }}
          onClose={() => setCreating(null)}
          onSaved={() => {
            setCreating(null);
            void refetch();
          }}
        />
      )}
      {creating === 'task' && (
        <TaskFormDialog
          about={{ contactId: contact.id, label: personName(contact) }}
          onClose={() => setCreating(null)}
          onSaved={() => {
            setCreating(null);
            void refetch();
          }}
        />
      )}
    </article>
  );
}
