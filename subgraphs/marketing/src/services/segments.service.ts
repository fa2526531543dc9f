import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  AUTOMATION_TRIGGER_JOB,
  QUEUES,
  badInput,
  enqueue,
  findConnection,
  notFound,
  parseInput,
  publishSafely,
  zId,
  zName,
  type ConnectionArgs,
  type EventBus,
  type Logger,
} from '@nexus/platform';
import { Segment, SegmentMember } from '../entities/index.ts';

/**
 * Dynamic segments: nested AND/OR criteria compiled to one parameterised SQL condition over the
 * audience projection (fields from an allow-list, values always bound), so a segment is one query.
 */
type Leaf = { field: string; op: string; value?: unknown };

const COLUMNS: Record<string, { col: string; kind: 'text' | 'number' | 'array' | 'date' }> = {
  lifecycleStage: { col: 'lifecycle_stage', kind: 'text' },
  leadStatus: { col: 'lead_status', kind: 'text' },
  source: { col: 'source', kind: 'text' },
  companyType: { col: 'company_type', kind: 'text' },
  companyTier: { col: 'company_tier', kind: 'text' },
  emailStatus: { col: 'email_status::text', kind: 'text' },
  timezone: { col: 'timezone', kind: 'text' },
  score: { col: 'score', kind: 'number' },
  opens: { col: 'opens_count', kind: 'number' },
  clicks: { col: 'clicks_count', kind: 'number' },
  bookingValueCents: { col: 'booking_value_cents', kind: 'number' },
  tags: { col: 'tags', kind: 'array' },
  destinations: { col: 'destinations', kind: 'array' },
  lastOpenAt: { col: 'last_open_at', kind: 'date' },
  lastClickAt: { col: 'last_click_at', kind: 'date' },
  nextDepartureAt: { col: 'next_departure_at', kind: 'date' },
  nextReturnAt: { col: 'next_return_at', kind: 'date' },
  passportExpiresOn: { col: 'passport_expires_on', kind: 'date' },
};
const OPS: Record<string, string[]> = {
  text: ['eq', 'neq', 'in', 'isNull'],
  number: ['eq', 'gte', 'lte', 'between'],
  array: ['contains', 'containsAny', 'empty'],
  date: ['withinDays', 'olderThanDays', 'inNextDays', 'never'],
};

export const SEGMENT_FIELDS = [...Object.keys(COLUMNS), 'custom.<key>', 'openedCampaign', 'clickedCampaign'];

function compile(node: unknown, path: string, params: unknown[], depth = 0): string {
  if (depth > 6) throw badInput('Criteria are nested too deeply.', [{ path, message: 'at most 6 levels' }]);
  if (!node || typeof node !== 'object')
    throw badInput('Each criterion must be an object.', [{ path, message: 'must be an object' }]);
  const n = node as Record<string, unknown>;
  for (const group of ['and', 'or'] as const) {
    if (group in n) {
      const parts = n[group];
      if (!Array.isArray(parts) || parts.length === 0 || parts.length > 50)
        throw badInput(`“${group}” needs 1 to 50 criteria.`, [
          { path: `${path}.${group}`, message: 'needs 1 to 50 criteria' },
        ]);
      return `(${parts.map((p, i) => compile(p, `${path}.${group}.${i}`, params, depth + 1)).join(group === 'and' ? ' and ' : ' or ')})`;
    }
  }
  const { field, op, value } = n as Leaf;
  if (typeof field !== 'string')
    throw badInput('A criterion names a field.', [{ path: `${path}.field`, message: 'is required' }]);
  if (field === 'openedCampaign' || field === 'clickedCampaign') {
    const id = z.uuid().safeParse(value);
    if (!id.success)
      throw badInput('The campaign must be an id.', [{ path: `${path}.value`, message: 'must be a campaign id' }]);
    params.push(id.data);
    const negate = op === 'not' ? 'not ' : '';
    return `${negate}exists (select 1 from email_event e where e.contact_id = a.id and e.campaign_id = ? and e.type = '${field === 'openedCampaign' ? 'OPEN' : 'CLICK'}' and not e.machine)`;
  }
  if (field.startsWith('custom.')) {
    const key = field.slice(7);
    if (!/^[A-Za-z0-9_]{1,50}$/.test(key))
      throw badInput('Unknown custom field.', [{ path: `${path}.field`, message: 'is not a valid custom field key' }]);
    params.push(key, String(value ?? ''));
    return `(a.custom_fields ->> ?) = ?`;
  }
  const c = COLUMNS[field];
  if (!c)
    throw badInput(`Unknown field “${field}”.`, [
      { path: `${path}.field`, message: `is not one of ${SEGMENT_FIELDS.join(', ')}` },
    ]);
  if (typeof op !== 'string' || !OPS[c.kind]?.includes(op))
    throw badInput(`Unknown operator for ${field}.`, [
      { path: `${path}.op`, message: `must be one of ${OPS[c.kind]?.join(', ')}` },
    ]);
  const col = `a.${c.col}`;
  const bad = (m: string) => badInput(`Bad value for ${field}: ${m}.`, [{ path: `${path}.value`, message: m }]);
  const num = () => {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw bad('must be a number');
    return value;
  };
  const strs = () => {
    const list = Array.isArray(value) ? value : [value];
    if (!list.every((v) => typeof v === 'string') || list.length === 0) throw bad('must be text or a list of text');
    return list as string[];
  };
  switch (op) {
    case 'eq':
      params.push(c.kind === 'number' ? num() : strs()[0]);
      return `${col} = ?`;
    case 'neq':
      params.push(strs()[0]);
      return `${col} is distinct from ?`;
    case 'in':
      params.push(
        `{${strs()
          .map((s) => `"${s.replace(/["\\]/g, '')}"`)
          .join(',')}}`,
      );
      return `${col} = any(?::text[])`;
    case 'isNull':
      return `${col} is null`;
    case 'gte':
      params.push(num());
      return `${col} >= ?`;
    case 'lte':
      params.push(num());
      return `${col} <= ?`;
    case 'between': {
      const [lo, hi] = Array.isArray(value) ? value : [];
      if (typeof lo !== 'number' || typeof hi !== 'number' || lo > hi) throw bad('must be [low, high]');
      params.push(lo, hi);
      return `${col} between ? and ?`;
    }
    case 'contains':
      params.push(strs()[0]);
      return `? = any(${col})`;
    case 'containsAny':
      params.push(
        `{${strs()
          .map((s) => `"${s.replace(/["\\]/g, '')}"`)
          .join(',')}}`,
      );
      return `${col} && ?::text[]`;
    case 'empty':
      return `cardinality(${col}) = 0`;
    case 'withinDays':
      params.push(num());
      return `${col} >= now() - make_interval(days => ?::int)`;
    case 'olderThanDays':
      params.push(num());
      return `${col} < now() - make_interval(days => ?::int)`;
    case 'inNextDays':
      params.push(num());
      return `(${col} >= current_date and ${col} < current_date + make_interval(days => ?::int + 1))`;
    default:
      return `${col} is null`;
  }
}

/** The SQL condition (over alias `a`) and its parameters; a BAD_USER_INPUT names the bad criterion. */
export function compileCriteria(criteria: unknown, path = 'input.criteria'): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const sql = compile(criteria, path, params);
  return { sql, params };
}

const LIVE = `a.deleted_at is null`;

export async function countCriteria(em: EntityManager, criteria: unknown): Promise<number> {
  const { sql, params } = compileCriteria(criteria, 'criteria');
  const rows = await em.execute<{ n: string }[]>(
    `select count(*) as n from audience_member a where ${LIVE} and ${sql}`,
    params,
  );
  return Number(rows[0]?.n ?? 0);
}

const createInput = z.object({
  name: zName,
  kind: z.enum(['STATIC', 'DYNAMIC']),
  criteria: z.unknown().optional(),
  contactIds: z.array(zId).max(10_000).optional(),
});

export async function createSegment(em: EntityManager, bus: EventBus, log: Logger, input: unknown): Promise<Segment> {
  const data = parseInput(createInput, input);
  if (data.kind === 'DYNAMIC') {
    if (data.criteria === undefined)
      throw badInput('A dynamic segment needs criteria.', [{ path: 'input.criteria', message: 'is required' }]);
    compileCriteria(data.criteria);
  }
  const segment = em.create(Segment, {
    name: data.name,
    kind: data.kind,
    criteria: data.kind === 'DYNAMIC' ? data.criteria : null,
  });
  await em.flush();
  if (data.kind === 'DYNAMIC') await refreshSegment(em, bus, log, segment.id);
  else if (data.contactIds?.length) await addMembers(em, segment.id, data.contactIds);
  return em.findOneOrFail(Segment, { id: segment.id }, { refresh: true });
}

export async function addMembers(em: EntityManager, segmentId: string, contactIds: string[]): Promise<void> {
  await em.execute(
    `insert into segment_member (segment_id, contact_id, added_at) select ?, unnest(?::uuid[]), now() on conflict do nothing`,
    [segmentId, `{${contactIds.join(',')}}`],
  );
  await em.execute(
    `update segment set member_count = (select count(*) from segment_member where segment_id = ?), updated_at = now() where id = ?`,
    [segmentId, segmentId],
  );
}

const membersInput = z.object({ segmentId: zId, contactIds: z.array(zId).min(1).max(10_000) });
export async function addSegmentMembers(em: EntityManager, input: unknown): Promise<Segment> {
  const data = parseInput(membersInput, input);
  const segment = await em.findOne(Segment, { id: data.segmentId });
  if (!segment) throw notFound('Segment', data.segmentId);
  if (segment.kind !== 'STATIC')
    throw badInput('Members are added to static lists only.', [
      { path: 'input.segmentId', message: 'is a dynamic segment' },
    ]);
  await addMembers(em, segment.id, data.contactIds);
  return em.findOneOrFail(Segment, { id: segment.id }, { refresh: true });
}

/** Workflows that start on joining or leaving this segment: one trigger per contact, with the refresh. */
function queueSegmentTriggers(
  em: EntityManager,
  segmentId: string,
  changes: { joined: string[]; left: string[] },
): void {
  const occurredAt = new Date().toISOString();
  for (const [type, ids] of [
    ['SEGMENT_JOINED', changes.joined],
    ['SEGMENT_LEFT', changes.left],
  ] as const) {
    for (const contactId of ids) {
      const dedupeKey = `${type === 'SEGMENT_JOINED' ? 'joined' : 'left'}:${segmentId}:${contactId}:${occurredAt}`;
      enqueue(
        em,
        QUEUES.automation,
        AUTOMATION_TRIGGER_JOB,
        { type, contactId, occurredAt, dedupeKey, data: { segmentId } },
        { jobId: `trigger:${dedupeKey}` },
      );
    }
  }
}

/**
 * Recomputes a dynamic segment as one atomic replace (delete and insert in one transaction, so a
 * reader sees the old set or the new, never an empty or half one), then publishes who joined and
 * who left (DR-18).
 */
export async function refreshSegment(
  em: EntityManager,
  bus: EventBus,
  log: Logger,
  segmentId: string,
): Promise<{ joined: string[]; left: string[] }> {
  const segment = await em.findOne(Segment, { id: segmentId });
  if (!segment) throw notFound('Segment', segmentId);
  if (segment.kind !== 'DYNAMIC') return { joined: [], left: [] };
  const { sql, params } = compileCriteria(segment.criteria, 'criteria');
  const result = await em.fork().transactional(async (tx) => {
    await tx.execute(`select id from segment where id = ? for update`, [segmentId]);
    const before = await tx.execute<{ contact_id: string }[]>(
      `select contact_id from segment_member where segment_id = ?`,
      [segmentId],
    );
    await tx.execute(`delete from segment_member where segment_id = ?`, [segmentId]);
    const after = await tx.execute<{ contact_id: string }[]>(
      `insert into segment_member (segment_id, contact_id, added_at) select ?, a.id, now() from audience_member a where ${LIVE} and ${sql} returning contact_id`,
      [segmentId, ...params],
    );
    await tx.execute(`update segment set member_count = ?, refreshed_at = now(), updated_at = now() where id = ?`, [
      after.length,
      segmentId,
    ]);
    const old = new Set(before.map((r) => r.contact_id));
    const now = new Set(after.map((r) => r.contact_id));
    const changes = { joined: [...now].filter((id) => !old.has(id)), left: [...old].filter((id) => !now.has(id)) };
    queueSegmentTriggers(tx, segmentId, changes);
    return changes;
  });
  if (result.joined.length || result.left.length) {
    await publishSafely(
      bus,
      'segmentMembershipChanged',
      { id: segmentId, joined: result.joined.length, left: result.left.length },
      log,
    );
  }
  return result;
}

export function listSegments(
  em: EntityManager,
  args: ConnectionArgs & { filter?: { search?: string | null; kind?: string | null } | null },
) {
  const search = args.filter?.search?.trim();
  const where = {
    ...(search ? { name: { $ilike: `%${search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%` } } : {}),
    ...(args.filter?.kind ? { kind: args.filter.kind as Segment['kind'] } : {}),
  };
  return findConnection(em, Segment, where, args, [{ name: 'asc' }, { id: 'asc' }]);
}

export const segmentMembers = (em: EntityManager, segmentId: string, args: ConnectionArgs) =>
  findConnection(em, SegmentMember, { segmentId }, args, [{ contactId: 'asc' }]);
