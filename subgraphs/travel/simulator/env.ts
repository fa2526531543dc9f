/** Environment of the standalone simulator (`main.ts`); the only file here that reads process.env. */
import { z } from 'zod';

const envSchema = z.object({
  TT_SIM_PORT: z.coerce.number().int().min(0).max(65_535).default(3100),
  /** Loopback unless told otherwise (TT_SIM_HOST, else BIND_HOST, as every Nexus process). */
  TT_SIM_HOST: z.string().min(1).optional(),
  BIND_HOST: z.string().min(1).default('127.0.0.1'),
  /** Comma-separated accepted API keys; empty accepts every request (TT-API dev mode). */
  TT_SIM_API_KEYS: z
    .string()
    .default('tt-sim-key')
    .transform((s) => s.split(',').map((k) => k.trim()).filter((k) => k !== '')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

const parsed = envSchema.parse(process.env);
export const env = { ...parsed, TT_SIM_HOST: parsed.TT_SIM_HOST ?? parsed.BIND_HOST };
