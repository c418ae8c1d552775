import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { requireBinary, startPrometheus, tempDir } from '@nowcast/test-support';
import { durationSeconds, type RecordingRuleText } from './ruleLevels';

/** Runs promtool to completion without blocking the event loop (the live exporter keeps serving). */
function promtool(args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(requireBinary('promtool'), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`promtool ${args.slice(0, 3).join(' ')} failed:\n${output}`))
    );
  });
}

/** The rules of a level by the time they are needed from (at most the history's start). */
function byStart(rules: readonly RecordingRuleText[], plan: BackfillPlan): Map<number, RecordingRuleText[]> {
  const groups = new Map<number, RecordingRuleText[]>();
  for (const rule of rules) {
    const seconds = plan.needed?.get(rule.record);
    const startMs = seconds === undefined ? plan.startMs : Math.max(plan.startMs, plan.endMs - seconds * 1000);
    groups.set(startMs, [...(groups.get(startMs) ?? []), rule]);
  }
  return groups;
}

/** Runs tasks with at most `width` at a time. */
async function inParallel(tasks: readonly (() => Promise<void>)[], width: number): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let task = tasks[next++]; task !== undefined; task = tasks[next++]) await task();
  };
  await Promise.all(Array.from({ length: Math.min(width, tasks.length) }, lane));
}

/** One rule group per evaluation interval; promtool evaluates each group at its own interval. */
function groupsByInterval(rules: readonly RecordingRuleText[], finestSeconds: number): object[] {
  const byInterval = new Map<number, object[]>();
  for (const { interval, ...rule } of rules) {
    const seconds = Math.max(finestSeconds, interval === undefined ? 0 : durationSeconds(interval));
    byInterval.set(seconds, [...(byInterval.get(seconds) ?? []), rule]);
  }
  return [...byInterval].map(([seconds, grouped]) => ({
    name: `backfill_${seconds}s`,
    interval: `${seconds}s`,
    rules: grouped,
  }));
}

/** Moves the blocks promtool wrote into the TSDB folder Prometheus will open. */
function moveBlocks(from: string, storagePath: string): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.isDirectory()) renameSync(join(from, entry.name), join(storagePath, entry.name));
  }
}

export interface BackfillPlan {
  /** The TSDB folder the demo's Prometheus opens afterwards. */
  readonly storagePath: string;
  /** Timestamped OpenMetrics of the raw history (see writeHistory). */
  readonly openMetricsFile: string;
  /** Recording rules in backfill levels (see backfillLevels). */
  readonly levels: readonly (readonly RecordingRuleText[])[];
  readonly startMs: number;
  readonly endMs: number;
  /** Seconds before `endMs` from which each recorded series is needed (see historyNeeded); else all. */
  readonly needed?: ReadonlyMap<string, number>;
  /**
   * The finest evaluation interval in the past: groups evaluated more often live are backfilled at
   * this one (hourly and daily levels need no finer), slower groups keep their own.
   */
  readonly evalIntervalSeconds: number;
}

/** Seconds each stage took, for the demo to say where its start-up time went. */
export interface BackfillTimings {
  readonly importSeconds: number;
  readonly rulesSeconds: number;
}

/**
 * Loads the raw history into a TSDB folder (`promtool tsdb create-blocks-from openmetrics`, in
 * blocks as long as the history so the file is read once), then records the rules over it level by
 * level (`promtool tsdb create-blocks-from rules` against a Prometheus serving that folder, which
 * is restarted between levels so each level reads the one before).
 */
export async function backfill(plan: BackfillPlan): Promise<BackfillTimings> {
  mkdirSync(plan.storagePath, { recursive: true });
  const spanHours = Math.ceil((plan.endMs - plan.startMs) / 3_600_000) + 1;
  let started = performance.now();
  await promtool([
    'tsdb',
    'create-blocks-from',
    'openmetrics',
    `--max-block-duration=${spanHours}h`,
    plan.openMetricsFile,
    plan.storagePath,
  ]);
  const importSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  for (const [index, rules] of plan.levels.entries()) {
    const work = tempDir(`nowcast-backfill-${index}`);
    try {
      const prometheus = await startPrometheus({ storagePath: plan.storagePath, retention: `${spanHours + 24}h` });
      try {
        // One promtool run per start time, two at a time (each is a single-threaded client).
        const runs = [...byStart(rules, plan)].map(([startMs, rulesFrom], run) => async () => {
          const ruleFile = join(work.path, `rules-${run}.yml`);
          writeFileSync(
            ruleFile,
            stringify({ groups: groupsByInterval(rulesFrom, plan.evalIntervalSeconds) }, { lineWidth: 0 })
          );
          await promtool([
            'tsdb',
            'create-blocks-from',
            'rules',
            `--start=${Math.floor(startMs / 1000)}`,
            `--end=${Math.floor(plan.endMs / 1000)}`,
            `--url=${prometheus.url}`,
            `--output-dir=${join(work.path, `blocks-${run}`)}`,
            `--eval-interval=${plan.evalIntervalSeconds}s`,
            ruleFile,
          ]);
        });
        await inParallel(runs, 2);
      } finally {
        await prometheus.stop();
      }
      for (const entry of readdirSync(work.path)) {
        if (entry.startsWith('blocks-')) moveBlocks(join(work.path, entry), plan.storagePath);
      }
    } finally {
      work.remove();
    }
  }
  return { importSeconds, rulesSeconds: (performance.now() - started) / 1000 };
}
