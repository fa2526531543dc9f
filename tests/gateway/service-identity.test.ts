import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICES, actorOf, serviceViewer, signViewerToken, verifyViewerToken, viewerOfService } from '@nexus/platform';
import { bearer, codes, gql, signIn } from '../support/client.ts';
import { startSystem, type System } from '../support/system.ts';

/** Jobs and shims act on the graph as named service principals, and their writes are audited by name. */

const SECRET = 'tt-internal-service-secret-for-tests';
const TOKEN_SECRET = 'service-identity-test-secret-0123456789abcdef';

describe('the service principal in the viewer token', () => {
  it('survives signing and verification as { kind: service, name, rank }', async () => {
    const viewer = viewerOfService(SERVICES.ttSync, 'req-1');
    expect(viewer).toMatchObject({ kind: 'service', service: 'tt-sync', id: null, role: 'ADMIN', rank: 4 });
    const token = await signViewerToken(viewer, 'crm', TOKEN_SECRET);
    const seen = await verifyViewerToken(token, 'crm', TOKEN_SECRET);
    expect(seen).toEqual(viewer);
    expect(actorOf(seen)).toBe('service:tt-sync');
  });

  it('keeps an unknown role without rank, so it is denied like any caller', async () => {
    const token = await signViewerToken(serviceViewer('forms', 'ROOT'), 'crm', TOKEN_SECRET);
    expect(await verifyViewerToken(token, 'crm', TOKEN_SECRET)).toMatchObject({
      kind: 'service',
      service: 'forms',
      rank: -1,
    });
  });
});

interface AuditPage {
  auditLog: {
    totalCount: number;
    nodes: {
      action: string;
      actorKind: string;
      actorName: string;
      actor: { id: string } | null;
      targetType: string;
      targetId: string | null;
      details: Record<string, unknown> | null;
    }[];
  } | null;
}

const AUDIT_LOG = `query Audit($filter: AuditFilter, $first: Int) {
  auditLog(filter: $filter, first: $first) {
    totalCount
    nodes { action actorKind actorName actor { id } targetType targetId details }
  }
}`;

describe('a service write through the gateway', () => {
  let system: System;
  let admin: string;
  beforeAll(async () => {
    system = await startSystem({ env: { TT_INTERNAL_SERVICE_SECRET: SECRET } });
    admin = (await signIn(system.gatewayUrl, 'admin@nexus.test')).accessToken;
  }, 120_000);
  afterAll(async () => {
    await system?.close();
  });

  const serviceWrites = async () => {
    const res = await gql<AuditPage>(
      system.gatewayUrl,
      AUDIT_LOG,
      { filter: { actorName: 'service:tt-sync', actions: ['SERVICE_WRITE'] }, first: 100 },
      bearer(admin),
    );
    expect(res.errors).toBeUndefined();
    return res.data?.auditLog?.nodes ?? [];
  };

  it('lands in the audit log under the principal’s name, readable by an admin', async () => {
    const contacts = await fetch(`${system.simulator.url}/api/contacts?limit=2`, {
      headers: { 'x-api-key': system.simulator.apiKeys[0] ?? '' },
    });
    const { data } = (await contacts.json()) as { data: unknown[] };
    const res = await fetch(`${system.gatewayUrl}/api/internal/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-internal-service': SECRET, 'x-request-id': 'sync-run-1' },
      body: JSON.stringify({ contacts: data }),
    });
    expect(res.status).toBe(200);

    expect(await serviceWrites()).toContainEqual({
      action: 'SERVICE_WRITE',
      actorKind: 'SERVICE',
      actorName: 'service:tt-sync',
      actor: null,
      targetType: 'Operation',
      targetId: null,
      details: { operation: 'TtContactSync', fields: ['syncTtContacts'], outcome: 'OK', requestId: 'sync-run-1' },
    });
  });

  it('records a refused write too, with the refusal’s code', async () => {
    const res = await fetch(`${system.gatewayUrl}/api/internal/deals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-internal-service': SECRET, 'x-request-id': 'sync-run-2' },
      body: JSON.stringify([
        { id: 'x', title: 'No amount', stage: 'lead', amountCents: -1, updatedAt: new Date().toISOString() },
      ]),
    });
    expect(res.status).toBe(400);
    const run = (await serviceWrites()).find((e) => e.details?.requestId === 'sync-run-2');
    expect(run).toMatchObject({
      actorName: 'service:tt-sync',
      details: { operation: 'TtDealSync', fields: ['syncTtDeals'], outcome: 'BAD_USER_INPUT' },
    });
  });

  it('cannot be forged by a person: only service principals record service writes', async () => {
    const before = (await serviceWrites()).length;
    const res = await gql(
      system.gatewayUrl,
      'mutation { recordServiceWrite(input: { operation: "Forged", fields: ["syncTtContacts"], outcome: "OK" }) { id } }',
      {},
      bearer(admin),
    );
    expect(codes(res)).toEqual(['FORBIDDEN']);
    const mine = await gql<AuditPage>(
      system.gatewayUrl,
      AUDIT_LOG,
      { filter: { actions: ['SERVICE_WRITE'], actorKinds: ['USER'] } },
      bearer(admin),
    );
    expect(mine.data?.auditLog?.totalCount).toBe(0);
    expect((await serviceWrites()).length).toBe(before);
  });

  it('is not readable below admin', async () => {
    const manager = (await signIn(system.gatewayUrl, 'manager@nexus.test')).accessToken;
    const res = await gql(system.gatewayUrl, AUDIT_LOG, {}, bearer(manager));
    expect(codes(res)).toEqual(['FORBIDDEN']);
  });
});
