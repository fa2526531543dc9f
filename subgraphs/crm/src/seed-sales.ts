import { QueryOrder } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DEMO_USERS, DemoPrng, ttDemoLinks } from '@nexus/platform';
import {
  ACTIVITY_TYPES,
  Activity,
  Company,
  Contact,
  DEAL_SOURCES,
  DEAL_TYPES,
  Deal,
  DealStageChange,
  LeadScoringRule,
  PRIORITIES,
  Pipeline,
  PipelineStage,
  TASK_STATUSES,
  TASK_TYPES,
  TEAM_ROLES,
  Task,
  type ActivityType,
  type InteractionChannel,
  type PipelineType,
} from './entities/index.ts';
import type { Criteria } from './services/lead-scoring.ts';
import { queueAllLeadScores } from './services/lead-scoring.ts';

/** How many demo deals each standard pipeline gets. */
export const DEMO_DEALS: Record<PipelineType, number> = { CORPORATE: 150, GROUP: 70, LEISURE: 100, PARTNERSHIP: 40 };
export const DEMO_TASK_COUNT = 300;

const DAY = 86_400_000;
const cycle = <T>(items: readonly T[], i: number): T => {
  const item = items[i % items.length];
  if (item === undefined) throw new Error('cycle over an empty list');
  return item;
};

const OWNERS = [
  ...DEMO_USERS.filter((u) => u.role === 'ADVISOR').flatMap((u) => [u.id, u.id, u.id]),
  ...DEMO_USERS.filter((u) => u.role === 'AGENT' || u.role === 'MANAGER').map((u) => u.id),
];
const ASSIGNEES = DEMO_USERS.filter((u) => u.role !== 'VIEWER' && u.role !== 'ADMIN').map((u) => u.id);

const TITLES: Record<PipelineType, readonly string[]> = {
  CORPORATE: ['Leadership retreat', 'Team offsite', 'Incentive trip', 'Board retreat', 'Sales kickoff', 'Wellness week'],
  GROUP: ['Galápagos expedition', 'Danube river cruise', 'Antarctica voyage', 'Japan cherry blossom tour', 'Patagonia trek', 'Morocco culture trip'],
  LEISURE: ['Honeymoon', 'Family safari', 'Anniversary cruise', 'Alpine ski week', 'Amalfi coast escape', 'Iceland road trip'],
  PARTNERSHIP: ['Host agency agreement', 'Preferred supplier terms', 'Co-selling partnership', 'DMC partnership'],
};
const AMOUNT_RANGE: Record<PipelineType, [number, number]> = {
  CORPORATE: [15_000, 250_000],
  GROUP: [20_000, 150_000],
  LEISURE: [5_000, 60_000],
  PARTNERSHIP: [10_000, 100_000],
};
const TAGS = ['vip', 'repeat', 'q1', 'q2', 'q3', 'q4', 'referral', 'expedition', 'cruise', 'offsite'];
const LOST_REASONS = ['Chose another agency', 'Budget cut', 'Dates did not work', 'Trip postponed indefinitely', 'No response after proposal'];
const SUBJECTS: Record<ActivityType, readonly string[]> = {
  EMAIL: ['Sent the proposal', 'Follow-up on dates', 'Shared itinerary draft', 'Deposit reminder', 'Answered visa questions'],
  CALL: ['Discovery call', 'Budget check-in', 'Rooming list call', 'Call about flights'],
  MEETING: ['Kick-off meeting', 'Proposal walkthrough', 'Site visit debrief', 'Planning workshop'],
  NOTE: ['Prefers boutique hotels', 'Decision by end of month', 'Vegetarian group', 'Wants a sustainability angle'],
};
const CHANNEL_OF: Record<ActivityType, readonly InteractionChannel[]> = {
  EMAIL: ['EMAIL'],
  CALL: ['PHONE', 'VIDEO_CALL'],
  MEETING: ['IN_PERSON', 'VIDEO_CALL'],
  NOTE: ['SLACK', 'LINKEDIN', 'WEBSITE', 'BUDDY_CHAT', 'FORM_SUBMISSION', 'NEWSLETTER_SIGNUP'],
};
const TASK_TITLES = ['Send revised proposal', 'Collect passport copies', 'Confirm rooming list', 'Chase deposit', 'Book discovery call', 'Check visa rules', 'Prepare welcome pack', 'Follow up after site visit'];

const rule = (name: string, ruleType: LeadScoringRule['ruleType'], category: LeadScoringRule['category'], points: number, criteria: Criteria) => ({
  name,
  ruleType,
  category,
  points,
  criteria,
  description: null,
  active: true,
});

/** The demo scoring model: engagement, fit and decay, as a team would start. */
export const DEMO_RULES = [
  rule('Met in the last 30 days', 'POSITIVE', 'BEHAVIORAL', 25, { activity: { types: ['MEETING'], withinDays: 30, minCount: 1 } }),
  rule('Reached out to us', 'POSITIVE', 'BEHAVIORAL', 15, { activity: { directions: ['INBOUND'], withinDays: 60, minCount: 1 } }),
  rule('Engaged this quarter', 'POSITIVE', 'ENGAGEMENT', 10, { activity: { withinDays: 90, minCount: 3 } }),
  rule('Decision maker', 'POSITIVE', 'DEMOGRAPHIC', 20, { contact: { contactRoles: ['C_SUITE', 'VP', 'DIRECTOR', 'HR_CULTURE'] } }),
  rule('Referred or met at an event', 'POSITIVE', 'DEMOGRAPHIC', 10, { contact: { leadSources: ['REFERRAL', 'EVENT'] } }),
  rule('Strategic or key account', 'POSITIVE', 'FIRMOGRAPHIC', 15, { company: { accountTiers: ['STRATEGIC', 'KEY'] } }),
  rule('Big travel budget', 'POSITIVE', 'FIRMOGRAPHIC', 10, { company: { minAnnualTravelBudgetCents: 100_000_00 } }),
  rule('Not a fit', 'NEGATIVE', 'DEMOGRAPHIC', -30, { contact: { leadStatuses: ['UNQUALIFIED'] } }),
  rule('Gone quiet', 'DECAY', 'ENGAGEMENT', -5, { inactiveDays: 30 }),
];

/**
 * Demo deals across the four standard pipelines (with their stage history), activities on deals
 * and contacts, tasks for the team, and the demo scoring rules. Dates are relative to now so the
 * dashboard has this month's wins and some overdue tasks. Idempotent: does nothing once any deal
 * exists (even a deleted one). Ids and choices come from a seeded PRNG.
 */
export async function seedSales(em: EntityManager, now = new Date()): Promise<{ deals: number; activities: number; tasks: number; rules: number } | null> {
  if ((await em.count(Deal, {}, { filters: false })) > 0) return null;
  const r = new DemoPrng(20_261_122);
  const pipelines = await em.find(Pipeline, {}, { orderBy: { position: QueryOrder.ASC } });
  const companies = await em.find(Company, {}, { orderBy: [{ createdAt: QueryOrder.ASC }, { id: QueryOrder.ASC }] });
  const contacts = await em.find(Contact, {}, { orderBy: [{ createdAt: QueryOrder.ASC }, { id: QueryOrder.ASC }] });
  if (!pipelines.length || !contacts.length) return null;
  const byCompany = new Map<string, Contact[]>();
  for (const c of contacts) if (c.company) byCompany.set(c.company.id, [...(byCompany.get(c.company.id) ?? []), c]);
  const individuals = contacts.filter((c) => !c.company);
  const companyByTt = new Map(companies.filter((c) => c.ttCompanyId).map((c) => [c.ttCompanyId, c]));
  const ttDeals = [...ttDemoLinks.deals];
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY - r.int(0, DAY - 1));

  const deals: Deal[] = [];
  let activityCount = 0;
  const logActivity = (type: ActivityType, occurredAt: Date, links: { deal?: Deal; contact?: Contact | null; company?: Company | null }, ownerId: string | null) => {
    activityCount++;
    em.create(Activity, {
      type,
      status: occurredAt > now ? 'PLANNED' : r.chance(0.05) ? 'NO_SHOW' : 'COMPLETED',
      subject: r.pick(SUBJECTS[type]),
      body: null,
      occurredAt,
      durationMinutes: type === 'CALL' || type === 'MEETING' ? r.pick([15, 30, 45, 60, 90]) : null,
      direction: type === 'NOTE' ? null : r.chance(0.35) ? 'INBOUND' : 'OUTBOUND',
      channel: r.pick(CHANNEL_OF[type]),
      contact: links.contact ?? null,
      company: links.company ?? null,
      deal: links.deal ?? null,
      loggedById: ownerId,
      createdAt: occurredAt,
      updatedAt: occurredAt,
    });
  };

  let n = 0;
  for (const pipeline of pipelines) {
    const stages = await em.find(PipelineStage, { pipeline: pipeline.id }, { orderBy: { position: QueryOrder.ASC } });
    const open = stages.filter((s) => s.outcome === 'OPEN');
    const won = stages.find((s) => s.outcome === 'WON');
    const lost = stages.find((s) => s.outcome === 'LOST');
    const count = DEMO_DEALS[pipeline.pipelineType];
    for (let i = 0; i < count; i++, n++) {
      const roll = r.next();
      const target = roll < 0.2 && won ? won : roll < 0.32 && lost ? lost : (open[Math.min(open.length - 1, Math.floor(r.next() ** 1.3 * open.length))] ?? open[0]);
      if (!target) continue;
      const tt = pipeline.pipelineType === 'CORPORATE' ? ttDeals.shift() : undefined;
      const company = tt ? (companyByTt.get(tt.companyId) ?? r.pick(companies)) : pipeline.pipelineType === 'LEISURE' ? null : r.pick(companies);
      const people = company ? (byCompany.get(company.id) ?? []) : individuals;
      const contact = people.length ? r.pick(people) : null;
      const [lo, hi] = AMOUNT_RANGE[pipeline.pipelineType];
      const createdAt = at(r.int(5, 320));
      // The path it took: open stages in order up to the target, then the closing stage.
      const path = target.outcome === 'OPEN' ? open.slice(0, open.indexOf(target) + 1) : [...open.slice(0, r.int(1, open.length)), target];
      // A few wins land this month, so the dashboard has some; the path spreads up to the last move.
      const thisMonth = target.outcome === 'WON' && i % 5 === 0 ? at(r.int(0, Math.max(0, now.getUTCDate() - 2))) : null;
      const end = thisMonth && thisMonth > createdAt ? thisMonth : now;
      const span = Math.max(1, end.getTime() - createdAt.getTime());
      const times = path.map((_s, k) => new Date(createdAt.getTime() + Math.floor((span * (k + (thisMonth ? 1 : 0))) / (path.length + 0.5))));
      if (thisMonth && thisMonth > createdAt) times[times.length - 1] = thisMonth;
      const enteredAt = times.at(-1) ?? createdAt;
      const ownerId = r.pick(OWNERS);
      const deal = em.create(Deal, {
        title: tt ? tt.title : `${company ? `${company.name}: ` : contact ? `${contact.firstName} ${contact.lastName ?? ''}: `.replace(' :', ':') : ''}${cycle(TITLES[pipeline.pipelineType], n)}`,
        pipeline,
        stage: target,
        status: target.outcome,
        amountCents: r.int(lo / 100, hi / 100) * 100_00,
        dealType: cycle(DEAL_TYPES, n),
        source: cycle(DEAL_SOURCES, n),
        company,
        primaryContact: contact,
        ownerId,
        expectedCloseDate: new Date(createdAt.getTime() + r.int(30, 240) * DAY),
        closedAt: target.outcome === 'OPEN' ? null : enteredAt,
        closeReason: target.outcome === 'LOST' ? r.pick(LOST_REASONS) : target.outcome === 'WON' ? 'Signed' : null,
        stageEnteredAt: enteredAt,
        customFields: pipeline.pipelineType === 'GROUP' ? { seats: r.int(8, 40) } : {},
        tags: r.chance(0.5) ? [r.pick(TAGS)] : [],
        ttDealId: tt?.id ?? null,
        createdAt,
        updatedAt: enteredAt,
      });
      deals.push(deal);
      path.forEach((stage, k) =>
        em.create(DealStageChange, {
          deal,
          fromStage: k === 0 ? null : path[k - 1],
          toStage: stage,
          changedById: ownerId,
          changedAt: times[k] ?? createdAt,
          note: k === path.length - 1 && stage.outcome !== 'OPEN' ? deal.closeReason : null,
        }),
      );
      for (let k = r.int(0, 6); k > 0; k--) {
        const type = cycle(ACTIVITY_TYPES, n + k);
        const when = new Date(createdAt.getTime() + r.next() * (span + (r.chance(0.1) ? 14 * DAY : 0)));
        logActivity(type, when, { deal, contact, company }, ownerId);
      }
    }
  }

  // Contacts also hear from us outside deals: newsletters, chats, calls.
  for (let i = 0; i < contacts.length; i += 2) {
    const contact = contacts[i];
    if (!contact) continue;
    const company = contact.company ? (companies.find((c) => c.id === contact.company?.id) ?? null) : null;
    for (let k = r.int(0, 3); k > 0; k--) logActivity(r.pick(ACTIVITY_TYPES), at(r.int(0, 200)), { contact, company }, contact.ownerId ?? null);
  }

  for (let i = 0; i < DEMO_TASK_COUNT; i++) {
    const deal = r.chance(0.6) ? r.pick(deals) : null;
    const status = cycle(TASK_STATUSES, i);
    const dueAt = r.chance(0.9) ? at(r.int(-30, 20)) : null;
    em.create(Task, {
      title: cycle(TASK_TITLES, i),
      description: null,
      taskType: cycle(TASK_TYPES, i),
      status,
      priority: cycle(PRIORITIES, i * 3),
      team: cycle(TEAM_ROLES, i),
      dueAt,
      completedAt: status === 'COMPLETED' ? (dueAt && dueAt < now ? dueAt : now) : null,
      assigneeId: cycle(ASSIGNEES, i),
      createdById: r.pick(OWNERS),
      contact: deal ? (deal.primaryContact ?? null) : r.pick(contacts),
      company: deal ? (deal.company ?? null) : null,
      deal,
    });
  }

  for (const data of DEMO_RULES) em.create(LeadScoringRule, data);
  // The worker works the demo scores out from the rules.
  queueAllLeadScores(em, 'RULES');
  await em.flush();
  return { deals: deals.length, activities: activityCount, tasks: DEMO_TASK_COUNT, rules: DEMO_RULES.length };
}
