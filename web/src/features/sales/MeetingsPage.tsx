import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { describeError, fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useCurrentUser, useHasRank } from '../../lib/useHasRank.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Field } from '../../ui/Field.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { Loading } from '../../ui/Splash.tsx';
import {
  SalesBookMeetingDocument,
  SalesCancelMeetingDocument,
  SalesMarkNoShowDocument,
  SalesMeetingSettingsDocument,
  SalesMeetingSlotsDocument,
  SalesRescheduleMeetingDocument,
  SalesSetAvailabilityDocument,
} from './graphql/__generated__/sales.ts';
import { KIND_LABELS, MeetingTypeEditor, type MeetingTypeShape } from './MeetingTypeEditor.tsx';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
/** Meetings of the last week stay listed, so a no-show can still be marked. */
const RECENT_MS = 7 * 86_400_000;

/** Your hours, the booking pages (one person, round robin, collective), and meetings from the last week on. */
export function MeetingsPage() {
  useDocumentTitle('Meetings');
  const canEdit = useHasRank('ADVISOR');
  const canBook = useHasRank('AGENT');
  const isManager = useHasRank('MANAGER');
  const me = useCurrentUser()?.id ?? null;
  // The page's moment, fixed when it opens (a reload brings it forward).
  const [now] = useState(() => Date.now());
  const from = new Date(now - RECENT_MS).toISOString();
  const { data, error, refetch } = useQuery(SalesMeetingSettingsDocument, {
    variables: { from },
    fetchPolicy: 'cache-and-network',
  });
  const [editing, setEditing] = useState<MeetingTypeShape | 'new' | null>(null);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [cancel] = useMutation(SalesCancelMeetingDocument);
  const [noShow] = useMutation(SalesMarkNoShowDocument);
  const [moving, setMoving] = useState<{ id: string; typeId: string } | null>(null);
  if (error) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  if (!data) return <Loading />;
  const members = data.availabilities;
  const nameOf = (id: string) => members.find((m) => m.userId === id)?.displayName ?? 'a former member';
  const act = async (run: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await run();
      await refetch();
    } catch (err) {
      setProblem(describeError(err));
    }
  };
  const mayAct = (m: { hostId: string; coHostIds: string[] }) =>
    canEdit && (isManager || m.hostId === me || (me !== null && m.coHostIds.includes(me)));
  return (
    <section aria-labelledby="meetings-title">
      <header className="page-header">
        <h1 id="meetings-title">Meetings</h1>
        <p className="page-header__meta">
          <Link to="/sales/routing">Routing forms</Link>
        </p>
      </header>
      {problem && (
        <div className="notice notice--error" role="alert">
          <p>{problem.message}</p>
        </div>
      )}
      <h2>Meetings</h2>
      {data.meetings?.nodes.length === 0 && <p>No meetings booked.</p>}
      <div className="table-frame">
        <table className="data-table" data-testid="meetings-list">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Meeting</th>
              <th scope="col">Visitor</th>
              <th scope="col">Hosts</th>
              {canEdit && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {data.meetings?.nodes.map((m) => {
              const started = m.started;
              return (
                <tr key={m.id}>
                  <td>{formatDateTime(m.startsAt)}</td>
                  <td>{m.meetingType.name}</td>
                  <td>
                    {m.visitorName}
                    {m.noShow && <strong> · No-show</strong>}
                  </td>
                  <td>{[m.hostId, ...m.coHostIds].map(nameOf).join(', ')}</td>
                  {canEdit && (
                    <td>
                      {mayAct(m) && !started && (
                        <>
                          <button
                            type="button"
                            className="button"
                            onClick={() => setMoving({ id: m.id, typeId: m.meetingType.id })}
                          >
                            Move {m.visitorName}
                          </button>{' '}
                          <button
                            type="button"
                            className="button"
                            onClick={() => void act(() => cancel({ variables: { input: { id: m.id } } }))}
                          >
                            Cancel {m.visitorName}
                          </button>
                        </>
                      )}
                      {mayAct(m) && started && !m.noShow && (
                        <button
                          type="button"
                          className="button"
                          onClick={() => void act(() => noShow({ variables: { id: m.id } }))}
                        >
                          Mark {m.visitorName} as no-show
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {moving && (
        <MoveMeeting
          meetingId={moving.id}
          typeId={moving.typeId}
          onDone={async () => {
            setMoving(null);
            await refetch();
          }}
        />
      )}
      {canBook && (
        <BookForClient
          types={(data.meetingTypes?.nodes ?? []).filter((t) => t.active)}
          nameOf={nameOf}
          onBooked={() => refetch()}
        />
      )}
      <h2>Booking pages</h2>
      <div className="table-frame">
        <table className="data-table" data-testid="meeting-types">
          <thead>
            <tr>
              <th scope="col">Page</th>
              <th scope="col">Kind</th>
              <th scope="col">Hosts</th>
              <th scope="col">Address</th>
              {canEdit && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {data.meetingTypes?.nodes.map((t) => (
              <tr key={t.id}>
                <td>
                  {t.name} ({t.durationMinutes} min){t.active ? '' : ' · not taking bookings'}
                </td>
                <td>{KIND_LABELS[t.kind]}</td>
                <td>{t.hostIds.map(nameOf).join(', ')}</td>
                <td>
                  <a href={t.bookingUrl}>{t.bookingUrl}</a>
                </td>
                {canEdit && (
                  <td>
                    {(isManager || (me !== null && t.hostIds.includes(me))) && (
                      <button type="button" className="button" onClick={() => setEditing(t)}>
                        Edit {t.name}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canEdit && (
        <>
          {editing === null ? (
            <p>
              <button type="button" className="button" onClick={() => setEditing('new')}>
                New booking page
              </button>
            </p>
          ) : (
            <MeetingTypeEditor
              key={editing === 'new' ? 'new' : editing.id}
              editing={editing === 'new' ? null : editing}
              members={members}
              onDone={async () => {
                setEditing(null);
                await refetch();
              }}
            />
          )}
          <HoursEditor
            key={data.availability?.userId ?? 'none'}
            current={data.availability ?? null}
            onSaved={() => refetch()}
          />
        </>
      )}
    </section>
  );
}

/** Moves a meeting to another open time of its type (the invitation keeps its UID; both sides get the update). */
function MoveMeeting({ meetingId, typeId, onDone }: { meetingId: string; typeId: string; onDone: () => unknown }) {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const { data, error } = useQuery(SalesMeetingSlotsDocument, { variables: { id: typeId, timeZone: zone } });
  const [move, moving] = useMutation(SalesRescheduleMeetingDocument);
  const [slot, setSlot] = useState('');
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    try {
      await move({ variables: { input: { id: meetingId, startsAt: slot } } });
      await onDone();
    } catch (err) {
      setProblem(describeError(err));
    }
  };
  if (error) return <ErrorNotice error={error} />;
  const slots = data?.meetingType?.openSlots ?? [];
  return (
    <form onSubmit={(e) => void submit(e)} className="form-grid" aria-label="Move the meeting">
      <h2>Move the meeting</h2>
      <FormProblem problem={problem} />
      <Field label="New time" error={fieldMessage(problem, 'input.startsAt')}>
        {(p) => (
          <select {...p} className="select" value={slot} onChange={(e) => setSlot(e.target.value)} required>
            <option value="">{data ? 'Pick a time' : 'Loading times…'}</option>
            {slots.map((s) => (
              <option key={s.startsAt} value={s.startsAt}>
                {formatDateTime(s.startsAt)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={moving.loading || !slot}>
          Move
        </button>
        <button type="button" className="button" onClick={() => void onDone()}>
          Keep it
        </button>
      </div>
    </form>
  );
}

/** Books a client into an open time of a booking page, as the public page would (invitations go to both sides). */
function BookForClient({
  types,
  nameOf,
  onBooked,
}: {
  types: { id: string; name: string }[];
  nameOf: (id: string) => string;
  onBooked: () => unknown;
}) {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [f, setForm] = useState({ typeId: '', slot: '', name: '', email: '', notes: '' });
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [booked, setBooked] = useState<string | null>(null);
  const slots = useQuery(SalesMeetingSlotsDocument, { variables: { id: f.typeId, timeZone: zone }, skip: !f.typeId });
  const [book, booking] = useMutation(SalesBookMeetingDocument);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    setBooked(null);
    try {
      const r = await book({
        variables: {
          input: {
            meetingTypeId: f.typeId,
            startsAt: f.slot,
            name: f.name,
            email: f.email,
            timeZone: zone,
            notes: f.notes || null,
          },
        },
      });
      const m = r.data?.bookMeeting;
      if (m) setBooked(`Booked ${f.name} on ${formatDateTime(m.startsAt)} with ${nameOf(m.hostId)}.`);
      setForm({ ...f, slot: '', name: '', email: '', notes: '' });
      await slots.refetch();
      await onBooked();
    } catch (err) {
      setProblem(describeError(err));
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="form-grid" aria-label="Book for a client">
      <h2>Book for a client</h2>
      <FormProblem problem={problem} />
      {booked && <p role="status">{booked}</p>}
      <Field label="Booking page" error={fieldMessage(problem, 'input.meetingTypeId')}>
        {(p) => (
          <select
            {...p}
            className="select"
            value={f.typeId}
            onChange={(e) => setForm({ ...f, typeId: e.target.value, slot: '' })}
          >
            <option value="">Pick a booking page</option>
            {types.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Time" error={fieldMessage(problem, 'input.startsAt')}>
        {(p) => (
          <select {...p} className="select" value={f.slot} onChange={(e) => setForm({ ...f, slot: e.target.value })}>
            <option value="">{f.typeId && slots.loading ? 'Loading times…' : 'Pick a time'}</option>
            {(slots.data?.meetingType?.openSlots ?? []).map((s) => (
              <option key={s.startsAt} value={s.startsAt}>
                {formatDateTime(s.startsAt)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Client name" error={fieldMessage(problem, 'input.name')}>
        {(p) => (
          <input {...p} className="input" value={f.name} onChange={(e) => setForm({ ...f, name: e.target.value })} />
        )}
      </Field>
      <Field label="Client email" error={fieldMessage(problem, 'input.email')}>
        {(p) => (
          <input
            {...p}
            className="input"
            type="email"
            value={f.email}
            onChange={(e) => setForm({ ...f, email: e.target.value })}
          />
        )}
      </Field>
      <Field label="Notes" error={fieldMessage(problem, 'input.notes')}>
        {(p) => (
          <textarea
            {...p}
            className="textarea"
            rows={2}
            value={f.notes}
            onChange={(e) => setForm({ ...f, notes: e.target.value })}
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={booking.loading || !f.typeId || !f.slot}>
          Book
        </button>
      </div>
    </form>
  );
}

type Provider = 'ICS_FEED' | 'CALDAV' | 'GOOGLE';
const PROVIDERS: { value: Provider | ''; label: string; address: string; hint: string }[] = [
  { value: '', label: 'None', address: '', hint: '' },
  { value: 'ICS_FEED', label: 'ICS feed', address: 'Feed URL', hint: 'The secret iCal address of your calendar.' },
  {
    value: 'CALDAV',
    label: 'CalDAV',
    address: 'Calendar URL',
    hint: 'The CalDAV address of the calendar (iCloud, Fastmail, Nextcloud).',
  },
  {
    value: 'GOOGLE',
    label: 'Google Calendar',
    address: 'Calendar id',
    hint: 'Usually your Google email address.',
  },
];

interface Hours {
  displayName: string;
  email: string;
  timeZone: string;
  externalCalendar?: { provider: Provider; address: string; connected: boolean } | null;
  weekly: { weekday: number; start: string; end: string }[];
  overrides: { date: string; ranges: { start: string; end: string }[] }[];
}

/** Your hours: one range on the days ticked, days off, and an external calendar whose events are busy time. */
function HoursEditor({ current, onSaved }: { current: Hours | null; onSaved: () => unknown }) {
  const [save, saving] = useMutation(SalesSetAvailabilityDocument);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [f, setForm] = useState(() => ({
    name: current?.displayName ?? '',
    email: current?.email ?? '',
    tz: current?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    start: current?.weekly[0]?.start ?? '09:00',
    end: current?.weekly[0]?.end ?? '17:00',
    days: current ? [...new Set(current.weekly.map((w) => w.weekday))] : [1, 2, 3, 4, 5],
    daysOff: (current?.overrides ?? [])
      .filter((o) => o.ranges.length === 0)
      .map((o) => o.date)
      .join('\n'),
    provider: (current?.externalCalendar?.provider ?? '') as Provider | '',
    address: current?.externalCalendar?.address ?? '',
  }));
  const provider = PROVIDERS.find((x) => x.value === f.provider) ?? PROVIDERS[0];
  // Dates with their own hours (set through the API) are kept as they are.
  const specialDays = (current?.overrides ?? []).filter((o) => o.ranges.length > 0);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const daysOff = f.daysOff
      .split(/[\s,]+/)
      .map((d) => d.trim())
      .filter(Boolean);
    try {
      await save({
        variables: {
          input: {
            displayName: f.name,
            email: f.email,
            timeZone: f.tz,
            weekly: f.days.map((weekday) => ({ weekday, start: f.start, end: f.end })),
            overrides: [
              ...specialDays.map((o) => ({ date: o.date, ranges: o.ranges.map(({ start, end }) => ({ start, end })) })),
              ...daysOff.map((date) => ({ date, ranges: [] })),
            ],
            externalCalendar: f.provider ? { provider: f.provider, address: f.address.trim() } : null,
          },
        },
      });
      await onSaved();
    } catch (err) {
      setProblem(describeError(err));
    }
  };
  const weeklyError = f.days.map((_, i) => fieldMessage(problem, `input.weekly.${i}.end`)).find(Boolean);
  const overridesError = (problem?.fields ?? []).find((x) => x.path.startsWith('input.overrides'))?.message;
  return (
    <form onSubmit={(e) => void submit(e)} className="form-grid" aria-label="Your hours">
      <h2>Your hours</h2>
      <FormProblem problem={problem} />
      <Field label="Name shown to clients" error={fieldMessage(problem, 'input.displayName')}>
        {(p) => (
          <input {...p} className="input" value={f.name} onChange={(e) => setForm({ ...f, name: e.target.value })} />
        )}
      </Field>
      <Field label="Email for invitations" error={fieldMessage(problem, 'input.email')}>
        {(p) => (
          <input
            {...p}
            className="input"
            type="email"
            value={f.email}
            onChange={(e) => setForm({ ...f, email: e.target.value })}
          />
        )}
      </Field>
      <Field label="Time zone" error={fieldMessage(problem, 'input.timeZone')}>
        {(p) => <input {...p} className="input" value={f.tz} onChange={(e) => setForm({ ...f, tz: e.target.value })} />}
      </Field>
      <Field label="From">
        {(p) => (
          <input
            {...p}
            className="input"
            type="time"
            value={f.start}
            onChange={(e) => setForm({ ...f, start: e.target.value })}
          />
        )}
      </Field>
      <Field label="To" error={weeklyError}>
        {(p) => (
          <input
            {...p}
            className="input"
            type="time"
            value={f.end}
            onChange={(e) => setForm({ ...f, end: e.target.value })}
          />
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
      <Field label="Days off (YYYY-MM-DD, one a line)" error={overridesError}>
        {(p) => (
          <textarea
            {...p}
            className="textarea"
            rows={3}
            value={f.daysOff}
            onChange={(e) => setForm({ ...f, daysOff: e.target.value })}
          />
        )}
      </Field>
      <Field
        label="Busy calendar"
        hint="Events in this calendar are busy time."
        error={fieldMessage(problem, 'input.externalCalendar.provider')}
      >
        {(p) => (
          <select
            {...p}
            className="select"
            value={f.provider}
            onChange={(e) => setForm({ ...f, provider: e.target.value as Provider | '' })}
          >
            {PROVIDERS.map((x) => (
              <option key={x.value} value={x.value}>
                {x.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {f.provider && (
        <Field
          label={provider?.address ?? 'Address'}
          hint={provider?.hint}
          error={fieldMessage(problem, 'input.externalCalendar.address')}
        >
          {(p) => (
            <input
              {...p}
              className="input"
              value={f.address}
              onChange={(e) => setForm({ ...f, address: e.target.value })}
            />
          )}
        </Field>
      )}
      {current?.externalCalendar && !current.externalCalendar.connected && (
        <p className="notice" role="note">
          This server has no {current.externalCalendar.provider === 'GOOGLE' ? 'Google Calendar' : 'CalDAV'} credentials
          yet, so this calendar is not read and bookings treat it as free.
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={saving.loading}>
          Save hours
        </button>
      </div>
    </form>
  );
}
