/**
 * Deterministic randomness and ids for the simulator's demo data and fault injection. They live in
 * platform (`demo.ts`) because the crm seed needs the same demo ids; this module keeps the
 * simulator's names for them.
 */
export { DemoPrng as Prng, stableDemoId as stableUuid } from '../../../platform/src/demo.ts';
