/**
 * What the peer gateways of the `gateway-peers` bench share: the committed supergraph pointed at the
 * bench's subgraph processes, and the signed viewer token Nexus subgraphs require, signed for the
 * bench's signed-in user per subgraph and reused for 30 s (as the Nexus gateway does).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { VIEWER_HEADER, signViewerToken, urlVariable, viewerFor } from '@nexus/platform';

const env = process.env;
export const port = Number(env.PEER_PORT ?? 4190);
const secret = env.INTERNAL_TOKEN_SECRET ?? '';
const viewer = viewerFor(env.PEER_VIEWER_ID ?? '', env.PEER_VIEWER_ROLE ?? 'VIEWER');

/** The supergraph with each subgraph's URL taken from `<NAME>_URL` when the bench sets it. */
export const supergraphSdl = readFileSync(
  resolve(import.meta.dirname, '../../gateway/supergraph.graphql'),
  'utf8',
).replace(
  /@join__graph\(name: "([a-z]+)", url: "([^"]+)"\)/g,
  (_all, name: string, url: string) => `@join__graph(name: "${name}", url: "${env[urlVariable(name)] ?? url}")`,
);

const tokens = new Map<string, { token: string; until: number }>();
/** The viewer header for one subgraph, signed anew every 30 s. */
export async function viewerHeader(subgraph: string): Promise<Record<string, string>> {
  const now = Date.now();
  let hit = tokens.get(subgraph);
  if (!hit || hit.until <= now) {
    hit = { token: await signViewerToken(viewer, subgraph, secret, 60), until: now + 30_000 };
    tokens.set(subgraph, hit);
  }
  return { [VIEWER_HEADER]: hit.token };
}
