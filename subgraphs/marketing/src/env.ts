import { z } from 'zod';
import { commonEnv, loadEnv } from '@nexus/platform';

export const envShape = {
  ...commonEnv,
  MARKETING_PORT: z.coerce.number().int().min(0).max(65535).default(4003),
};

export type MarketingEnv = ReturnType<typeof loadMarketingEnv>;
export const loadMarketingEnv = (source?: Record<string, string | undefined>) => loadEnv(envShape, source);
