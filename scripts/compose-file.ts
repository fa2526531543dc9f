/**
 * docker-compose.yml must run every registered subgraph: a service per subgraph (its command, port
 * variable, exposed port and health probe), the gateway's `<NAME>_URL` pointing at it, and the
 * worker and gateway waiting for it. `npm test` (scripts/check-generated.ts) fails on any gap, and
 * says what to add; `npm run new-subgraph` writes all of it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SUBGRAPHS } from '../subgraphs/registry.ts';

/** The text of one top-level service (`  name:` up to the next service or section). */
function serviceBlock(text: string, name: string): string | null {
  const lines = text.split('\n');
  const start = lines.indexOf(`  ${name}:`);
  if (start < 0) return null;
  let end = start + 1;
  while (end < lines.length && !/^ {0,2}\S/.test(lines[end] ?? '')) end++;
  return lines.slice(start, end).join('\n');
}

export function composeFileProblems(
  text: string,
  entries: readonly { name: string; port: number }[] = SUBGRAPHS,
): string[] {
  const problems: string[] = [];
  const gateway = serviceBlock(text, 'gateway') ?? '';
  const worker = serviceBlock(text, 'worker') ?? '';
  for (const { name, port } of entries) {
    const block = serviceBlock(text, name);
    const U = name.toUpperCase();
    if (!block) {
      problems.push(`no \`${name}\` service (see composeService in scripts/new-subgraph.ts)`);
    } else {
      if (!block.includes(`command: ['node', 'subgraphs/${name}/src/main.ts']`))
        problems.push(`${name}: command is not subgraphs/${name}/src/main.ts`);
      if (!block.includes(`${U}_PORT: '${port}'`)) problems.push(`${name}: environment lacks ${U}_PORT: '${port}'`);
      if (!block.includes(`expose: ['${port}']`)) problems.push(`${name}: does not expose ${port}`);
      if (!block.includes(`http://127.0.0.1:${port}/health`))
        problems.push(`${name}: healthcheck does not probe port ${port}`);
    }
    if (!gateway.includes(`${U}_URL: http://${name}:${port}/graphql`))
      problems.push(`gateway: environment lacks ${U}_URL: http://${name}:${port}/graphql`);
    for (const [service, body] of [
      ['gateway', gateway],
      ['worker', worker],
    ] as const) {
      if (!body.includes(`      ${name}: { condition: service_healthy }`))
        problems.push(`${service}: depends_on lacks ${name}: { condition: service_healthy }`);
    }
  }
  return problems;
}

export const composeFile = (root = resolve(import.meta.dirname, '..')) =>
  readFileSync(resolve(root, 'docker-compose.yml'), 'utf8');
