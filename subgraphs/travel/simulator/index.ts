/** Public surface of the TT-API simulator. */
export { startSimulator, DEFAULT_SIM_API_KEY } from './server.ts';
export type { OutageMode, RunningSimulator, SimulatorControl, SimulatorOptions } from './server.ts';
export { createSimulatorApp, SIM_PREFIX } from './app.ts';
export { demoLinks, buildDemoData, DEMO_SEED, DEFAULT_NEXION_SPLIT_PCT } from './demo-data.ts';
export type { DemoLinks } from './demo-data.ts';
export { NO_FAULTS, simFaultsSchema } from './steering.ts';
export type { MalformedMode, RequestRecord, SimFaults, SimFaultsPatch, SimStats } from './steering.ts';
export { stableUuid } from './prng.ts';
export { supplierStatement } from './supplier-statement.ts';
export type { SeededStatement } from './supplier-statement.ts';
