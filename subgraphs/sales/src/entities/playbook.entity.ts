import { defineEntity, p } from '@mikro-orm/core';
import { idProperty, timestampProperties } from '@nexus/platform';
import type { PlaybookItemKind } from './enums.ts';

export interface StoredSection {
  title: string;
  items: { key: string; kind: PlaybookItemKind; text: string }[];
}

/** A guide for a crm pipeline stage or deal type. */
export const PlaybookSchema = defineEntity({
  name: 'Playbook',
  tableName: 'playbook',
  indexes: [{ properties: ['stageId'] }, { properties: ['name'] }],
  properties: {
    id: idProperty(),
    name: p.string().length(200),
    description: p.text().nullable(),
    stageId: p.uuid().nullable(),
    dealType: p.string().length(60).nullable(),
    sections: p.json<StoredSection[]>().default('[]'),
    active: p.boolean().default(true),
    ...timestampProperties(),
  },
});
export class Playbook extends PlaybookSchema.class {}
PlaybookSchema.setClass(Playbook);

/** One item's state for one deal. */
export const PlaybookAnswerSchema = defineEntity({
  name: 'PlaybookAnswer',
  tableName: 'playbook_answer',
  uniques: [{ properties: ['playbookId', 'dealId', 'itemKey'] }],
  properties: {
    id: idProperty(),
    playbookId: p.uuid(),
    dealId: p.uuid(),
    itemKey: p.string().length(60),
    done: p.boolean().default(false),
    answer: p.text().nullable(),
    updatedById: p.uuid().nullable(),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export class PlaybookAnswer extends PlaybookAnswerSchema.class {}
PlaybookAnswerSchema.setClass(PlaybookAnswer);
