/**
 * A group's rooming list (who sleeps where, with a CSV download for the hotel or cruise line)
 * and its room-block inventory (held in the supplier's contracts, assigned, released).
 */
import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { describeError, fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { formatCalendarDate } from '../../lib/format.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Facts } from '../../ui/Facts.tsx';
import { Field } from '../../ui/Field.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { GroupRoomingDocument, SaveRoomingListDocument } from './graphql/__generated__/rooming.ts';

type Room = { label: string; roomType: string | null; memberIds: string[] };

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

export function RoomingPanel({ groupId }: { groupId: string }) {
  const { data, error, refetch } = useQuery(GroupRoomingDocument, {
    variables: { id: groupId },
    fetchPolicy: 'cache-and-network',
  });
  const [save, saving] = useMutation(SaveRoomingListDocument, {
    refetchQueries: ['GroupRooming'],
    awaitRefetchQueries: true,
  });
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [label, setLabel] = useState('');
  const [roomType, setRoomType] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const group = data?.travelGroup;
  const list = group?.roomingList;
  const block = group?.roomBlock;
  const current: Room[] = (list?.rooms ?? []).map((r) => ({
    label: r.label,
    roomType: r.roomType ?? null,
    memberIds: r.occupants.map((o) => o.memberId),
  }));
  const write = async (rooms: Room[]) => {
    setProblem(null);
    try {
      await save({ variables: { input: { groupId, rooms } } });
      return true;
    } catch (e) {
      setProblem(describeError(e));
      return false;
    }
  };
  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (await write([...current, { label, roomType: roomType || null, memberIds: picked }])) {
      setLabel('');
      setRoomType('');
      setPicked([]);
    }
  };
  return (
    <section className="panel panel--wide" aria-labelledby="rooming-title" data-testid="rooming-list">
      <h2 id="rooming-title" className="panel__title">
        Rooming list <span className="panel__count">{list?.rooms.length ?? 0}</span>
      </h2>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} testId="travel-notice" />}
      {block && (
        <div data-testid="room-block">
          <Facts
            facts={[
              { label: 'Rooms held', value: String(block.held) },
              { label: 'Assigned', value: String(block.assigned) },
              { label: 'Released', value: String(block.released) },
              { label: 'Available', value: String(block.available) },
              { label: 'Release date', value: block.releaseDate && formatCalendarDate(block.releaseDate) },
            ]}
          />
        </div>
      )}
      {list && (
        <>
          <div className="table-frame">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Room</th>
                  <th scope="col">Type</th>
                  <th scope="col">Guests</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {list.rooms.length === 0 && (
                  <tr>
                    <td colSpan={4} className="table-empty">
                      No rooms yet.
                    </td>
                  </tr>
                )}
                {list.rooms.map((r) => (
                  <tr key={r.label}>
                    <th scope="row">{r.label}</th>
                    <td>{r.roomType ?? '—'}</td>
                    <td>{r.occupants.map((o) => o.name).join(', ') || '—'}</td>
                    <td>
                      <button
                        type="button"
                        className="button button--ghost button--small"
                        disabled={saving.loading}
                        aria-label={`Remove room ${r.label}`}
                        onClick={() => void write(current.filter((c) => c.label !== r.label))}
                      >
                        Remove
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="page-actions">
            <button
              type="button"
              className="button button--ghost"
              disabled={list.rooms.length === 0}
              onClick={() => download(`rooming-list-${group?.name ?? groupId}.csv`, list.csv)}
            >
              Download CSV
            </button>
          </p>
          <form className="form form--inline" onSubmit={(e) => void add(e)} noValidate aria-label="Add a room">
            <FormProblem problem={problem} />
            <Field label="Room" required error={fieldMessage(problem, 'label')}>
              {(p) => <input {...p} className="input" value={label} onChange={(e) => setLabel(e.target.value)} />}
            </Field>
            <Field label="Room type">
              {(p) => <input {...p} className="input" value={roomType} onChange={(e) => setRoomType(e.target.value)} />}
            </Field>
            <fieldset className="field">
              <legend className="field__label">Guests</legend>
              {list.unassigned.length === 0 && <p className="cell-muted">Everyone has a room.</p>}
              {list.unassigned.map((u) => (
                <label key={u.memberId} className="checkbox">
                  <input
                    type="checkbox"
                    checked={picked.includes(u.memberId)}
                    onChange={(e) =>
                      setPicked((p) => (e.target.checked ? [...p, u.memberId] : p.filter((x) => x !== u.memberId)))
                    }
                  />{' '}
                  {u.name}
                </label>
              ))}
            </fieldset>
            <button type="submit" className="button button--primary" disabled={saving.loading}>
              Add room
            </button>
          </form>
        </>
      )}
    </section>
  );
}
