/**
 * The workflow definition as the builder edits it: a flat list of steps that point at each other
 * (the first step is where an enrolment starts), the same shape the graph stores. The helpers keep
 * the list a tree: inserting on a path, removing a step (with what only it leads to), and the
 * checks the builder runs before it lets a workflow be activated (the server checks again).
 */

export const STEP_TYPES = [
  'SEND_EMAIL',
  'WAIT',
  'BRANCH',
  'UPDATE_PROPERTY',
  'CREATE_TASK',
  'NOTIFY_USER',
  'ADD_TO_SEGMENT',
  'CALL_WEBHOOK',
  'RANDOM_SPLIT',
  'ENROL_IN_SEQUENCE',
] as const;
export type StepType = (typeof STEP_TYPES)[number];

export const STEP_LABELS: Record<StepType, string> = {
  SEND_EMAIL: 'Send email',
  WAIT: 'Wait',
  BRANCH: 'If / else',
  UPDATE_PROPERTY: 'Update property',
  CREATE_TASK: 'Create task',
  NOTIFY_USER: 'Notify a user',
  ADD_TO_SEGMENT: 'Add to list',
  CALL_WEBHOOK: 'Call webhook',
  RANDOM_SPLIT: 'Random split',
  ENROL_IN_SEQUENCE: 'Enrol in sequence',
};

export interface Condition {
  source: 'CONTACT' | 'ENGAGEMENT' | 'TRIP';
  field: string;
  op: string;
  value?: string | number | boolean | null;
}

export interface Step {
  id: string;
  type: StepType;
  name?: string | null;
  config: Record<string, unknown>;
  next?: string | null;
  yes?: string | null;
  no?: string | null;
  paths?: { percent: number; next: string | null }[] | null;
  timeoutNext?: string | null;
}

/** Where a new step can go: after a step (its `next`), or on a branch's or split's path. */
export type Slot =
  | { from: string; via: 'next' | 'yes' | 'no' | 'timeoutNext' }
  | { from: string; via: 'path'; index: number }
  | { from: null };

export const CONDITION_FIELDS: Record<Condition['source'], { value: string; label: string }[]> = {
  CONTACT: [
    { value: 'lifecycleStage', label: 'Lifecycle stage' },
    { value: 'leadStatus', label: 'Lead status' },
    { value: 'score', label: 'Lead score' },
    { value: 'tags', label: 'Tags' },
    { value: 'email', label: 'Email' },
    { value: 'timezone', label: 'Time zone' },
    { value: 'companyType', label: 'Company type' },
    { value: 'destinations', label: 'Destinations booked' },
  ],
  ENGAGEMENT: [
    { value: 'opens', label: 'Email opens' },
    { value: 'clicks', label: 'Email clicks' },
    { value: 'sends', label: 'Emails sent' },
    { value: 'emailStatus', label: 'Email status' },
  ],
  TRIP: [
    { value: 'travelling', label: 'Travelling now' },
    { value: 'hasUpcomingTrip', label: 'Has an upcoming trip' },
    { value: 'nextDestination', label: 'Next destination' },
    { value: 'tripCount', label: 'Number of trips' },
  ],
};

export const OPS = [
  { value: 'EQ', label: 'is' },
  { value: 'NEQ', label: 'is not' },
  { value: 'GT', label: 'more than' },
  { value: 'LT', label: 'less than' },
  { value: 'CONTAINS', label: 'contains' },
  { value: 'EXISTS', label: 'is set' },
  { value: 'NOT_EXISTS', label: 'is empty' },
];

let counter = 0;
export const newStepId = (type: StepType) =>
  `${type.toLowerCase().replace(/_/g, '-')}-${Date.now().toString(36)}${(counter++).toString(36)}`;

export function defaultConfig(type: StepType): Record<string, unknown> {
  switch (type) {
    case 'SEND_EMAIL':
      return { subject: '', body: '' };
    case 'WAIT':
      return { mode: 'DURATION', minutes: 1440 };
    case 'BRANCH':
      return { match: 'ALL', conditions: [{ source: 'CONTACT', field: 'lifecycleStage', op: 'EQ', value: '' }] };
    case 'UPDATE_PROPERTY':
      return { field: 'addTag', value: '' };
    case 'CREATE_TASK':
      return { title: '', dueInDays: 1 };
    case 'NOTIFY_USER':
      return { title: '' };
    case 'ADD_TO_SEGMENT':
      return { segmentId: '' };
    case 'CALL_WEBHOOK':
      return { url: 'https://' };
    case 'ENROL_IN_SEQUENCE':
      return { sequenceId: '' };
    default:
      return {};
  }
}

const pointerOf = (s: Step, slot: Exclude<Slot, { from: null }>): string | null =>
  slot.via === 'path' ? (s.paths?.[slot.index]?.next ?? null) : ((s[slot.via] as string | null | undefined) ?? null);

/** A new step of `type` put on `slot`: what the slot led to now follows the new step. */
export function insertStep(steps: Step[], slot: Slot, type: StepType): Step[] {
  const step: Step = { id: newStepId(type), type, config: defaultConfig(type) };
  if (type === 'RANDOM_SPLIT')
    step.paths = [
      { percent: 50, next: null },
      { percent: 50, next: null },
    ];
  const follow = (was: string | null) => {
    if (type === 'BRANCH') step.yes = was;
    else if (type === 'RANDOM_SPLIT')
      step.paths = [
        { percent: 50, next: was },
        { percent: 50, next: null },
      ];
    else step.next = was;
  };
  if (slot.from === null) {
    follow(steps[0]?.id ?? null);
    return [step, ...steps];
  }
  const from = slot.from;
  const out = steps.map((s) => ({ ...s, paths: s.paths ? s.paths.map((p) => ({ ...p })) : s.paths }));
  const owner = out.find((s) => s.id === from);
  if (!owner) return steps;
  follow(pointerOf(owner, slot));
  if (slot.via === 'path') {
    const path = owner.paths?.[slot.index];
    if (path) path.next = step.id;
  } else owner[slot.via] = step.id;
  return [...out, step];
}

export const successors = (s: Step): string[] =>
  [
    ...(s.type === 'BRANCH' ? [s.yes, s.no] : []),
    ...(s.type === 'RANDOM_SPLIT' ? (s.paths ?? []).map((p) => p.next) : [s.next]),
    ...(s.type === 'WAIT' ? [s.timeoutNext] : []),
  ].filter((x): x is string => !!x);

/**
 * Removes a step. A step with one way out is bridged (what led to it now leads to what followed
 * it); a branch or split takes everything only it leads to along.
 */
export function removeStep(steps: Step[], id: string): Step[] {
  const step = steps.find((s) => s.id === id);
  if (!step) return steps;
  const forks = step.type === 'BRANCH' || step.type === 'RANDOM_SPLIT';
  const gone = new Set<string>([id]);
  if (forks) {
    const walk = (sid: string) => {
      const s = steps.find((x) => x.id === sid);
      if (!s || gone.has(sid)) return;
      gone.add(sid);
      successors(s).forEach(walk);
    };
    successors(step).forEach(walk);
  }
  const replacement = forks ? null : (step.next ?? null);
  const fix = (p: string | null | undefined) => (p && gone.has(p) ? replacement : (p ?? null));
  return steps
    .filter((s) => !gone.has(s.id))
    .map((s) => ({
      ...s,
      next: fix(s.next),
      yes: s.yes === undefined ? undefined : fix(s.yes),
      no: s.no === undefined ? undefined : fix(s.no),
      timeoutNext: s.timeoutNext === undefined ? undefined : fix(s.timeoutNext),
      paths: s.paths?.map((p) => ({ ...p, next: fix(p.next) })),
    }));
}

/** What the builder checks before it lets the workflow be activated; the index of each step with a problem. */
export function localProblems(steps: Step[]): { index: number; message: string }[] {
  const out: { index: number; message: string }[] = [];
  if (!steps.length) out.push({ index: -1, message: 'Add at least one step.' });
  steps.forEach((s, index) => {
    const c = s.config;
    if (s.type === 'BRANCH' && (!s.yes || !s.no))
      out.push({ index, message: 'An if / else needs a step on both paths.' });
    if (s.type === 'WAIT' && (c.mode === 'DURATION' || c.mode === 'UNTIL_EVENT')) {
      const m = Number(c.minutes);
      if (!(m >= 1 && m <= 525_600)) out.push({ index, message: 'A wait lasts from a minute to a year.' });
    }
    if (s.type === 'SEND_EMAIL' && !c.templateId && (!String(c.subject ?? '').trim() || !String(c.body ?? '').trim()))
      out.push({ index, message: 'An email needs a subject and a body.' });
    if (s.type === 'CALL_WEBHOOK' && !/^https:\/\/[^/]+/.test(String(c.url ?? '')))
      out.push({ index, message: 'A webhook URL must start with https://.' });
    if (s.type === 'RANDOM_SPLIT' && (s.paths ?? []).reduce((n, p) => n + p.percent, 0) !== 100)
      out.push({ index, message: 'The split percentages must add up to 100.' });
  });
  return out;
}

/** One line saying what a step does, for the tree and the history. */
export function summary(s: Step): string {
  const c = s.config;
  switch (s.type) {
    case 'SEND_EMAIL':
      return String(c.subject || (c.templateId ? 'Template email' : 'No subject yet'));
    case 'WAIT':
      return c.mode === 'DURATION'
        ? `for ${duration(Number(c.minutes))}`
        : c.mode === 'UNTIL_DATE'
          ? `until ${String(c.until ?? '…')}`
          : c.mode === 'UNTIL_WEEKDAY'
            ? `until ${WEEKDAYS[Number(c.weekday) - 1] ?? '…'} ${String(c.time ?? '')} (contact's time)`
            : `for ${String(c.event ?? 'an event')
                .toLowerCase()
                .replace(/_/g, ' ')}, at most ${duration(Number(c.minutes))}`;
    case 'BRANCH': {
      const conds = (c.conditions as Condition[] | undefined) ?? [];
      return conds
        .map((x) => `${x.field} ${OPS.find((o) => o.value === x.op)?.label ?? x.op} ${x.value ?? ''}`.trim())
        .join(c.match === 'ANY' ? ' or ' : ' and ');
    }
    case 'UPDATE_PROPERTY':
      return `${c.field === 'customField' ? String(c.name ?? '') : String(c.field)} → ${String(c.value ?? '')}`;
    case 'CREATE_TASK':
    case 'NOTIFY_USER':
      return String(c.title || '…');
    case 'CALL_WEBHOOK':
      return String(c.url ?? '');
    case 'RANDOM_SPLIT':
      return (s.paths ?? []).map((p) => `${p.percent}%`).join(' / ');
    default:
      return '';
  }
}

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function duration(minutes: number): string {
  if (!Number.isFinite(minutes) || minutes <= 0) return '…';
  if (minutes % 1440 === 0) return `${minutes / 1440} day${minutes === 1440 ? '' : 's'}`;
  if (minutes % 60 === 0) return `${minutes / 60} hour${minutes === 60 ? '' : 's'}`;
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
