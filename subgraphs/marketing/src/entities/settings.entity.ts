import { defineEntity, p } from '@mikro-orm/core';

/**
 * Sending settings shared by every campaign (and later workflows and sequences), one row (id 1),
 * changed by managers: the frequency cap, quiet hours, the time zone of contacts without one, and
 * the throttle's warm-up ramp. Unset means off.
 */
export const MarketingSettingsSchema = defineEntity({
  name: 'MarketingSettings',
  tableName: 'marketing_settings',
  properties: {
    id: p.integer().primary(),
    /** At most this many marketing emails per contact within `frequencyCapDays`; null: no cap. */
    frequencyCapCount: p.integer().nullable(),
    frequencyCapDays: p.integer().default(7),
    /** Local hours (0-23) from which and until which no marketing email goes; null: no quiet hours. */
    quietHoursStart: p.integer().nullable(),
    quietHoursEnd: p.integer().nullable(),
    /** IANA time zone for contacts without a valid one. */
    defaultTimezone: p.string().length(64).default('UTC'),
    /** Warm-up: emails per second on the first day, growing by `warmupDailyIncreasePercent` a day up to the configured rate. */
    warmupStartRate: p.integer().nullable(),
    warmupStartedOn: p.string().columnType('date').nullable(),
    warmupDailyIncreasePercent: p.integer().default(50),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export class MarketingSettings extends MarketingSettingsSchema.class {}
MarketingSettingsSchema.setClass(MarketingSettings);
