/** Standalone TT-API simulator: `node subgraphs/travel/simulator/main.ts`. */
import { pino } from 'pino';
import { env } from './env.ts';
import { startSimulator } from './server.ts';

const logger = pino({ name: 'tt-api-sim', level: env.LOG_LEVEL });

const sim = await startSimulator({ port: env.TT_SIM_PORT, hostname: env.TT_SIM_HOST, apiKeys: env.TT_SIM_API_KEYS, logger });
logger.info({ url: sim.url, steering: `${sim.url}/__sim/stats` }, 'TT-API simulator ready');

const shutdown = (signal: string) => {
  logger.info({ signal }, 'TT-API simulator stopping');
  void sim.close().then(() => process.exit(0));
};
process.once('SIGINT', () => shutdown('SIGINT'));
process.once('SIGTERM', () => shutdown('SIGTERM'));
