/**
 * Reads a V8 heap snapshot (`.heapsnapshot`) without holding it as one JSON value (a big heap's
 * snapshot is larger than the longest string V8 can parse) and sums self sizes by constructor or
 * node type: what the live heap is made of. `compareHeaps` lists what grew between two snapshots.
 *
 * `node bench/faults/heap-summary.ts a.heapsnapshot [b.heapsnapshot]` prints one summary or the growth.
 */
import { readFileSync } from 'node:fs';

export interface HeapSummary {
  /** Sum of every node's self size: the live heap after the full GC a snapshot starts with. */
  totalBytes: number;
  nodes: number;
  /** `type:name` (e.g. `object:Map`, `string:(string)`) -> [count, bytes]. */
  byKind: Map<string, [number, number]>;
}

const indexOfBytes = (buf: Buffer, text: string, from = 0) => buf.indexOf(Buffer.from(text), from);

export function summarizeHeap(file: string): HeapSummary {
  const buf = readFileSync(file);
  const nodesAt = indexOfBytes(buf, '"nodes":[');
  const header = JSON.parse(`${buf.subarray(0, nodesAt).toString('utf8').replace(/,\s*$/, '')}}`) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] }; node_count: number };
  };
  const { node_fields: fields, node_types: types } = header.snapshot.meta;
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const typeNames = types[0];

  // The node array: unsigned integers separated by commas (and newlines), up to its closing bracket.
  const count = header.snapshot.node_count;
  const values = new Float64Array(count * width);
  let i = nodesAt + '"nodes":['.length;
  let n = 0;
  let current = 0;
  let inNumber = false;
  for (; n < values.length; i++) {
    const c = buf[i] ?? 93;
    if (c >= 48 && c <= 57) {
      current = current * 10 + (c - 48);
      inNumber = true;
    } else if (inNumber) {
      values[n++] = current;
      current = 0;
      inNumber = false;
      if (c === 93) break;
    } else if (c === 93) break;
  }

  const stringsAt = indexOfBytes(buf, '"strings":[', i);
  // The strings array runs to the end of the document (`]}` after it).
  const end = buf.lastIndexOf(Buffer.from(']'));
  const strings = JSON.parse(buf.subarray(stringsAt + '"strings":'.length, end + 1).toString('utf8')) as string[];

  const byKind = new Map<string, [number, number]>();
  let total = 0;
  for (let k = 0; k < count; k++) {
    const base = k * width;
    const type = typeNames[values[base + typeAt] ?? 0] ?? '?';
    const size = values[base + sizeAt] ?? 0;
    total += size;
    // Objects and closures by constructor/function name; strings, arrays, code by type.
    const name = type === 'object' || type === 'closure' ? (strings[values[base + nameAt] ?? 0] ?? '?') : `(${type})`;
    const key = `${type}:${name.slice(0, 80)}`;
    const entry = byKind.get(key) ?? [0, 0];
    entry[0] += 1;
    entry[1] += size;
    byKind.set(key, entry);
  }
  return { totalBytes: total, nodes: count, byKind };
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 100) / 100;

/** The kinds whose bytes grew most from `a` to `b`. */
export function compareHeaps(a: HeapSummary, b: HeapSummary, top = 15) {
  const keys = new Set([...a.byKind.keys(), ...b.byKind.keys()]);
  return [...keys]
    .map((key) => {
      const [countA, bytesA] = a.byKind.get(key) ?? [0, 0];
      const [countB, bytesB] = b.byKind.get(key) ?? [0, 0];
      return { kind: key, count: countB - countA, mb: mb(bytesB - bytesA) };
    })
    .sort((x, y) => y.mb - x.mb)
    .slice(0, top);
}

export const topKinds = (s: HeapSummary, top = 15) =>
  [...s.byKind.entries()]
    .sort((x, y) => y[1][1] - x[1][1])
    .slice(0, top)
    .map(([kind, [count, bytes]]) => ({ kind, count, mb: mb(bytes) }));

if (import.meta.main) {
  const [first, second] = process.argv.slice(2);
  if (!first) throw new Error('usage: heap-summary.ts a.heapsnapshot [b.heapsnapshot]');
  const a = summarizeHeap(first);
  process.stdout.write(`${first}: ${mb(a.totalBytes)} MB in ${a.nodes} nodes\n`);
  if (!second) console.table(topKinds(a, 25));
  else {
    const b = summarizeHeap(second);
    process.stdout.write(`${second}: ${mb(b.totalBytes)} MB in ${b.nodes} nodes\n`);
    console.table(compareHeaps(a, b, 25));
  }
}
