import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICES, SERVICE_TOKEN_HEADER, gatewayExecutor, runAs, servicePrincipal, signServiceToken } from '@nexus/platform';
import { loadGatewayEnv } from '../../gateway/src/env.ts';
import { bearer, gql, signIn } from '../support/client.ts';
import { startSystem, type System } from '../support/system.ts';

/**
 * A job outside the gateway acts on the graph over HTTP as a named service principal: the gateway
 * takes the principal's rank from SERVICES, applies ranks and rules, and audits the write under the
 * principal's name. Anything else presented as a service token is refused.
 */
describe('service principals calling the gateway from other processes', () => {
  let system: System;
  let gatewayUrl: string;

  beforeAll(async () => {
    system = await startSystem();
    gatewayUrl = system.iso.vars.GATEWAY_URL ?? '';
  });
  afterAll(() => system?.close());

  const CREATE = 'mutation Sync($input: CreateContactInput!) { createContact(input: $input) { id owner { id } } }';

  it('runs a write as the principal, with its rank, audited under its name', async () => {
    // The gateway these tests reach is the one GATEWAY_URL names, as a worker's would be.
    expect(gatewayUrl).toBe(`${system.gatewayUrl}/graphql`);
    const execute = gatewayExecutor({ gatewayUrl, secret: secretOf(system) });
    const r = await runAs(execute, SERVICES.ttSync, { query: CREATE, variables: { input: { firstName: 'Via', lastName: 'Worker', email: 'via.worker@example.test' } } }, 'req-service-1');
    expect(r.ok).toBe(true);
    const admin = bearer((await signIn(system.gatewayUrl, 'admin@nexus.test')).accessToken);
    const audit = await gql<{ auditLog: { nodes: { actorName: string; action: string }[] } }>(
      system.gatewayUrl,
      '{ auditLog(first: 10, filter: { actorKinds: [SERVICE] }) { nodes { actorName action } } }',
      {},
      admin,
    );
    expect(audit.data?.auditLog.nodes).toContainEqual({ actorName: 'service:tt-sync', action: 'SERVICE_WRITE' });
  });

  it('refuses a token for a service that is not listed, a forged one, one without expiry, and mixed credentials', async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${system.gatewayUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: '{ contacts(first: 1) { totalCount } }' }),
      });
    const unknown = await signServiceToken(servicePrincipal('not-listed', 'ADMIN'), secretOf(system));
    const forged = await signServiceToken(SERVICES.ttSync, 'x'.repeat(48));
    const noExp = await new SignJWT({ service: 'tt-sync' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('nexus-service')
      .setAudience('nexus:gateway')
      .sign(new TextEncoder().encode(secretOf(system)));
    const viewer = await signIn(system.gatewayUrl, 'viewer@nexus.test');
    const valid = await signServiceToken(SERVICES.ttSync, secretOf(system));
    for (const headers of [
      { [SERVICE_TOKEN_HEADER]: unknown },
      { [SERVICE_TOKEN_HEADER]: forged },
      { [SERVICE_TOKEN_HEADER]: noExp },
      { [SERVICE_TOKEN_HEADER]: valid, ...bearer(viewer.accessToken) },
    ]) {
      const res = await post(headers);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
    }
    expect((await post({ [SERVICE_TOKEN_HEADER]: valid })).status).toBe(200);
  });
});

/** The secret every process of this test world signs internal tokens with (as the gateway reads it). */
const secretOf = (system: System): string => loadGatewayEnv(system.iso.vars).INTERNAL_TOKEN_SECRET;
