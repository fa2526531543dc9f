/**
 * Integrations settings: every optional integration and whether this deployment configured it,
 * decided only by which of its environment variables are set (their values never leave here).
 */
import type { OpsEnv } from '../env.ts';

export type IntegrationStatus = 'CONFIGURED' | 'PARTIAL' | 'NOT_CONFIGURED';

export interface IntegrationVariable {
  name: string;
  set: boolean;
  required: boolean;
  description: string;
}

export interface Integration {
  key: string;
  name: string;
  status: IntegrationStatus;
  description: string;
  whenNotConfigured: string;
  variables: IntegrationVariable[];
}

type VariableName = keyof OpsEnv & string;
interface Definition {
  key: string;
  name: string;
  description: string;
  whenNotConfigured: string;
  variables: { name: VariableName; required: boolean; description: string }[];
}

const DEFINITIONS: Definition[] = [
  {
    key: 'slack',
    name: 'Slack',
    description:
      'Slash commands, buttons and events from Slack (/slack/*), and posts to the support, sales, marketing and #monitoring channels.',
    whenNotConfigured: 'Slack requests are answered 503; posts are written to the log instead of Slack.',
    variables: [
      {
        name: 'SLACK_SIGNING_SECRET',
        required: true,
        description: "The Slack app's signing secret (verifies every request).",
      },
      {
        name: 'SLACK_BOT_TOKEN',
        required: true,
        description: 'The bot token (xoxb-…) that posts and looks up who is asking.',
      },
    ],
  },
  {
    key: 'n8n',
    name: 'n8n',
    description:
      'n8n workflows call /api/n8n/webhook/:action (commission reconciliation, booking sync, passport alerts).',
    whenNotConfigured: 'The n8n actions answer 503.',
    variables: [
      { name: 'N8N_WEBHOOK_SECRET', required: true, description: 'The shared secret n8n sends as X-Webhook-Secret.' },
    ],
  },
  {
    key: 'tt-api-hooks',
    name: 'TT-API hooks',
    description: 'TT-API tells Nexus about booking updates and payments (/hooks/tt-api/*).',
    whenNotConfigured: 'The hooks answer 503; bookings still arrive through the nightly sync.',
    variables: [
      { name: 'TT_API_HOOK_SECRET', required: true, description: 'The service key TT-API sends as X-Webhook-Secret.' },
    ],
  },
  {
    key: 'groups-hooks',
    name: 'Groups hooks',
    description: 'The groups app reports group events (/hooks/groups/*).',
    whenNotConfigured: 'The hooks answer 503.',
    variables: [
      {
        name: 'GROUPS_WEBHOOK_SECRET',
        required: true,
        description: 'The shared secret the groups app sends as X-Webhook-Secret.',
      },
    ],
  },
  {
    key: 'smtp',
    name: 'SMTP',
    description: 'The mail server campaigns, notifications and ticket replies are sent through.',
    whenNotConfigured: 'Mail is written to the log, not sent.',
    variables: [{ name: 'SMTP_URL', required: true, description: 'smtp:// or smtps:// address of the mail server.' }],
  },
  {
    key: 'enrichment',
    name: 'Company enrichment',
    description:
      'Fills empty company fields (industry, phone, city…) from a data provider, on request, recording the source.',
    whenNotConfigured: 'The Enrich button says enrichment is not configured; nothing is sent anywhere.',
    variables: [
      { name: 'ENRICHMENT_URL', required: true, description: "Base URL of the enrichment provider's HTTP API." },
      {
        name: 'ENRICHMENT_API_KEY',
        required: true,
        description: 'The API key sent to the provider as a bearer token.',
      },
    ],
  },
  {
    key: 'google-workspace',
    name: 'Google Workspace',
    description: 'Gmail and Calendar for the team, through a service account with domain-wide delegation.',
    whenNotConfigured: 'Nothing is read from Google Workspace.',
    variables: [
      {
        name: 'GOOGLE_SERVICE_ACCOUNT_KEY_FILE',
        required: true,
        description: "Path to the service account's JSON key file.",
      },
      { name: 'GOOGLE_WORKSPACE_DOMAIN', required: true, description: 'The Workspace domain whose users it acts for.' },
    ],
  },
  {
    key: 'ai-assistant',
    name: 'AI assistant',
    description: 'The AI assistant (Claude) that drafts replies and summaries for staff.',
    whenNotConfigured: 'No assistant is offered; nothing is sent to an AI provider.',
    variables: [
      { name: 'ANTHROPIC_API_KEY', required: true, description: 'The Anthropic API key the assistant uses.' },
      {
        name: 'AI_ASSISTANT_MODEL',
        required: false,
        description: 'The Claude model to use (a default is chosen when unset).',
      },
    ],
  },
];

const isSet = (v: unknown) => v !== undefined && v !== null && v !== '';

export function listIntegrations(env: OpsEnv): Integration[] {
  return DEFINITIONS.map((d) => {
    const variables = d.variables.map((v) => ({ ...v, set: isSet(env[v.name]) }));
    const required = variables.filter((v) => v.required);
    const setCount = required.filter((v) => v.set).length;
    const status: IntegrationStatus =
      setCount === required.length ? 'CONFIGURED' : setCount === 0 ? 'NOT_CONFIGURED' : 'PARTIAL';
    return {
      key: d.key,
      name: d.name,
      status,
      description: d.description,
      whenNotConfigured: d.whenNotConfigured,
      variables,
    };
  });
}
