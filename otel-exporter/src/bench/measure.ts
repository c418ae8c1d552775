/** Timing and heap helpers for the benchmarks: every subject is measured the same way, in one process. */

/**
 * ns per call of each subject's `run(i)`: after a warm-up, the subjects take turns for `rounds`
 * rounds of `iterations` calls and each keeps its fastest round, so load from other processes on
 * the machine skews them alike instead of whichever ran during a spike.
 */
export function nsPerCall<Name extends string>(
  subjects: Record<Name, (i: number) => void>,
  iterations: number,
  rounds = 7
): Record<Name, number> {
  const names = Object.keys(subjects) as Name[];
  const best = {} as Record<Name, number>;
  for (const name of names) {
    const run = subjects[name];
    for (let i = 0; i < Math.min(iterations, 200_000); i++) run(i);
    best[name] = Infinity;
  }
  for (let r = 0; r < rounds; r++) {
    for (const name of names) {
      const run = subjects[name];
      const start = process.hrtime.bigint();
      for (let i = 0; i < iterations; i++) run(i);
      best[name] = Math.min(best[name], Number(process.hrtime.bigint() - start) / iterations);
    }
  }
  return best;
}

/** ms per run of each (async) action: turns taken as in `nsPerCall`, fastest run kept. */
export async function msPerRun<Name extends string>(
  subjects: Record<Name, () => unknown>,
  rounds = 15
): Promise<Record<Name, number>> {
  const names = Object.keys(subjects) as Name[];
  const best = {} as Record<Name, number>;
  for (const name of names) {
    await subjects[name]();
    best[name] = Infinity;
  }
  for (let r = 0; r < rounds; r++) {
    for (const name of names) {
      const start = process.hrtime.bigint();
      await subjects[name]();
      best[name] = Math.min(best[name], Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return best;
}

/** A full collection, so garbage of a setup phase is not charged to what is measured next. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) {
    throw new Error('run the benchmarks with node --expose-gc (npm run bench -w otel-exporter does)');
  }
  gc();
  gc();
}

/** JS heap plus ArrayBuffer backing stores (typed arrays live outside the JS heap). */
function retainedBytes(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/**
 * Bytes retained by what `build` returns, per `count` units: memory after minus memory before,
 * both after a full GC, with the result kept alive until the second reading.
 */
export async function bytesPerUnit(build: () => unknown | Promise<unknown>, count: number): Promise<number> {
  collectGarbage();
  const before = retainedBytes();
  const kept = await build();
  collectGarbage();
  const after = retainedBytes();
  // Keep `kept` reachable across the second reading.
  if (kept === undefined) throw new Error('a heap benchmark must return what it built');
  return (after - before) / count;
}

export function formatRow(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
}
