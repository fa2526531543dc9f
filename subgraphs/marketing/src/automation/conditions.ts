import type { AudienceMember } from '../entities/index.ts';
import type { Condition, Conditions } from './definition.ts';
import type { TripFacts } from './graph.ts';

/**
 * Branch, goal and trigger conditions over the audience projection (contact fields, engagement) and
 * trip data. Trip data is read only when a condition asks for it (`trips()` may throw while TT-API
 * is down: the caller waits and retries then).
 */

type Value = string | number | boolean | null | string[] | undefined;

function contactValue(m: AudienceMember, field: string): Value {
  if (field.startsWith('custom.')) {
    const v = m.customFields[field.slice(7)];
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
      ? v
      : v == null
        ? null
        : JSON.stringify(v);
  }
  switch (field) {
    case 'lifecycleStage':
      return m.lifecycleStage ?? null;
    case 'leadStatus':
      return m.leadStatus ?? null;
    case 'source':
      return m.source ?? null;
    case 'score':
      return m.score;
    case 'tags':
      return m.tags;
    case 'email':
      return m.email ?? null;
    case 'timezone':
      return m.timezone ?? null;
    case 'companyType':
      return m.companyType ?? null;
    case 'companyTier':
      return m.companyTier ?? null;
    case 'destinations':
      return m.destinations;
    default:
      return undefined;
  }
}

function engagementValue(m: AudienceMember, field: string): Value {
  switch (field) {
    case 'opens':
      return m.opensCount;
    case 'clicks':
      return m.clicksCount;
    case 'sends':
      return m.sendsCount;
    case 'emailStatus':
      return m.emailStatus;
    default:
      return undefined;
  }
}

const norm = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);

export function compare(actual: Value, c: Condition): boolean {
  const want = c.value ?? null;
  const isEmpty = actual === null || actual === undefined || actual === '' || (Array.isArray(actual) && !actual.length);
  switch (c.op) {
    case 'EXISTS':
      return !isEmpty;
    case 'NOT_EXISTS':
      return isEmpty;
    case 'CONTAINS':
    case 'NOT_CONTAINS': {
      const has = Array.isArray(actual)
        ? actual.some((a) => norm(a) === norm(want))
        : typeof actual === 'string' && typeof want === 'string' && actual.toLowerCase().includes(want.toLowerCase());
      return c.op === 'CONTAINS' ? has : !has;
    }
    case 'EQ':
    case 'NEQ': {
      const eq = Array.isArray(actual) ? false : String(norm(actual ?? null)) === String(norm(want));
      return c.op === 'EQ' ? eq : !eq;
    }
    default: {
      const a = Number(actual);
      const b = Number(want);
      if (actual === null || actual === undefined || Number.isNaN(a) || Number.isNaN(b)) return false;
      return c.op === 'GT' ? a > b : c.op === 'GTE' ? a >= b : c.op === 'LT' ? a < b : a <= b;
    }
  }
}

export const needsTrips = (c: Conditions | null | undefined) => !!c?.conditions.some((x) => x.source === 'TRIP');

/** Whether the member matches; `trips` is called at most once, only when a condition reads trip data. */
export async function matches(c: Conditions, m: AudienceMember, trips: () => Promise<TripFacts>): Promise<boolean> {
  let facts: TripFacts | undefined;
  const results: boolean[] = [];
  for (const cond of c.conditions) {
    let actual: Value;
    if (cond.source === 'CONTACT') actual = contactValue(m, cond.field);
    else if (cond.source === 'ENGAGEMENT') actual = engagementValue(m, cond.field);
    else {
      facts ??= await trips();
      actual = facts[cond.field as keyof TripFacts];
    }
    results.push(compare(actual, cond));
  }
  return c.match === 'ANY' ? results.some(Boolean) : results.every(Boolean);
}
