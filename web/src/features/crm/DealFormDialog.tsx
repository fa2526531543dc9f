import { useRef, useState, type FormEvent } from 'react';
import type { BoardDealFragment, CreateDealInput, DealSource, DealType } from '../../__generated__/graphql.ts';
import { fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { centsToDollarsText, parseDollars } from '../../lib/money.ts';
import { confirmDiscard, useUnsavedChanges } from '../../lib/useUnsavedChanges.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { EnumField } from '../../ui/EnumField.tsx';
import { Field } from '../../ui/Field.tsx';
import { focusFirstInvalid, FormProblem } from '../../ui/FormProblem.tsx';
import { useStaff } from '../identity/useStaff.ts';
import { DEAL_SOURCES, DEAL_TYPES, pick } from './crmEnums.ts';
import { usePipelines } from './usePipelines.ts';
import { useSaveDeal } from './useSaveDeal.ts';

/** What a new deal starts with: where it was created from (a board column, a company, a contact). */
export interface DealDefaults {
  pipelineId?: string;
  stageId?: string;
  companyId?: string;
  companyName?: string;
  primaryContactId?: string;
  contactName?: string;
}

type EditedDeal = BoardDealFragment & { dealType?: DealType | null; source?: DealSource | null };

interface DealFormDialogProps {
  /** The deal being edited; absent for a new one. */
  deal?: EditedDeal;
  defaults?: DealDefaults;
  onSaved: (id: string) => void;
  onClose: () => void;
}

const date = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : '');

/** Create or edit a deal in a dialog, without leaving the board or record it was opened from. */
export function DealFormDialog({ deal, defaults = {}, onSaved, onClose }: DealFormDialogProps) {
  const { save, saving } = useSaveDeal();
  const { staff } = useStaff();
  const { pipelines } = usePipelines();
  const form = useRef<HTMLFormElement>(null);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const initial = {
    title: deal?.title ?? '',
    amount: deal ? centsToDollarsText(deal.amountCents) : '',
    pipelineId: deal?.pipeline.id ?? defaults.pipelineId ?? '',
    stageId: deal?.stage.id ?? defaults.stageId ?? '',
    ownerId: deal ? (deal.owner?.id ?? '') : 'me',
    expectedCloseDate: date(deal?.expectedCloseDate),
    dealType: deal?.dealType ?? '',
    source: deal?.source ?? '',
    tags: (deal?.tags ?? []).join(', '),
  };
  const [v, setV] = useState(initial);
  const dirty = JSON.stringify(v) !== JSON.stringify(initial);
  useUnsavedChanges(dirty);
  const set = (key: keyof typeof v) => (e: { target: { value: string } }) =>
    setV((old) => ({ ...old, [key]: e.target.value }));
  const error = (field: string) => localErrors[field] ?? fieldMessage(problem, field);

  const pipeline = pipelines.find((p) => p.id === v.pipelineId) ?? pipelines.find((p) => p.isDefault) ?? pipelines[0];
  const stages = pipeline?.stages?.nodes ?? [];
  const company = deal
    ? deal.company
    : defaults.companyId
      ? { id: defaults.companyId, name: defaults.companyName ?? '' }
      : null;
  const contact = deal?.primaryContact
    ? `${deal.primaryContact.firstName} ${deal.primaryContact.lastName ?? ''}`.trim()
    : defaults.contactName;

  const close = () => {
    if (confirmDiscard(dirty)) onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const local: Record<string, string> = {};
    const amountCents = parseDollars(v.amount);
    if (!v.title.trim()) local.title = 'Give the deal a title.';
    if (amountCents !== null && Number.isNaN(amountCents))
      local.amountCents = 'Enter an amount in dollars, e.g. 12500 or 12,500.00.';
    setLocalErrors(local);
    if (Object.keys(local).length > 0) return focusFirstInvalid(form.current);

    const input: CreateDealInput = {
      title: v.title.trim(),
      amountCents: amountCents ?? 0,
      ...(deal ? {} : { pipelineId: pipeline?.id ?? null, stageId: v.stageId || null }),
      ...(deal ? {} : { companyId: defaults.companyId ?? null, primaryContactId: defaults.primaryContactId ?? null }),
      ...(v.ownerId === 'me' ? {} : { ownerId: v.ownerId || null }),
      expectedCloseDate: v.expectedCloseDate ? `${v.expectedCloseDate}T12:00:00.000Z` : null,
      dealType: pick(DEAL_TYPES, v.dealType),
      source: pick(DEAL_SOURCES, v.source),
      tags: v.tags
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    };
    const result = await save(deal?.id ?? null, input);
    if (result.ok) onSaved(result.id);
    else {
      setProblem(result.error);
      focusFirstInvalid(form.current);
    }
  };

  return (
    <Dialog title={deal ? `Edit ${deal.title}` : 'New deal'} onClose={close} wide testId="deal-form">
      <form ref={form} className="dialog-form" onSubmit={submit} noValidate>
        <FormProblem problem={problem} />
        <div className="dialog-form__grid">
          <Field label="Title" required error={error('title')} className="field--wide">
            {(p) => (
              <input
                {...p}
                className="input"
                name="title"
                value={v.title}
                onChange={set('title')}
                maxLength={200}
                autoFocus
              />
            )}
          </Field>
          <Field label="Amount (USD)" error={error('amountCents')} hint="Whole dollars or with cents">
            {(p) => (
              <input
                {...p}
                className="input"
                name="amount"
                inputMode="decimal"
                value={v.amount}
                onChange={set('amount')}
              />
            )}
          </Field>
          <Field label="Expected close" error={error('expectedCloseDate')}>
            {(p) => (
              <input
                {...p}
                className="input"
                type="date"
                name="expectedCloseDate"
                value={v.expectedCloseDate}
                onChange={set('expectedCloseDate')}
              />
            )}
          </Field>
          {!deal && pipelines.length > 1 && (
            <Field label="Pipeline" error={error('pipelineId')}>
              {(p) => (
                <select
                  {...p}
                  className="select"
                  value={pipeline?.id ?? ''}
                  onChange={(e) => setV((old) => ({ ...old, pipelineId: e.target.value, stageId: '' }))}
                >
                  {pipelines.map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          {!deal && (
            <Field label="Stage" error={error('stageId')}>
              {(p) => (
                <select {...p} className="select" value={v.stageId} onChange={set('stageId')}>
                  <option value="">First open stage</option>
                  {stages
                    .filter((s) => s.outcome === 'OPEN')
                    .map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.name} ({s.probability}%)
                      </option>
                    ))}
                </select>
              )}
            </Field>
          )}
          <Field label="Owner" error={error('ownerId')}>
            {(p) => (
              <select {...p} className="select" value={v.ownerId} onChange={set('ownerId')}>
                {!deal && <option value="me">Me</option>}
                <option value="">Unassigned</option>
                {staff.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <EnumField
            label="Deal type"
            values={DEAL_TYPES}
            value={v.dealType}
            onChange={set('dealType')}
            error={error('dealType')}
          />
          <EnumField
            label="Source"
            values={DEAL_SOURCES}
            value={v.source}
            onChange={set('source')}
            error={error('source')}
          />
          <Field label="Tags" error={error('tags')} hint="Separated by commas">
            {(p) => <input {...p} className="input" name="tags" value={v.tags} onChange={set('tags')} />}
          </Field>
        </div>
        {(company || contact) && (
          <p className="cell-muted">
            {company && `Company: ${company.name}`}
            {company && contact && ' · '}
            {contact && `Contact: ${contact}`}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={saving}>
            {saving ? 'Saving…' : deal ? 'Save deal' : 'Create deal'}
          </button>
          <button type="button" className="button button--ghost" onClick={close}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
