import argon2 from 'argon2';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { badInput, forbidden, notFound, parseInput, zName, type Viewer } from '@nexus/platform';
import { NOTIFICATION_TYPES, User, type NotificationType } from '../entities/index.ts';
import { announceStaff } from './staff-feed.ts';
import { endOtherSessions, hashPassword } from './sessions.service.ts';
import type { IdentityDeps } from '../context.ts';

/** Alerts every recipient must see: a failed job, a system message. */
const ALWAYS_DELIVERED: readonly NotificationType[] = ['SYSTEM', 'JOB_FAILED'];
export const MUTABLE_NOTIFICATION_TYPES = NOTIFICATION_TYPES.filter((t) => !ALWAYS_DELIVERED.includes(t));

// Intl knows every zone the browser can show; `UTC` is not always listed by supportedValuesOf.
const TIME_ZONES = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);

const zPassword = z
  .string()
  .min(12, { message: 'must be at least 12 characters' })
  .max(1024, { message: 'must be at most 1024 characters' });

const profileInput = z.object({
  name: zName.nullish(),
  timeZone: z
    .string()
    .trim()
    .refine((tz) => TIME_ZONES.has(tz), { message: 'must be an IANA time zone such as Europe/London' })
    .nullish(),
});
const passwordInput = z
  .object({ currentPassword: z.string().min(1, { message: 'is required' }).max(1024), newPassword: zPassword })
  .refine((p) => p.currentPassword !== p.newPassword, {
    path: ['newPassword'],
    message: 'must differ from the current password',
  });
const preferencesInput = z.object({
  mutedTypes: z
    .array(z.enum(NOTIFICATION_TYPES))
    .max(NOTIFICATION_TYPES.length)
    .refine((types) => types.every((t) => !ALWAYS_DELIVERED.includes(t)), {
      message: 'SYSTEM and JOB_FAILED notifications cannot be muted',
    }),
});

/** Only a signed-in person has a profile: API keys and services are refused. */
async function self(em: EntityManager, viewer: Viewer, populate: boolean = false): Promise<User> {
  if (viewer.kind !== 'user' || !viewer.id || viewer.apiKeyId)
    throw forbidden('Only a signed-in staff member has a profile.');
  const user = await em.findOne(User, { id: viewer.id }, populate ? { populate: ['passwordHash'] } : {});
  if (!user) throw notFound('User', viewer.id);
  return user;
}

export async function updateProfile(em: EntityManager, viewer: Viewer, input: unknown): Promise<User> {
  const data = parseInput(profileInput, input);
  const user = await self(em, viewer);
  if (data.name != null && data.name !== user.name) {
    user.name = data.name;
    // Other subgraphs show the name from their staff directory.
    announceStaff(em, user);
  }
  if (data.timeZone != null) user.timeZone = data.timeZone;
  await em.flush();
  return user;
}

/**
 * Changes the caller's password after checking the current one, and ends every other session of theirs
 * (a password is changed because it may have leaked): only the session the request came from
 * (`presentedRefreshToken`, the browser's refresh cookie) stays signed in.
 */
export async function changePassword(
  em: EntityManager,
  d: IdentityDeps,
  viewer: Viewer,
  input: unknown,
  presentedRefreshToken: string | null | undefined,
): Promise<boolean> {
  const data = parseInput(passwordInput, input);
  const user = await self(em, viewer, true);
  if (!(await argon2.verify(user.passwordHash, data.currentPassword))) {
    throw badInput('The current password is not right.', [
      { path: 'input.currentPassword', message: 'is not your current password' },
    ]);
  }
  user.passwordHash = await hashPassword(data.newPassword);
  await em.flush();
  await endOtherSessions(em, d, user.id, presentedRefreshToken);
  return true;
}

export interface PreferencesSource {
  mutedTypes: NotificationType[];
  mutableTypes: NotificationType[];
}

const preferencesOf = (user: User): PreferencesSource => ({
  mutedTypes: NOTIFICATION_TYPES.filter((t) => user.mutedNotificationTypes.includes(t)),
  mutableTypes: [...MUTABLE_NOTIFICATION_TYPES],
});

export async function notificationPreferences(em: EntityManager, viewer: Viewer): Promise<PreferencesSource> {
  return preferencesOf(await self(em, viewer));
}

export async function updateNotificationPreferences(
  em: EntityManager,
  viewer: Viewer,
  input: unknown,
): Promise<PreferencesSource> {
  const data = parseInput(preferencesInput, input);
  const user = await self(em, viewer);
  user.mutedNotificationTypes = [...new Set(data.mutedTypes)];
  await em.flush();
  return preferencesOf(user);
}

/** Whether a notification of this type reaches the user (an unknown user gets nothing to mute). */
export async function wantsNotification(em: EntityManager, userId: string, type: NotificationType): Promise<boolean> {
  if (ALWAYS_DELIVERED.includes(type)) return true;
  const user = await em.findOne(User, { id: userId }, { fields: ['mutedNotificationTypes'] });
  return !user?.mutedNotificationTypes.includes(type);
}
