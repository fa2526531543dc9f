import { randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  QUEUES,
  badInput,
  conflict,
  enqueue,
  findConnection,
  notFound,
  parseInput,
  zId,
  type AutomationTriggerJob,
  type ConnectionArgs,
  type Logger,
  type Viewer,
} from '@nexus/platform';
import type { MarketingDeps } from '../context.ts';
import { AudienceMember } from '../entities/index.ts';
import { loadSettings, timeZoneOf, travellingAt } from '../services/send-policy.ts';
import { Sequence, SequenceEnrolment, SEQUENCE_STATUSES } from './automation.entity.ts';
import { GraphRefused, createTask, logActivity } from './graph.ts';
import { ContactNotReady, replyAddress, sendAutomationEmail } from './mail.ts';
import { DEFAULT_WINDOW, checkSequenceSteps, checkWindow, nextOpenSlot } from './sequence-definition.ts';

/**
 * Drip sequences (M-03, J-05, DR-17): CRUD, enrolment from a contact, a segment or a workflow, and
 * the `sequence-step` worker. Before every step the unenrol conditions are checked (replied,
 * converted, removed, unsubscribed or bounced); a step is sent only inside the send window in the
 * contact's time zone (the sequence's when unknown) and otherwise moves to the window's next
 * opening; quiet hours and the frequency cap of the marketing send policy apply.
 */

const name = z.string().trim().min(1, { message: 'is required' }).max(120);
const createInput = z.object({
  name,
  steps: z.unknown(),
  window: z.unknown().optional(),
  exitStages: z.array(z.string().min(1).max(40)).max(10).optional(),
});
const updateInput = z.object({
  id: zId,
  name: name.optional(),
  steps: z.unknown().optional(),
  window: z.unknown().optional(),
  exitStages: z.array(z.string().min(1).max(40)).max(10).optional(),
  status: z.enum(SEQUENCE_STATUSES).optional(),
});

export async function createSequence(em: EntityManager, viewer: Viewer, input: unknown): Promise<Sequence> {
  const data = parseInput(createInput, input);
  const steps = checkSequenceSteps(data.steps);
  const window = data.window === undefined ? DEFAULT_WINDOW : checkWindow(data.window);
  const s = em.create(Sequence, {
    name: data.name,
    steps,
    window,
    exitStages: data.exitStages ?? ['CUSTOMER'],
    ownerId: viewer.kind === 'user' ? viewer.id : null,
  });
  await em.flush();
  return s;
}

export async function updateSequence(em: EntityManager, input: unknown): Promise<Sequence> {
  const data = parseInput(updateInput, input);
  const s = await em.findOne(Sequence, { id: data.id });
  if (!s) throw notFound('Sequence', data.id);
  const steps = data.steps === undefined ? undefined : checkSequenceSteps(data.steps);
  const window = data.window === undefined ? undefined : checkWindow(data.window);
  if ((data.status ?? s.status) === 'ACTIVE' && !(steps ?? s.steps).length)
    throw badInput('A sequence needs a step before it is activated.', [
      { path: 'input.steps', message: 'needs at least one step' },
    ]);
  if (data.name !== undefined) s.name = data.name;
  if (steps) s.steps = steps;
  if (window) s.window = window;
  if (data.exitStages) s.exitStages = data.exitStages;
  if (data.status) s.status = data.status;
  await em.flush();
  return s;
}

export async function deleteSequence(em: EntityManager, id: unknown): Promise<Sequence> {
  const sid = parseInput(zId, id, 'id');
  const s = await em.findOne(Sequence, { id: sid });
  if (!s) throw notFound('Sequence', sid);
  s.deletedAt = new Date();
  await em.execute(
    `update sequence_enrolment set status = 'REMOVED', finished_at = now(), updated_at = now() where sequence_id = ? and status = 'ACTIVE'`,
    [sid],
  );
  await em.flush();
  return s;
}

export function listSequences(
  em: EntityManager,
  args: ConnectionArgs & { filter?: { search?: string | null } | null },
) {
  const search = args.filter?.search?.trim();
  return findConnection(
    em,
    Sequence,
    search ? { name: { $ilike: `%${search.replace(/[%_\\]/g, '\\$&')}%` } } : {},
    args,
    [{ createdAt: 'desc' }, { id: 'desc' }],
  );
}

const enrolInput = z.object({
  sequenceId: zId,
  contactIds: z.array(zId).max(10_000).optional(),
  segmentId: zId.optional(),
});

/** Enrols contacts (or a segment's members) now; returns how many were enrolled (those already in it are skipped). */
export async function enrolInSequence(deps: MarketingDeps, em: EntityManager, input: unknown): Promise<number> {
  const data = parseInput(enrolInput, input);
  if (!data.contactIds?.length && !data.segmentId)
    throw badInput('Name contacts or a segment to enrol.', [
      { path: 'input.contactIds', message: 'or segmentId is required' },
    ]);
  const s = await em.findOne(Sequence, { id: data.sequenceId });
  if (!s) throw notFound('Sequence', data.sequenceId);
  if (s.status !== 'ACTIVE') throw conflict('Only an active sequence takes enrolments.', { status: s.status });
  let ids = data.contactIds ?? [];
  if (data.segmentId) {
    const rows = await em.execute<{ contact_id: string }[]>(
      `select contact_id from segment_member where segment_id = ?`,
      [data.segmentId],
    );
    ids = [...ids, ...rows.map((r) => r.contact_id)];
  }
  return enrolContacts(deps, s.id, [...new Set(ids)], data.segmentId ? `segment:${data.segmentId}` : 'contact');
}

export async function enrolContacts(
  deps: MarketingDeps,
  sequenceId: string,
  contactIds: string[],
  source: string,
): Promise<number> {
  const now = deps.now();
  return deps.orm.em.fork().transactional(async (tx) => {
    const [s] = await tx.execute<{ status: string }[]>(
      `select status from sequence where id = ? and deleted_at is null`,
      [sequenceId],
    );
    if (s?.status !== 'ACTIVE') return 0;
    const values = contactIds.map((id) => ({
      id: randomUUID(),
      contactId: id,
      token: randomBytes(12).toString('hex'),
    }));
    if (!values.length) return 0;
    const rows = await tx.execute<{ id: string }[]>(
      `insert into sequence_enrolment (id, sequence_id, contact_id, status, step_index, seq, next_run_at, reply_token, source, emails_sent, created_at, updated_at)
       select v.id, ?, v.contact_id, 'ACTIVE', 0, 0, ?, v.token, ?, 0, now(), now()
       from unnest(?::uuid[], ?::uuid[], ?::text[]) as v(id, contact_id, token)
       on conflict do nothing returning id`,
      [
        sequenceId,
        now,
        source.slice(0, 80),
        `{${values.map((v) => v.id).join(',')}}`,
        `{${values.map((v) => v.contactId).join(',')}}`,
        `{${values.map((v) => v.token).join(',')}}`,
      ],
    );
    for (const r of rows)
      enqueue(tx, QUEUES.automation, 'sequence-step', { enrolmentId: r.id, seq: 0 }, { jobId: `seq-step:${r.id}:0` });
    await tx.flush();
    return rows.length;
  });
}

export async function unenrolFromSequence(em: EntityManager, input: unknown): Promise<SequenceEnrolment> {
  const data = parseInput(z.object({ sequenceId: zId, contactId: zId }), input);
  const e = await em.findOne(SequenceEnrolment, {
    sequenceId: data.sequenceId,
    contactId: data.contactId,
    status: 'ACTIVE',
  });
  if (!e) throw notFound('SequenceEnrolment', `${data.sequenceId}/${data.contactId}`);
  e.status = 'REMOVED';
  e.finishedAt = new Date();
  e.nextRunAt = null;
  await em.flush();
  return e;
}

/** Active enrolments of this contact end as converted when the event says so (lifecycle stage reached, deal won). */
export async function convertSequences(deps: MarketingDeps, job: AutomationTriggerJob, now: Date): Promise<void> {
  const stage = job.type === 'LIFECYCLE_STAGE_REACHED' ? String(job.data.lifecycleStage ?? '') : null;
  if (job.type !== 'DEAL_WON' && !stage) return;
  await deps.orm.em.fork().execute(
    `update sequence_enrolment e set status = 'CONVERTED', finished_at = ?, next_run_at = null, updated_at = now()
     from sequence s where s.id = e.sequence_id and e.contact_id = ? and e.status = 'ACTIVE'
       and (? or ? = any(s.exit_stages))`,
    [now, job.contactId, job.type === 'DEAL_WON', stage ?? ''],
  );
}

const MAX_ATTEMPTS = 4;

/** Why an enrolment must stop before its next step, or null. */
async function unenrolReason(
  em: EntityManager,
  e: SequenceEnrolment,
  s: Sequence,
  member: AudienceMember | null,
): Promise<SequenceEnrolment['status'] | null> {
  if (e.repliedAt) return 'REPLIED';
  if (member?.lifecycleStage && s.exitStages.includes(member.lifecycleStage)) return 'CONVERTED';
  if (member?.emailStatus === 'UNSUBSCRIBED' || member?.emailStatus === 'COMPLAINED') return 'UNSUBSCRIBED';
  if (member?.emailStatus === 'BOUNCED') return 'BOUNCED';
  if (member?.email) {
    const [sup] = await em.execute<{ reason: string }[]>(`select reason from suppression where email = ?`, [
      member.email.toLowerCase(),
    ]);
    if (sup) return sup.reason === 'HARD_BOUNCE' ? 'BOUNCED' : 'UNSUBSCRIBED';
  }
  return null;
}

/** The `sequence-step` processor: checks, then sends (or creates the task of) the step due, and schedules the next. */
export async function processSequenceStep(
  deps: MarketingDeps,
  data: { enrolmentId: string; seq: number },
  log: Logger,
): Promise<string> {
  const em = deps.orm.em.fork();
  const now = deps.now();
  const token = randomUUID();
  const claimed = await em.execute<{ id: string }[]>(
    `update sequence_enrolment set lease_until = now() + interval '2 minutes', lease_token = ?
     where id = ? and seq = ? and status = 'ACTIVE' and next_run_at <= ? and (lease_until is null or lease_until < now()) returning id`,
    [token, data.enrolmentId, data.seq, now],
  );
  if (!claimed.length) return 'not due or moved on';
  const e = await em.findOneOrFail(SequenceEnrolment, { id: data.enrolmentId });
  const s = await em.findOne(Sequence, { id: e.sequenceId }, { filters: false });
  const release = (sets: string, params: unknown[]) =>
    em.execute(
      `update sequence_enrolment set ${sets}, lease_until = null, lease_token = null, updated_at = now() where id = ? and lease_token = ? and status = 'ACTIVE'`,
      [...params, e.id, token],
    );
  if (!s || s.deletedAt) {
    await release(`status = 'REMOVED', finished_at = ?`, [now]);
    return 'sequence gone';
  }
  if (s.status === 'PAUSED') {
    // Paused: checked again in an hour (resuming queues due steps at once).
    const until = new Date(now.getTime() + 3_600_000);
    await em.transactional(async (tx) => {
      await tx.execute(
        `update sequence_enrolment set next_run_at = ?, lease_until = null, lease_token = null where id = ? and lease_token = ? and status = 'ACTIVE'`,
        [until, e.id, token],
      );
      enqueue(
        tx,
        QUEUES.automation,
        'sequence-step',
        { enrolmentId: e.id, seq: e.seq },
        { jobId: `seq-step:${e.id}:${e.seq}:p${until.getTime()}`, delayMs: 3_600_000 },
      );
    });
    return 'paused';
  }
  const member = await em.findOne(AudienceMember, { id: e.contactId }, { filters: false });
  const reason = await unenrolReason(em, e, s, member);
  if (reason) {
    await release(`status = ?, finished_at = ?, next_run_at = null`, [reason, now]);
    return `unenrolled: ${reason}`;
  }
  const step = s.steps[e.stepIndex];
  if (!step) {
    await release(`status = 'COMPLETED', finished_at = ?, next_run_at = null`, [now]);
    return 'completed';
  }
  const settings = await loadSettings(em);
  // The contact's clock (where their trip's itinerary puts them while travelling), else the sequence's.
  const tz =
    member && (member.timezone || (member.travelTimeZone && travellingAt(member, now)))
      ? timeZoneOf(member, settings, now)
      : s.window.timezone;
  const slot = nextOpenSlot(now, s.window, tz);
  const reschedule = async (until: Date, why: string) => {
    await em.transactional(async (tx) => {
      await tx.execute(
        `update sequence_enrolment set next_run_at = ?, lease_until = null, lease_token = null, last_error = ?, updated_at = now() where id = ? and lease_token = ? and status = 'ACTIVE'`,
        [until, why, e.id, token],
      );
      enqueue(
        tx,
        QUEUES.automation,
        'sequence-step',
        { enrolmentId: e.id, seq: e.seq },
        {
          jobId: `seq-step:${e.id}:${e.seq}:at${until.getTime()}`,
          delayMs: Math.max(0, until.getTime() - now.getTime()),
        },
      );
    });
  };
  if (slot.getTime() > now.getTime()) {
    await reschedule(slot, `outside the send window: moved to ${slot.toISOString()}`);
    return `moved to ${slot.toISOString()}`;
  }
  let outcome: string;
  try {
    if (step.type === 'EMAIL') {
      const sent = await sendAutomationEmail(deps, em, {
        contactId: e.contactId,
        dedupeKey: `seq:${e.id}:${e.stepIndex}`,
        content: { subject: step.subject, body: step.body },
        label: s.name,
        replyTo: replyAddress(deps, e.replyToken),
      });
      if (sent.kind === 'deferred') {
        await reschedule(sent.until, `deferred: ${sent.reason}`);
        return `deferred: ${sent.reason}`;
      }
      outcome = sent.kind === 'sent' ? 'sent' : `skipped: ${sent.reason}`;
    } else {
      await createTask(
        deps,
        { title: step.title, contactId: e.contactId, ...(member?.ownerId ? { assigneeId: member.ownerId } : {}) },
        `sequence:${e.id}:${e.stepIndex}`,
      );
      outcome = 'task created';
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const attempts =
      (e.lastError?.startsWith('attempt ') ? Number(/^attempt (\d+)/.exec(e.lastError)?.[1] ?? 0) : 0) + 1;
    if (err instanceof GraphRefused || (attempts >= MAX_ATTEMPTS && !(err instanceof ContactNotReady))) {
      await release(`status = 'FAILED', finished_at = ?, last_error = ?`, [now, message.slice(0, 1000)]);
      return 'failed';
    }
    await reschedule(
      new Date(now.getTime() + 30_000 * 2 ** (attempts - 1)),
      `attempt ${attempts}: ${message}`.slice(0, 1000),
    );
    return 'retrying';
  }
  const nextIndex = e.stepIndex + 1;
  const next = s.steps[nextIndex];
  await em.transactional(async (tx) => {
    const runAt = next ? new Date(now.getTime() + next.delayMinutes * 60_000) : null;
    // A reply or an unenrolment that arrived while the step ran has ended the enrolment: the email
    // still counts, the enrolment stays ended.
    const [after] = await tx.execute<{ status: string }[]>(
      `update sequence_enrolment set emails_sent = emails_sent + ?,
         step_index = case when status = 'ACTIVE' then ? else step_index end,
         seq = case when status = 'ACTIVE' then seq + 1 else seq end,
         next_run_at = case when status = 'ACTIVE' then ?::timestamptz else next_run_at end,
         finished_at = case when status = 'ACTIVE' then ?::timestamptz else finished_at end,
         status = case when status = 'ACTIVE' then ?::mk_sequence_enrolment_status else status end,
         last_error = null, lease_until = null, lease_token = null, updated_at = now()
       where id = ? and lease_token = ? returning status`,
      [outcome === 'sent' ? 1 : 0, nextIndex, runAt, next ? null : now, next ? 'ACTIVE' : 'COMPLETED', e.id, token],
    );
    if (runAt && after?.status === 'ACTIVE')
      enqueue(
        tx,
        QUEUES.automation,
        'sequence-step',
        { enrolmentId: e.id, seq: e.seq + 1 },
        { jobId: `seq-step:${e.id}:${e.seq + 1}`, delayMs: Math.max(0, runAt.getTime() - now.getTime()) },
      );
  });
  log.debug({ enrolmentId: e.id, step: step.key, outcome }, 'sequence step');
  return outcome;
}

/** Queues sequence steps that fell due over a minute ago by the clock (a lost job, a moved clock, a resumed sequence). */
export async function releaseDueSequenceSteps(deps: MarketingDeps, limit = 2000): Promise<number> {
  const em = deps.orm.em.fork();
  const now = new Date(deps.now().getTime() - 60_000);
  const rows = await em.execute<{ id: string; seq: number }[]>(
    `select e.id, e.seq from sequence_enrolment e join sequence s on s.id = e.sequence_id
     where e.status = 'ACTIVE' and e.next_run_at <= ? and s.status = 'ACTIVE' and (e.lease_until is null or e.lease_until < now())
     order by e.next_run_at limit ?`,
    [now, limit],
  );
  for (const r of rows)
    enqueue(
      em,
      QUEUES.automation,
      'sequence-step',
      { enrolmentId: r.id, seq: r.seq },
      { jobId: `seq-step:${r.id}:${r.seq}:due-${now.getTime()}` },
    );
  await em.flush();
  return rows.length;
}

/**
 * A reply to an enrolment's Reply-To address (`reply+<token>@...`), from the inbound-parse webhook:
 * the enrolment stops as REPLIED and the reply is logged on the contact as an inbound email activity.
 */
export async function recordReply(
  deps: MarketingDeps,
  mail: { to: string[]; from: string; subject: string; text: string },
): Promise<{ outcome: 'replied' | 'unknown' | 'already' }> {
  const token = mail.to.map((a) => /reply\+([a-f0-9]{24})@/i.exec(a)?.[1]).find(Boolean);
  if (!token) return { outcome: 'unknown' };
  const em = deps.orm.em.fork();
  const e = await em.findOne(SequenceEnrolment, { replyToken: token.toLowerCase() });
  if (!e) return { outcome: 'unknown' };
  const now = deps.now();
  const rows = await em.execute<{ id: string }[]>(
    `update sequence_enrolment set replied_at = ?, status = case when status = 'ACTIVE' then 'REPLIED'::mk_sequence_enrolment_status else status end,
       finished_at = coalesce(finished_at, ?), next_run_at = null, updated_at = now() where id = ? and replied_at is null returning id`,
    [now, now, e.id],
  );
  if (!rows.length) return { outcome: 'already' };
  try {
    await logActivity(
      deps,
      {
        type: 'EMAIL',
        subject: mail.subject.slice(0, 300) || '(no subject)',
        body: `From ${mail.from}\n\n${mail.text}`.slice(0, 20_000),
        occurredAt: now.toISOString(),
        direction: 'INBOUND',
        contactId: e.contactId,
      },
      `sequence-reply:${e.id}`,
    );
  } catch (err) {
    deps.log.warn({ err, enrolmentId: e.id }, 'sequence reply recorded but not logged as an activity');
  }
  return { outcome: 'replied' };
}

export interface SequenceStats {
  enrolled: number;
  active: number;
  completed: number;
  replied: number;
  converted: number;
  unsubscribed: number;
  bounced: number;
  removed: number;
  failed: number;
  emailsSent: number;
  replyRate: number;
}

export async function sequenceStats(em: EntityManager, sequenceId: string): Promise<SequenceStats> {
  const rows = await em.execute<{ status: string; n: string; sent: string }[]>(
    `select status, count(*) as n, sum(emails_sent) as sent from sequence_enrolment where sequence_id = ? group by status`,
    [sequenceId],
  );
  const by = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  const enrolled = rows.reduce((n, r) => n + Number(r.n), 0);
  return {
    enrolled,
    active: by('ACTIVE'),
    completed: by('COMPLETED'),
    replied: by('REPLIED'),
    converted: by('CONVERTED'),
    unsubscribed: by('UNSUBSCRIBED'),
    bounced: by('BOUNCED'),
    removed: by('REMOVED'),
    failed: by('FAILED'),
    emailsSent: rows.reduce((n, r) => n + Number(r.sent ?? 0), 0),
    replyRate: enrolled ? by('REPLIED') / enrolled : 0,
  };
}
