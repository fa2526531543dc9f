import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  badInput,
  conflict,
  parseInput,
  serviceViewer,
  upstreamUnavailable,
  type Logger,
  type Viewer,
} from '@nexus/platform';
import { Ticket } from '../entities/index.ts';
import type { ServiceDeps } from '../context.ts';
import { createTicket, reference, type Actor } from './tickets.service.ts';
import { activeAlerts, affectedClients, TravelUnavailable, type TravelAlertInfo } from './travel-graph.ts';

const field = (path: string, message: string) => badInput(`${path}: ${message}`, [{ path, message }]);

/** The message ready to send every affected traveller (an advisor reviews it, then sends it with `updateChildTickets`). */
export const incidentMessageFor = (a: TravelAlertInfo) =>
  [
    `Hello,`,
    ``,
    `We are following a travel alert for ${a.destination ?? a.country ?? 'your destination'}: ${a.title}.`,
    a.description,
    ``,
    `Your Travel Tamers team is checking every booking there and will contact you about any change. If you need help now, reply to this email and we will answer straight away.`,
  ].join('\n');

/**
 * Opens a travel alert's parent incident: an URGENT travel-disruption ticket, and a child ticket
 * for every client with a live booking at the alert's destination that is in progress or departs
 * within `departingWithinDays` (their requester travelling when in progress), all in one
 * transaction. One incident per alert (CONFLICT naming it otherwise).
 */
export async function openAlertIncident(
  root: EntityManager,
  a: Actor,
  alert: TravelAlertInfo,
  days: number,
  o: { actor?: string } = {},
): Promise<Ticket> {
  const existing = await root.findOne(Ticket, { travelAlertId: alert.id });
  if (existing) throw conflict(`This alert already has an incident: ${reference(existing)}.`);
  if (!alert.destination) throw field('input.alertId', 'the alert names no destination to find travellers at');
  const now = a.deps.clock();
  const affected = await affectedClients(
    a.deps.graph,
    alert.destination,
    now,
    days,
    `service-desk:incident:${alert.id}`,
  );
  let parentId = '';
  try {
    await root.fork().transactional(async (tx) => {
      const em = tx as EntityManager;
      const parent = await createTicket(
        em,
        a,
        {
          subject: `Travel alert: ${alert.title}`.slice(0, 300),
          description: `${alert.description}\n\n${affected.length} client${affected.length === 1 ? '' : 's'} at ${alert.destination} now or departing within ${days} days.`,
          priority: 'URGENT',
          category: 'TRAVEL_DISRUPTION',
          source: 'WEB',
          destination: alert.destination,
          tags: ['travel-alert', `alert:${alert.alertType}`.slice(0, 60)],
        },
        { actor: o.actor },
      );
      parent.travelAlertId = alert.id;
      parent.incidentMessage = incidentMessageFor(alert);
      await em.flush();
      for (const c of affected) {
        await createTicket(
          em,
          a,
          {
            subject: `${alert.title}: ${c.displayName} (${c.bookingReference})`.slice(0, 300),
            description: `${c.displayName} is ${c.travelling ? 'at' : 'departing to'} ${alert.destination} (booking ${c.bookingReference}, ${c.departureDate} to ${c.returnDate ?? 'open'}).`,
            priority: 'URGENT',
            category: 'TRAVEL_DISRUPTION',
            source: 'WEB',
            requesterEmail: c.email,
            requesterName: c.displayName,
            requesterContactId: c.contactId,
            requesterTravelling: c.travelling,
            destination: alert.destination,
            supplier: c.supplier,
            parentId: parent.id,
            tags: ['travel-alert'],
          },
          { actor: o.actor },
        );
      }
      parentId = parent.id;
    });
  } catch (e) {
    if ((e as { code?: string }).code === '23505') {
      const other = await root.fork().findOne(Ticket, { travelAlertId: alert.id });
      throw conflict(`This alert already has an incident${other ? `: ${reference(other)}` : ''}.`);
    }
    throw e;
  }
  return root.findOneOrFail(Ticket, { id: parentId });
}

/** `openTravelAlertIncident`: the alert must be an active TT-API alert. */
export async function openIncidentFor(em: EntityManager, a: Actor, input: unknown): Promise<Ticket> {
  const d = parseInput(
    z.object({
      alertId: z.string().trim().min(1, 'is required').max(64),
      departingWithinDays: z.number().int().min(0, 'must be 0 to 60').max(60, 'must be 0 to 60').nullish(),
    }),
    input,
  );
  try {
    const alerts = await activeAlerts(a.deps.graph, null, `service-desk:alert:${d.alertId}`);
    const alert = alerts.find((x) => x.id === d.alertId);
    if (!alert) throw field('input.alertId', 'is not an active travel alert');
    return await openAlertIncident(em, a, alert, d.departingWithinDays ?? 14);
  } catch (e) {
    if (e instanceof TravelUnavailable || (e instanceof Error && e.name === 'TimeoutError'))
      throw upstreamUnavailable('TT-API', 'Travel alerts and bookings are unavailable right now. Try again shortly.');
    throw e;
  }
}

/** The `travel-alert-incidents` job: an incident for every active CRITICAL alert that has none yet. */
export async function openCriticalIncidents(deps: ServiceDeps, log: Logger): Promise<{ opened: string[] }> {
  const alerts = await activeAlerts(
    deps.graph,
    'CRITICAL',
    `service-desk:critical-alerts:${deps.clock().toISOString()}`,
  );
  const em = deps.orm.em.fork();
  const known = new Set(
    (await em.find(Ticket, { travelAlertId: { $in: alerts.map((x) => x.id) } })).map((t) => t.travelAlertId),
  );
  const viewer: Viewer = serviceViewer('service-desk', 'ADVISOR', null);
  const opened: string[] = [];
  for (const alert of alerts) {
    if (known.has(alert.id) || !alert.destination) continue;
    try {
      const t = await openAlertIncident(em, { viewer, deps }, alert, 14, { actor: 'system' });
      opened.push(t.id);
    } catch (err) {
      if ((err as { extensions?: { code?: string } }).extensions?.code === 'CONFLICT') continue;
      log.warn({ err, alertId: alert.id }, 'could not open the travel alert incident');
    }
  }
  return { opened };
}
