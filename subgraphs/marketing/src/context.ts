import type { EntityManager } from '@mikro-orm/postgresql';
import {
  createMailTransport,
  type BaseContext,
  type CoreDeps,
  type DkimOptions,
  type MailTransport,
} from '@nexus/platform';
import { dkimKey, type MarketingEnv } from './env.ts';
import { createLoaders, type Loaders } from './loaders.ts';

/** What the marketing subgraph holds for its whole life: the core plus its SMTP transport. */
export interface MarketingDeps extends CoreDeps<MarketingEnv> {
  /** Null when SMTP_URL is unset (sending then fails with a clear error). */
  mail: MailTransport | null;
  /** The clock every schedule, token and quiet period reads (tests inject one). */
  now(): Date;
}

export function extendMarketing(core: CoreDeps<MarketingEnv>, role: 'server' | 'worker' | undefined): MarketingDeps {
  if (!core.env.UNSUBSCRIBE_SECRET && role === 'server' && core.env.NODE_ENV === 'development') {
    core.log.warn('UNSUBSCRIBE_SECRET is not set: marketing emails will not be sent until it is');
  }
  return {
    ...core,
    mail: core.env.SMTP_URL
      ? createMailTransport(core.env.SMTP_URL, { maxConnections: MAIL_CONNECTIONS, dkim: dkimOptions(core.env) })
      : null,
    now: () => new Date(),
  };
}

/** SMTP connections per process (pooled); campaign sends run this many at once. */
export const MAIL_CONNECTIONS = 10;

/** DKIM signing options when all three variables are set (the env check refuses a partial set). */
export function dkimOptions(env: MarketingEnv): DkimOptions | undefined {
  const privateKey = env.DKIM_PRIVATE_KEY ? dkimKey(env.DKIM_PRIVATE_KEY) : null;
  if (!env.DKIM_DOMAIN || !env.DKIM_SELECTOR || !privateKey) return undefined;
  return { domainName: env.DKIM_DOMAIN, keySelector: env.DKIM_SELECTOR, privateKey };
}

export interface MarketingContext extends BaseContext {
  em: EntityManager;
  loaders: Loaders;
  deps: MarketingDeps;
}

export const createContext =
  (deps: MarketingDeps) =>
  (base: BaseContext): MarketingContext => {
    const em = deps.orm.em.fork();
    return { ...base, em, loaders: createLoaders(), deps };
  };
