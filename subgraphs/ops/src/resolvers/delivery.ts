import type { DeliveryResolvers } from '../__generated__/resolvers-types.ts';
import { isReplayable } from '../services/deliveries.service.ts';

const EXCERPT = 2000;
const excerpt = (s: string | null) => (s === null ? null : s.slice(0, EXCERPT));

export const Delivery: DeliveryResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.delivery.load(ref.id),
  requestExcerpt: (d) => excerpt(d.requestBody ?? null),
  responseExcerpt: (d) => excerpt(d.responseBody ?? null),
  effectRefs: (d) => d.effectRefs.map((r) => ({ type: r.type, recordId: r.id })),
  replayable: (d, _a, ctx) => isReplayable(d, ctx.deps.replayers),
};
