/**
 * Turns what the queries counted into the funnel the view draws: one funnel per breakdown group,
 * every group over the same ordered steps, each conversion with its 95 % Wilson interval, its
 * volume check, and the baseline comparison with its significance.
 */
import {
  overflowValue,
  twoProportionTest,
  wilsonInterval,
  type ConversionBase,
  type ProportionDifference,
  type ProportionInterval,
} from '@nowcast/otel-exporter/contract';
import { baseCount, changeInPoints, computeFunnel, type FunnelStepResult } from './computeFunnel';
import type { StepObservation } from './readStepCounts';

/** A conversion (to one step, from the first or the previous step) and how far to trust it. */
export interface StepConversion {
  /** Percent; undefined without both counts or with a base of 0. */
  readonly percent: number | undefined;
  /** Attempts in the base step: the conversion's trials. */
  readonly base: number | undefined;
  /** 95 % Wilson interval in percent; undefined when the counts are not a proportion (above 100 %). */
  readonly interval: ProportionInterval | undefined;
  /** The base counted fewer attempts than the minimum volume. */
  readonly lowVolume: boolean;
  readonly baselinePercent: number | undefined;
  /** Now minus baseline, in percentage points. */
  readonly changeInPoints: number | undefined;
  /** The two-proportion test of now against the baseline. */
  readonly significance: ProportionDifference | undefined;
}

export interface FunnelStep extends FunnelStepResult {
  readonly conversion: Readonly<Record<ConversionBase, StepConversion>>;
  /** The step's count in the baseline query, when comparison is on. */
  readonly baselineCount: number | undefined;
  /** Attempts counted by the live step counters, shown beside settled counts. */
  readonly liveCount: number | undefined;
  /** Median seconds from the first step to this one. */
  readonly medianSecondsToConvert: number | undefined;
  /** Where the count came from (units, decimals, thresholds, data links). */
  readonly source: StepObservation['source'] | undefined;
}

export interface FunnelGroup {
  /** Breakdown value ('' without breakdown). */
  readonly key: string;
  readonly steps: FunnelStep[];
  /** Largest count of the group, current or baseline: the bars' 100 %. */
  readonly scaleMax: number;
  /** Nobody reached the first step (or it has no data). */
  readonly empty: boolean;
}

/** Counts of one group by step position; undefined where there was no data. */
export type GroupCounts = Map<string, Array<number | undefined>>;

export interface FunnelInputs {
  readonly stepNames: readonly string[];
  /** The counts drawn: settled when outcomes were queried, else live. */
  readonly counts: GroupCounts;
  readonly baseline?: GroupCounts;
  /** Live step counts, when the drawn counts are settled. */
  readonly liveCounts?: GroupCounts;
  readonly medians?: Map<string, Map<string, number | undefined>>;
  readonly sources: Map<string, Map<string, StepObservation['source']>>;
  readonly minVolume: number;
}

/**
 * The ordered step list over every observation: by `step_index` when present (gaps become
 * placeholder steps, so a step nobody reached is not silently skipped), else by first appearance.
 */
export function orderSteps(observations: readonly StepObservation[]): string[] {
  const byIndex = new Map<number, string>();
  const unindexed: string[] = [];
  for (const observation of observations) {
    if (observation.stepIndex !== undefined) {
      if (!byIndex.has(observation.stepIndex)) {
        byIndex.set(observation.stepIndex, observation.step);
      }
    } else if (!unindexed.includes(observation.step)) {
      unindexed.push(observation.step);
    }
  }
  const indexed: string[] = [];
  if (byIndex.size > 0) {
    const last = Math.max(...byIndex.keys());
    for (let index = 0; index <= last; index++) {
      indexed.push(byIndex.get(index) ?? `Step ${index + 1}`);
    }
  }
  return [...indexed, ...unindexed.filter((name) => !indexed.includes(name))];
}

/**
 * Counts per group by step position. Observations of one step that differ in labels the panel
 * does not split by add up; a step whose every observation lacks a value stays undefined.
 */
export function countsByGroup(observations: readonly StepObservation[], stepNames: readonly string[]): GroupCounts {
  const position = new Map(stepNames.map((name, index) => [name, index]));
  const groups: GroupCounts = new Map();
  for (const observation of observations) {
    const counts = groups.get(observation.group) ?? stepNames.map((): number | undefined => undefined);
    groups.set(observation.group, counts);
    const at = position.get(observation.step);
    if (at !== undefined && observation.value !== undefined) {
      counts[at] = (counts[at] ?? 0) + observation.value;
    }
  }
  return groups;
}

/** The field and row of each step's count, per group, for units and links. */
export function sourcesByGroup(
  observations: readonly StepObservation[]
): Map<string, Map<string, StepObservation['source']>> {
  const sources = new Map<string, Map<string, StepObservation['source']>>();
  for (const observation of observations) {
    const steps = sources.get(observation.group) ?? new Map<string, StepObservation['source']>();
    sources.set(observation.group, steps);
    if (!steps.has(observation.step)) {
      steps.set(observation.step, observation.source);
    }
  }
  return sources;
}

function conversionOf(
  result: FunnelStepResult,
  counts: ReadonlyArray<number | undefined>,
  baseline: ReadonlyArray<number | undefined> | undefined,
  base: ConversionBase,
  minVolume: number
): StepConversion {
  const percent = base === 'first' ? result.conversionFromFirstStep : result.conversionFromPreviousStep;
  const trials = baseCount(counts, result.position, base);
  const interval =
    result.count === undefined || trials === undefined ? undefined : wilsonInterval(result.count, trials);
  const baselineCount = baseline?.[result.position];
  const baselineTrials = baseline === undefined ? undefined : baseCount(baseline, result.position, base);
  const baselinePercent =
    baselineCount === undefined || baselineTrials === undefined || baselineTrials <= 0
      ? undefined
      : (100 * baselineCount) / baselineTrials;
  const comparable = result.position > 0 && result.count !== undefined && trials !== undefined;
  return {
    percent,
    base: trials,
    interval: interval === undefined ? undefined : { low: interval.low * 100, high: interval.high * 100 },
    lowVolume: trials === undefined || trials < minVolume,
    baselinePercent,
    changeInPoints: changeInPoints(percent, baselinePercent),
    significance:
      comparable && baselineCount !== undefined && baselineTrials !== undefined
        ? twoProportionTest(result.count!, trials!, baselineCount, baselineTrials)
        : undefined,
  };
}

/** The exporter's value for property values past their bound is drawn last. */
function compareGroups(a: FunnelGroup, b: FunnelGroup): number {
  if ((a.key === overflowValue) !== (b.key === overflowValue)) {
    return a.key === overflowValue ? 1 : -1;
  }
  return (b.steps[0]?.count ?? 0) - (a.steps[0]?.count ?? 0) || a.key.localeCompare(b.key);
}

export function buildFunnelGroups(inputs: FunnelInputs): FunnelGroup[] {
  const groups = [...inputs.counts].map(([key, counts]): FunnelGroup => {
    const baseline = inputs.baseline?.get(key);
    const live = inputs.liveCounts?.get(key);
    // A breakdown group's median comes from its own series, else from the funnel-wide one.
    const medians = inputs.medians?.get(key) ?? inputs.medians?.get('');
    const sources = inputs.sources.get(key) ?? inputs.sources.get('');
    const steps = computeFunnel(inputs.stepNames, counts).map((result): FunnelStep => ({
      // Fields spelled out, not `...result`: the plugin's build targets ES2015, where object
      // spread becomes a slow defineProperties helper, and a broken-down funnel has 200 steps.
      name: result.name,
      position: result.position,
      count: result.count,
      conversionFromFirstStep: result.conversionFromFirstStep,
      conversionFromPreviousStep: result.conversionFromPreviousStep,
      dropOffFromPreviousStep: result.dropOffFromPreviousStep,
      dropOffPercentFromPreviousStep: result.dropOffPercentFromPreviousStep,
      conversion: {
        first: conversionOf(result, counts, baseline, 'first', inputs.minVolume),
        previous: conversionOf(result, counts, baseline, 'previous', inputs.minVolume),
      },
      baselineCount: baseline?.[result.position],
      liveCount: live?.[result.position],
      medianSecondsToConvert: medians?.get(result.name),
      source: sources?.get(result.name),
    }));
    const scaleMax = Math.max(0, ...steps.map((step) => Math.max(step.count ?? 0, step.baselineCount ?? 0)));
    return { key, steps, scaleMax, empty: !((steps[0]?.count ?? 0) > 0) };
  });
  return groups.sort(compareGroups);
}
