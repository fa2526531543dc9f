import { Link, useNavigate, useParams } from 'react-router';
import { useHasRank } from '../../lib/useHasRank.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { NotAllowed } from '../../ui/NotAllowed.tsx';
import { Splash } from '../../ui/Splash.tsx';
import { ContactForm } from './ContactForm.tsx';
import { useContact } from './useContact.ts';

/** /crm/contacts/new (agents and up) and /crm/contacts/:id/edit (advisors and up). */
export function ContactEditorPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const editing = id !== undefined;
  const allowed = useHasRank(editing ? 'ADVISOR' : 'AGENT');
  useDocumentTitle(editing ? 'Edit contact' : 'New contact');
  const { contact, loaded, error, refetch } = useContact(id);

  if (!allowed) return <NotAllowed what={editing ? 'edit contacts' : 'create contacts'} />;
  if (editing && !loaded && error) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  if (editing && !loaded) return <Splash />;
  if (editing && !contact) return <p>This contact does not exist or was deleted.</p>;

  return (
    <section aria-labelledby="contact-editor-title">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to="/crm/contacts">Contacts</Link>
        {contact && (
          <>
            {' / '}
            <Link to={`/crm/contacts/${contact.id}`}>
              {[contact.firstName, contact.lastName].filter(Boolean).join(' ')}
            </Link>
          </>
        )}
      </nav>
      <header className="page-header">
        <h1 id="contact-editor-title">{editing ? 'Edit contact' : 'New contact'}</h1>
      </header>
      <ContactForm
        contact={contact ?? undefined}
        onSaved={(savedId) => void navigate(`/crm/contacts/${savedId}`)}
        onCancel={() => void navigate(editing ? `/crm/contacts/${id}` : '/crm/contacts')}
      />
    </section>
  );
}
