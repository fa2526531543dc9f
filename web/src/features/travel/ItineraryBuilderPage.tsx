import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type DragEvent, type FormEvent, type KeyboardEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { ItineraryEntryKind, ItineraryFieldsFragment } from '../../__generated__/graphql.ts';
import { describeError, fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { formatDateTime, humanize } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Field } from '../../ui/Field.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { Splash } from '../../ui/Splash.tsx';
import {
  CreateItineraryDocument,
  PublishItineraryDocument,
  SaveItineraryEntriesDocument,
  TripItineraryDocument,
} from './graphql/__generated__/itinerary.ts';
import { RecordScheduleChangeDocument } from './graphql/__generated__/money.ts';

type Entry = ItineraryFieldsFragment['entries'] extends infer C
  ? C extends { nodes: (infer N)[] }
    ? N
    : never
  : never;
const KINDS: readonly ItineraryEntryKind[] = ['FLIGHT', 'HOTEL', 'CRUISE', 'TRANSFER', 'ACTIVITY', 'NOTE'];

/**
 * Moves entry `from` to position `to` (0-based); it joins the day of the entry now above it (the
 * first entry keeps its day unless the one below starts earlier), so moving across a day boundary
 * moves it to that day.
 */
export function moveEntry(entries: readonly Entry[], from: number, to: number): Entry[] {
  const next = [...entries];
  const [moved] = next.splice(from, 1);
  if (!moved) return next;
  const at = Math.max(0, Math.min(next.length, to));
  const above = next[at - 1];
  const below = next[at];
  const day = above ? above.day : below ? Math.min(moved.day, below.day) : moved.day;
  next.splice(at, 0, { ...moved, day });
  return next;
}

const toInput = (e: Entry) => ({
  id: e.id,
  day: e.day,
  kind: e.kind,
  title: e.title,
  description: e.description,
  location: e.location,
  startTime: e.startTime,
  endTime: e.endTime,
  timeZone: e.timeZone,
  supplier: e.supplier,
  confirmationNumber: e.confirmationNumber,
  flightNumber: e.flightNumber ?? null,
  bookingId: e.booking?.id ?? null,
});

/** T-07: the day-by-day builder for a client trip; reorder by dragging or with Alt+Arrow keys, then publish. */
export function ItineraryBuilderPage() {
  const { id = '' } = useParams();
  const { data, error, refetch } = useQuery(TripItineraryDocument, {
    variables: { clientTripId: id },
    fetchPolicy: 'cache-and-network',
  });
  useDocumentTitle('Itinerary builder');
  if (!data && error) return <ErrorNotice error={error} onRetry={() => void refetch()} testId="travel-notice" />;
  if (!data) return <Splash />;
  return (
    <section aria-labelledby="itinerary-title">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to="/travel/trips">Trips</Link> <Link to={`/travel/trips/${id}`}>{data.clientTrip?.name ?? 'Trip'}</Link>
      </nav>
      <h1 id="itinerary-title">Itinerary{data.itinerary ? `: ${data.itinerary.title}` : ''}</h1>
      {data.itinerary ? <Builder key={`${data.itinerary.id}:${data.itinerary.updatedAt}`} itinerary={data.itinerary} /> : <Start clientTripId={id} />}
    </section>
  );
}

function Start({ clientTripId }: { clientTripId: string }) {
  const [create, { loading, error }] = useMutation(CreateItineraryDocument, {
    refetchQueries: [TripItineraryDocument],
  });
  return (
    <div>
      <p>
        This trip has no itinerary yet. Start one from its bookings, then add flights, hotels, transfers, activities and
        notes.
      </p>
      {error && <ErrorNotice error={error} />}
      <button
        type="button"
        className="button button--primary"
        disabled={loading}
        onClick={() => void create({ variables: { input: { clientTripId } } })}
      >
        Start itinerary
      </button>
    </div>
  );
}

function Builder({ itinerary }: { itinerary: ItineraryFieldsFragment }) {
  const [entries, setEntries] = useState<Entry[]>(itinerary.entries?.nodes ?? []);
  const [dirty, setDirty] = useState(false);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [dragged, setDragged] = useState<number | null>(null);
  const [announce, setAnnounce] = useState('');
  const [changing, setChanging] = useState<string | null>(null);
  const [save, saving] = useMutation(SaveItineraryEntriesDocument);
  const [publish, publishing] = useMutation(PublishItineraryDocument);
  const change = (next: Entry[], message: string) => {
    setEntries(next);
    setDirty(true);
    setAnnounce(message);
  };
  const move = (from: number, to: number) => {
    if (to < 0 || to >= entries.length) return;
    const next = moveEntry(entries, from, to);
    const moved = next.find((e) => e.id === entries[from]?.id);
    change(next, moved ? `${moved.title} moved to position ${next.indexOf(moved) + 1}, day ${moved.day}` : '');
  };
  const onKey = (k: number) => (event: KeyboardEvent) => {
    if (!event.altKey) return;
    if (event.key === 'ArrowUp') {
      event.preventDefault();
      move(k, k - 1);
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      move(k, k + 1);
    }
  };
  const onDrop = (k: number) => (event: DragEvent) => {
    event.preventDefault();
    if (dragged !== null && dragged !== k) move(dragged, k);
    setDragged(null);
  };
  const saveAll = async () => {
    setProblem(null);
    try {
      await save({ variables: { input: { id: itinerary.id, entries: entries.map(toInput) } } });
      setDirty(false);
      return true;
    } catch (e) {
      setProblem(describeError(e));
      return false;
    }
  };
  const doPublish = async () => {
    if (dirty && !(await saveAll())) return;
    try {
      await publish({ variables: { id: itinerary.id } });
    } catch (e) {
      setProblem(describeError(e));
    }
  };
  const add = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => {
      const v = form.get(name);
      return typeof v === 'string' && v.trim() ? v.trim() : null;
    };
    const kind = KINDS.find((x) => x === form.get('kind')) ?? 'ACTIVITY';
    const entry: Entry = {
      id: crypto.randomUUID(),
      day: Math.max(1, Number(form.get('day')) || 1),
      kind,
      title: value('title') ?? '',
      description: value('description'),
      location: value('location'),
      startTime: value('startTime'),
      endTime: value('endTime'),
      timeZone: value('timeZone'),
      supplier: value('supplier'),
      confirmationNumber: value('confirmationNumber'),
      flightNumber: kind === 'FLIGHT' ? value('flightNumber') : null,
      booked: kind !== 'NOTE' && value('confirmationNumber') !== null,
      booking: null,
    };
    const at = entries.findIndex((e) => e.day > entry.day);
    const next = [...entries];
    next.splice(at === -1 ? next.length : at, 0, entry);
    change(next, `${entry.title} added to day ${entry.day}`);
    event.currentTarget.reset();
  };

  return (
    <div data-testid="itinerary-builder">
      <p className="page-header__meta">
        {itinerary.publishedVersion > 0 ? (
          <>
            Version {itinerary.publishedVersion} is live at{' '}
            <a href={itinerary.publicUrl ?? '#'} data-testid="itinerary-link">
              {itinerary.publicUrl}
            </a>{' '}
            (<a href={itinerary.pdfUrl ?? '#'}>PDF</a>)
          </>
        ) : (
          'Not published yet.'
        )}
      </p>
      <FormProblem problem={problem} />
      {problem && problem.fields.length > 0 && (
        <ul className="notice notice--error" role="alert">
          {problem.fields.map((f) => (
            <li key={f.path}>
              {f.path.replace(/^input\.entries\.(\d+)\./, (_m, n: string) => `Entry ${Number(n) + 1}: `)} {f.message}
            </li>
          ))}
        </ul>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </p>
      <p className="field__hint">Drag an entry, or focus it and press Alt+↑ or Alt+↓, to move it.</p>
      <ol className="itinerary" aria-label="Itinerary entries" data-testid="itinerary-entries">
        {entries.map((e, k) => (
          <li
            key={e.id}
            className="itinerary__item"
            tabIndex={0}
            draggable
            aria-roledescription="Movable entry"
            onDragStart={() => setDragged(k)}
            onDragOver={(event) => event.preventDefault()}
            onDrop={onDrop(k)}
            onKeyDown={onKey(k)}
          >
            <span className="itinerary__day">Day {e.day}</span> <span className="itinerary__title">{e.title}</span>{' '}
            <span className="cell-muted">
              {humanize(e.kind)}
              {e.flightNumber && ` ${e.flightNumber}`}
              {e.startTime && ` · ${e.startTime}${e.endTime ? `–${e.endTime}` : ''}${e.timeZone ? ` ${e.timeZone}` : ''}`}
              {e.supplier && ` · ${e.supplier}`}
            </span>{' '}
            {e.kind !== 'NOTE' && (
              <span className={e.booked ? 'badge badge--gold' : 'badge'}>
                {e.booked ? `Booked ${e.confirmationNumber ?? ''}` : 'Not confirmed'}
              </span>
            )}{' '}
            <button
              type="button"
              className="button button--small"
              aria-label={`Move ${e.title} up`}
              onClick={() => move(k, k - 1)}
              disabled={k === 0}
            >
              ↑
            </button>
            <button
              type="button"
              className="button button--small"
              aria-label={`Move ${e.title} down`}
              onClick={() => move(k, k + 1)}
              disabled={k === entries.length - 1}
            >
              ↓
            </button>
            <button
              type="button"
              className="button button--small"
              aria-label={`Remove ${e.title}`}
              onClick={() =>
                change(
                  entries.filter((x) => x.id !== e.id),
                  `${e.title} removed`,
                )
              }
            >
              Remove
            </button>{' '}
            {e.kind !== 'NOTE' && !dirty && (
              <button
                type="button"
                className="button button--small button--ghost"
                aria-label={`Change the schedule of ${e.title}`}
                aria-expanded={changing === e.id}
                onClick={() => setChanging(changing === e.id ? null : e.id)}
              >
                Change schedule
              </button>
            )}
            {changing === e.id && <ScheduleChangeForm itineraryId={itinerary.id} entry={e} onDone={() => setChanging(null)} />}
          </li>
        ))}
      </ol>
      <form className="form form--inline" onSubmit={add} aria-label="Add an entry">
        <label>
          Day <input className="input" name="day" type="number" min={1} max={366} defaultValue={1} required />
        </label>
        <label>
          Kind{' '}
          <select className="select" name="kind" defaultValue="ACTIVITY">
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {humanize(k)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Title <input className="input" name="title" required />
        </label>
        <label>
          Time <input className="input" name="startTime" placeholder="HH:MM" />
        </label>
        <label>
          Ends <input className="input" name="endTime" placeholder="HH:MM" />
        </label>
        <label>
          Time zone <input className="input" name="timeZone" placeholder="Europe/Warsaw" />
        </label>
        <label>
          Flight number <input className="input" name="flightNumber" placeholder="LO 281" />
        </label>
        <label>
          Location <input className="input" name="location" />
        </label>
        <label>
          Supplier <input className="input" name="supplier" />
        </label>
        <label>
          Confirmation <input className="input" name="confirmationNumber" />
        </label>
        <button type="submit" className="button">
          Add entry
        </button>
      </form>
      <div className="form__actions">
        <button type="button" className="button" disabled={!dirty || saving.loading} onClick={() => void saveAll()}>
          Save draft
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={publishing.loading || entries.length === 0}
          onClick={() => void doPublish()}
        >
          {itinerary.publishedVersion > 0 ? 'Publish update' : 'Publish'}
        </button>
      </div>
      <ScheduleChanges itinerary={itinerary} />
    </div>
  );
}

const timing = (t: { day: number; startTime?: string | null; endTime?: string | null; timeZone?: string | null }) =>
  `Day ${t.day}${t.startTime ? ` ${t.startTime}${t.endTime ? `–${t.endTime}` : ''}` : ''}${t.timeZone ? ` (${t.timeZone})` : ''}`;

function ScheduleChanges({ itinerary }: { itinerary: ItineraryFieldsFragment }) {
  const changes = itinerary.scheduleChanges?.nodes ?? [];
  if (changes.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="schedule-changes-title">
      <h2 id="schedule-changes-title" className="panel__title">
        Schedule changes <span className="panel__count">{itinerary.scheduleChanges?.totalCount ?? 0}</span>
      </h2>
      <ul className="plain-list" data-testid="schedule-changes">
        {changes.map((c) => (
          <li key={c.id}>
            <strong>{c.entryTitle}</strong>: {timing(c.before)} → {timing(c.after)}{' '}
            <span className="cell-muted">
              · {c.source === 'FLIGHT_STATUS' ? 'from the flight-status provider' : 'entered by staff'} ·{' '}
              {c.travelersNotified} emailed · {formatDateTime(c.createdAt)}
            </span>
            {c.reason && <div className="cell-muted">{c.reason}</div>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The supplier moved this item: new day or times; the travellers and the advisor are told. */
function ScheduleChangeForm({ itineraryId, entry, onDone }: { itineraryId: string; entry: Entry; onDone: () => void }) {
  const [record, { loading }] = useMutation(RecordScheduleChangeDocument, {
    refetchQueries: [TripItineraryDocument],
    awaitRefetchQueries: true,
  });
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => {
      const v = form.get(name);
      return typeof v === 'string' ? v.trim() : '';
    };
    setProblem(null);
    try {
      await record({
        variables: {
          input: {
            itineraryId,
            entryId: entry.id,
            day: Number(text('day')) || entry.day,
            startTime: text('startTime') || null,
            endTime: text('endTime') || null,
            timeZone: text('timeZone') || null,
            reason: text('reason') || null,
          },
        },
      });
      onDone();
    } catch (e) {
      setProblem(describeError(e));
    }
  };
  return (
    <form className="form form--inline" onSubmit={(e) => void submit(e)} noValidate aria-label={`New schedule for ${entry.title}`}>
      <FormProblem problem={problem} />
      <Field label="New day" error={fieldMessage(problem, 'day')}>
        {(p) => <input {...p} className="input" name="day" type="number" min={1} max={366} defaultValue={entry.day} />}
      </Field>
      <Field label="New start" error={fieldMessage(problem, 'startTime')}>
        {(p) => <input {...p} className="input" name="startTime" placeholder="HH:MM" defaultValue={entry.startTime ?? ''} />}
      </Field>
      <Field label="New end" error={fieldMessage(problem, 'endTime')}>
        {(p) => <input {...p} className="input" name="endTime" placeholder="HH:MM" defaultValue={entry.endTime ?? ''} />}
      </Field>
      <Field label="Zone" error={fieldMessage(problem, 'timeZone')}>
        {(p) => <input {...p} className="input" name="timeZone" defaultValue={entry.timeZone ?? ''} />}
      </Field>
      <Field label="Reason">
        {(p) => <input {...p} className="input" name="reason" placeholder="Retimed by the airline" />}
      </Field>
      <button type="submit" className="button button--primary" disabled={loading}>
        Apply and notify
      </button>
    </form>
  );
}
