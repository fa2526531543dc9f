import { randomUUID } from 'node:crypto';
import { p } from '@mikro-orm/core';

/** UUID primary key, generated in the app so an entity has its id before it is flushed. */
export const idProperty = () => p.uuid().primary().onCreate(() => randomUUID());

export const timestampProperties = () => ({
  createdAt: p.datetime().onCreate(() => new Date()),
  updatedAt: p
    .datetime()
    .onCreate(() => new Date())
    .onUpdate(() => new Date()),
});

/** Soft delete: `deletedAt` set means gone, and the default filter hides the row from every read. */
export const softDeleteProperty = () => ({ deletedAt: p.datetime().nullable() });
export const softDeleteFilter = { notDeleted: { name: 'notDeleted', cond: { deletedAt: null }, default: true } };
