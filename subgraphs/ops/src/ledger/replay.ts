import type { Delivery } from '../entities/index.ts';
import type { DeliveryResult } from './ledger.ts';

/**
 * How each channel re-runs a stored delivery when an admin replays it: given the entry (its
 * `requestBody`, `action`, `idempotencyKey`), do the work again and say how it ended. A channel
 * without a replayer is not replayable. The ops manifest builds this map from each area's module.
 */
export type Replayer = (delivery: Delivery) => Promise<DeliveryResult>;
export type Replayers = Partial<Record<Delivery['channel'], Replayer>>;
