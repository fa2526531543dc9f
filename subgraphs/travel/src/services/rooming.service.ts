/**
 * Group rooming lists (who sleeps where, exported as CSV) and room-block inventory: the rooms or
 * cabins held in the supplier's group-block contracts, against those assigned in the rooming
 * list and those released back to the supplier after the contract's release date.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, parseInput, zId, type Viewer } from '@nexus/platform';
import { z } from 'zod';
import { RoomingList, type RoomData } from '../entities/index.ts';
import type { TtApiClient } from '../tt-api/client.ts';
import { MAX_PAGE_LIMIT, type GroupDetail, type VendorContract } from '../tt-api/contract.ts';

export const MAX_ROOMS = 500;

const roomsInput = z.object({
  groupId: zId,
  rooms: z
    .array(
      z.object({
        label: z.string().trim().min(1).max(60),
        roomType: z
          .string()
          .trim()
          .max(40)
          .nullish()
          .transform((v) => v || null),
        memberIds: z.array(zId).max(12),
      }),
    )
    .max(MAX_ROOMS),
});

export interface RoomingListSource {
  groupId: string;
  rooms: RoomData[];
  updatedAt: Date | null;
}

/** The group's rooming list; an empty one until first saved. */
export async function roomingListOf(em: EntityManager, groupId: string): Promise<RoomingListSource> {
  const row = await em.findOne(RoomingList, { groupId });
  return row ? { groupId, rooms: row.rooms, updatedAt: row.updatedAt } : { groupId, rooms: [], updatedAt: null };
}

/**
 * Replaces the group's rooming list. Every member must belong to the group and sleep in one room
 * only, and labels are unique: BAD_USER_INPUT naming the room otherwise; nothing is written.
 */
export async function saveRoomingList(
  tt: TtApiClient,
  em: EntityManager,
  viewer: Viewer,
  raw: unknown,
): Promise<RoomingListSource> {
  const input = parseInput(roomsInput, raw, 'input');
  const group = await tt.getGroup(input.groupId);
  const members = new Set(group.members.map((m) => m.id));
  const seen = new Map<string, number>();
  const labels = new Map<string, number>();
  input.rooms.forEach((room, i) => {
    const path = `input.rooms.${i}`;
    const label = room.label.toLowerCase();
    if (labels.has(label))
      throw badInput(`Two rooms are called ${room.label}.`, [{ path: `${path}.label`, message: 'already used' }]);
    labels.set(label, i);
    for (const id of room.memberIds) {
      if (!members.has(id))
        throw badInput('Someone in this room is not a member of the group.', [
          { path: `${path}.memberIds`, message: `${id} is not a member of this group` },
        ]);
      const other = seen.get(id);
      if (other !== undefined)
        throw badInput(`A member is in two rooms (${input.rooms[other]?.label} and ${room.label}).`, [
          { path: `${path}.memberIds`, message: 'already in another room' },
        ]);
      seen.set(id, i);
    }
  });
  const rooms: RoomData[] = input.rooms.map((r) => ({ label: r.label, roomType: r.roomType, memberIds: r.memberIds }));
  const now = new Date();
  await em.transactional(async (tx) => {
    const row = await tx.findOne(RoomingList, { groupId: group.id });
    if (row) tx.assign(row, { rooms, updatedById: viewer.id, updatedAt: now });
    else tx.create(RoomingList, { groupId: group.id, rooms, updatedById: viewer.id, updatedAt: now });
  });
  return { groupId: group.id, rooms, updatedAt: now };
}

/** Names of the group's members (TT-API contacts), by member id. */
export async function memberNames(tt: TtApiClient, group: GroupDetail): Promise<Map<string, string>> {
  const contactIds = [...new Set(group.members.map((m) => m.contactId))];
  const contacts = new Map<string, string>();
  for (let i = 0; i < contactIds.length; i += MAX_PAGE_LIMIT) {
    const res = await tt.listContacts({ ids: contactIds.slice(i, i + MAX_PAGE_LIMIT), limit: MAX_PAGE_LIMIT });
    for (const c of res.data) contacts.set(c.id, `${c.firstName} ${c.lastName}`);
  }
  return new Map(group.members.map((m) => [m.id, contacts.get(m.contactId) ?? 'Unknown contact']));
}

const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** One line per occupant (room, type, guest, role), the hotel's usual layout; CRLF line ends. */
export function roomingCsv(rooms: readonly RoomData[], group: GroupDetail, names: Map<string, string>): string {
  const roles = new Map(group.members.map((m) => [m.id, m.role]));
  const lines = [['Room', 'Room type', 'Guest', 'Role']];
  for (const room of rooms) {
    if (room.memberIds.length === 0) lines.push([room.label, room.roomType ?? '', '', '']);
    for (const id of room.memberIds)
      lines.push([room.label, room.roomType ?? '', names.get(id) ?? 'Unknown member', roles.get(id) ?? '']);
  }
  return `${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export interface RoomBlockSource {
  held: number;
  assigned: number;
  released: number;
  available: number;
  /** The earliest release date of the contracts counted. */
  releaseDate: string | null;
  contracts: VendorContract[];
}

/**
 * The rooms or cabins held for the group: the group-block contracts of its trip's supplier that
 * name the group's trip offering, else those naming no offering that are in force on departure.
 * Assigned is the rooms in the rooming list; once a contract's release date has passed, the
 * rooms it held that are not assigned are released back to the supplier.
 */
export async function roomBlockOf(
  tt: TtApiClient,
  em: EntityManager,
  group: GroupDetail,
  now: Date = new Date(),
): Promise<RoomBlockSource> {
  const today = now.toISOString().slice(0, 10);
  const offering = group.tripOfferingId ? await tt.getTripOffering(group.tripOfferingId) : null;
  const vendor = offering?.vendorId ? await tt.getVendor(offering.vendorId) : null;
  const blocks = (vendor?.contracts ?? []).filter((k) => k.cabinsHeld !== null && k.cabinsHeld > 0);
  const own = blocks.filter((k) => k.tripOfferingId !== null && k.tripOfferingId === group.tripOfferingId);
  const contracts = own.length
    ? own
    : blocks.filter(
        (k) =>
          k.tripOfferingId === null &&
          k.startDate <= group.departureDate &&
          (k.endDate === null || k.endDate >= group.departureDate),
      );
  const held = contracts.reduce((n, k) => n + (k.cabinsHeld ?? 0), 0);
  const assigned = (await roomingListOf(em, group.id)).rooms.length;
  const releaseDate =
    contracts
      .map((k) => k.releaseDate)
      .filter((d): d is string => d !== null)
      .sort()[0] ?? null;
  const released = releaseDate !== null && releaseDate < today ? Math.max(0, held - assigned) : 0;
  return { held, assigned, released, available: Math.max(0, held - assigned - released), releaseDate, contracts };
}
