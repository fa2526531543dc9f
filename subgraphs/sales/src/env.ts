import { z } from 'zod';
import { commonEnv, loadEnv } from '@nexus/platform';

export const envShape = {
  ...commonEnv,
  SALES_PORT: z.coerce.number().int().min(0).max(65535).default(4004),
};

export type SalesEnv = ReturnType<typeof loadSalesEnv>;
export const loadSalesEnv = (source?: Record<string, string | undefined>) => loadEnv(envShape, source);
