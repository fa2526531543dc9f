/**
 * The checks `npm test` runs before Vitest, side by side (none writes what another reads: the
 * generated-files and schema checks only read, tsc and eslint only read, the web build writes
 * web/dist). Each one's output is printed whole when it ends; any failure fails the run, after all
 * have finished, so one run reports every problem.
 */
import { spawn } from 'node:child_process';

const CHECKS: [name: string, command: string][] = [
  ['generated files', 'node scripts/check-generated.ts'],
  ['schema changes', 'node scripts/schema-check.ts'],
  ['typecheck', 'npm run typecheck --silent'],
  ['lint', 'npm run lint --silent'],
  ['web build', 'npm run build --silent -w web'],
];

const started = Date.now();
const results = await Promise.all(
  CHECKS.map(
    ([name, command]) =>
      new Promise<{ name: string; ok: boolean }>((resolve) => {
        const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
        const output: Buffer[] = [];
        child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
        child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
        child.on('close', (code) => {
          const seconds = ((Date.now() - started) / 1000).toFixed(1);
          process.stdout.write(
            `\n== ${name}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} after ${seconds} s ==\n`,
          );
          process.stdout.write(Buffer.concat(output));
          resolve({ name, ok: code === 0 });
        });
      }),
  ),
);

const failed = results.filter((r) => !r.ok).map((r) => r.name);
if (failed.length) {
  console.error(`\nChecks failed: ${failed.join(', ')}.`);
  process.exit(1);
}
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
