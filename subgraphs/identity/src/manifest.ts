import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import express, { type RequestHandler } from 'express';
import {
  NOTIFY_ADMINS_JOB,
  QUEUES,
  defineSubgraph,
  errorEnvelope,
  InvalidViewerToken,
  verifyViewerToken,
  VIEWER_HEADER,
} from '@nexus/platform';
import { createContext, extendIdentity, type IdentityDeps } from './context.ts';
import { entities, User } from './entities/index.ts';
import { envShape } from './env.ts';
import { API_KEY_USAGE_FLUSH_JOB, SESSION_CLEANUP_JOB, maintenanceProcessors } from './jobs/maintenance.job.ts';
import { notificationProcessors } from './jobs/notifications.job.ts';
import { migrations } from './migrations/index.ts';
import { resolvers } from './resolvers/index.ts';
import { bootstrapAdmin, seedIdentity } from './seed.ts';
import { announceAllStaff } from './services/staff-feed.ts';
import { verifyApiKey } from './services/api-keys.service.ts';
import { notify } from './services/notifications.service.ts';

/** identity: users, sessions, API keys, notifications, the audit log. */
export const identityManifest = defineSubgraph({
  name: 'identity',
  port: 4001,
  folder: new URL('..', import.meta.url),
  envShape,
  entities,
  migrations,
  migrationsPath: fileURLToPath(new URL('./migrations', import.meta.url)),
  extend: (core): IdentityDeps => extendIdentity(core),
  async prepare(orm, env, log) {
    if (env.BOOTSTRAP_ADMIN_EMAIL && env.BOOTSTRAP_ADMIN_PASSWORD) {
      if (await bootstrapAdmin(orm.em.fork(), env.BOOTSTRAP_ADMIN_EMAIL, env.BOOTSTRAP_ADMIN_PASSWORD)) {
        log.info({ email: env.BOOTSTRAP_ADMIN_EMAIL }, 'created the first admin');
      }
    }
    await announceAllStaff(orm.em.fork());
  },
  async seed(orm, env, log) {
    const added = await seedIdentity(orm.em.fork(), env.DEMO_PASSWORD);
    if (added) log.info({ added }, 'seeded demo users');
  },
  resolvers,
  context: (deps: IdentityDeps, base) => createContext(deps)(base),
  routes(app, deps) {
    // Only the gateway (a viewer token it signed for identity) may ask the internal endpoints.
    const gatewayOnly: RequestHandler = (req, res, next) => {
      verifyViewerToken(req.header(VIEWER_HEADER) ?? '', 'identity', deps.env.INTERNAL_TOKEN_SECRET).then(
        () => next(),
        (e: unknown) => {
          if (!(e instanceof InvalidViewerToken)) return next(e);
          const requestId = req.header('x-request-id') ?? randomUUID();
          res.status(401).json(errorEnvelope('UNAUTHENTICATED', 'Gateway only.', requestId));
        },
      );
    };
    // The gateway asks here who an integrator's API key acts as; only the gateway can ask.
    app.post('/internal/api-keys/verify', express.json({ limit: '4kb' }), gatewayOnly, async (req, res) => {
      const requestId = req.header('x-request-id') ?? randomUUID();
      const key: unknown = req.body?.key;
      const found = typeof key === 'string' ? await verifyApiKey(deps.orm.em.fork(), key) : null;
      res.status(found ? 200 : 404).json(found ?? errorEnvelope('NOT_FOUND', 'Unknown key.', requestId));
    });
    // The gateway asks here for the role of a staff member a service acts for (a Slack user mapped by email).
    app.post('/internal/users/verify', express.json({ limit: '4kb' }), gatewayOnly, async (req, res) => {
      const requestId = req.header('x-request-id') ?? randomUUID();
      const id: unknown = req.body?.id;
      const user =
        typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id)
          ? await deps.orm.em.fork().findOne(User, { id, active: true })
          : null;
      if (user) res.status(200).json({ id: user.id, role: user.role });
      else res.status(404).json(errorEnvelope('NOT_FOUND', 'No active staff member.', requestId));
    });
  },
  worker: (deps: IdentityDeps, log) => ({
    processors: {
      [QUEUES.notifications]: {
        ...notificationProcessors(deps, log),
        // Alerts for every active admin (a dead-lettered job); one notification each, however often the job runs.
        [NOTIFY_ADMINS_JOB]: async (job) => {
          const em = deps.orm.em.fork();
          const admins = await em.find(User, { role: 'ADMIN', active: true });
          for (const admin of admins) {
            const dedupeKey = job.data.dedupeKey ? `${job.data.dedupeKey}:${admin.id}`.slice(0, 200) : null;
            await notify(em.fork(), deps.bus, log, { ...job.data, userId: admin.id, dedupeKey });
          }
          return { notified: admins.length };
        },
      },
      [QUEUES.identityMaintenance]: maintenanceProcessors(deps),
    },
    schedules: [
      { queue: QUEUES.identityMaintenance, job: SESSION_CLEANUP_JOB, cron: '17 3 * * *' },
      { queue: QUEUES.identityMaintenance, job: API_KEY_USAGE_FLUSH_JOB, cron: '*/10 * * * *' },
    ],
  }),
  codegen: {
    contextType: 'IdentityContext',
    mappers: {
      User: '../entities/index.ts#User',
      ApiKey: '../entities/index.ts#ApiKey',
      Notification: '../entities/index.ts#Notification',
      AuditEntry: '../entities/index.ts#AuditEntry',
      TravelerAccount: '../entities/index.ts#PortalAccount',
      PortalMe: '../entities/index.ts#PortalAccount',
    },
  },
});
