import { z } from 'zod';
import { badInput, type FieldProblem } from '@nexus/platform';
import { isTimeZone } from '../services/send-policy.ts';
import { MAX_WAIT_MINUTES } from './definition.ts';

/**
 * A sequence's steps and send window (DR-17), and the window arithmetic: a step that falls due
 * outside business days and hours in the contact's time zone moves to the window's next opening.
 */

export const sequenceStepSchema = z
  .object({
    key: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, { message: 'must be 1-40 letters, digits, - or _' }),
    type: z.enum(['EMAIL', 'TASK']),
    /** Minutes after the previous step (after enrolment for the first); zero sends at once. */
    delayMinutes: z.number().int().min(0).max(MAX_WAIT_MINUTES, { message: 'must be at most a year' }),
    subject: z.string().max(300).nullish(),
    body: z.string().max(50_000).nullish(),
    /** TASK: its title (assigned to the contact's owner). */
    title: z.string().max(300).nullish(),
  })
  .superRefine((s, ctx) => {
    if (s.type === 'EMAIL' && !s.subject?.trim())
      ctx.addIssue({ code: 'custom', path: ['subject'], message: 'is required for an email step' });
    if (s.type === 'EMAIL' && !s.body?.trim())
      ctx.addIssue({ code: 'custom', path: ['body'], message: 'is required for an email step' });
    if (s.type === 'TASK' && !s.title?.trim())
      ctx.addIssue({ code: 'custom', path: ['title'], message: 'is required for a task step' });
  });
export type SequenceStep = z.infer<typeof sequenceStepSchema>;

export const sendWindowSchema = z
  .object({
    /** ISO weekdays the window is open (1 Monday ... 7 Sunday). */
    days: z.array(z.number().int().min(1).max(7)).min(1, { message: 'needs at least one day' }).max(7),
    startHour: z.number().int().min(0).max(23),
    endHour: z.number().int().min(1).max(24),
    /** Used when the contact's own time zone is unknown. */
    timezone: z.string().refine(isTimeZone, { message: 'is not an IANA time zone' }),
  })
  .refine((w) => w.endHour > w.startHour, { message: 'must be after startHour', path: ['endHour'] });
export type SendWindow = z.infer<typeof sendWindowSchema>;

export const DEFAULT_WINDOW: SendWindow = { days: [1, 2, 3, 4, 5], startHour: 9, endHour: 17, timezone: 'UTC' };

const issues = (error: z.ZodError, root: string): FieldProblem[] =>
  error.issues.map((i) => ({ path: [root, ...i.path.map(String)].join('.'), message: i.message }));

export function checkSequenceSteps(raw: unknown, root = 'input.steps'): SequenceStep[] {
  const r = z.array(sequenceStepSchema).max(50).safeParse(raw);
  if (!r.success) throw badInput('The sequence steps are not valid.', issues(r.error, root));
  const keys = new Set<string>();
  r.data.forEach((s, i) => {
    if (keys.has(s.key))
      throw badInput('Step keys must differ.', [{ path: `${root}.${i}.key`, message: 'is used by another step' }]);
    keys.add(s.key);
  });
  return r.data;
}

export function checkWindow(raw: unknown, root = 'input.window'): SendWindow {
  const r = sendWindowSchema.safeParse(raw);
  if (!r.success) throw badInput('The send window is not valid.', issues(r.error, root));
  return r.data;
}

const WEEKDAY: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The local weekday (1-7), hour and minute of an instant in a time zone. */
export function localParts(at: Date, tz: string): { weekday: number; hour: number; minute: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: tz,
      weekday: 'short',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { weekday: WEEKDAY[parts.weekday ?? 'Mon'] ?? 1, hour: Number(parts.hour), minute: Number(parts.minute) };
}

/**
 * The first instant at or after `at` inside the window, in `tz`: `at` itself when the window is
 * open then, otherwise the next opening (walked in 15-minute steps from the next whole quarter, so
 * daylight-saving changes land on the right local hour).
 */
export function nextOpenSlot(at: Date, w: SendWindow, tz: string): Date {
  const open = (d: Date) => {
    const l = localParts(d, tz);
    return w.days.includes(l.weekday) && l.hour >= w.startHour && l.hour < w.endHour;
  };
  if (open(at)) return at;
  const QUARTER = 15 * 60_000;
  let t = Math.ceil(at.getTime() / QUARTER) * QUARTER;
  for (let i = 0; i < 8 * 24 * 4; i++, t += QUARTER) {
    const d = new Date(t);
    if (open(d)) {
      // Back to the opening minute when the zone is offset by a quarter (e.g. +05:45).
      const l = localParts(d, tz);
      return new Date(t - l.minute * 60_000 * (l.hour === w.startHour ? 1 : 0));
    }
  }
  return at;
}

/** Weekday + `HH:MM` in a time zone: the next such instant strictly after `at`. */
export function nextWeekdayTime(at: Date, weekday: number, hhmm: string, tz: string): Date {
  const [h, m] = hhmm.split(':').map(Number);
  const MINUTE = 60_000;
  let t = Math.floor(at.getTime() / MINUTE) * MINUTE + MINUTE;
  for (let i = 0; i < 8 * 24 * 60; i++, t += MINUTE) {
    const l = localParts(new Date(t), tz);
    if (l.weekday === weekday && l.hour === h && l.minute === m) return new Date(t);
    // Skip ahead by hours while far from the target hour (a week is 10,080 minutes).
    if (l.weekday !== weekday || l.hour !== h) t += 59 * MINUTE - l.minute * MINUTE;
  }
  return new Date(at.getTime() + 7 * 86_400_000);
}
