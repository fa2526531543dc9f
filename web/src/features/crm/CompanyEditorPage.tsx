import { Link, useNavigate, useParams } from 'react-router';
import { useHasRank } from '../../lib/useHasRank.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { NotAllowed } from '../../ui/NotAllowed.tsx';
import { Splash } from '../../ui/Splash.tsx';
import { CompanyForm } from './CompanyForm.tsx';
import { useCompany } from './useCompany.ts';

/** /crm/companies/new and /crm/companies/:id/edit (advisors and up). */
export function CompanyEditorPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const editing = id !== undefined;
  const allowed = useHasRank('ADVISOR');
  useDocumentTitle(editing ? 'Edit company' : 'New company');
  const { company, loaded, error, refetch } = useCompany(id);

  if (!allowed) return <NotAllowed what={editing ? 'edit companies' : 'create companies'} />;
  if (editing && !loaded && error) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  if (editing && !loaded) return <Splash />;
  if (editing && !company) return <p>This company does not exist or was deleted.</p>;

  return (
    <section aria-labelledby="company-editor-title">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to="/crm/companies">Companies</Link>
        {company && (
          <>
            {' / '}
            <Link to={`/crm/companies/${company.id}`}>{company.name}</Link>
          </>
        )}
      </nav>
      <header className="page-header">
        <h1 id="company-editor-title">{editing ? 'Edit company' : 'New company'}</h1>
      </header>
      <CompanyForm
        company={company ?? undefined}
        onSaved={(savedId) => void navigate(`/crm/companies/${savedId}`)}
        onCancel={() => void navigate(editing ? `/crm/companies/${id}` : '/crm/companies')}
      />
    </section>
  );
}
