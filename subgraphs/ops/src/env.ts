import { z } from 'zod';
import { commonEnv, loadEnv, optionalVar } from '@nexus/platform';
import { webhookEnvShape } from './webhooks/env.ts';

export const envShape = {
  ...commonEnv,
  ...webhookEnvShape,
  OPS_PORT: z.coerce.number().int().min(0).max(65535).default(4007),
  /** Shared secret n8n sends as `X-Webhook-Secret`; unset, `/api/n8n/webhook/*` answers 503. No default. */
  N8N_WEBHOOK_SECRET: optionalVar(z.string().min(16)),
  /** Shared secret the groups app sends as `X-Webhook-Secret` on `/hooks/groups/*`; unset, 503. */
  GROUPS_WEBHOOK_SECRET: optionalVar(z.string().min(16)),
  /** The service key TT-API sends as `X-Service-Key` on `/hooks/tt-api/*`; unset, 503. */
  TT_API_HOOK_SECRET: optionalVar(z.string().min(16)),
  /** The mail server marketing sends through, checked by system health (unset: NOT_CONFIGURED). */
  SMTP_URL: optionalVar(z.url()),
  /** Slack app's signing secret: every `/slack/*` request is verified with it; unset, they answer 503. No default. */
  SLACK_SIGNING_SECRET: optionalVar(z.string().min(16)),
  /** Slack bot token (`xoxb-…`) for posts and `users.info`; unset, posts are only logged and commands refused. */
  SLACK_BOT_TOKEN: optionalVar(z.string().min(8)),
  /** Base URL of Slack's Web API (a local receiver in tests). */
  SLACK_API_URL: z.url().default('https://slack.com/api/'),
  /** How long a component's health must settle before #monitoring hears of it, in ms (a flapping service posts once). */
  SLACK_HEALTH_DEBOUNCE_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
  // Read only for the integrations settings page (set or not; values are never shown). crm uses
  // the enrichment pair; Google Workspace and the AI assistant are optional and not yet connected.
  /** Base URL of the company enrichment provider (crm's `enrichCompany`). */
  ENRICHMENT_URL: optionalVar(z.string().min(1)),
  /** The enrichment provider's API key. */
  ENRICHMENT_API_KEY: optionalVar(z.string().min(1)),
  /** Google Workspace: the service account's JSON key file. */
  GOOGLE_SERVICE_ACCOUNT_KEY_FILE: optionalVar(z.string().min(1)),
  /** Google Workspace: the domain whose users the service account acts for. */
  GOOGLE_WORKSPACE_DOMAIN: optionalVar(z.string().min(1)),
  /** AI assistant: the Anthropic API key. */
  ANTHROPIC_API_KEY: optionalVar(z.string().min(1)),
  /** AI assistant: the Claude model (optional). */
  AI_ASSISTANT_MODEL: optionalVar(z.string().min(1)),
};

export type OpsEnv = ReturnType<typeof loadOpsEnv>;
export const loadOpsEnv = (source?: Record<string, string | undefined>) => loadEnv(envShape, source);
