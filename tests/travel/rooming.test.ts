/**
 * Group rooming lists (saved whole, refused when a member is in two rooms, a stranger or a label
 * repeats; exported as CSV) and room-block inventory (held in the supplier's group-block
 * contracts, against assigned and released), against the simulator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, codes, ok, startTravel, type Travel } from './harness.ts';

let t: Travel;
beforeAll(async () => {
  t = await startTravel();
});
afterAll(async () => t?.stop());

const SAVE = `mutation($input: SaveRoomingListInput!) { saveRoomingList(input: $input) { rooms { label roomType occupants { memberId name } } } }`;
const READ = `query($id: ID!) { travelGroup(id: $id) {
  roomingList { updatedAt csv rooms { label roomType occupants { memberId name member { role } } } unassigned { memberId name } }
  roomBlock { held assigned released available releaseDate contracts(first: 10) { nodes { id name } } } } }`;
type Read = {
  travelGroup: {
    roomingList: {
      updatedAt: string | null;
      csv: string;
      rooms: { label: string; roomType: string | null; occupants: { memberId: string; name: string }[] }[];
      unassigned: { memberId: string; name: string }[];
    };
    roomBlock: {
      held: number;
      assigned: number;
      released: number;
      available: number;
      releaseDate: string | null;
      contracts: { nodes: { id: string; name: string }[] };
    };
  };
};
const fields = (r: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
  ((r.errors?.[0]?.extensions?.fields ?? []) as { path: string }[]).map((f) => f.path);

function setup() {
  const db = t.sim.control.db;
  const group = [...db.groups.values()].find(
    (g) => g.status === 'open' && [...db.groupMembers.values()].filter((m) => m.groupId === g.id).length >= 3,
  );
  if (!group) throw new Error('no open demo group with three members');
  const members = [...db.groupMembers.values()].filter((m) => m.groupId === group.id);
  const name = (memberId: string) => {
    const contact = db.contacts.get(members.find((m) => m.id === memberId)?.contactId ?? '');
    return `${contact?.firstName} ${contact?.lastName}`;
  };
  const offering = db.trips.get(group.tripOfferingId ?? '');
  const blocks = [...db.vendorContracts.values()].filter(
    (k) =>
      k.vendorId === offering?.vendorId &&
      (k.cabinsHeld ?? 0) > 0 &&
      k.tripOfferingId === null &&
      k.startDate <= group.departureDate &&
      (k.endDate === null || k.endDate >= group.departureDate),
  );
  return { group, members, name, blocks };
}

describe('rooming lists and room blocks', () => {
  it('saves who sleeps where, lists the rest as unassigned, and exports CSV', async () => {
    const { group, members, name, blocks } = setup();
    const [a, b, c] = members;
    if (!a || !b || !c) throw new Error('three members needed');
    expect(blocks.length).toBeGreaterThan(0);

    const before = ok(await t.run<Read>(READ, { id: group.id }, as.advisor)).travelGroup;
    expect(before.roomingList).toMatchObject({ updatedAt: null, rooms: [] });
    expect(before.roomingList.unassigned).toHaveLength(members.length);

    const rooms = [
      { label: 'Cabin 4012', roomType: 'balcony, double', memberIds: [a.id, b.id] },
      { label: 'Cabin 4014', roomType: null, memberIds: [c.id] },
    ];
    ok(await t.run(SAVE, { input: { groupId: group.id, rooms } }, as.advisor));
    const after = ok(await t.run<Read>(READ, { id: group.id }, as.advisor)).travelGroup;
    expect(after.roomingList.rooms).toEqual([
      {
        label: 'Cabin 4012',
        roomType: 'balcony, double',
        occupants: [
          { memberId: a.id, name: name(a.id), member: { role: a.role } },
          { memberId: b.id, name: name(b.id), member: { role: b.role } },
        ],
      },
      {
        label: 'Cabin 4014',
        roomType: null,
        occupants: [{ memberId: c.id, name: name(c.id), member: { role: c.role } }],
      },
    ]);
    expect(after.roomingList.unassigned.map((u) => u.memberId).sort()).toEqual(
      members
        .slice(3)
        .map((m) => m.id)
        .sort(),
    );
    expect(after.roomingList.csv).toBe(
      'Room,Room type,Guest,Role\r\n' +
        `Cabin 4012,"balcony, double",${name(a.id)},${a.role}\r\n` +
        `Cabin 4012,"balcony, double",${name(b.id)},${b.role}\r\n` +
        `Cabin 4014,,${name(c.id)},${c.role}\r\n`,
    );

    const held = blocks.reduce((n, k) => n + (k.cabinsHeld ?? 0), 0);
    const releaseDate = blocks.map((k) => k.releaseDate ?? '').sort()[0] ?? null;
    const released = releaseDate && releaseDate < new Date().toISOString().slice(0, 10) ? held - 2 : 0;
    expect(after.roomBlock).toMatchObject({ held, assigned: 2, released, available: held - 2 - released, releaseDate });
    expect(after.roomBlock.contracts.nodes.map((k) => k.id).sort()).toEqual(blocks.map((k) => k.id).sort());
  });

  it('releases the unassigned rooms once the release date has passed', async () => {
    const { group, blocks } = setup();
    for (const k of blocks) t.sim.control.db.vendorContracts.set(k.id, { ...k, releaseDate: '2020-01-01' });
    const held = blocks.reduce((n, k) => n + (k.cabinsHeld ?? 0), 0);
    const block = ok(await t.run<Read>(READ, { id: group.id }, as.advisor)).travelGroup.roomBlock;
    expect(block).toMatchObject({ held, assigned: 2, released: held - 2, available: 0, releaseDate: '2020-01-01' });
  });

  it('refuses a member in two rooms, a stranger and a repeated label, and writes nothing', async () => {
    const { group, members } = setup();
    const [a, b] = members;
    if (!a || !b) throw new Error('two members needed');
    const twice = await t.run(
      SAVE,
      {
        input: {
          groupId: group.id,
          rooms: [
            { label: 'Room 1', memberIds: [a.id] },
            { label: 'Room 2', memberIds: [b.id, a.id] },
          ],
        },
      },
      as.advisor,
    );
    expect(codes(twice)).toEqual(['BAD_USER_INPUT']);
    expect(fields(twice)).toEqual(['input.rooms.1.memberIds']);
    const stranger = [...t.sim.control.db.groupMembers.values()].find((m) => m.groupId !== group.id);
    const foreign = await t.run(
      SAVE,
      { input: { groupId: group.id, rooms: [{ label: 'Room 1', memberIds: [stranger?.id] }] } },
      as.advisor,
    );
    expect(fields(foreign)).toEqual(['input.rooms.0.memberIds']);
    const label = await t.run(
      SAVE,
      {
        input: {
          groupId: group.id,
          rooms: [
            { label: 'Room 1', memberIds: [] },
            { label: 'room 1', memberIds: [] },
          ],
        },
      },
      as.advisor,
    );
    expect(fields(label)).toEqual(['input.rooms.1.label']);
    const kept = ok(await t.run<Read>(READ, { id: group.id }, as.advisor)).travelGroup.roomingList;
    expect(kept.rooms.map((r) => r.label)).toEqual(['Cabin 4012', 'Cabin 4014']);
  });

  it('keeps the block, the CSV and saving to advisors and up', async () => {
    const { group } = setup();
    const viewer = await t.run(
      `query($id: ID!) { travelGroup(id: $id) { roomingList { rooms { label } } roomBlock { held } } }`,
      { id: group.id },
      as.viewer,
    );
    expect(codes(viewer)).toEqual(['FORBIDDEN']);
    expect(codes(await t.run(SAVE, { input: { groupId: group.id, rooms: [] } }, as.viewer))).toEqual(['FORBIDDEN']);
    expect(
      ok(
        await t.run<{ travelGroup: { roomingList: { rooms: { label: string }[] } } }>(
          `query($id: ID!) { travelGroup(id: $id) { roomingList { rooms { label } } } }`,
          { id: group.id },
          as.viewer,
        ),
      ).travelGroup.roomingList.rooms,
    ).toHaveLength(2);
  });
});
