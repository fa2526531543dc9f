import { humanize } from '../../lib/format.ts';

/**
 * Lead scoring criteria (see LeadScoringRule in crm's schema) told in words, for the rules table:
 * `{ "activity": { "types": ["MEETING"], "withinDays": 30 } }` → "Activity: meeting, within 30 days".
 */

const LABELS: Record<string, string> = {
  lifecycleStages: 'lifecycle stage',
  leadStatuses: 'lead status',
  leadSources: 'lead source',
  contactRoles: 'role',
  countries: 'country',
  tagsAny: 'tagged',
  hasEmail: 'has an email address',
  hasPhone: 'has a phone number',
  hasCompany: 'has a company',
  jobTitleContains: 'job title contains',
  companyTypes: 'type',
  statuses: 'status',
  accountTiers: 'tier',
  engagementLevels: 'engagement',
  minAnnualTravelBudgetCents: 'travel budget at least',
  types: 'type',
  channels: 'channel',
  directions: 'direction',
  withinDays: 'within',
  minCount: 'at least',
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function part(key: string, value: unknown): string {
  const label = LABELS[key] ?? humanize(key).toLowerCase();
  if (Array.isArray(value)) {
    const words = value.map((v) =>
      key === 'countries' || key === 'tagsAny' ? String(v) : humanize(String(v)).toLowerCase(),
    );
    return `${label} ${words.join(' or ')}`;
  }
  if (typeof value === 'boolean') return value ? label : `not: ${label}`;
  if (key === 'withinDays') return `within ${String(value)} days`;
  if (key === 'minCount') return `at least ${String(value)} of them`;
  if (key === 'minAnnualTravelBudgetCents' && typeof value === 'number')
    return `${label} ${new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(value / 100)}`;
  return `${label} “${String(value)}”`;
}

export function describeCriteria(criteria: unknown): string {
  if (!isObject(criteria)) return 'Every contact';
  const sentences: string[] = [];
  for (const [section, title] of [
    ['contact', 'Contact'],
    ['company', 'Company'],
    ['activity', 'Activity'],
  ] as const) {
    const value = criteria[section];
    if (isObject(value)) {
      // One matching activity is the default: saying so adds nothing.
      const parts = Object.entries(value)
        .filter(([k, v]) => !(k === 'minCount' && v === 1))
        .map(([k, v]) => part(k, v));
      sentences.push(`${title}: ${parts.join(', ') || 'any'}`);
    }
  }
  if (typeof criteria.inactiveDays === 'number')
    sentences.push(`For every ${criteria.inactiveDays} days without activity`);
  return sentences.join('. ') || 'Every contact';
}

export const CRITERIA_EXAMPLE = '{ "activity": { "types": ["MEETING"], "withinDays": 30 } }';
