import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { QueryOrderMap } from '@mikro-orm/core';
import { findConnection, parseInput, type ConnectionArgs } from '@nexus/platform';
import { SalesNote } from '../entities/index.ts';

const createInput = z.object({ title: z.string().trim().min(1, 'must not be empty').max(200) });

export async function createNote(em: EntityManager, input: unknown): Promise<SalesNote> {
  const data = parseInput(createInput, input);
  const note = em.create(SalesNote, data);
  await em.flush();
  return note;
}

export interface NoteListArgs extends ConnectionArgs {
  filter?: { search?: string | null } | null;
  orderBy?: { field: 'CREATED_AT' | 'TITLE'; direction?: 'ASC' | 'DESC' | null } | null;
}

/** Keyset pages, oldest first unless ordered; the id settles ties so positions are total. */
export function listNotes(em: EntityManager, args: NoteListArgs) {
  const search = args.filter?.search?.trim();
  const where = search ? { title: { $ilike: `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` } } : {};
  const dir = args.orderBy?.direction === 'DESC' ? ('desc' as const) : ('asc' as const);
  const first: QueryOrderMap<SalesNote> = args.orderBy?.field === 'TITLE' ? { title: dir } : { createdAt: dir };
  return findConnection(em, SalesNote, where, args, [first, { id: dir }]);
}
