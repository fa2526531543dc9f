import { SERVICES, gatewayExecutor, runAs, type Job, type JobData, type Logger } from '@nexus/platform';
import type { SalesDeps } from '../context.ts';
import { Meeting, MeetingType } from '../entities/index.ts';

const FIND = `query SalesMeetingContact($search: String!) {
  contacts(first: 10, filter: { search: $search }) { nodes { id email } } }`;
const CREATE = 'mutation SalesMeetingNewContact($input: CreateContactInput!) { createContact(input: $input) { id } }';
const LOG = 'mutation SalesMeetingActivity($input: LogActivityInput!) { logActivity(input: $input) { id } }';

/**
 * A booking reaches crm through the graph as `service:sales-meetings`: the visitor's contact is
 * matched by email (or created), and the meeting is logged on it. A failure throws, so bull retries
 * with backoff; the outbox dedupes by meeting, so a retry never logs the meeting twice once it
 * succeeded.
 */
export function meetingCrmProcessor(deps: SalesDeps, log: Logger) {
  const run = gatewayExecutor({ gatewayUrl: deps.env.GATEWAY_URL, secret: deps.env.INTERNAL_TOKEN_SECRET });
  return async (job: Job<JobData<'sales', 'meeting-crm-sync'>>) => {
    const em = deps.orm.em.fork();
    const m = await em.findOne(Meeting, { id: job.data.meetingId });
    if (!m) return { synced: false };
    const type = await em.findOne(MeetingType, { id: m.meetingTypeId });
    const requestId = `sales-meeting-crm:${m.id}:${String(job.id)}`;
    const email = m.visitorEmail.toLowerCase();
    const found = await runAs(run, SERVICES.salesMeetings, { query: FIND, variables: { search: email } }, requestId);
    if (!found.ok) throw new Error(`finding the contact failed: ${found.code} ${found.message}`);
    const nodes = (found.data.contacts as { nodes: { id: string; email: string | null }[] } | null)?.nodes ?? [];
    let contactId = nodes.find((c) => c.email?.toLowerCase() === email)?.id;
    if (!contactId) {
      const [firstName = m.visitorName, ...rest] = m.visitorName.trim().split(/\s+/);
      const created = await runAs(
        run,
        SERVICES.salesMeetings,
        { query: CREATE, variables: { input: { firstName, lastName: rest.join(' ') || null, email } } },
        requestId,
      );
      if (!created.ok) throw new Error(`creating the contact failed: ${created.code} ${created.message}`);
      contactId = (created.data.createContact as { id: string }).id;
    }
    const minutes = Math.min(1440, Math.round((m.endsAt.getTime() - m.startsAt.getTime()) / 60_000));
    const logged = await runAs(
      run,
      SERVICES.salesMeetings,
      {
        query: LOG,
        variables: {
          input: {
            type: 'MEETING',
            subject: `${type?.name ?? 'Meeting'} booked by ${m.visitorName}`.slice(0, 300),
            body: m.notes,
            occurredAt: m.startsAt.toISOString(),
            durationMinutes: minutes,
            contactId,
          },
        },
      },
      requestId,
    );
    if (!logged.ok) throw new Error(`logging the meeting failed: ${logged.code} ${logged.message}`);
    log.info({ meetingId: m.id, contactId }, 'booked meeting logged in crm');
    return { synced: true, contactId };
  };
}
