import { z } from 'zod';
import { commonEnv, loadEnv } from '@nexus/platform';

export const envShape = {
  ...commonEnv,
  CRM_PORT: z.coerce.number().int().min(0).max(65535).default(4002),
};

export type CrmEnv = ReturnType<typeof loadCrmEnv>;
export const loadCrmEnv = (source?: Record<string, string | undefined>) => loadEnv(envShape, source);
