import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';
import LongestFirst from './tests/support/sequencer.ts';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // Node resolves `graphql` to its CommonJS build for us and for Apollo alike; Vite would pick the
    // ESM build for our code, and two graphql realms cannot share a schema.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    // A page or a queue settles in its own time on a loaded machine: a poll gives up after 15 s, as
    // Playwright's own waits do, not after Vitest's default second.
    expect: { poll: { timeout: 15_000 } },
    // Files run in parallel: each gets its own databases and Redis key prefix. Vitest's default on a
    // two-core machine is one file at a time; most of a file's time is waiting on its own processes.
    fileParallelism: true,
    isolate: false,
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst },
  },
});
