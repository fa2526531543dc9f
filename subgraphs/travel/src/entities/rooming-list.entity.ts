import { defineEntity, p } from '@mikro-orm/core';
import { idProperty } from '@nexus/platform';

/** One room of a group's rooming list: who sleeps where. */
export interface RoomData {
  /** The hotel's or ship's room or cabin name, e.g. `Cabin 4012` or `Room 1`. */
  label: string;
  /** e.g. `double`, `twin`, `single`, `balcony cabin`. */
  roomType: string | null;
  /** TT-API group member ids, in the order given. */
  memberIds: string[];
}

/**
 * A travel group's rooming list. TT-API keeps members but not rooms, so the list lives here,
 * saved whole (one row per group) and exported as CSV for the hotel or cruise line.
 */
export const RoomingListSchema = defineEntity({
  name: 'RoomingList',
  tableName: 'rooming_list',
  properties: {
    id: idProperty(),
    /** TT-API group id. */
    groupId: p.uuid().unique(),
    rooms: p.json<RoomData[]>(),
    updatedById: p.uuid().nullable(),
    updatedAt: p.datetime(),
  },
});
export class RoomingList extends RoomingListSchema.class {}
RoomingListSchema.setClass(RoomingList);
