import { describe, expect, it } from 'vitest';
import { defaultTaskView, taskViewFilter } from '../../web/src/features/crm/taskViews.ts';
import { localeFirstDay, weekOf } from '../../web/src/lib/week.ts';

/** "Due this week" in the person's own calendar: their time zone, their first day of the week. */

const iso = (d: Date) => d.toISOString();

describe('weekOf', () => {
  it('on a Sunday in New York (weeks from Sunday) is the week that starts that day', () => {
    const sundayEvening = new Date('2026-12-07T03:00:00Z'); // Sunday 22:00 in New York, Monday in UTC
    const week = weekOf(sundayEvening, 'America/New_York', 0);
    expect(iso(week.start)).toBe('2026-12-06T05:00:00.000Z');
    expect(iso(week.end)).toBe('2026-12-13T05:00:00.000Z');
  });

  it('on a Sunday in Berlin (weeks from Monday) is the week ending that night', () => {
    const week = weekOf(new Date('2026-12-06T22:30:00Z'), 'Europe/Berlin', 1);
    expect(iso(week.start)).toBe('2026-11-29T23:00:00.000Z');
    expect(iso(week.end)).toBe('2026-12-06T23:00:00.000Z');
  });

  it('keeps local midnight across a change to daylight saving time', () => {
    const week = weekOf(new Date('2026-03-10T12:00:00Z'), 'America/New_York', 0);
    expect(iso(week.start)).toBe('2026-03-08T05:00:00.000Z'); // midnight EST
    expect(iso(week.end)).toBe('2026-03-15T04:00:00.000Z'); // midnight EDT
  });

  it('reads the first day from the locale', () => {
    expect(localeFirstDay('en-US')).toBe(0);
    expect(localeFirstDay('de-DE')).toBe(1);
  });
});

describe('the task views', () => {
  it('"due this week" is what is still ahead this week: overdue tasks are left to their own view', () => {
    const now = new Date('2026-12-07T03:00:00Z');
    expect(taskViewFilter('week', now, 'America/New_York', 0)).toEqual({
      statuses: ['OPEN', 'IN_PROGRESS', 'WAITING'],
      dueAfter: '2026-12-07T03:00:00.000Z',
      dueBefore: '2026-12-13T05:00:00.000Z',
    });
    expect(taskViewFilter('overdue', now, 'America/New_York', 0)).toEqual({ overdue: true });
  });

  it('a viewer, who is never given tasks, opens on every open task instead of an empty "Mine"', () => {
    expect(defaultTaskView('VIEWER')).toBe('open');
    expect(defaultTaskView('AGENT')).toBe('mine');
    expect(defaultTaskView(null)).toBe('open');
  });
});
