import type { ReactNode } from 'react';
import { useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { formatCentsCompact, formatDay, humanize, personName } from '../../lib/format.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { SidePanel } from '../../ui/SidePanel.tsx';
import { Splash } from '../../ui/Splash.tsx';
import { ActivityTimeline } from './ActivityTimeline.tsx';
import { CompanyPanelDocument, ContactPanelDocument, DealPanelDocument } from './graphql/__generated__/recordPanel.ts';
import { CompanyEdit, ContactEdit, DealEdit } from './inlineEdits.tsx';

export type RecordKind = 'contact' | 'company' | 'deal';

const OPEN_KEY = 'open';

/**
 * The record open in the side panel lives in the URL (`?open=<id>`): opening and closing are
 * history entries, so Back closes it (or brings it back), and a reload or a shared link shows it.
 */
export function useOpenRecord() {
  const [searchParams, setSearchParams] = useSearchParams();
  const openId = searchParams.get(OPEN_KEY);
  const put = (id: string | null) =>
    setSearchParams((current) => {
      const next = new URLSearchParams(current);
      if (id) next.set(OPEN_KEY, id);
      else next.delete(OPEN_KEY);
      return next;
    });
  return { openId, open: (id: string) => put(id), close: () => put(null) };
}

/** The small button on a row or card that opens its record in the side panel. */
export function OpenInPanelButton({ id, name, onOpen }: { id: string; name: string; onOpen: (id: string) => void }) {
  return (
    <button
      type="button"
      className="open-in-panel"
      data-panel-opener={id}
      aria-label={`Preview ${name}`}
      title="Preview beside the list"
      onClick={() => onOpen(id)}
    />
  );
}

const PATH: Record<RecordKind, string> = { contact: 'contacts', company: 'companies', deal: 'deals' };
const KIND_LABEL: Record<RecordKind, string> = { contact: 'contact', company: 'company', deal: 'deal' };

/** The side panel for whichever record the URL names, or nothing. */
export function RecordPanel({ kind }: { kind: RecordKind }) {
  const { openId, close } = useOpenRecord();
  if (!openId) return null;
  const returnFocus = () => document.querySelector<HTMLElement>(`[data-panel-opener="${CSS.escape(openId)}"]`);
  const fullRecord = (
    <Link className="button button--small" to={`/crm/${PATH[kind]}/${openId}`}>
      Open full record
    </Link>
  );
  const common = { kind: KIND_LABEL[kind], onClose: close, fullRecord, recordKey: openId, returnFocus };
  if (kind === 'contact') return <ContactPanel id={openId} {...common} />;
  if (kind === 'company') return <CompanyPanel id={openId} {...common} />;
  return <DealPanel id={openId} {...common} />;
}

interface PanelProps {
  id: string;
  kind: string;
  onClose: () => void;
  fullRecord: ReactNode;
  recordKey: string;
  returnFocus: () => HTMLElement | null;
}

function PanelState({
  loaded,
  error,
  refetch,
  missing,
}: {
  loaded: boolean;
  error: unknown;
  refetch: () => void;
  missing: string;
}) {
  if (!loaded && error) return <ErrorNotice error={error} onRetry={refetch} />;
  if (!loaded) return <Splash />;
  return (
    <p className="empty" data-testid="panel-missing">
      {missing}
    </p>
  );
}

function ContactPanel({ id, ...panel }: PanelProps) {
  const { data, error, refetch } = useQuery(ContactPanelDocument, {
    variables: { id },
    fetchPolicy: 'cache-and-network',
  });
  const contact = data?.contact;
  return (
    <SidePanel {...panel} testId="record-panel" title={contact ? personName(contact) : null}>
      {!contact ? (
        <PanelState
          loaded={data !== undefined}
          error={error}
          refetch={() => void refetch()}
          missing="This contact no longer exists."
        />
      ) : (
        <>
          <p className="side-panel__summary">
            {[contact.jobTitle, contact.company?.name].filter(Boolean).join(' at ') || 'No company'} · lead score{' '}
            {contact.leadScore} · {contact.deals?.totalCount ?? 0} deals · added {formatDay(contact.createdAt)}
          </p>
          <div className="side-panel__fields">
            <ContactEdit contact={contact} field="firstName" showLabel />
            <ContactEdit contact={contact} field="lastName" showLabel />
            <ContactEdit contact={contact} field="email" showLabel />
            <ContactEdit contact={contact} field="phone" showLabel />
            <ContactEdit contact={contact} field="jobTitle" showLabel />
            <ContactEdit contact={contact} field="lifecycleStage" showLabel />
            <ContactEdit contact={contact} field="owner" showLabel />
            <ContactEdit contact={contact} field="city" showLabel />
          </div>
          <RecentActivity
            activities={contact.activities?.nodes ?? []}
            totalCount={contact.activities?.totalCount ?? 0}
            hideContact
          />
        </>
      )}
    </SidePanel>
  );
}

function CompanyPanel({ id, ...panel }: PanelProps) {
  const { data, error, refetch } = useQuery(CompanyPanelDocument, {
    variables: { id },
    fetchPolicy: 'cache-and-network',
  });
  const company = data?.company;
  return (
    <SidePanel {...panel} testId="record-panel" title={company?.name ?? null}>
      {!company ? (
        <PanelState
          loaded={data !== undefined}
          error={error}
          refetch={() => void refetch()}
          missing="This company no longer exists."
        />
      ) : (
        <>
          <p className="side-panel__summary">
            {[company.industry, company.city].filter(Boolean).join(' · ') || humanize(company.status)} ·{' '}
            {company.contacts?.totalCount ?? 0} people · {company.deals?.totalCount ?? 0} deals · lead score{' '}
            {company.leadScore}
          </p>
          <div className="side-panel__fields">
            <CompanyEdit company={company} field="name" showLabel />
            <CompanyEdit company={company} field="status" showLabel />
            <CompanyEdit company={company} field="accountTier" showLabel />
            <CompanyEdit company={company} field="budget" showLabel />
            <CompanyEdit company={company} field="industry" showLabel />
            <CompanyEdit company={company} field="phone" showLabel />
            <CompanyEdit company={company} field="owner" showLabel />
          </div>
          <RecentActivity
            activities={company.activities?.nodes ?? []}
            totalCount={company.activities?.totalCount ?? 0}
          />
        </>
      )}
    </SidePanel>
  );
}

function DealPanel({ id, ...panel }: PanelProps) {
  const { data, error, refetch } = useQuery(DealPanelDocument, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const deal = data?.deal;
  return (
    <SidePanel {...panel} testId="record-panel" title={deal?.title ?? null}>
      {!deal || deal.deletedAt ? (
        <PanelState
          loaded={data !== undefined}
          error={error}
          refetch={() => void refetch()}
          missing="This deal no longer exists."
        />
      ) : (
        <>
          <p className="side-panel__summary">
            <span className={deal.status === 'WON' ? 'badge badge--gold' : 'badge'}>{deal.stage.name}</span>{' '}
            {deal.pipeline.name} · {formatCentsCompact(deal.weightedAmountCents)} weighted ({deal.probability}%) · in
            this stage since {formatDay(deal.stageEnteredAt)}
            {deal.company && (
              <>
                {' · '}
                <Link to={`/crm/companies/${deal.company.id}`}>{deal.company.name}</Link>
              </>
            )}
            {deal.primaryContact && (
              <>
                {' · '}
                <Link to={`/crm/contacts/${deal.primaryContact.id}`}>{personName(deal.primaryContact)}</Link>
              </>
            )}
          </p>
          <div className="side-panel__fields">
            <DealEdit deal={deal} field="title" showLabel />
            <DealEdit deal={deal} field="amount" showLabel />
            <DealEdit deal={deal} field="closeDate" showLabel />
            <DealEdit deal={deal} field="owner" showLabel />
          </div>
          <RecentActivity
            activities={deal.activities?.nodes ?? []}
            totalCount={deal.activities?.totalCount ?? 0}
            hideDeal
          />
        </>
      )}
    </SidePanel>
  );
}

function RecentActivity(props: {
  activities: Parameters<typeof ActivityTimeline>[0]['activities'];
  totalCount: number;
  hideContact?: boolean;
  hideDeal?: boolean;
}) {
  return (
    <section className="side-panel__section" aria-label="Recent activity">
      <h3 className="side-panel__subtitle">
        Recent activity <span className="panel__count">{props.totalCount}</span>
      </h3>
      <ActivityTimeline {...props} />
    </section>
  );
}
