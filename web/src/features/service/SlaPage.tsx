import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import type { TicketPriority, TicketSource } from '../../__generated__/graphql.ts';
import { humanize } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Loading } from '../../ui/Splash.tsx';
import {
  CreateSlaCalendarDocument,
  CreateSlaPolicyDocument,
  SlaSettingsDocument,
  UpdateSlaCalendarDocument,
  UpdateSlaPolicyDocument,
} from './graphql/__generated__/sla.ts';
import { PRIORITIES } from './ticketParts.tsx';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const SOURCES: TicketSource[] = ['EMAIL', 'WEB', 'SLACK', 'PHONE', 'PORTAL'];
const hoursText = (hours: { weekday: number; start: string; end: string }[]) =>
  WEEKDAYS.map((day, i) => {
    const windows = hours.filter((h) => h.weekday === i + 1).map((h) => `${h.start}–${h.end}`);
    return windows.length ? `${day.slice(0, 3)} ${windows.join(', ')}` : null;
  })
    .filter(Boolean)
    .join(' · ');
const duration = (m: number) => (m % 60 === 0 ? `${m / 60} h` : `${m} min`);
const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * SLA settings: business-hours calendars (weekly hours in a time zone, holidays, or 24/7) and the
 * policies chosen for a ticket by their ordered conditions, with their targets. Everyone reads;
 * managers add calendars and policies (the server refuses overlapping hours, naming the window).
 */
export function SlaPage() {
  useDocumentTitle('SLA');
  const canManage = useHasRank('MANAGER');
  const { data, error, refetch } = useQuery(SlaSettingsDocument, { fetchPolicy: 'cache-and-network' });
  const calendars = data?.slaCalendars?.nodes ?? [];
  const policies = data?.slaPolicies?.nodes ?? [];
  const [editPolicy, setEditPolicy] = useState<string | null>(null);
  const [editCalendar, setEditCalendar] = useState<string | null>(null);
  const [setPolicy, settingPolicy] = useMutation(UpdateSlaPolicyDocument);
  const [setCalendar, settingCalendar] = useMutation(UpdateSlaCalendarDocument);
  const toggleError = settingPolicy.error ?? settingCalendar.error;
  const editedPolicy = policies.find((p) => p.id === editPolicy);
  const editedCalendar = calendars.find((c) => c.id === editCalendar);
  return (
    <section aria-labelledby="sla-title">
      <header className="page-header">
        <h1 id="sla-title">SLA</h1>
      </header>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {!data && !error && <Loading />}
      {toggleError && <ErrorNotice error={toggleError} />}
      <section className="panel" aria-labelledby="sla-policies-title">
        <h2 id="sla-policies-title">Policies</h2>
        <p>The first active policy whose conditions all hold is the ticket’s (in this order).</p>
        <table className="table" data-testid="sla-policies">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Policy</th>
              <th scope="col">Conditions</th>
              <th scope="col">First reply</th>
              <th scope="col">Next reply</th>
              <th scope="col">Resolution</th>
              <th scope="col">Level 3 after</th>
              <th scope="col">Calendar</th>
              {canManage && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {policies.map((p) => (
              <tr key={p.id}>
                <td>{p.position}</td>
                <td>
                  {p.name}
                  {!p.active && ' (inactive)'}
                </td>
                <td>
                  {[
                    p.priorities.length ? `Priority ${p.priorities.map(humanize).join(' or ')}` : null,
                    p.sources.length ? `Channel ${p.sources.map(humanize).join(' or ')}` : null,
                    p.vipCompanyIds.length ? `VIP company (${p.vipCompanyIds.length})` : null,
                    p.travelling === true ? 'Requester travelling' : p.travelling === false ? 'Not travelling' : null,
                  ]
                    .filter(Boolean)
                    .join(' · ') || 'Any ticket'}
                </td>
                <td>{duration(p.firstReplyMinutes)}</td>
                <td>{duration(p.nextReplyMinutes)}</td>
                <td>{duration(p.resolutionMinutes)}</td>
                <td>{duration(p.escalateAfterMinutes)}</td>
                <td>{p.calendar.name}</td>
                {canManage && (
                  <td>
                    <button
                      type="button"
                      className="button"
                      aria-label={`Edit ${p.name}`}
                      onClick={() => setEditPolicy(p.id)}
                    >
                      Edit
                    </button>{' '}
                    <button
                      type="button"
                      className="button"
                      aria-label={`${p.active ? 'Deactivate' : 'Activate'} ${p.name}`}
                      onClick={() =>
                        void setPolicy({ variables: { input: { id: p.id, active: !p.active } } }).then(
                          () => refetch(),
                          () => undefined,
                        )
                      }
                    >
                      {p.active ? 'Deactivate' : 'Activate'}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {canManage && calendars.length > 0 && (
          <PolicyForm
            key={editedPolicy?.id ?? 'new'}
            calendars={calendars.filter((c) => c.active || c.id === editedPolicy?.calendar.id)}
            nextPosition={policies.length + 1}
            editing={editedPolicy ?? null}
            onDone={() => setEditPolicy(null)}
            onSaved={() => {
              setEditPolicy(null);
              void refetch();
            }}
          />
        )}
      </section>
      <section className="panel" aria-labelledby="sla-calendars-title">
        <h2 id="sla-calendars-title">Calendars</h2>
        <ul data-testid="sla-calendars">
          {calendars.map((c) => (
            <li key={c.id}>
              <strong>{c.name}</strong> ({c.timeZone}): {c.alwaysOpen ? '24/7' : hoursText(c.hours)}
              {c.holidays.length > 0 && ` · holidays ${c.holidays.join(', ')}`}
              {!c.active && ' (inactive)'}
              {canManage && (
                <>
                  {' '}
                  <button
                    type="button"
                    className="button"
                    aria-label={`Edit ${c.name}`}
                    onClick={() => setEditCalendar(c.id)}
                  >
                    Edit
                  </button>{' '}
                  <button
                    type="button"
                    className="button"
                    aria-label={`${c.active ? 'Deactivate' : 'Activate'} ${c.name}`}
                    onClick={() =>
                      void setCalendar({ variables: { input: { id: c.id, active: !c.active } } }).then(
                        () => refetch(),
                        () => undefined,
                      )
                    }
                  >
                    {c.active ? 'Deactivate' : 'Activate'}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
        {canManage && (
          <CalendarForm
            key={editedCalendar?.id ?? 'new'}
            editing={editedCalendar ?? null}
            onDone={() => setEditCalendar(null)}
            onSaved={() => {
              setEditCalendar(null);
              void refetch();
            }}
          />
        )}
      </section>
    </section>
  );
}

/** Weekly hours as one field per weekday (`09:00-12:00, 13:00-17:30`; empty is closed). */
interface CalendarRow {
  id: string;
  name: string;
  timeZone: string;
  alwaysOpen: boolean;
  hours: { weekday: number; start: string; end: string }[];
  holidays: string[];
}

function CalendarForm({
  onSaved,
  editing,
  onDone,
}: {
  onSaved: () => void;
  editing: CalendarRow | null;
  onDone: () => void;
}) {
  const [name, setName] = useState(editing?.name ?? '');
  const [timeZone, setTimeZone] = useState(editing?.timeZone ?? 'Europe/London');
  const [alwaysOpen, setAlwaysOpen] = useState(editing?.alwaysOpen ?? false);
  const [days, setDays] = useState<string[]>(
    editing
      ? WEEKDAYS.map((_, i) =>
          editing.hours
            .filter((h) => h.weekday === i + 1)
            .map((h) => `${h.start}-${h.end}`)
            .join(', '),
        )
      : ['09:00-17:00', '09:00-17:00', '09:00-17:00', '09:00-17:00', '09:00-17:00', '', ''],
  );
  const [holidays, setHolidays] = useState(editing?.holidays.join(', ') ?? '');
  const [createCalendar, createState] = useMutation(CreateSlaCalendarDocument);
  const [updateCalendar, updateState] = useMutation(UpdateSlaCalendarDocument);
  const creating = editing ? updateState : createState;
  const create = (o: {
    variables: {
      input: {
        name: string;
        timeZone: string;
        alwaysOpen: boolean;
        hours: { weekday: number; start: string; end: string }[];
        holidays: string[];
      };
    };
  }) =>
    editing ? updateCalendar({ variables: { input: { id: editing.id, ...o.variables.input } } }) : createCalendar(o);
  const [saved, setSaved] = useState<string | null>(null);
  const hours = alwaysOpen
    ? []
    : days.flatMap((text, i) =>
        list(text).map((w) => {
          const [start = '', end = ''] = w.split(/\s*[-–]\s*/);
          return { weekday: i + 1, start, end };
        }),
      );
  return (
    <form
      className="form"
      aria-label={editing ? `Edit calendar ${editing.name}` : 'New calendar'}
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(null);
        void create({ variables: { input: { name, timeZone, alwaysOpen, hours, holidays: list(holidays) } } })
          .then(() => {
            setSaved(name);
            setName('');
            onSaved();
          })
          .catch(() => undefined);
      }}
    >
      <h3>{editing ? `Edit calendar ${editing.name}` : 'New calendar'}</h3>
      {creating.error && <ErrorNotice error={creating.error} />}
      {saved && <p role="status">Calendar {saved} saved.</p>}
      <label>
        Calendar name <input className="input" value={name} onChange={(e) => setName(e.target.value)} required />
      </label>
      <label>
        Time zone <input className="input" value={timeZone} onChange={(e) => setTimeZone(e.target.value)} />
      </label>
      <label>
        <input type="checkbox" checked={alwaysOpen} onChange={(e) => setAlwaysOpen(e.target.checked)} /> Open 24/7
      </label>
      {!alwaysOpen && (
        <fieldset>
          <legend>Weekly hours (local times; several windows separated by commas)</legend>
          {WEEKDAYS.map((day, i) => (
            <label key={day}>
              {day}{' '}
              <input
                className="input"
                value={days[i]}
                placeholder="Closed"
                onChange={(e) => setDays((d) => d.map((x, k) => (k === i ? e.target.value : x)))}
              />
            </label>
          ))}
        </fieldset>
      )}
      <label>
        Holidays (YYYY-MM-DD, comma-separated){' '}
        <input className="input" value={holidays} onChange={(e) => setHolidays(e.target.value)} />
      </label>
      <button className="button button--primary" type="submit" disabled={creating.loading}>
        {editing ? 'Save calendar' : 'Add calendar'}
      </button>
      {editing && (
        <button className="button" type="button" onClick={onDone}>
          Cancel
        </button>
      )}
    </form>
  );
}

interface PolicyRow {
  id: string;
  name: string;
  position: number;
  priorities: TicketPriority[];
  sources: TicketSource[];
  vipCompanyIds: string[];
  travelling?: boolean | null;
  firstReplyMinutes: number;
  nextReplyMinutes: number;
  resolutionMinutes: number;
  escalateAfterMinutes: number;
  calendar: { id: string };
}

function PolicyForm({
  calendars,
  nextPosition,
  onSaved,
  editing,
  onDone,
}: {
  calendars: { id: string; name: string }[];
  nextPosition: number;
  onSaved: () => void;
  editing: PolicyRow | null;
  onDone: () => void;
}) {
  const [name, setName] = useState(editing?.name ?? '');
  const [position, setPosition] = useState(String(editing?.position ?? nextPosition));
  const [calendarId, setCalendarId] = useState(editing?.calendar.id ?? calendars[0]?.id ?? '');
  const [priorities, setPriorities] = useState<TicketPriority[]>(editing?.priorities ?? []);
  const [sources, setSources] = useState<TicketSource[]>(editing?.sources ?? []);
  const [vip, setVip] = useState(editing?.vipCompanyIds.join(', ') ?? '');
  const [travelling, setTravelling] = useState(
    editing?.travelling === true ? 'yes' : editing?.travelling === false ? 'no' : '',
  );
  const [targets, setTargets] = useState({
    first: String(editing?.firstReplyMinutes ?? 60),
    next: String(editing?.nextReplyMinutes ?? 240),
    resolution: String(editing?.resolutionMinutes ?? 1440),
    escalate: String(editing?.escalateAfterMinutes ?? 60),
  });
  const [createPolicy, createState] = useMutation(CreateSlaPolicyDocument);
  const [updatePolicy, updateState] = useMutation(UpdateSlaPolicyDocument);
  const creating = editing ? updateState : createState;
  const toggle = <T,>(xs: T[], x: T) => (xs.includes(x) ? xs.filter((y) => y !== x) : [...xs, x]);
  return (
    <form
      className="form"
      aria-label={editing ? `Edit policy ${editing.name}` : 'New policy'}
      onSubmit={(e) => {
        e.preventDefault();
        const input = {
          name,
          position: Number(position),
          calendarId,
          priorities,
          sources,
          vipCompanyIds: list(vip),
          travelling: travelling === '' ? null : travelling === 'yes',
          firstReplyMinutes: Number(targets.first),
          nextReplyMinutes: Number(targets.next),
          resolutionMinutes: Number(targets.resolution),
          escalateAfterMinutes: Number(targets.escalate),
        };
        void (
          editing
            ? updatePolicy({ variables: { input: { id: editing.id, ...input, anyTravelling: travelling === '' } } })
            : createPolicy({ variables: { input } })
        )
          .then(() => {
            setName('');
            setPosition(String(Number(position) + 1));
            onSaved();
          })
          .catch(() => undefined);
      }}
    >
      <h3>{editing ? `Edit policy ${editing.name}` : 'New policy'}</h3>
      {creating.error && <ErrorNotice error={creating.error} />}
      <label>
        Policy name <input className="input" value={name} onChange={(e) => setName(e.target.value)} required />
      </label>
      <label>
        Position{' '}
        <input className="input" type="number" min={0} value={position} onChange={(e) => setPosition(e.target.value)} />
      </label>
      <label>
        Calendar{' '}
        <select className="input" value={calendarId} onChange={(e) => setCalendarId(e.target.value)}>
          {calendars.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>Priorities (any when none ticked)</legend>
        {PRIORITIES.map((p) => (
          <label key={p}>
            <input
              type="checkbox"
              checked={priorities.includes(p)}
              onChange={() => setPriorities((xs) => toggle(xs, p))}
            />{' '}
            {humanize(p)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Channels (any when none ticked)</legend>
        {SOURCES.map((s) => (
          <label key={s}>
            <input type="checkbox" checked={sources.includes(s)} onChange={() => setSources((xs) => toggle(xs, s))} />{' '}
            {humanize(s)}
          </label>
        ))}
      </fieldset>
      <label>
        VIP company ids (comma-separated){' '}
        <input className="input" value={vip} onChange={(e) => setVip(e.target.value)} />
      </label>
      <label>
        Requester travelling{' '}
        <select className="input" value={travelling} onChange={(e) => setTravelling(e.target.value)}>
          <option value="">Either</option>
          <option value="yes">Travelling now</option>
          <option value="no">Not travelling</option>
        </select>
      </label>
      {(
        [
          ['first', 'First reply within (business minutes)'],
          ['next', 'Next reply within (business minutes)'],
          ['resolution', 'Resolution within (business minutes)'],
          ['escalate', 'Escalate to the manager (level 3) after a breach, within (business minutes)'],
        ] as const
      ).map(([key, label]) => (
        <label key={key}>
          {label}{' '}
          <input
            className="input"
            type="number"
            min={1}
            value={targets[key]}
            onChange={(e) => setTargets((t) => ({ ...t, [key]: e.target.value }))}
          />
        </label>
      ))}
      <button className="button button--primary" type="submit" disabled={creating.loading}>
        {editing ? 'Save policy' : 'Add policy'}
      </button>
      {editing && (
        <button className="button" type="button" onClick={onDone}>
          Cancel
        </button>
      )}
    </form>
  );
}
