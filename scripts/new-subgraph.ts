/**
 * `npm run new-subgraph -- <name> [--port <port>] [--no-register]`: creates `subgraphs/<name>/`
 * from the template below (a manifest, env, context, loaders, one example record with its entity,
 * migration, service, resolvers and SDL that follows the list conventions), and registers it: an
 * entry in subgraphs/registry.ts, a workspace in package.json, a service in docker-compose.yml and
 * its variables in .env.example. Then: `npm install && npm run compose && npm run codegen`, list
 * its root fields' ranks in tests/gateway/expected-ranks.ts, and write its domain.
 * See docs/adding-a-subgraph.md.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { SUBGRAPHS } from '../subgraphs/registry.ts';

/** DESIGN's reserved ports for the subgraphs still to come. */
export const RESERVED_PORTS: Record<string, number> = {
  identity: 4001,
  crm: 4002,
  marketing: 4003,
  sales: 4004,
  service: 4005,
  travel: 4006,
  ops: 4007,
};

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** The files of a new subgraph, path (relative to its folder) -> content. */
export function subgraphFiles(name: string, port: number): Record<string, string> {
  const P = pascal(name);
  const NAME = name.toUpperCase();
  const stamp = '20260101000000';
  return {
    'package.json': `${JSON.stringify(
      {
        name: `@nexus/${name}`,
        version: '0.1.0',
        private: true,
        type: 'module',
        dependencies: {
          '@mikro-orm/core': '7.2.1',
          '@mikro-orm/migrations': '7.2.1',
          '@mikro-orm/postgresql': '7.2.1',
          '@nexus/platform': '0.1.0',
          dataloader: '2.2.3',
          zod: '4.6.7',
        },
      },
      null,
      2,
    )}\n`,
    [`schema/${name}.graphql`]: `"""
A note kept by the ${name} subgraph: the generator's example record, showing the conventions (a
cursor connection with filter and orderBy, ranks on every type and root field). Replace it with the
domain's own types.
"""
type ${P}Note @key(fields: "id") @rank(min: VIEWER) {
  id: ID!
  title: String!
  createdAt: DateTime!
}

"A page of notes."
type ${P}NoteConnection @rank(min: VIEWER) {
  edges: [${P}NoteEdge!]!
  nodes: [${P}Note!]!
  pageInfo: PageInfo!
  totalCount: Int!
}

"A note and its cursor."
type ${P}NoteEdge @rank(min: VIEWER) {
  cursor: String!
  node: ${P}Note!
}

"Which notes to list."
input ${P}NoteFilter {
  "Notes whose title contains this text (case-insensitive)."
  search: String
}

"How to order notes; ties are broken by id."
input ${P}NoteOrder {
  field: ${P}NoteOrderField!
  direction: OrderDirection! = ASC
}

"The fields notes can be ordered by."
enum ${P}NoteOrderField {
  CREATED_AT
  TITLE
}

"A new note."
input Create${P}NoteInput {
  "1 to 200 characters."
  title: String!
}

type Query {
  "Notes, oldest first (by \`createdAt\`, then id) unless ordered."
  ${name}Notes(first: Int, after: String, last: Int, before: String, filter: ${P}NoteFilter, orderBy: ${P}NoteOrder): ${P}NoteConnection
    @rank(min: VIEWER)
  "One note, or null when there is none with this id."
  ${name}Note(id: ID!): ${P}Note @rank(min: VIEWER)
}

type Mutation {
  "Adds a note."
  create${P}Note(input: Create${P}NoteInput!): ${P}Note! @rank(min: ADVISOR)
}
`,
    'src/manifest.ts': `import { fileURLToPath } from 'node:url';
import { defineSubgraph } from '@nexus/platform';
import { createContext, type ${P}Deps } from './context.ts';
import { entities } from './entities/index.ts';
import { envShape } from './env.ts';
import { migrations } from './migrations/index.ts';
import { resolvers } from './resolvers/index.ts';

/** ${name}: (say what this subgraph owns). */
export const ${name}Manifest = defineSubgraph({
  name: '${name}',
  port: ${port},
  folder: new URL('..', import.meta.url),
  envShape,
  entities,
  migrations,
  migrationsPath: fileURLToPath(new URL('./migrations', import.meta.url)),
  resolvers,
  context: (deps: ${P}Deps, base) => createContext(deps)(base),
  codegen: {
    contextType: '${P}Context',
    mappers: { ${P}Note: '../entities/index.ts#${P}Note' },
  },
});
`,
    'src/main.ts': `import { runSubgraph } from '@nexus/platform';
import { ${name}Manifest } from './manifest.ts';

await runSubgraph(${name}Manifest);
`,
    'src/env.ts': `import { z } from 'zod';
import { commonEnv, loadEnv } from '@nexus/platform';

export const envShape = {
  ...commonEnv,
  ${NAME}_PORT: z.coerce.number().int().min(0).max(65535).default(${port}),
};

export type ${P}Env = ReturnType<typeof load${P}Env>;
export const load${P}Env = (source?: Record<string, string | undefined>) => loadEnv(envShape, source);
`,
    'src/context.ts': `import type { EntityManager } from '@mikro-orm/postgresql';
import type { BaseContext, CoreDeps } from '@nexus/platform';
import type { ${P}Env } from './env.ts';
import { createLoaders, type Loaders } from './loaders.ts';

/** What the ${name} subgraph holds for its whole life (platform's core: env, orm, redis, bus, log). */
export type ${P}Deps = CoreDeps<${P}Env>;

export interface ${P}Context extends BaseContext {
  em: EntityManager;
  loaders: Loaders;
  deps: ${P}Deps;
}

export const createContext = (deps: ${P}Deps) => (base: BaseContext): ${P}Context => {
  const em = deps.orm.em.fork();
  return { ...base, em, loaders: createLoaders(em), deps };
};
`,
    'src/loaders.ts': `import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ${P}Note } from './entities/index.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Per-request batching: one query for every note a response references. */
export function createLoaders(em: EntityManager) {
  return {
    note: new DataLoader<string, ${P}Note | null>(async (ids) => {
      const valid = ids.filter((id) => UUID.test(id));
      const rows = valid.length ? await em.find(${P}Note, { id: { $in: valid } }) : [];
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
`,
    'src/entities/note.entity.ts': `import { defineEntity, p } from '@mikro-orm/core';
import { idProperty } from '@nexus/platform';

export const ${P}NoteSchema = defineEntity({
  name: '${P}Note',
  tableName: 'note',
  properties: {
    id: idProperty(),
    title: p.string().length(200),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class ${P}Note extends ${P}NoteSchema.class {}
${P}NoteSchema.setClass(${P}Note);
`,
    'src/entities/index.ts': `import { OutboxMessageSchema } from '@nexus/platform';
import { ${P}NoteSchema } from './note.entity.ts';

export * from './note.entity.ts';

/** Every entity of this subgraph (the outbox included, so jobs are never lost). */
export const entities = [${P}NoteSchema, OutboxMessageSchema];
`,
    [`src/migrations/Migration${stamp}_initial.ts`]: `import { Migration } from '@mikro-orm/migrations';

export class Migration${stamp}_initial extends Migration {
  override name = 'Migration${stamp}_initial';

  override up(): void | Promise<void> {
    this.addSql(\`create table "note" ("id" uuid not null, "title" varchar(200) not null, "created_at" timestamptz not null, primary key ("id"));\`);
    this.addSql(\`create table "outbox_message" ("id" uuid not null, "queue" varchar(255) not null, "job_name" varchar(255) not null, "payload" jsonb not null, "job_id" varchar(255) null, "delay_ms" int not null default 0, "created_at" timestamptz not null, "relayed_at" timestamptz null, primary key ("id"));\`);
    this.addSql(\`create index "outbox_message_relayed_at_index" on "outbox_message" ("relayed_at");\`);
  }

  override down(): void | Promise<void> {
    this.addSql(\`drop table if exists "outbox_message" cascade;\`);
    this.addSql(\`drop table if exists "note" cascade;\`);
  }
}
`,
    'src/migrations/index.ts': `// Every migration of this subgraph, in order. \`npm run migrate -- create\` rewrites this file.
import { Migration${stamp}_initial as m0 } from './Migration${stamp}_initial.ts';

export const migrations = [m0];
`,
    'src/services/notes.service.ts': `import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { QueryOrderMap } from '@mikro-orm/core';
import { findConnection, parseInput, type ConnectionArgs } from '@nexus/platform';
import { ${P}Note } from '../entities/index.ts';

const createInput = z.object({ title: z.string().trim().min(1, 'must not be empty').max(200) });

export async function createNote(em: EntityManager, input: unknown): Promise<${P}Note> {
  const data = parseInput(createInput, input);
  const note = em.create(${P}Note, data);
  await em.flush();
  return note;
}

export interface NoteListArgs extends ConnectionArgs {
  filter?: { search?: string | null } | null;
  orderBy?: { field: 'CREATED_AT' | 'TITLE'; direction?: 'ASC' | 'DESC' | null } | null;
}

/** Keyset pages, oldest first unless ordered; the id settles ties so positions are total. */
export function listNotes(em: EntityManager, args: NoteListArgs) {
  const search = args.filter?.search?.trim();
  const where = search ? { title: { $ilike: \`%\${search.replace(/[\\\\%_]/g, (c) => \`\\\\\${c}\`)}%\` } } : {};
  const dir = args.orderBy?.direction === 'DESC' ? ('desc' as const) : ('asc' as const);
  const first: QueryOrderMap<${P}Note> = args.orderBy?.field === 'TITLE' ? { title: dir } : { createdAt: dir };
  return findConnection(em, ${P}Note, where, args, [first, { id: dir }]);
}
`,
    'src/resolvers/index.ts': `import { scalarResolvers } from '@nexus/platform';
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { createNote, listNotes } from '../services/notes.service.ts';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query: {
    ${name}Notes: (_p, args, ctx) => listNotes(ctx.em, args),
    ${name}Note: (_p, { id }, ctx) => ctx.loaders.note.load(id),
  },
  Mutation: {
    create${P}Note: (_p, { input }, ctx) => createNote(ctx.em, input),
  },
  ${P}Note: {
    __resolveReference: (ref, ctx) => ctx.loaders.note.load(ref.id),
  },
};
`,
  };
}

/** The docker-compose service of a subgraph (what `scripts/compose-file.ts` checks for). */
export const composeService = (name: string, port: number) => `  ${name}:
    <<: *app
    command: ['node', 'subgraphs/${name}/src/main.ts']
    environment:
      <<: *app-env
      ${name.toUpperCase()}_PORT: '${port}'
    expose: ['${port}']
    depends_on:
      postgres: { condition: service_healthy }
      redis: { condition: service_healthy }
    healthcheck:
      <<: *healthcheck
      test:
        - CMD
        - node
        - -e
        - fetch('http://127.0.0.1:${port}/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))

`;

/** Adds the subgraph to the registry, the workspaces, docker-compose.yml and .env.example in `root`. */
export function register(root: string, name: string, port: number): void {
  const edit = (file: string, change: (text: string) => string) => {
    const path = resolve(root, file);
    const before = readFileSync(path, 'utf8');
    const after = change(before);
    if (after === before)
      throw new Error(`could not register ${name} in ${file}; edit it by hand (docs/adding-a-subgraph.md)`);
    writeFileSync(path, after);
  };
  edit('subgraphs/registry.ts', (t) =>
    t.replace(
      /\n\] as const satisfies/,
      `\n  { name: '${name}', port: ${port}, load: async () => (await import('./${name}/src/manifest.ts')).${name}Manifest },\n] as const satisfies`,
    ),
  );
  edit('package.json', (t) =>
    t.replace(/("subgraphs\/[a-z0-9]+",\n)(?!\s*"subgraphs\/)/, `$1    "subgraphs/${name}",\n`),
  );
  edit('docker-compose.yml', (t) => {
    const U = name.toUpperCase();
    return t
      .replace(/\n {2}worker:\n/, `\n${composeService(name, port)}  worker:\n`)
      .replace(
        /(\n {4}depends_on:\n(?: {6}[a-z-]+: \{ condition: service_healthy[^\n]*\n)+)(?= {4}# Active jobs)/,
        `$1      ${name}: { condition: service_healthy }\n`,
      )
      .replace(
        /(\n {6}[A-Z_]+_URL: http:\/\/[a-z0-9]+:\d+\/graphql\n)(?! {6}[A-Z_]+_URL: http)/,
        `$1      ${U}_URL: http://${name}:${port}/graphql\n`,
      )
      .replace(
        /(\n {4}networks: \[nexus-net, proxy\]\n {4}depends_on:\n(?: {6}[a-z-]+: \{ condition: service_healthy \}\n)+)/,
        `$1      ${name}: { condition: service_healthy }\n`,
      );
  });
  edit('.env.example', (t) =>
    t
      .replace(
        /(\n#[A-Z_]+_URL=http:\/\/127\.0\.0\.1:\d+\/graphql\n)(?!#[A-Z_]+_URL=)/,
        `$1#${name.toUpperCase()}_URL=http://127.0.0.1:${port}/graphql\n`,
      )
      .replace(
        /(\n# -{93}\n# TT-API simulator)/,
        `\n# ${'-'.repeat(93)}\n# ${name} subgraph: subgraphs/${name}/src/env.ts\n# ${'-'.repeat(93)}\n\n#${name.toUpperCase()}_PORT=${port}\n$1`,
      ),
  );
}

/** Creates `subgraphs/<name>/` in `root` (formatted like the rest of the code) and registers it. */
export async function newSubgraph(
  root: string,
  name: string,
  o: { port?: number; register?: boolean } = {},
): Promise<{ folder: string; port: number }> {
  if (!/^[a-z][a-z0-9]{1,30}$/.test(name))
    throw new Error(
      'name: 2-31 lower-case letters and digits, starting with a letter (it names a database and env variables)',
    );
  const folder = resolve(root, 'subgraphs', name);
  if (existsSync(folder)) throw new Error(`subgraphs/${name} already exists`);
  const taken = new Set<number>(SUBGRAPHS.map((s) => s.port));
  const port = o.port ?? RESERVED_PORTS[name] ?? Math.max(4007, ...taken) + 1;
  if (SUBGRAPHS.some((s) => s.name === name) || taken.has(port))
    throw new Error(`${name} or port ${port} is already registered`);
  for (const [path, content] of Object.entries(subgraphFiles(name, port))) {
    const file = resolve(folder, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, await format(content, { ...(await resolveConfig(file)), filepath: file }));
  }
  if (o.register ?? true) register(root, name, port);
  return { folder, port };
}

const isMain = process.argv[1]?.endsWith('/scripts/new-subgraph.ts');
if (isMain) {
  const args = process.argv.slice(2);
  const name = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--port');
  const portArg = args.indexOf('--port') >= 0 ? Number(args[args.indexOf('--port') + 1]) : undefined;
  if (!name) {
    console.error('usage: npm run new-subgraph -- <name> [--port <port>] [--no-register]');
    process.exit(2);
  }
  try {
    const root = resolve(import.meta.dirname, '..');
    const { port } = await newSubgraph(root, name, { port: portArg, register: !args.includes('--no-register') });
    console.log(`Created subgraphs/${name} (port ${port}) and registered it.
Next:
  npm install                 # links the new workspace
  npm run compose && npm run codegen
  list its root fields in tests/gateway/expected-ranks.ts, then write its domain (docs/adding-a-subgraph.md)`);
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}
