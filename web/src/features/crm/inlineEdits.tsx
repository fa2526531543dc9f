import type { ReactNode } from 'react';
import { useApolloClient } from '@apollo/client/react';
import type {
  CompanyFieldsFragment,
  ContactFieldsFragment,
  UpdateCompanyInput,
  UpdateContactInput,
  UpdateDealInput,
} from '../../__generated__/graphql.ts';
import { describeError, fieldMessage } from '../../lib/errors.ts';
import { formatCalendarDate, formatCents, humanize } from '../../lib/format.ts';
import { centsToDollarsText, parseDollars } from '../../lib/money.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { InlineField, type InlineEditor } from '../../ui/InlineField.tsx';
import { useStaffOnDemand } from '../identity/useStaff.ts';
import { ACCOUNT_TIERS, COMPANY_STATUSES, pick } from './crmEnums.ts';
import { UpdateCompanyDocument } from './graphql/__generated__/updateCompany.ts';
import { UpdateContactDocument } from './graphql/__generated__/updateContact.ts';
import { UpdateDealDocument } from './graphql/__generated__/saveDeal.ts';
import { LIFECYCLE_STAGE_LABEL, LIFECYCLE_STAGES } from './lifecycleStages.ts';

/**
 * The CRM's inline edits: one field of a contact, company or deal saved through the record's
 * update mutation (only that field is sent). The answer is the record's fields, so every table,
 * card, header and panel showing the record follows from the cache.
 */

type Parsed = { ok: true; value: unknown } | { ok: false; error: string };
type Saver<I> = (patch: Omit<I, 'id'>, field: string) => Promise<string | null>;

/** The server's message for the field if it named it, else its message for the whole change. */
const problemAt = (error: unknown, field: string) => {
  const described = describeError(error);
  return fieldMessage(described, field) ?? described.message;
};

/** A saver for one record: the client's mutate, not a hook per field, so a table of rows stays light. */
function useSaver<I extends { id: string | number }>(run: (input: I) => Promise<unknown>) {
  return (id: string): Saver<I> =>
    async (patch, field) => {
      try {
        await run({ ...patch, id } as I);
        return null;
      } catch (e) {
        return problemAt(e, field);
      }
    };
}

export function useContactSaver(id: string) {
  const client = useApolloClient();
  return useSaver<UpdateContactInput>((input) =>
    client.mutate({ mutation: UpdateContactDocument, variables: { input } }),
  )(id);
}

export function useCompanySaver(id: string) {
  const client = useApolloClient();
  return useSaver<UpdateCompanyInput>((input) =>
    client.mutate({ mutation: UpdateCompanyDocument, variables: { input } }),
  )(id);
}

/** A deal's amount and owner feed the board's totals and the dashboard: those are asked again. */
export function useDealSaver(id: string) {
  const client = useApolloClient();
  return useSaver<UpdateDealInput>((input) =>
    client.mutate({
      mutation: UpdateDealDocument,
      variables: { input },
      refetchQueries: ['PipelineSummary', 'CrmDashboard'],
    }),
  )(id);
}

const blankToNull = (text: string): Parsed => ({ ok: true, value: text.trim() === '' ? null : text.trim() });
const required =
  (what: string) =>
  (text: string): Parsed =>
    text.trim() === '' ? { ok: false, error: `Enter ${what}.` } : { ok: true, value: text.trim() };
const money = (text: string): Parsed => {
  const cents = parseDollars(text);
  if (cents !== null && Number.isNaN(cents)) return { ok: false, error: 'Enter an amount in dollars, like 12,500.' };
  return { ok: true, value: cents };
};
const requiredMoney = (text: string): Parsed => {
  const parsed = money(text);
  return parsed.ok && parsed.value === null ? { ok: false, error: 'Enter an amount in dollars, like 12,500.' } : parsed;
};
const oneOf =
  (values: readonly string[]) =>
  (text: string): Parsed => ({ ok: true, value: pick(values, text) });

interface EditProps<I> {
  label: string;
  field: keyof Omit<I, 'id'> & string;
  value: string;
  display?: ReactNode;
  editor?: InlineEditor;
  parse?: (text: string) => Parsed;
  save: Saver<I>;
  showLabel?: boolean;
  emptyText?: string;
  className?: string;
  /** Called when a person reaches for the field, before it opens (see InlineField). */
  onIntent?: () => void;
}

/** One inline field of a record: parses the text, sends the one field, and shows a refusal there. */
function Edit<I>({
  label,
  field,
  value,
  display,
  editor,
  parse = blankToNull,
  save,
  showLabel,
  emptyText,
  className,
  onIntent,
}: EditProps<I>) {
  const editable = useHasRank('ADVISOR');
  return (
    <InlineField
      label={label}
      value={value}
      display={display}
      editor={editor}
      editable={editable}
      showLabel={showLabel}
      emptyText={emptyText}
      className={className}
      testId={`edit-${field}`}
      onIntent={onIntent}
      onSave={async (text) => {
        const parsed = parse(text);
        if (!parsed.ok) return parsed.error;
        return save({ [field]: parsed.value } as Omit<I, 'id'>, field);
      }}
    />
  );
}

/**
 * A record's owner: chosen from the active staff, or nobody. The staff list is asked for when a
 * person reaches for the field (points at it, focuses it, opens it), so a table of rows draws
 * without a query per row; until it arrives the choice holds nobody and the current owner.
 */
function OwnerEdit<I>(
  props: Omit<EditProps<I>, 'label' | 'field' | 'editor' | 'value' | 'display' | 'onIntent'> & {
    owner: { id: string; name: string } | null | undefined;
  },
) {
  const { staff, load } = useStaffOnDemand();
  const { owner, ...rest } = props;
  const listed = owner ? staff.some((u) => u.id === owner.id) : true;
  return (
    <Edit<I>
      {...rest}
      label="Owner"
      field={'ownerId' as EditProps<I>['field']}
      value={owner?.id ?? ''}
      display={owner?.name ?? 'Unassigned'}
      editor={{
        kind: 'select',
        options: [
          { value: '', label: 'Unassigned' },
          // A former colleague who still owns the record stays a choice, so the field reads true.
          ...(owner && !listed ? [{ value: owner.id, label: owner.name }] : []),
          ...staff.map((u) => ({ value: u.id, label: u.name })),
        ],
      }}
      onIntent={load}
    />
  );
}

const stageBadge = (stage: ContactFieldsFragment['lifecycleStage']) => (
  <span className={stage === 'CUSTOMER' || stage === 'REPEAT_CUSTOMER' ? 'badge badge--gold' : 'badge'}>
    {LIFECYCLE_STAGE_LABEL[stage]}
  </span>
);

const LIFECYCLE_OPTIONS = LIFECYCLE_STAGES.map((s) => ({ value: s, label: LIFECYCLE_STAGE_LABEL[s] }));
const enumOptions = (values: readonly string[], none?: string) => [
  ...(none ? [{ value: '', label: none }] : []),
  ...values.map((v) => ({ value: v, label: humanize(v) })),
];

type ContactField = 'firstName' | 'lastName' | 'email' | 'phone' | 'jobTitle' | 'lifecycleStage' | 'owner' | 'city';
type ContactLike = Pick<ContactFieldsFragment, 'id' | 'firstName' | 'lifecycleStage'> &
  Partial<Pick<ContactFieldsFragment, 'lastName' | 'email' | 'phone' | 'jobTitle' | 'city' | 'owner'>>;

/** One of a contact's fields, editable in place by advisors and up. */
export function ContactEdit({
  contact,
  field,
  showLabel,
  emptyText,
  className,
}: {
  contact: ContactLike;
  field: ContactField;
  showLabel?: boolean;
  emptyText?: string;
  className?: string;
}) {
  const save = useContactSaver(contact.id);
  const common = { save, showLabel, emptyText, className };
  switch (field) {
    case 'firstName':
      return (
        <Edit
          {...common}
          label="First name"
          field="firstName"
          value={contact.firstName}
          parse={required('a first name')}
        />
      );
    case 'lastName':
      return <Edit {...common} label="Last name" field="lastName" value={contact.lastName ?? ''} />;
    case 'email':
      return (
        <Edit
          {...common}
          label="Email"
          field="email"
          value={contact.email ?? ''}
          editor={{ kind: 'text', type: 'email' }}
        />
      );
    case 'phone':
      return (
        <Edit
          {...common}
          label="Phone"
          field="phone"
          value={contact.phone ?? ''}
          editor={{ kind: 'text', type: 'tel' }}
        />
      );
    case 'jobTitle':
      return <Edit {...common} label="Job title" field="jobTitle" value={contact.jobTitle ?? ''} />;
    case 'city':
      return <Edit {...common} label="City" field="city" value={contact.city ?? ''} />;
    case 'lifecycleStage':
      return (
        <Edit
          {...common}
          label="Lifecycle stage"
          field="lifecycleStage"
          value={contact.lifecycleStage}
          display={stageBadge(contact.lifecycleStage)}
          editor={{ kind: 'select', options: LIFECYCLE_OPTIONS }}
          parse={oneOf(LIFECYCLE_STAGES)}
        />
      );
    case 'owner':
      return <OwnerEdit {...common} owner={contact.owner} />;
  }
}

type CompanyField = 'name' | 'status' | 'accountTier' | 'budget' | 'owner' | 'phone' | 'industry' | 'city';
type CompanyLike = Pick<CompanyFieldsFragment, 'id' | 'name' | 'status'> &
  Partial<
    Pick<CompanyFieldsFragment, 'accountTier' | 'annualTravelBudgetCents' | 'owner' | 'phone' | 'industry' | 'city'>
  >;

/** One of a company's fields, editable in place by advisors and up. */
export function CompanyEdit({
  company,
  field,
  showLabel,
  className,
}: {
  company: CompanyLike;
  field: CompanyField;
  showLabel?: boolean;
  className?: string;
}) {
  const save = useCompanySaver(company.id);
  const common = { save, showLabel, className };
  switch (field) {
    case 'name':
      return <Edit {...common} label="Company name" field="name" value={company.name} parse={required('a name')} />;
    case 'industry':
      return <Edit {...common} label="Industry" field="industry" value={company.industry ?? ''} />;
    case 'phone':
      return (
        <Edit
          {...common}
          label="Phone"
          field="phone"
          value={company.phone ?? ''}
          editor={{ kind: 'text', type: 'tel' }}
        />
      );
    case 'city':
      return <Edit {...common} label="City" field="city" value={company.city ?? ''} />;
    case 'status':
      return (
        <Edit
          {...common}
          label="Status"
          field="status"
          value={company.status}
          display={
            <span
              className={company.status === 'ACTIVE_CLIENT' || company.status === 'WON' ? 'badge badge--gold' : 'badge'}
            >
              {humanize(company.status)}
            </span>
          }
          editor={{ kind: 'select', options: enumOptions(COMPANY_STATUSES) }}
          parse={oneOf(COMPANY_STATUSES)}
        />
      );
    case 'accountTier':
      return (
        <Edit
          {...common}
          label="Tier"
          field="accountTier"
          value={company.accountTier ?? ''}
          display={company.accountTier ? humanize(company.accountTier) : null}
          editor={{ kind: 'select', options: enumOptions(ACCOUNT_TIERS, 'Not set') }}
          parse={oneOf(ACCOUNT_TIERS)}
        />
      );
    case 'budget':
      return (
        <Edit
          {...common}
          label="Travel budget"
          field="annualTravelBudgetCents"
          value={company.annualTravelBudgetCents != null ? centsToDollarsText(company.annualTravelBudgetCents) : ''}
          display={company.annualTravelBudgetCents != null ? formatCents(company.annualTravelBudgetCents) : null}
          editor={{ kind: 'text', inputMode: 'decimal' }}
          parse={money}
        />
      );
    case 'owner':
      return <OwnerEdit {...common} owner={company.owner} />;
  }
}

type DealField = 'title' | 'amount' | 'closeDate' | 'owner';
interface DealLike {
  id: string;
  title: string;
  amountCents: number;
  expectedCloseDate?: string | null;
  owner?: { id: string; name: string } | null;
}

/** One of a deal's fields, editable in place by advisors and up. */
export function DealEdit({
  deal,
  field,
  showLabel,
  className,
}: {
  deal: DealLike;
  field: DealField;
  showLabel?: boolean;
  className?: string;
}) {
  const save = useDealSaver(deal.id);
  const common = { save, showLabel, className };
  switch (field) {
    case 'title':
      return <Edit {...common} label="Title" field="title" value={deal.title} parse={required('a title')} />;
    case 'amount':
      return (
        <Edit
          {...common}
          label="Amount"
          field="amountCents"
          value={centsToDollarsText(deal.amountCents)}
          display={formatCents(deal.amountCents)}
          editor={{ kind: 'text', inputMode: 'decimal' }}
          parse={requiredMoney}
        />
      );
    case 'closeDate': {
      const date = deal.expectedCloseDate?.slice(0, 10) ?? '';
      return (
        <Edit
          {...common}
          label="Expected close"
          field="expectedCloseDate"
          value={date}
          display={date ? formatCalendarDate(date) : null}
          editor={{ kind: 'date' }}
          parse={(text) => ({ ok: true, value: text ? `${text}T00:00:00.000Z` : null })}
        />
      );
    }
    case 'owner':
      return <OwnerEdit {...common} owner={deal.owner} />;
  }
}
