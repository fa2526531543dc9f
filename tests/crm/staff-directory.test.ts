import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, gql, signIn } from '../support/client.ts';
import { eventually } from '../support/staff.ts';
import { startSystem, type System } from '../support/system.ts';

/**
 * crm knows the staff through identity's `staff-changed` feed (outbox -> queue -> crm's directory):
 * a new staff member can own contacts as soon as the feed delivers them, and a deactivated one can
 * no longer be given new records.
 */
describe('the staff directory crm keeps', () => {
  let system: System;
  let admin: Record<string, string>;

  beforeAll(async () => {
    system = await startSystem({ worker: true });
    admin = bearer((await signIn(system.gatewayUrl, 'admin@nexus.test')).accessToken);
  });
  afterAll(() => system?.close());

  const createContact = (ownerId: string, email: string) =>
    gql<{ createContact: { id: string; owner: { id: string; name: string } | null } | null }>(
      system.gatewayUrl,
      'mutation($input: CreateContactInput!) { createContact(input: $input) { id owner { id name } } }',
      { input: { firstName: 'Owned', lastName: 'Contact', email, ownerId } },
      admin,
    );

  it('accepts a new staff member as owner once identity announced them, and refuses them once deactivated', async () => {
    const created = await gql<{ createUser: { id: string } }>(
      system.gatewayUrl,
      'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
      { input: { email: 'new.advisor@nexus.test', name: 'Nia Newcomer', role: 'ADVISOR', password: 'a-long-enough-password-1' } },
      admin,
    );
    const userId = created.data?.createUser.id ?? '';
    expect(userId).toBeTruthy();

    // The feed reaches crm through the outbox and the worker: retried until it has.
    let n = 0;
    const owned = await eventually(async () => {
      const r = await createContact(userId, `owned.${n++}@example.test`);
      expect(r.errors).toBeUndefined();
      return r;
    });
    expect(owned.data?.createContact?.owner).toEqual({ id: userId, name: 'Nia Newcomer' });

    const off = await gql(system.gatewayUrl, 'mutation($id: ID!) { deactivateUser(id: $id) { id active } }', { id: userId }, admin);
    expect(off.errors).toBeUndefined();
    const refused = await eventually(async () => {
      const r = await createContact(userId, `refused.${n++}@example.test`);
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      return r;
    });
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.ownerId', message: 'is not an active staff member' }],
    });
  });

  it('refuses an owner id that no staff member has', async () => {
    const r = await createContact('00000000-0000-4000-8000-000000000000', 'nobody.owns@example.test');
    expect(r.data?.createContact ?? null).toBeNull();
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
