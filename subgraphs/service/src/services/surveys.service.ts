import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import Sentiment from 'sentiment';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, enqueue, findConnection, parseInput, zLine, type ConnectionArgs } from '@nexus/platform';
import { AgentProfile, QUESTION_TYPES, Survey, SurveyInvitation, Ticket, TicketEvent } from '../entities/index.ts';
import type { ServiceDeps } from '../context.ts';
import { endedTrips } from './travel-graph.ts';

const field = (path: string, message: string) => badInput(`${path}: ${message}`, [{ path, message }]);

export async function createSurvey(em: EntityManager, input: unknown) {
  const d = parseInput(
    z.object({
      name: zLine(120).pipe(z.string().min(1, 'is required')),
      questions: z
        .array(z.object({ type: z.enum(QUESTION_TYPES), prompt: zLine(300).pipe(z.string().min(1, 'is required')) }))
        .min(1)
        .max(20),
      sendAfterSolve: z.boolean().nullish(),
      sendAfterTrip: z.boolean().nullish(),
      periodDays: z.number().int().min(0).max(3650).nullish(),
    }),
    input,
  );
  if (await em.count(Survey, { name: d.name })) throw field('input.name', 'is taken');
  const s = em.create(Survey, {
    name: d.name,
    questions: d.questions.map((q, i) => ({ id: `q${i + 1}`, ...q })),
    sendAfterSolve: d.sendAfterSolve ?? false,
    sendAfterTrip: d.sendAfterTrip ?? false,
    periodDays: d.periodDays ?? 30,
  });
  await em.flush();
  return s;
}

export const listSurveys = (em: EntityManager, args: ConnectionArgs) =>
  findConnection(em, Survey, {}, args, [{ name: 'asc' }, { id: 'asc' }]);
export const listResponses = (em: EntityManager, surveyId: string, args: ConnectionArgs) =>
  findConnection(em, SurveyInvitation, { survey: surveyId, respondedAt: { $ne: null } }, args, [
    { respondedAt: 'desc' },
    { id: 'desc' },
  ]);

/** The signed one-time link token of an invitation (`<id>.<hmac>`), verified in constant time. */
export const surveyToken = (secret: string, id: string) =>
  `${id}.${createHmac('sha256', secret).update(`survey:${id}`).digest('base64url')}`;
export function invitationIdOf(secret: string, token: string): string | null {
  const [id, sig] = token.split('.');
  if (!id || !sig || !z.uuid().safeParse(id).success) return null;
  const expected = Buffer.from(surveyToken(secret, id).split('.')[1] ?? '');
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
}

/**
 * The delayed job after a solve: sends the after-solve survey unless the ticket was reopened or
 * the contact already had a survey within the period.
 */
export async function sendSurveyForTicket(
  em: EntityManager,
  deps: ServiceDeps,
  ticketId: string,
): Promise<SurveyInvitation | null> {
  const t = await em.findOne(Ticket, { id: ticketId });
  if (!t?.requesterEmail || (t.status !== 'SOLVED' && t.status !== 'CLOSED')) return null;
  const survey = await em.findOne(Survey, { sendAfterSolve: true, active: true }, { orderBy: { createdAt: 'asc' } });
  if (!survey) return null;
  const since = new Date(deps.clock().getTime() - survey.periodDays * 86_400_000);
  const recent = await em.count(SurveyInvitation, { email: t.requesterEmail, sentAt: { $gte: since } });
  if (recent > 0) return null;
  const inv = em.create(SurveyInvitation, {
    survey,
    ticketId: t.id,
    contactId: t.requesterContactId,
    email: t.requesterEmail,
    sentAt: deps.clock(),
  });
  const link = `${deps.env.PUBLIC_URL}/s/${surveyToken(deps.env.INTERNAL_TOKEN_SECRET, inv.id)}`;
  enqueue(em, 'mail', 'transactional', {
    to: t.requesterEmail,
    contactId: t.requesterContactId,
    subject: `How did we do? (SR-${t.number})`,
    text: `Tell us how we handled "${t.subject}": ${link}`,
    category: 'survey',
    dedupeKey: `survey:${inv.id}`,
  });
  await em.flush();
  return inv;
}

/** Trips that ended up to this many days ago still get their survey (a missed run catches up). */
export const TRIP_SURVEY_LOOKBACK_DAYS = 7;

/**
 * The hourly `trip-surveys` job: reads TT-API trips that ended (through travel, as
 * `service:service-desk`) and sends the active after-trip survey to each trip's client, once per
 * trip (a unique trip id on the invitation) and at most once per contact within the survey's period.
 */
export async function sendTripSurveys(
  deps: ServiceDeps,
  now = deps.clock(),
): Promise<{ sent: string[]; skipped: number }> {
  const em = deps.orm.em.fork();
  const survey = await em.findOne(Survey, { sendAfterTrip: true, active: true }, { orderBy: { createdAt: 'asc' } });
  if (!survey) return { sent: [], skipped: 0 };
  const trips = await endedTrips(deps.graph, now, TRIP_SURVEY_LOOKBACK_DAYS);
  const done = new Set(
    (await em.find(SurveyInvitation, { tripId: { $in: trips.map((t) => t.id) } })).map((i) => i.tripId),
  );
  const since = new Date(now.getTime() - survey.periodDays * 86_400_000);
  const sent: string[] = [];
  let skipped = 0;
  for (const trip of trips) {
    if (done.has(trip.id)) continue;
    if (await em.count(SurveyInvitation, { email: trip.client.email, sentAt: { $gte: since } })) {
      skipped++;
      continue;
    }
    const inv = em.create(SurveyInvitation, {
      survey,
      tripId: trip.id,
      contactId: trip.client.contactId,
      email: trip.client.email,
      sentAt: now,
    });
    const link = `${deps.env.PUBLIC_URL}/s/${surveyToken(deps.env.INTERNAL_TOKEN_SECRET, inv.id)}`;
    enqueue(em, 'mail', 'transactional', {
      to: trip.client.email,
      contactId: trip.client.contactId,
      subject: `How was your trip? (${trip.name})`.slice(0, 300),
      text: `Welcome home, ${trip.client.displayName}. Tell us how "${trip.name}" went: ${link}`,
      category: 'survey',
      dedupeKey: `survey:${inv.id}`,
    });
    await em.flush();
    sent.push(inv.id);
  }
  return { sent, skipped };
}

const analyzer = new Sentiment();
const label = (score: number) => (score > 0 ? 'POSITIVE' : score < 0 ? 'NEGATIVE' : 'NEUTRAL');

/** Records a response once; a second POST (or a forged token) changes nothing. */
export async function respond(em: EntityManager, deps: ServiceDeps, token: string, form: Record<string, string>) {
  const id = invitationIdOf(deps.env.INTERNAL_TOKEN_SECRET, token);
  if (!id) return { ok: false as const, reason: 'invalid' };
  const inv = await em.findOne(SurveyInvitation, { id }, { populate: ['survey'] });
  if (!inv) return { ok: false as const, reason: 'invalid' };
  if (inv.respondedAt) return { ok: false as const, reason: 'used' };
  const answers: Record<string, number | string> = {};
  const problems: string[] = [];
  let bad = false;
  for (const q of inv.survey.getEntity().questions) {
    const v = (form[q.id] ?? '').trim();
    if (q.type === 'TEXT') {
      if (v) answers[q.id] = v.slice(0, 5000);
      continue;
    }
    const [lo, hi] = q.type === 'NPS' ? [0, 10] : q.type === 'CES' ? [1, 7] : [1, 5];
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < lo || n > hi) {
      problems.push(q.id);
      continue;
    }
    answers[q.id] = n;
    if ((q.type === 'CSAT' && n <= 2) || (q.type === 'NPS' && n <= 6)) bad = true;
  }
  const comment = (form.comment ?? '').trim().slice(0, 5000) || null;
  if (problems.length) return { ok: false as const, reason: 'incomplete', problems };
  // A bad rating asks why before it is recorded.
  if (bad && !comment) return { ok: false as const, reason: 'reason-needed', answers };
  const text = [comment, ...Object.values(answers).filter((x) => typeof x === 'string')].filter(Boolean).join(' ');
  const score = text ? analyzer.analyze(text).score : 0;
  const now = deps.clock();
  const n = await em.nativeUpdate(
    SurveyInvitation,
    { id, respondedAt: null },
    { respondedAt: now, answers, comment, sentiment: text ? label(score) : null, sentimentScore: text ? score : null },
  );
  if (n !== 1) return { ok: false as const, reason: 'used' };
  if (bad && inv.ticketId) {
    const t = await em.findOne(Ticket, { id: inv.ticketId });
    if (t && t.status === 'SOLVED') {
      t.status = 'OPEN';
      t.solvedAt = null;
      em.create(TicketEvent, { ticket: t, actor: 'requester', action: 'reopened-by-survey', changes: { comment } });
    }
    const lead = t?.assigneeId ? (await em.findOne(AgentProfile, { userId: t.assigneeId }))?.managerId : null;
    for (const userId of [t?.assigneeId, lead].filter((x): x is string => !!x)) {
      enqueue(em, 'notifications', 'notify', {
        userId,
        type: 'SYSTEM',
        title: `Bad survey rating on SR-${t?.number ?? ''}`,
        body: comment,
        link: t ? `/service/tickets/${t.id}` : null,
        dedupeKey: `survey-bad:${id}:${userId}`,
      });
    }
    await em.flush();
  }
  return { ok: true as const };
}

const pct = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 10 : null);

export async function surveyResults(em: EntityManager, survey: Survey) {
  const all = await em.find(SurveyInvitation, { survey: survey.id });
  const done = all.filter((i) => i.respondedAt && i.answers);
  const byType = (type: string, rows = done) =>
    rows
      .flatMap((r) => survey.questions.filter((q) => q.type === type).map((q) => r.answers?.[q.id]))
      .filter((v): v is number => typeof v === 'number');
  const csat = (rows = done) => {
    const v = byType('CSAT', rows);
    return pct(v.filter((x) => x >= 4).length, v.length);
  };
  const nps = (rows = done) => {
    const v = byType('NPS', rows);
    return v.length
      ? Math.round(((v.filter((x) => x >= 9).length - v.filter((x) => x <= 6).length) / v.length) * 1000) / 10
      : null;
  };
  const ces = byType('CES');
  const weeks = new Map<string, SurveyInvitation[]>();
  for (const r of done) {
    const d = new Date(r.respondedAt ?? 0);
    const monday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7)));
    const key = monday.toISOString().slice(0, 10);
    weeks.set(key, [...(weeks.get(key) ?? []), r]);
  }
  return {
    sent: all.length,
    responses: done.length,
    csatPercent: csat(),
    nps: nps(),
    cesAverage: ces.length ? Math.round((ces.reduce((a, b) => a + b, 0) / ces.length) * 100) / 100 : null,
    weeks: [...weeks.entries()]
      .sort()
      .map(([weekStart, rows]) => ({ weekStart, responses: rows.length, csatPercent: csat(rows), nps: nps(rows) })),
  };
}
