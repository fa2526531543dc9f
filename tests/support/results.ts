import type { Result } from './viewers.ts';

/** The error codes of an in-process result, in order. */
export const codes = (r: Result<unknown>) => (r.errors ?? []).map((e) => e.extensions?.code);

/** The data of a result that must have succeeded; fails the test with the errors otherwise. */
export function ok<T>(r: Result<T>): T {
  if (r.errors?.length || !r.data) throw new Error(`operation failed: ${JSON.stringify(r.errors)}`);
  return r.data;
}
