import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { formatCents, formatDay, humanize, personName } from '../../lib/format.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { RecordLoadError, RecordMissing } from '../../ui/RecordMissing.tsx';
import { Facts, type Fact } from '../../ui/Facts.tsx';
import { Splash } from '../../ui/Splash.tsx';
import { CompanyTravelClients } from '../travel/CompanyTravelClients.tsx';
import { EnrichCompanyButton } from '../ops/enrichment/EnrichCompanyButton.tsx';
import { ActivityComposer } from './ActivityComposer.tsx';
import { ActivityTimeline } from './ActivityTimeline.tsx';
import { DealFormDialog } from './DealFormDialog.tsx';
import { NewTaskButton } from './NewTaskButton.tsx';
import { TaskFormDialog } from './TaskFormDialog.tsx';
import { DealsList } from './DealsList.tsx';
import { CompanyEdit } from './inlineEdits.tsx';
import { LIFECYCLE_STAGE_LABEL } from './lifecycleStages.ts';
import { TaskTable } from './TaskTable.tsx';
import { useCompany } from './useCompany.ts';

/** A company: fields, people, timeline, deals and tasks, and the TT-API clients booking through it. */
export function CompanyDetailPage() {
  const { id = '' } = useParams();
  const { company, loaded, error, refetch } = useCompany(id);
  const canEdit = useHasRank('ADVISOR');
  const [creating, setCreating] = useState<'deal' | 'task' | null>(null);
  useDocumentTitle(company?.name ?? 'Company');

  if (!loaded && error)
    return (
      <RecordLoadError
        error={error}
        onRetry={() => void refetch()}
        kind="company"
        listPath="/crm/companies"
        listLabel="companies"
      />
    );
  if (!loaded) return <Splash />;
  if (!company) return <RecordMissing kind="company" listPath="/crm/companies" listLabel="companies" />;

  const facts: Fact[] = [
    { label: 'Domain', value: company.domain },
    {
      label: 'Website',
      value: company.website && (
        <a href={company.website} rel="noreferrer noopener" target="_blank">
          {company.website}
        </a>
      ),
    },
    { label: 'Industry', value: company.industry },
    { label: 'Type', value: company.companyType && humanize(company.companyType) },
    { label: 'Tier', value: company.accountTier && humanize(company.accountTier) },
    { label: 'Engagement', value: company.engagementLevel && humanize(company.engagementLevel) },
    {
      label: 'Travel budget',
      value: company.annualTravelBudgetCents != null ? `${formatCents(company.annualTravelBudgetCents)} a year` : null,
    },
    { label: 'Lead score', value: String(company.leadScore) },
    { label: 'Phone', value: company.phone },
    { label: 'Location', value: [company.city, company.country].filter(Boolean).join(', ') || null },
    { label: 'Owner', value: company.owner?.name ?? 'Unassigned' },
    { label: 'Tags', value: company.tags.length > 0 ? company.tags.join(', ') : null },
    { label: 'Created', value: formatDay(company.createdAt) },
  ];

  return (
    <article aria-labelledby="company-title" data-testid="company-detail">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to="/crm/companies">Companies</Link>
      </nav>
      <header className="page-header">
        <div>
          <h1 id="company-title" aria-label={company.name} className="record-title">
            <CompanyEdit company={company} field="name" />
          </h1>
          <p className="page-header__meta record-header-fields">
            <CompanyEdit company={company} field="status" />
            <CompanyEdit company={company} field="accountTier" />
            <CompanyEdit company={company} field="owner" />
          </p>
        </div>
        {canEdit && (
          <Link to={`/crm/companies/${company.id}/edit`} className="button">
            Edit company
          </Link>
        )}
      </header>
      <div className="record-grid">
        <section className="panel" aria-labelledby="company-facts-title">
          <h2 id="company-facts-title" className="panel__title">
            Details
          </h2>
          <Facts facts={facts} />
          <EnrichCompanyButton companyId={company.id} />
        </section>
        <section className="panel" aria-labelledby="company-people-title">
          <h2 id="company-people-title" className="panel__title">
            People <span className="panel__count">{company.contacts?.totalCount ?? 0}</span>
          </h2>
          {(company.contacts?.nodes ?? []).length === 0 ? (
            <p className="empty">No contacts.</p>
          ) : (
            <ul className="plain-list">
              {(company.contacts?.nodes ?? []).map((c) => (
                <li key={c.id}>
                  <Link to={`/crm/contacts/${c.id}`}>{personName(c)}</Link>
                  <span className="cell-muted">
                    {c.jobTitle ? ` · ${c.jobTitle}` : ''} · {LIFECYCLE_STAGE_LABEL[c.lifecycleStage]}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="panel panel--wide" aria-labelledby="company-deals-title">
          <h2 id="company-deals-title" className="panel__title">
            Deals <span className="panel__count">{company.deals?.totalCount ?? 0}</span>
          </h2>
          {canEdit && (
            <button type="button" className="button button--small panel__action" onClick={() => setCreating('deal')}>
              New deal
            </button>
          )}
          <DealsList deals={company.deals?.nodes ?? []} />
        </section>
        <section className="panel panel--wide" aria-labelledby="company-tasks-title">
          <h2 id="company-tasks-title" className="panel__title">
            Tasks <span className="panel__count">{company.tasks?.totalCount ?? 0}</span>
          </h2>
          <NewTaskButton onClick={() => setCreating('task')} />
          <TaskTable tasks={company.tasks?.nodes ?? []} emptyMessage="No tasks about this company." />
        </section>
        <section className="panel" aria-labelledby="company-activity-title">
          <h2 id="company-activity-title" className="panel__title">
            Activity <span className="panel__count">{company.activities?.totalCount ?? 0}</span>
          </h2>
          <ActivityComposer companyId={company.id} />
          <ActivityTimeline
            key={company.id}
            activities={company.activities?.nodes ?? []}
            totalCount={company.activities?.totalCount ?? 0}
            more={{ record: 'company', id: company.id, pageInfo: company.activities?.pageInfo ?? null }}
          />
        </section>
        <CompanyTravelClients companyId={company.id} />
      </div>
      {creating === 'deal' && (
        <DealFormDialog
          defaults={{ companyId: company.id, companyName: company.name }}
          onClose={() => setCreating(null)}
          onSaved={() => {
            setCreating(null);
            void refetch();
          }}
        />
      )}
      {creating === 'task' && (
        <TaskFormDialog
          about={{ companyId: company.id, label: company.name }}
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
