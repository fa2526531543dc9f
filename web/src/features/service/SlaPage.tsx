import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import type { TicketPriority, TicketSource } from '../../__generated__/graphql.ts';
import { humanize } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Loading } from '../../ui/Splash.tsx';
import { CreateSlaCalendarDocument, CreateSlaPolicyDocument, SlaSettingsDocument } from './graphql/sla.ts';
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
  return (
    <section aria-labelledby="sla-title">
      <header className="page-header">
        <h1 id="sla-title">SLA</h1>
      </header>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {!data && !error && <Loading />}
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
              <th scope="col">Calendar</th>
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
                <td>{p.calendar.name}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {canManage && calendars.length > 0 && (
          <PolicyForm calendars={calendars} nextPosition={policies.length + 1} onSaved={() => void refetch()} />
        )}
      </section>
      <section className="panel" aria-labelledby="sla-calendars-title">
        <h2 id="sla-calendars-title">Calendars</h2>
        <ul data-testid="sla-calendars">
          {calendars.map((c) => (
            <li key={c.id}>
              <strong>{c.name}</strong> ({c.timeZone}): {c.alwaysOpen ? '24/7' : hoursText(c.hours)}
              {c.holidays.length > 0 && ` · holidays ${c.holidays.join(', ')}`}
            </li>
          ))}
        </ul>
        {canManage && <CalendarForm onSaved={() => void refetch()} />}
      </section>
    </section>
  );
}

/** Weekly hours as one field per weekday (`09:00-12:00, 13:00-17:30`; empty is closed). */
function CalendarForm({ onSaved }: { onSaved: () => void }) {
  const [name, setName] = useState('');
  const [timeZone, setTimeZone] = useState('Europe/London');
  const [alwaysOpen, setAlwaysOpen] = useState(false);
  const [days, setDays] = useState<string[]>([
    '09:00-17:00',
    '09:00-17:00',
    '09:00-17:00',
    '09:00-17:00',
    '09:00-17:00',
    '',
    '',
  ]);
  const [holidays, setHolidays] = useState('');
  const [create, creating] = useMutation(CreateSlaCalendarDocument);
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
      aria-label="New calendar"
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
      <h3>New calendar</h3>
      {creating.error && <ErrorNotice error={creating.error} />}
      {saved && <p role="status">Calendar {saved} added.</p>}
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
        Add calendar
      </button>
    </form>
  );
}

function PolicyForm({
  calendars,
  nextPosition,
  onSaved,
}: {
  calendars: { id: string; name: string }[];
  nextPosition: number;
  onSaved: () => void;
}) {
  const [name, setName] = useState('');
  const [position, setPosition] = useState(String(nextPosition));
  const [calendarId, setCalendarId] = useState(calendars[0]?.id ?? '');
  const [priorities, setPriorities] = useState<TicketPriority[]>([]);
  const [sources, setSources] = useState<TicketSource[]>([]);
  const [vip, setVip] = useState('');
  const [travelling, setTravelling] = useState('');
  const [targets, setTargets] = useState({ first: '60', next: '240', resolution: '1440' });
  const [create, creating] = useMutation(CreateSlaPolicyDocument);
  const toggle = <T,>(xs: T[], x: T) => (xs.includes(x) ? xs.filter((y) => y !== x) : [...xs, x]);
  return (
    <form
      className="form"
      aria-label="New policy"
      onSubmit={(e) => {
        e.preventDefault();
        void create({
          variables: {
            input: {
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
            },
          },
        })
          .then(() => {
            setName('');
            setPosition(String(Number(position) + 1));
            onSaved();
          })
          .catch(() => undefined);
      }}
    >
      <h3>New policy</h3>
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
        Add policy
      </button>
    </form>
  );
}
