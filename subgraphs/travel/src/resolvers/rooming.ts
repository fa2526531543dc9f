import type { RoomBlockResolvers, RoomingListResolvers } from '../__generated__/resolvers-types.ts';
import type { TravelContext } from '../context.ts';
import { memoryConnection } from '../services/lists.ts';
import { memberNames, roomingCsv, type RoomingListSource } from '../services/rooming.service.ts';

/** The group's members and their names, for a rooming list (TT-API GETs are memoised per request). */
async function people(list: RoomingListSource, ctx: TravelContext) {
  const group = await ctx.loaders.groupDetail.load(list.groupId);
  const names = await memberNames(ctx.tt, group);
  const members = new Map(group.members.map((m) => [m.id, m]));
  const occupant = (memberId: string) => ({
    memberId,
    name: names.get(memberId) ?? 'Former member',
    member: members.get(memberId) ?? null,
  });
  return { group, names, members, occupant };
}

export const RoomingList: RoomingListResolvers = {
  rooms: async (l, _a, ctx) => {
    const { occupant } = await people(l, ctx);
    return l.rooms.map((r) => ({ label: r.label, roomType: r.roomType, occupants: r.memberIds.map(occupant) }));
  },
  unassigned: async (l, _a, ctx) => {
    const { group, occupant } = await people(l, ctx);
    const placed = new Set(l.rooms.flatMap((r) => r.memberIds));
    return group.members.filter((m) => !placed.has(m.id)).map((m) => occupant(m.id));
  },
  csv: async (l, _a, ctx) => {
    const { group, names } = await people(l, ctx);
    return roomingCsv(l.rooms, group, names);
  },
};

export const RoomBlock: RoomBlockResolvers = {
  contracts: (b, args) => memoryConnection(b.contracts, args),
};
