/** Nexus-side enums of the travel subgraph (PostgreSQL enums, `nx_` prefixed like every Nexus enum). */
export const RUN_STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** What started a run: the worker's schedule, an n8n action, or a staff member. */
export const RUN_TRIGGERS = ['SCHEDULE', 'N8N', 'MANUAL'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];
