/**
 * Writes on rows nested under a group or a supplier: member deposits and removal, milestones
 * (add, complete, reopen, remove), vendor commission rules and contracts (add, remove). Each
 * refetches its page's query; TT-API's refusals show beside the control.
 */
import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import type { TripType } from '../../__generated__/graphql.ts';
import { describeError, fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { humanize } from '../../lib/format.ts';
import { Field } from '../../ui/Field.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import {
  CompleteTravelGroupMilestoneDocument,
  CreateTravelGroupMilestoneDocument,
  CreateVendorCommissionRuleDocument,
  CreateVendorContractDocument,
  RemoveTravelGroupMemberDocument,
  RemoveTravelGroupMilestoneDocument,
  RemoveVendorCommissionRuleDocument,
  RemoveVendorContractDocument,
  UpdateTravelGroupMemberDocument,
} from './graphql/__generated__/childWrites.ts';

const GROUP = { refetchQueries: ['TravelGroupDetail'], awaitRefetchQueries: true };
const VENDOR = { refetchQueries: ['TravelVendor'], awaitRefetchQueries: true };

/** Runs a write and keeps its refusal, described, for the form or row to show. */
function useProblem() {
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const attempt = async (write: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await write();
      return true;
    } catch (e) {
      setProblem(describeError(e));
      return false;
    }
  };
  return { problem, attempt };
}

export function MemberActions({
  groupId,
  member,
}: {
  groupId: string;
  member: { id: string; depositPaid: boolean; ttContactId: string };
}) {
  const [update, updating] = useMutation(UpdateTravelGroupMemberDocument, GROUP);
  const [remove, removing] = useMutation(RemoveTravelGroupMemberDocument, GROUP);
  const { problem, attempt } = useProblem();
  const who = member.ttContactId.slice(0, 8);
  return (
    <>
      <button
        type="button"
        className="button button--ghost button--small"
        disabled={updating.loading}
        aria-label={`${member.depositPaid ? 'Mark deposit due' : 'Mark deposit paid'} for ${who}`}
        onClick={() =>
          void attempt(() =>
            update({ variables: { input: { groupId, memberId: member.id, depositPaid: !member.depositPaid } } }),
          )
        }
      >
        {member.depositPaid ? 'Mark deposit due' : 'Mark deposit paid'}
      </button>{' '}
      <button
        type="button"
        className="button button--ghost button--small"
        disabled={removing.loading}
        aria-label={`Remove member ${who}`}
        onClick={() => void attempt(() => remove({ variables: { groupId, memberId: member.id } }))}
      >
        Remove
      </button>
      {problem && (
        <span className="field__error" role="alert">
          {problem.message}
        </span>
      )}
    </>
  );
}

export function MilestoneActions({
  groupId,
  milestone,
}: {
  groupId: string;
  milestone: { id: string; title: string; completedAt?: string | null };
}) {
  const [complete, completing] = useMutation(CompleteTravelGroupMilestoneDocument, GROUP);
  const [remove, removing] = useMutation(RemoveTravelGroupMilestoneDocument, GROUP);
  const { problem, attempt } = useProblem();
  const done = Boolean(milestone.completedAt);
  return (
    <>
      {' '}
      <button
        type="button"
        className="button button--ghost button--small"
        disabled={completing.loading}
        aria-label={`${done ? 'Reopen' : 'Complete'} ${milestone.title}`}
        onClick={() =>
          void attempt(() => complete({ variables: { groupId, milestoneId: milestone.id, completed: !done } }))
        }
      >
        {done ? 'Reopen' : 'Complete'}
      </button>{' '}
      <button
        type="button"
        className="button button--ghost button--small"
        disabled={removing.loading}
        aria-label={`Remove ${milestone.title}`}
        onClick={() => void attempt(() => remove({ variables: { groupId, milestoneId: milestone.id } }))}
      >
        Remove
      </button>
      {problem && (
        <span className="field__error" role="alert">
          {problem.message}
        </span>
      )}
    </>
  );
}

export function MilestoneForm({ groupId }: { groupId: string }) {
  const [create, creating] = useMutation(CreateTravelGroupMilestoneDocument, GROUP);
  const { problem, attempt } = useProblem();
  const [title, setTitle] = useState('');
  const [dueDate, setDueDate] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await attempt(() => create({ variables: { input: { groupId, title, dueDate } } }))) {
      setTitle('');
      setDueDate('');
    }
  };
  return (
    <form className="form form--inline" onSubmit={(e) => void submit(e)} noValidate aria-label="Add a milestone">
      <FormProblem problem={problem} />
      <Field label="Milestone" required error={fieldMessage(problem, 'title')}>
        {(p) => <input {...p} className="input" value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <Field label="Due" required error={fieldMessage(problem, 'dueDate')}>
        {(p) => (
          <input {...p} className="input" type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
        )}
      </Field>
      <button type="submit" className="button button--primary" disabled={creating.loading}>
        Add milestone
      </button>
    </form>
  );
}

const TRIP_TYPES: readonly TripType[] = [
  'OCEAN_CRUISE',
  'RIVER_CRUISE',
  'EXPEDITION_CRUISE',
  'LUXURY_RESORT',
  'ADVENTURE',
  'CULTURAL',
  'GROUP_TRIP',
  'TEAM_OFFSITE',
  'EVENT_BASED',
  'CUSTOM',
];

export function RemoveRuleButton({ vendorId, ruleId, label }: { vendorId: string; ruleId: string; label: string }) {
  const [remove, removing] = useMutation(RemoveVendorCommissionRuleDocument, VENDOR);
  const { problem, attempt } = useProblem();
  return (
    <>
      <button
        type="button"
        className="button button--ghost button--small"
        disabled={removing.loading}
        aria-label={`Remove the ${label}`}
        onClick={() => void attempt(() => remove({ variables: { vendorId, ruleId } }))}
      >
        Remove
      </button>
      {problem && (
        <span className="field__error" role="alert">
          {problem.message}
        </span>
      )}
    </>
  );
}

export function CommissionRuleForm({ vendorId }: { vendorId: string }) {
  const [create, creating] = useMutation(CreateVendorCommissionRuleDocument, VENDOR);
  const { problem, attempt } = useProblem();
  const empty = { tripType: '', commissionPct: '', effectiveFrom: '', effectiveTo: '' };
  const [f, setF] = useState(empty);
  const set = (k: keyof typeof empty) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const input = {
      vendorId,
      tripType: TRIP_TYPES.find((t) => t === f.tripType) ?? null,
      commissionPct: Number(f.commissionPct),
      effectiveFrom: f.effectiveFrom,
      effectiveTo: f.effectiveTo || null,
    };
    if (await attempt(() => create({ variables: { input } }))) setF(empty);
  };
  return (
    <form className="form form--inline" onSubmit={(e) => void submit(e)} noValidate aria-label="Add a commission rule">
      <FormProblem problem={problem} />
      <Field label="Rule trip type">
        {(p) => (
          <select {...p} className="select" value={f.tripType} onChange={set('tripType')}>
            <option value="">Any trip</option>
            {TRIP_TYPES.map((t) => (
              <option key={t} value={t}>
                {humanize(t)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Commission %" required error={fieldMessage(problem, 'commissionPct')}>
        {(p) => (
          <input {...p} className="input" inputMode="decimal" value={f.commissionPct} onChange={set('commissionPct')} />
        )}
      </Field>
      <Field label="Effective from" required error={fieldMessage(problem, 'effectiveFrom')}>
        {(p) => <input {...p} className="input" type="date" value={f.effectiveFrom} onChange={set('effectiveFrom')} />}
      </Field>
      <Field label="Effective to" error={fieldMessage(problem, 'effectiveTo')}>
        {(p) => <input {...p} className="input" type="date" value={f.effectiveTo} onChange={set('effectiveTo')} />}
      </Field>
      <button type="submit" className="button button--primary" disabled={creating.loading}>
        Add rule
      </button>
    </form>
  );
}

export function RemoveContractButton({
  vendorId,
  contractId,
  label,
}: {
  vendorId: string;
  contractId: string;
  label: string;
}) {
  const [remove, removing] = useMutation(RemoveVendorContractDocument, VENDOR);
  const { problem, attempt } = useProblem();
  return (
    <>
      <button
        type="button"
        className="button button--ghost button--small"
        disabled={removing.loading}
        aria-label={`Remove ${label}`}
        onClick={() => void attempt(() => remove({ variables: { vendorId, contractId } }))}
      >
        Remove
      </button>
      {problem && (
        <span className="field__error" role="alert">
          {problem.message}
        </span>
      )}
    </>
  );
}

export function ContractForm({ vendorId }: { vendorId: string }) {
  const [create, creating] = useMutation(CreateVendorContractDocument, VENDOR);
  const { problem, attempt } = useProblem();
  const empty = {
    name: '',
    contractType: 'group_block',
    commissionPct: '',
    cabinsHeld: '',
    releaseDate: '',
    startDate: '',
    endDate: '',
  };
  const [f, setF] = useState(empty);
  const set = (k: keyof typeof empty) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const input = {
      vendorId,
      name: f.name,
      contractType: f.contractType,
      commissionPct: Number(f.commissionPct),
      cabinsHeld: f.cabinsHeld === '' ? null : Number(f.cabinsHeld),
      releaseDate: f.releaseDate || null,
      startDate: f.startDate,
      endDate: f.endDate || null,
    };
    if (await attempt(() => create({ variables: { input } }))) setF(empty);
  };
  return (
    <form className="form form--inline" onSubmit={(e) => void submit(e)} noValidate aria-label="Add a contract">
      <FormProblem problem={problem} />
      <Field label="Contract name" required error={fieldMessage(problem, 'name')}>
        {(p) => <input {...p} className="input" value={f.name} onChange={set('name')} />}
      </Field>
      <Field label="Contract type" required error={fieldMessage(problem, 'contractType')}>
        {(p) => (
          <select {...p} className="select" value={f.contractType} onChange={set('contractType')}>
            {['group_block', 'rate_agreement', 'preferred_partner'].map((t) => (
              <option key={t} value={t}>
                {humanize(t)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Contract commission %" required error={fieldMessage(problem, 'commissionPct')}>
        {(p) => (
          <input {...p} className="input" inputMode="decimal" value={f.commissionPct} onChange={set('commissionPct')} />
        )}
      </Field>
      <Field label="Rooms or cabins held" error={fieldMessage(problem, 'cabinsHeld')}>
        {(p) => (
          <input {...p} className="input" inputMode="numeric" value={f.cabinsHeld} onChange={set('cabinsHeld')} />
        )}
      </Field>
      <Field label="Release date" error={fieldMessage(problem, 'releaseDate')}>
        {(p) => <input {...p} className="input" type="date" value={f.releaseDate} onChange={set('releaseDate')} />}
      </Field>
      <Field label="Starts" required error={fieldMessage(problem, 'startDate')}>
        {(p) => <input {...p} className="input" type="date" value={f.startDate} onChange={set('startDate')} />}
      </Field>
      <Field label="Ends" error={fieldMessage(problem, 'endDate')}>
        {(p) => <input {...p} className="input" type="date" value={f.endDate} onChange={set('endDate')} />}
      </Field>
      <button type="submit" className="button button--primary" disabled={creating.loading}>
        Add contract
      </button>
    </form>
  );
}
