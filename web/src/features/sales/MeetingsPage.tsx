import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { describeError, fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Field } from '../../ui/Field.tsx';
import { Loading } from '../../ui/Splash.tsx';
import { CreateMeetingTypeDocument, MeetingSettingsDocument, SetAvailabilityDocument } from './graphql/sales.ts';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Your hours (weekdays, one range a day), your booking pages, and upcoming meetings. */
export function MeetingsPage() {
  useDocumentTitle('Meetings');
  const canEdit = useHasRank('ADVISOR');
  const { data, error, refetch } = useQuery(MeetingSettingsDocument, { fetchPolicy: 'cache-and-network' });
  const [save, saving] = useMutation(SetAvailabilityDocument);
  const [createType] = useMutation(CreateMeetingTypeDocument);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const a = data?.availability;
  const [form, setForm] = useState<{
    name: string;
    email: string;
    tz: string;
    start: string;
    end: string;
    days: number[];
  } | null>(null);
  const [type, setType] = useState({ slug: '', name: '', duration: '30' });
  if (error) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  if (!data) return <Loading />;
  const f = form ?? {
    name: a?.displayName ?? '',
    email: a?.email ?? '',
    tz: a?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    start: a?.weekly[0]?.start ?? '09:00',
    end: a?.weekly[0]?.end ?? '17:00',
    days: a ? [...new Set(a.weekly.map((w) => w.weekday))] : [1, 2, 3, 4, 5],
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    try {
      await save({
        variables: {
          input: {
            displayName: f.name,
            email: f.email,
            timeZone: f.tz,
            weekly: f.days.map((weekday) => ({ weekday, start: f.start, end: f.end })),
          },
        },
      });
      await refetch();
    } catch (err) {
      setProblem(describeError(err));
    }
  };
  const addType = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    try {
      await createType({
        variables: { input: { slug: type.slug, name: type.name, durationMinutes: Number(type.duration) } },
      });
      setType({ slug: '', name: '', duration: '30' });
      await refetch();
    } catch (err) {
      setProblem(describeError(err));
    }
  };
  return (
    <section aria-labelledby="meetings-title">
      <header className="page-header">
        <h1 id="meetings-title">Meetings</h1>
      </header>
      {problem && <p role="alert">{problem.message}</p>}
      <h2>Upcoming</h2>
      <ul data-testid="meetings-list">
        {data.meetings?.nodes.map((m) => (
          <li key={m.id}>
            {formatDateTime(m.startsAt)} · {m.meetingType.name} with {m.visitorName}
          </li>
        ))}
      </ul>
      <h2>Booking pages</h2>
      <ul>
        {data.meetingTypes?.nodes.map((t) => (
          <li key={t.id}>
            {t.name} ({t.durationMinutes} min{t.kind === 'ROUND_ROBIN' ? ', round robin' : ''}) ·{' '}
            <a href={t.bookingUrl}>{t.bookingUrl}</a>
          </li>
        ))}
      </ul>
      {canEdit && (
        <>
          <form onSubmit={(e) => void submit(e)} className="form-grid" aria-label="Your hours">
            <h2>Your hours</h2>
            <Field label="Name shown to clients" error={fieldMessage(problem, 'input.displayName')}>
              {(p) => <input {...p} value={f.name} onChange={(e) => setForm({ ...f, name: e.target.value })} />}
            </Field>
            <Field label="Email for invitations" error={fieldMessage(problem, 'input.email')}>
              {(p) => (
                <input {...p} type="email" value={f.email} onChange={(e) => setForm({ ...f, email: e.target.value })} />
              )}
            </Field>
            <Field label="Time zone" error={fieldMessage(problem, 'input.timeZone')}>
              {(p) => <input {...p} value={f.tz} onChange={(e) => setForm({ ...f, tz: e.target.value })} />}
            </Field>
            <Field label="From">
              {(p) => (
                <input {...p} type="time" value={f.start} onChange={(e) => setForm({ ...f, start: e.target.value })} />
              )}
            </Field>
            <Field label="To">
              {(p) => (
                <input {...p} type="time" value={f.end} onChange={(e) => setForm({ ...f, end: e.target.value })} />
              )}
            </Field>
            <fieldset>
              <legend>Days</legend>
              {DAYS.map((d, i) => (
                <label key={d}>
                  <input
                    type="checkbox"
                    checked={f.days.includes(i + 1)}
                    onChange={(e) =>
                      setForm({ ...f, days: e.target.checked ? [...f.days, i + 1] : f.days.filter((x) => x !== i + 1) })
                    }
                  />{' '}
                  {d}
                </label>
              ))}
            </fieldset>
            <div className="form-actions">
              <button type="submit" className="button button--primary" disabled={saving.loading}>
                Save hours
              </button>
            </div>
          </form>
          <form onSubmit={(e) => void addType(e)} className="form-grid" aria-label="New booking page">
            <h2>New booking page</h2>
            <Field label="Name" error={fieldMessage(problem, 'input.name')}>
              {(p) => <input {...p} value={type.name} onChange={(e) => setType({ ...type, name: e.target.value })} />}
            </Field>
            <Field label="Address (/meet/…)" error={fieldMessage(problem, 'input.slug')}>
              {(p) => <input {...p} value={type.slug} onChange={(e) => setType({ ...type, slug: e.target.value })} />}
            </Field>
            <Field label="Minutes" error={fieldMessage(problem, 'input.durationMinutes')}>
              {(p) => (
                <input
                  {...p}
                  inputMode="numeric"
                  value={type.duration}
                  onChange={(e) => setType({ ...type, duration: e.target.value })}
                />
              )}
            </Field>
            <div className="form-actions">
              <button type="submit" className="button">
                Create
              </button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}
