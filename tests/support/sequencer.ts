import { readFileSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Longest files first, so that neither worker is left with a long file at the end of the run. A
 * fresh clone has no timings cached, and file size says little about a file's time: what a file
 * starts does. The `npm start` supervision run comes first, then browser files, then the embedded
 * PostgreSQL start (not beside the other `npm start`: two at once starve each other's restarts),
 * then files with a whole system, then the rest, larger first.
 */
export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const weight = new Map(files.map((spec) => [spec, estimate(spec.moduleId)]));
    return [...files].sort((a, b) => (weight.get(b) ?? 0) - (weight.get(a) ?? 0));
  }
}

function estimate(path: string): number {
  const text = readFileSync(path, 'utf8');
  const rough = text.length / 1_000;
  if (/embedded/i.test(path)) return 4_000 + rough;
  if (/scripts\/start\.ts/.test(text)) return 10_000 + rough;
  if (/launchBrowser\(/.test(text)) return 5_000 + rough;
  if (/startSystem\(/.test(text)) return 1_000 + rough;
  return rough;
}
