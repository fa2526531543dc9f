import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { describeError, fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { useCurrentUser, useHasRank } from '../../lib/useHasRank.ts';
import { Field } from '../../ui/Field.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { SalesCreateMeetingTypeDocument, SalesUpdateMeetingTypeDocument } from './graphql/__generated__/sales.ts';

export type MeetingKind = 'ONE_PERSON' | 'ROUND_ROBIN' | 'COLLECTIVE';

export const KIND_LABELS: Record<MeetingKind, string> = {
  ONE_PERSON: 'One person',
  ROUND_ROBIN: 'Round robin',
  COLLECTIVE: 'Collective',
};

const KIND_HINTS: Record<MeetingKind, string> = {
  ONE_PERSON: 'One member hosts every meeting.',
  ROUND_ROBIN: 'Any free member of the team takes it, spread evenly.',
  COLLECTIVE: 'Every member chosen attends, so a time is open only while all of them are free.',
};

export interface MeetingTypeShape {
  id: string;
  slug: string;
  name: string;
  description?: string | null;
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minimumNoticeMinutes: number;
  maxDaysAhead: number;
  location?: string | null;
  kind: MeetingKind;
  hostIds: string[];
  active: boolean;
}

export interface Member {
  userId: string;
  displayName: string;
}

interface TypeForm {
  slug: string;
  name: string;
  description: string;
  kind: MeetingKind;
  hostIds: string[];
  duration: string;
  bufferBefore: string;
  bufferAfter: string;
  notice: string;
  maxDays: string;
  location: string;
  active: boolean;
}

const formOf = (t: MeetingTypeShape | null, me: string | null): TypeForm =>
  t
    ? {
        slug: t.slug,
        name: t.name,
        description: t.description ?? '',
        kind: t.kind,
        hostIds: t.hostIds,
        duration: String(t.durationMinutes),
        bufferBefore: String(t.bufferBeforeMinutes),
        bufferAfter: String(t.bufferAfterMinutes),
        notice: String(t.minimumNoticeMinutes),
        maxDays: String(t.maxDaysAhead),
        location: t.location ?? '',
        active: t.active,
      }
    : {
        slug: '',
        name: '',
        description: '',
        kind: 'ONE_PERSON',
        hostIds: me ? [me] : [],
        duration: '30',
        bufferBefore: '0',
        bufferAfter: '0',
        notice: '240',
        maxDays: '60',
        location: '',
        active: true,
      };

/** A whole number typed in a box, or NaN (the server names the field). */
const whole = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));

/**
 * Creates or edits a booking page: one person, round robin or collective, and who hosts it. Members
 * are those who have set their hours; only a manager may name anyone but themselves.
 */
export function MeetingTypeEditor({
  editing,
  members,
  onDone,
}: {
  editing: MeetingTypeShape | null;
  members: Member[];
  onDone: () => void | Promise<unknown>;
}) {
  const me = useCurrentUser()?.id ?? null;
  const isManager = useHasRank('MANAGER');
  const [form, setForm] = useState<TypeForm>(() => formOf(editing, me));
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [create, creating] = useMutation(SalesCreateMeetingTypeDocument);
  const [update, updating] = useMutation(SalesUpdateMeetingTypeDocument);
  const set = (patch: Partial<TypeForm>) => setForm({ ...form, ...patch });
  const pickKind = (kind: MeetingKind) =>
    set({ kind, hostIds: kind === 'ONE_PERSON' ? form.hostIds.slice(0, 1) : form.hostIds });
  const toggleHost = (id: string, on: boolean) => {
    if (form.kind === 'ONE_PERSON') set({ hostIds: on ? [id] : [] });
    else set({ hostIds: on ? [...form.hostIds, id] : form.hostIds.filter((h) => h !== id) });
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const fields = {
      slug: form.slug,
      name: form.name,
      description: form.description || null,
      kind: form.kind,
      hostIds: form.hostIds,
      durationMinutes: whole(form.duration),
      bufferBeforeMinutes: whole(form.bufferBefore),
      bufferAfterMinutes: whole(form.bufferAfter),
      minimumNoticeMinutes: whole(form.notice),
      maxDaysAhead: whole(form.maxDays),
      location: form.location || null,
      active: form.active,
    };
    const bad = Object.entries(fields).filter(([, v]) => typeof v === 'number' && !Number.isInteger(v));
    if (bad.length) {
      setProblem({
        code: 'BAD_USER_INPUT',
        title: 'Check the form',
        message: 'Some numbers are not whole minutes or days.',
        fields: bad.map(([k]) => ({ path: `input.${k}`, message: 'must be a whole number' })),
        retryAfterMs: null,
      });
      return;
    }
    try {
      if (editing) await update({ variables: { input: { id: editing.id, ...fields } } });
      else await create({ variables: { input: fields } });
      if (!editing) setForm(formOf(null, me));
      await onDone();
    } catch (err) {
      setProblem(describeError(err));
    }
  };
  const number = (label: string, key: keyof TypeForm, path: string, hint?: string) => (
    <Field label={label} hint={hint} error={fieldMessage(problem, path)}>
      {(p) => (
        <input
          {...p}
          className="input"
          inputMode="numeric"
          value={String(form[key])}
          onChange={(e) => set({ [key]: e.target.value })}
        />
      )}
    </Field>
  );
  const hostsError =
    fieldMessage(problem, 'input.hostIds') ??
    form.hostIds.map((_, i) => fieldMessage(problem, `input.hostIds.${i}`)).find(Boolean);
  return (
    <form
      onSubmit={(e) => void submit(e)}
      className="form-grid"
      aria-label={editing ? `Edit ${editing.name}` : 'New booking page'}
    >
      <h2>{editing ? `Edit ${editing.name}` : 'New booking page'}</h2>
      <FormProblem problem={problem} />
      <Field label="Name" required error={fieldMessage(problem, 'input.name')}>
        {(p) => <input {...p} className="input" value={form.name} onChange={(e) => set({ name: e.target.value })} />}
      </Field>
      <Field label="Address (/meet/…)" required error={fieldMessage(problem, 'input.slug')}>
        {(p) => <input {...p} className="input" value={form.slug} onChange={(e) => set({ slug: e.target.value })} />}
      </Field>
      <Field label="Kind" hint={KIND_HINTS[form.kind]} error={fieldMessage(problem, 'input.kind')}>
        {(p) => (
          <select {...p} className="select" value={form.kind} onChange={(e) => pickKind(e.target.value as MeetingKind)}>
            {(Object.keys(KIND_LABELS) as MeetingKind[]).map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset className="field--wide" aria-describedby={hostsError ? 'meeting-hosts-error' : undefined}>
        <legend>{form.kind === 'ONE_PERSON' ? 'Host' : 'Members'}</legend>
        {members.length === 0 && <p>Nobody has set their hours yet; save your hours first.</p>}
        {members.map((m) => (
          <label key={m.userId}>
            <input
              type={form.kind === 'ONE_PERSON' ? 'radio' : 'checkbox'}
              name="meeting-hosts"
              checked={form.hostIds.includes(m.userId)}
              disabled={!isManager && m.userId !== me}
              onChange={(e) => toggleHost(m.userId, e.target.checked)}
            />{' '}
            {m.displayName}
          </label>
        ))}
        {!isManager && <p className="field__hint">Only a manager may add other members.</p>}
        {hostsError && (
          <span id="meeting-hosts-error" className="field__error" data-testid="field-error">
            {hostsError}
          </span>
        )}
      </fieldset>
      {number('Minutes', 'duration', 'input.durationMinutes')}
      {number('Free minutes before', 'bufferBefore', 'input.bufferBeforeMinutes')}
      {number('Free minutes after', 'bufferAfter', 'input.bufferAfterMinutes')}
      {number('Minimum notice (minutes)', 'notice', 'input.minimumNoticeMinutes')}
      {number('Days ahead offered', 'maxDays', 'input.maxDaysAhead')}
      <Field label="Where (address or video link)" error={fieldMessage(problem, 'input.location')}>
        {(p) => (
          <input {...p} className="input" value={form.location} onChange={(e) => set({ location: e.target.value })} />
        )}
      </Field>
      <Field label="Description" className="field--wide" error={fieldMessage(problem, 'input.description')}>
        {(p) => (
          <textarea
            {...p}
            className="textarea"
            rows={3}
            value={form.description}
            onChange={(e) => set({ description: e.target.value })}
          />
        )}
      </Field>
      <label>
        <input type="checkbox" checked={form.active} onChange={(e) => set({ active: e.target.checked })} /> Taking
        bookings
      </label>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={creating.loading || updating.loading}>
          {editing ? 'Save booking page' : 'Create booking page'}
        </button>
        {editing && (
          <button type="button" className="button" onClick={() => void onDone()}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
