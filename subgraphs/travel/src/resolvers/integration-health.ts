import type { IntegrationHealthResolvers } from '../__generated__/resolvers-types.ts';

const at = (ms: number | null) => (ms === null ? null : new Date(ms));

export const IntegrationHealth: IntegrationHealthResolvers = {
  state: (h) => h.snapshot.state,
  failuresInWindow: (h) => h.snapshot.failuresInWindow,
  failureThreshold: (h) => h.snapshot.options.failureThreshold,
  windowMs: (h) => h.snapshot.options.windowMs,
  halfOpenSuccesses: (h) => h.snapshot.halfOpenSuccesses,
  lastChangedAt: (h) => new Date(h.snapshot.lastChangedAt),
  openedAt: (h) => at(h.snapshot.openedAt),
  nextAttemptAt: (h) => at(h.snapshot.nextAttemptAt),
  rejectedCalls: (h) => h.snapshot.totals.rejections,
  probe: (h) => h.probe(),
};
