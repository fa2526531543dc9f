import { bearer, gql, signIn, type GqlResponse } from './client.ts';
import type { System } from './system.ts';

/**
 * Black-box tests through the gateway: every demo role signed in, each as a caller, and the small
 * helpers every such test uses to read answers.
 */
export type Role = 'admin' | 'manager' | 'advisor' | 'agent' | 'viewer';
export type Caller = <T = Record<string, unknown>>(
  query: string,
  variables?: Record<string, unknown>,
) => Promise<GqlResponse<T>>;

export interface Staff {
  as: Record<Role, Caller>;
  id: Record<Role, string>;
  token: Record<Role, string>;
}

export async function signInStaff(system: System): Promise<Staff> {
  const roles: Role[] = ['admin', 'manager', 'advisor', 'agent', 'viewer'];
  const as = {} as Record<Role, Caller>;
  const id = {} as Record<Role, string>;
  const token = {} as Record<Role, string>;
  for (const role of roles) {
    const s = await signIn(system.gatewayUrl, `${role}@nexus.test`);
    token[role] = s.accessToken;
    id[role] = s.user.id;
    as[role] = (query, variables = {}) => gql(system.gatewayUrl, query, variables, bearer(s.accessToken));
  }
  return { as, id, token };
}

/** The data of a response that must have succeeded; fails with the errors otherwise. */
export function data<T>(res: GqlResponse<T>): T {
  if (res.errors?.length || !res.data) throw new Error(`operation failed: ${res.raw.slice(0, 800)}`);
  return res.data;
}

export const codes = (res: GqlResponse) => (res.errors ?? []).map((e) => e.extensions?.code);
export const fieldPaths = (res: GqlResponse) =>
  (res.errors ?? []).flatMap((e) =>
    ((e.extensions?.fields as { path: string }[] | undefined) ?? []).map((f) => (typeof f === 'string' ? f : f.path)),
  );

let seq = 0;
/** A name no demo record has. */
export const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}${(seq++).toString(36)}`;

/** Polls until the check passes (background jobs, pub/sub), or fails with its last error. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      return await check();
    } catch (e) {
      last = e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw last instanceof Error ? last : new Error(String(last));
}
