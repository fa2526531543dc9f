/**
 * Event topics and job contracts are checked by the compiler: `npm run typecheck` fails if any
 * `@ts-expect-error` below stops being an error (an unknown topic, queue or job, or a wrong payload
 * would then compile). The runtime assertions check the same bus and outbox actually carry them.
 */
import { describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  NOTIFY_JOB,
  QUEUES,
  createEventBus,
  createLogger,
  enqueue,
  isEventTopic,
  type EventBus,
  type ProcessorsByQueue,
  type Schedule,
} from '@nexus/platform';
import { testEnv } from '../support/env.ts';

/** Compile-time only: these functions are type-checked, never called. */
export function publishers(bus: EventBus) {
  void bus.publish('contactChanged', { id: 'c1', companyId: null, ownerId: 'u1' });
  void bus.publish('dealChanged', { id: 'd1', pipelineId: 'p1' });
  // @ts-expect-error unknown topic
  void bus.publish('contactChanges', { id: 'c1' });
  // @ts-expect-error dealChanged carries its pipelineId (the subscription filters on it)
  void bus.publish('dealChanged', { id: 'd1' });
  // @ts-expect-error notificationAdded names its audience
  void bus.publish('notificationAdded', { id: 'n1' });
  void bus.subscribe('dealChanged', (e) => e.pipelineId.toUpperCase());
  // @ts-expect-error unknown topic
  void bus.subscribe('dealsChanged', () => undefined);
}

export function jobs(em: EntityManager) {
  enqueue(em, QUEUES.notifications, NOTIFY_JOB, { userId: 'u1', type: 'SYSTEM', title: 'Hello' });
  enqueue(em, QUEUES.crm, 'lead-score-recalculate', { contactId: 'c1', trigger: 'EVENT' });
  // @ts-expect-error unknown queue
  enqueue(em, 'notification', NOTIFY_JOB, { userId: 'u1', type: 'SYSTEM', title: 'Hello' });
  // @ts-expect-error unknown job on a known queue
  enqueue(em, QUEUES.crm, 'lead-score', { contactId: 'c1' });
  // @ts-expect-error wrong payload: a notification needs a title
  enqueue(em, QUEUES.notifications, NOTIFY_JOB, { userId: 'u1', type: 'SYSTEM' });
  // @ts-expect-error wrong payload: an unknown notification type
  enqueue(em, QUEUES.notifications, NOTIFY_JOB, { userId: 'u1', type: 'HELLO', title: 'Hello' });

  const processors: ProcessorsByQueue = {
    crm: { 'lead-score-recalculate': async (job) => job.data.contactId.length },
    // @ts-expect-error no such queue
    crmx: {},
  };
  const wrongJob: ProcessorsByQueue = {
    // @ts-expect-error no such job on the travel queue
    travel: { 'passport-alert': async () => 1 },
  };
  const schedules: Schedule[] = [
    { queue: 'travel', job: 'passport-alerts', cron: '15 6 * * *' },
    // @ts-expect-error a schedule names a job of its own queue
    { queue: 'travel', job: 'session-cleanup', cron: '15 6 * * *' },
  ];
  return { processors, wrongJob, schedules };
}

describe('typed event topics', () => {
  it('knows the topics the gateway may subscribe to and nothing else', () => {
    expect(['notificationAdded', 'contactChanged', 'dealChanged', 'integrationHealthChanged'].every(isEventTopic)).toBe(
      true,
    );
    expect(isEventTopic('contactChanges')).toBe(false);
    expect(isEventTopic('toString')).toBe(false);
  });

  it('delivers a typed event from publisher to subscriber over Redis', async () => {
    const log = createLogger('contracts-test');
    log.level = 'silent';
    const prefix = `nexus-test-contracts-${process.pid}`;
    const bus = createEventBus(testEnv.REDIS_URL, prefix, log);
    const received = new Promise<string>((resolve) => {
      void bus.subscribe('dealChanged', (e) => resolve(`${e.id}/${e.pipelineId}`));
    });
    // The subscription is registered before publishing; poll-publish until it is heard.
    let heard: string | undefined;
    void received.then((v) => (heard = v));
    for (let i = 0; i < 50 && !heard; i++) {
      await bus.publish('dealChanged', { id: 'deal-1', pipelineId: 'pipe-1' });
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await received).toBe('deal-1/pipe-1');
    await bus.close();
  });
});
