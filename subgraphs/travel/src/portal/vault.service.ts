/**
 * A trip's document vault: vouchers and final documents staff share with the party, and passport
 * scans travellers upload into restricted storage (size and type limited, checked by their first
 * bytes, purged after the trip). Files are downloaded through short-lived signed links served by
 * travel's public routes; nothing else reads the bytes.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, notFound, parseInput, type ClientScope, type ConnectionArgs, type Viewer } from '@nexus/platform';
import { z } from 'zod';
import { VaultFile, type VaultFileKind } from '../entities/index.ts';
import type { TtApiClient } from '../tt-api/client.ts';
import type { ClientTrip } from '../tt-api/contract.ts';
import { checkId, memoryConnection } from '../services/lists.ts';
import { familyAccess, familyTravelers, portalId, reachableTraveler, visibleTrip } from './scope.service.ts';

export const VAULT_PREFIX = '/portal-files';
/** Download links live this long: long enough to open, too short to pass around. */
const LINK_SECONDS = 300;
const DAY_MS = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Accepted types, recognised by their first bytes (the declared type must match them). */
const SIGNATURES: Record<string, (b: Buffer) => boolean> = {
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/jpeg': (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
};
export const VAULT_TYPES = Object.keys(SIGNATURES);

export interface VaultDeps {
  em: EntityManager;
  tt: TtApiClient;
  publicUrl: string;
  /** Key of the download links (derived from the internal token secret). */
  linkSecret: string;
  maxBytes: number;
  /** Passport scans are kept this many days after the trip ends. */
  retentionDays: number;
}

const linkKey = (secret: string) => createHmac('sha256', secret).update('nexus:portal-files:v1').digest();
const signature = (secret: string, id: string, exp: number) =>
  createHmac('sha256', linkKey(secret)).update(`${id}.${exp}`).digest('base64url');

export function downloadUrl(deps: Pick<VaultDeps, 'publicUrl' | 'linkSecret'>, id: string, now: Date = new Date()) {
  const exp = Math.floor(now.getTime() / 1000) + LINK_SECONDS;
  return `${deps.publicUrl.replace(/\/$/, '')}${VAULT_PREFIX}/${id}?exp=${exp}&sig=${signature(deps.linkSecret, id, exp)}`;
}

/** Whether a download link is genuine and unexpired. */
export function linkValid(secret: string, id: string, exp: string, sig: string, now: Date = new Date()): boolean {
  const expNum = Number(exp);
  if (!Number.isSafeInteger(expNum) || expNum * 1000 < now.getTime()) return false;
  const want = Buffer.from(signature(secret, id, expNum));
  const got = Buffer.from(sig);
  return want.length === got.length && timingSafeEqual(want, got);
}

const uploadFields = {
  fileName: z
    .string()
    .trim()
    .transform((s) => s.split(/[\\/]/).pop() ?? '')
    .pipe(z.string().min(1, 'needs a name').max(200, 'at most 200 characters')),
  contentType: z.string().trim().toLowerCase(),
  contentBase64: z.string(),
};

/** The decoded file, or BAD_USER_INPUT naming what is wrong; nothing is written before this passes. */
function decodeFile(maxBytes: number, input: { fileName: string; contentType: string; contentBase64: string }) {
  if (!SIGNATURES[input.contentType])
    throw badInput('This type of file is not accepted.', [
      { path: 'input.contentType', message: `use one of ${VAULT_TYPES.join(', ')}` },
    ]);
  const b64 = input.contentBase64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0)
    throw badInput('The file is not valid base64.', [{ path: 'input.contentBase64', message: 'not base64' }]);
  if (Math.floor((b64.length * 3) / 4) - (b64.match(/=+$/)?.[0].length ?? 0) > maxBytes)
    throw badInput(`The file is too large (at most ${Math.floor(maxBytes / 1000)} KB).`, [
      { path: 'input.contentBase64', message: `larger than ${maxBytes} bytes` },
    ]);
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.length === 0) throw badInput('The file is empty.', [{ path: 'input.contentBase64', message: 'empty' }]);
  const matches = SIGNATURES[input.contentType];
  if (!matches?.(bytes))
    throw badInput('The file is not what its type says.', [
      { path: 'input.contentType', message: `the content is not ${input.contentType}` },
    ]);
  return bytes;
}

function storeFile(
  em: EntityManager,
  bytes: Buffer,
  row: {
    kind: VaultFileKind;
    clientTripId: string;
    travelerId: string | null;
    title: string;
    fileName: string;
    contentType: string;
    uploadedByKind: 'staff' | 'client';
    uploadedById: string | null;
    purgeAfter: string | null;
  },
) {
  const file = em.create(VaultFile, {
    ...row,
    sizeBytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    content: bytes,
  });
  return file;
}

/** The day after which a trip's passport scans go: its last day plus the retention. */
export function purgeDay(trip: ClientTrip, retentionDays: number, now: Date) {
  const last = trip.endDate ?? trip.startDate ?? isoDay(now);
  return isoDay(new Date(Date.parse(`${last}T00:00:00Z`) + retentionDays * DAY_MS));
}

const scanInput = z.object({ clientTripId: z.string(), travelerId: z.string().nullish(), ...uploadFields });

export async function uploadPassportScan(deps: VaultDeps, scope: ClientScope, raw: unknown, now: Date = new Date()) {
  const input = parseInput(scanInput, raw, 'input');
  const bytes = decodeFile(deps.maxBytes, input);
  const trip = await visibleTrip(deps.tt, scope, input.clientTripId);
  const traveler = await reachableTraveler(deps.tt, scope, input.travelerId);
  if (!trip.travelerIds.includes(traveler.id))
    throw badInput('That traveller is not on this trip.', [{ path: 'input.travelerId', message: 'not on the trip' }]);
  const file = storeFile(deps.em, bytes, {
    kind: 'PASSPORT_SCAN',
    clientTripId: trip.id,
    travelerId: traveler.id,
    title: `Passport scan: ${traveler.firstName} ${traveler.lastName}`,
    fileName: input.fileName,
    contentType: input.contentType,
    uploadedByKind: 'client',
    uploadedById: scope.accountId,
    purgeAfter: purgeDay(trip, deps.retentionDays, now),
  });
  await deps.em.flush();
  return file;
}

const shareInput = z.object({
  clientTripId: z.string(),
  title: z.string().trim().min(1, 'needs a title').max(200),
  ...uploadFields,
});

export async function shareTripDocument(deps: VaultDeps, viewer: Viewer, raw: unknown) {
  const input = parseInput(shareInput, raw, 'input');
  const bytes = decodeFile(deps.maxBytes, input);
  const tripId = checkId(input.clientTripId, 'input.clientTripId');
  const trip = await deps.tt.getClientTrip(tripId).catch((e: unknown) => {
    if (e instanceof Error && 'code' in e && e.code === 'NOT_FOUND')
      throw badInput('No such client trip.', [{ path: 'input.clientTripId', message: 'not found in TT-API' }]);
    throw e;
  });
  const file = storeFile(deps.em, bytes, {
    kind: 'VOUCHER',
    clientTripId: trip.id,
    travelerId: null,
    title: input.title,
    fileName: input.fileName,
    contentType: input.contentType,
    uploadedByKind: 'staff',
    uploadedById: viewer.id,
    purgeAfter: null,
  });
  await deps.em.flush();
  return file;
}

/** The files of a trip this traveller may open: the shared ones, and passport scans of themselves (or their family). */
export async function portalTripFiles(deps: VaultDeps, scope: ClientScope, trip: ClientTrip, args: ConnectionArgs) {
  const files = await deps.em.find(VaultFile, { clientTripId: trip.id }, { orderBy: { createdAt: 'desc' } });
  const family = familyAccess(scope) ? new Set((await familyTravelers(deps.tt, scope)).map((t) => t.id)) : null;
  const mayOpen = (f: VaultFile) =>
    f.kind === 'VOUCHER' ||
    f.travelerId === scope.ttTravelerId ||
    (family !== null && typeof f.travelerId === 'string' && family.has(f.travelerId));
  return memoryConnection(files.filter(mayOpen), args);
}

/** Deletes one of the traveller's own passport scans (anyone else's id is NOT_FOUND). */
export async function deletePassportScan(em: EntityManager, scope: ClientScope, id: unknown) {
  const fileId = portalId(id, 'File');
  const file = await em.findOne(VaultFile, { id: fileId, kind: 'PASSPORT_SCAN', travelerId: scope.ttTravelerId });
  if (!file) throw notFound('File', fileId);
  await em.nativeDelete(VaultFile, { id: file.id });
  return file.id;
}

export async function listTripFiles(em: EntityManager, clientTripId: string, args: ConnectionArgs) {
  const files = await em.find(
    VaultFile,
    { clientTripId: checkId(clientTripId, 'clientTripId') },
    { orderBy: { createdAt: 'desc' } },
  );
  return memoryConnection(files, args);
}

export async function removeTripFile(em: EntityManager, id: string) {
  const fileId = checkId(id);
  const deleted = await em.nativeDelete(VaultFile, { id: fileId });
  if (deleted === 0) throw notFound('TripDocument', id);
  return fileId;
}

/** The purge job: passport scans past their trip's retention are deleted. Idempotent. */
export async function purgeExpiredScans(em: EntityManager, now: Date = new Date()) {
  const purged = await em.nativeDelete(VaultFile, { kind: 'PASSPORT_SCAN', purgeAfter: { $lt: isoDay(now) } });
  return { purged };
}

/** One file's bytes for a valid download link, or null. */
export async function fileForLink(em: EntityManager, id: string) {
  if (!z.uuid().safeParse(id).success) return null;
  return em.findOne(VaultFile, { id }, { populate: ['content'] });
}
