/** The segment builder's model: groups of rules joined by AND or OR, nested one level. */
export interface Rule {
  field: string;
  op: string;
  value: string;
}
export interface RuleGroup {
  join: 'and' | 'or';
  rules: Rule[];
}
export interface Criteria {
  join: 'and' | 'or';
  groups: RuleGroup[];
}

export const FIELDS: { value: string; label: string; kind: 'text' | 'number' | 'array' | 'date' }[] = [
  { value: 'lifecycleStage', label: 'Lifecycle stage', kind: 'text' },
  { value: 'leadStatus', label: 'Lead status', kind: 'text' },
  { value: 'source', label: 'Lead source', kind: 'text' },
  { value: 'companyType', label: 'Company type', kind: 'text' },
  { value: 'companyTier', label: 'Company tier', kind: 'text' },
  { value: 'emailStatus', label: 'Email status', kind: 'text' },
  { value: 'score', label: 'Lead score', kind: 'number' },
  { value: 'opens', label: 'Opens', kind: 'number' },
  { value: 'clicks', label: 'Clicks', kind: 'number' },
  { value: 'tags', label: 'Tags', kind: 'array' },
  { value: 'destinations', label: 'Destinations booked', kind: 'array' },
  { value: 'bookingValueCents', label: 'Booking value (cents)', kind: 'number' },
  { value: 'nextDepartureAt', label: 'Next departure', kind: 'date' },
  { value: 'nextReturnAt', label: 'Next return', kind: 'date' },
  { value: 'passportExpiresOn', label: 'Passport expiry', kind: 'date' },
  { value: 'lastOpenAt', label: 'Last open', kind: 'date' },
  { value: 'lastClickAt', label: 'Last click', kind: 'date' },
];

export const OPS: Record<string, { value: string; label: string; needsValue: boolean }[]> = {
  text: [
    { value: 'eq', label: 'is', needsValue: true },
    { value: 'neq', label: 'is not', needsValue: true },
    { value: 'isNull', label: 'is empty', needsValue: false },
  ],
  number: [
    { value: 'gte', label: 'at least', needsValue: true },
    { value: 'lte', label: 'at most', needsValue: true },
    { value: 'eq', label: 'exactly', needsValue: true },
  ],
  array: [
    { value: 'contains', label: 'include', needsValue: true },
    { value: 'empty', label: 'are empty', needsValue: false },
  ],
  date: [
    { value: 'withinDays', label: 'within the last N days', needsValue: true },
    { value: 'olderThanDays', label: 'more than N days ago', needsValue: true },
    { value: 'inNextDays', label: 'within the next N days', needsValue: true },
    { value: 'never', label: 'never', needsValue: false },
  ],
};

export const kindOf = (field: string) => FIELDS.find((f) => f.value === field)?.kind ?? 'text';

const ruleJson = (r: Rule) => {
  const kind = kindOf(r.field);
  const op = OPS[kind]?.find((o) => o.value === r.op);
  if (!op?.needsValue) return { field: r.field, op: r.op };
  return { field: r.field, op: r.op, value: kind === 'number' || kind === 'date' ? Number(r.value) : r.value };
};

/** The criteria JSON the API takes; null while a rule still lacks its value. */
export function toCriteria(c: Criteria): unknown {
  const complete = c.groups.every((g) =>
    g.rules.every((r) => !OPS[kindOf(r.field)]?.find((o) => o.value === r.op)?.needsValue || r.value.trim() !== ''),
  );
  if (!complete || c.groups.length === 0 || c.groups.some((g) => g.rules.length === 0)) return null;
  return { [c.join]: c.groups.map((g) => ({ [g.join]: g.rules.map(ruleJson) })) };
}

export const newRule = (): Rule => ({ field: 'tags', op: 'contains', value: '' });
