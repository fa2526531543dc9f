import { z } from 'zod';
import { commonEnv, loadEnv } from '@nexus/platform';

export const envShape = {
  ...commonEnv,
  SERVICE_PORT: z.coerce.number().int().min(0).max(65535).default(4005),
};

export type ServiceEnv = ReturnType<typeof loadServiceEnv>;
export const loadServiceEnv = (source?: Record<string, string | undefined>) => loadEnv(envShape, source);
