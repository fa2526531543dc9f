import type { Role } from '../../__generated__/graphql.ts';

/** The five staff roles, highest first, with what each may do (README: demo accounts). */
export const ROLE_OPTIONS: { value: Role; label: string }[] = [
  { value: 'ADMIN', label: 'Admin: users, API keys, audit log, everything below' },
  { value: 'MANAGER', label: 'Manager: delete records, pipelines, scoring, reports' },
  { value: 'ADVISOR', label: 'Advisor: create and edit contacts, companies, deals' },
  { value: 'AGENT', label: 'Agent: create contacts, log activities, own tasks' },
  { value: 'VIEWER', label: 'Viewer: read everything, change nothing' },
];
