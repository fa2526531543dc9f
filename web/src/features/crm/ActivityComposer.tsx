import { useId, useRef, useState, type FormEvent } from 'react';
import { useApolloClient, useMutation } from '@apollo/client/react';
import type { ActivityType } from '../../__generated__/graphql.ts';
import { describeError, fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { humanize } from '../../lib/format.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { useUnsavedChanges } from '../../lib/useUnsavedChanges.ts';
import { Field } from '../../ui/Field.tsx';
import { focusFirstInvalid, FormProblem } from '../../ui/FormProblem.tsx';
import { ACTIVITY_TYPES } from './crmEnums.ts';
import { LogActivityDocument } from './graphql/__generated__/logActivity.ts';

interface ActivityComposerProps {
  /** The record the activity is about; a deal fills in its contact and company on the server. */
  contactId?: string;
  companyId?: string;
  dealId?: string;
}

const SUBJECT_HINT: Record<ActivityType, string> = {
  NOTE: 'e.g. Prefers aisle seats',
  CALL: 'e.g. Discussed the Lisbon itinerary',
  MEETING: 'e.g. Kick-off with the travel committee',
  EMAIL: 'e.g. Sent the revised quote',
};

/** Log a note, call, meeting or email on the record it sits on; the timeline below shows it at once. */
export function ActivityComposer({ contactId, companyId, dealId }: ActivityComposerProps) {
  const allowed = useHasRank('AGENT');
  const client = useApolloClient();
  const [log, { loading }] = useMutation(LogActivityDocument);
  const form = useRef<HTMLFormElement>(null);
  const ids = { legend: useId() };
  const [type, setType] = useState<ActivityType>('NOTE');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [duration, setDuration] = useState('');
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [localError, setLocalError] = useState<string | undefined>();
  const [saved, setSaved] = useState('');
  useUnsavedChanges(subject !== '' || body !== '');
  if (!allowed) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    setSaved('');
    if (!subject.trim()) {
      setLocalError('Say what it was about.');
      return focusFirstInvalid(form.current);
    }
    setLocalError(undefined);
    try {
      await log({
        variables: {
          input: {
            type,
            subject: subject.trim(),
            body: body.trim() || null,
            durationMinutes: duration ? Number(duration) : null,
            contactId: contactId ?? null,
            companyId: companyId ?? null,
            dealId: dealId ?? null,
          },
        },
      });
      const { cache } = client;
      for (const [typename, id] of [
        ['Contact', contactId],
        ['Company', companyId],
        ['Deal', dealId],
      ] as const) {
        if (id) cache.evict({ id: cache.identify({ __typename: typename, id }), fieldName: 'activities' });
        if (id) cache.evict({ id: cache.identify({ __typename: typename, id }), fieldName: 'lastActivity' });
      }
      cache.evict({ fieldName: 'activities' });
      cache.gc();
      setSubject('');
      setBody('');
      setDuration('');
      setSaved(`${humanize(type)} logged.`);
    } catch (e) {
      setProblem(describeError(e));
      focusFirstInvalid(form.current);
    }
  };

  return (
    <form
      ref={form}
      className="composer"
      onSubmit={submit}
      noValidate
      data-testid="activity-composer"
      aria-labelledby={ids.legend}
    >
      <p id={ids.legend} className="visually-hidden">
        Log an activity
      </p>
      <div className="segmented" role="radiogroup" aria-label="Kind of activity">
        {ACTIVITY_TYPES.map((t) => (
          <label key={t} className={t === type ? 'segmented__option segmented__option--on' : 'segmented__option'}>
            <input type="radio" name="activity-type" value={t} checked={t === type} onChange={() => setType(t)} />
            {t === 'EMAIL' ? 'Email' : humanize(t)}
          </label>
        ))}
      </div>
      <FormProblem problem={problem} />
      <Field label="Subject" required error={localError ?? fieldMessage(problem, 'subject')} hint={SUBJECT_HINT[type]}>
        {(p) => (
          <input
            {...p}
            className="input"
            name="subject"
            value={subject}
            maxLength={300}
            onChange={(e) => setSubject(e.target.value)}
          />
        )}
      </Field>
      <Field label="Details" error={fieldMessage(problem, 'body')}>
        {(p) => (
          <textarea
            {...p}
            className="input textarea"
            name="body"
            rows={3}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
        )}
      </Field>
      {(type === 'CALL' || type === 'MEETING') && (
        <Field label="Minutes" error={fieldMessage(problem, 'durationMinutes')} className="field--narrow">
          {(p) => (
            <input
              {...p}
              className="input"
              type="number"
              min={0}
              max={1440}
              name="duration"
              value={duration}
              onChange={(e) => setDuration(e.target.value)}
            />
          )}
        </Field>
      )}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={loading}>
          {loading ? 'Logging…' : `Log ${type === 'EMAIL' ? 'email' : humanize(type).toLowerCase()}`}
        </button>
        <span role="status" className="cell-muted">
          {saved}
        </span>
      </div>
    </form>
  );
}
