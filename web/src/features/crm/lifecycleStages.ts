import type { LifecycleStage } from '../../__generated__/graphql.ts';

/** Labels in journey order; `satisfies` makes a new stage in the schema a type error here. */
export const LIFECYCLE_STAGE_LABEL = {
  SUBSCRIBER: 'Subscriber',
  LEAD: 'Lead',
  MARKETING_QUALIFIED: 'Marketing qualified',
  SALES_QUALIFIED: 'Sales qualified',
  OPPORTUNITY: 'Opportunity',
  CUSTOMER: 'Customer',
  REPEAT_CUSTOMER: 'Repeat customer',
  EVANGELIST: 'Evangelist',
  OTHER: 'Other',
} as const satisfies Record<LifecycleStage, string>;

export const LIFECYCLE_STAGES = Object.keys(LIFECYCLE_STAGE_LABEL) as LifecycleStage[];

export const isLifecycleStage = (value: string | null): value is LifecycleStage =>
  value !== null && Object.hasOwn(LIFECYCLE_STAGE_LABEL, value);
