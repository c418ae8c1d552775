/**
 * Turns step observations (current, baseline, time to convert) into the funnel model the view
 * draws: one funnel per breakdown group, every group over the same ordered list of steps.
 */
import type { Field } from '@grafana/data';
import { overflowValue } from '@nowcast/otel-exporter/contract';
import { changeInPoints, computeFunnel, type FunnelStepResult } from './computeFunnel';
import type { FunnelShape, StepObservation } from './readFunnelSteps';

export interface FunnelStep extends FunnelStepResult {
  /** The same step in the baseline query, when comparison is on and the baseline has it. */
  readonly baseline: FunnelStepResult | undefined;
  /** Conversion now minus baseline, in percentage points, for each percent base. */
  readonly changeFromFirstStepInPoints: number | undefined;
  readonly changeFromPreviousStepInPoints: number | undefined;
  /** Median seconds from the first step to this one, when a time-to-convert query is set. */
  readonly medianSecondsToConvert: number | undefined;
  /** Where the count came from (units, thresholds, data links); undefined for a missing step. */
  readonly source: { readonly field: Field; readonly row: number } | undefined;
}

export interface FunnelGroup {
  /** Breakdown value ('' without breakdown). */
  readonly key: string;
  readonly steps: FunnelStep[];
  /** Largest count of the group, current or baseline: the bars' 100 %. */
  readonly scaleMax: number;
}

export interface FunnelModel {
  readonly shape: FunnelShape;
  readonly stepNames: string[];
  readonly groups: FunnelGroup[];
  readonly hasBaseline: boolean;
  readonly hasTimeToConvert: boolean;
}

export interface FunnelInputs {
  readonly shape: FunnelShape;
  readonly current: readonly StepObservation[];
  readonly baseline?: readonly StepObservation[];
  readonly timeToConvert?: readonly StepObservation[];
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

interface Summed {
  value: number | undefined;
  source: { field: Field; row: number };
}

/** Sums observations per (group, step): series that differ in labels we do not split by add up. */
function sumByGroupAndStep(observations: readonly StepObservation[]): Map<string, Map<string, Summed>> {
  const groups = new Map<string, Map<string, Summed>>();
  for (const observation of observations) {
    const steps = groups.get(observation.group) ?? new Map<string, Summed>();
    groups.set(observation.group, steps);
    const existing = steps.get(observation.step);
    if (existing === undefined) {
      steps.set(observation.step, {
        value: observation.value,
        source: { field: observation.field, row: observation.row },
      });
    } else if (observation.value !== undefined) {
      existing.value = (existing.value ?? 0) + observation.value;
    }
  }
  return groups;
}

/** The exporter's value for property values past their bound is drawn last. */
function compareGroups(a: FunnelGroup, b: FunnelGroup): number {
  if ((a.key === overflowValue) !== (b.key === overflowValue)) {
    return a.key === overflowValue ? 1 : -1;
  }
  return (b.steps[0]?.count ?? 0) - (a.steps[0]?.count ?? 0) || a.key.localeCompare(b.key);
}

export function buildFunnelModel(inputs: FunnelInputs): FunnelModel {
  const stepNames = orderSteps([...inputs.current, ...(inputs.baseline ?? [])]);
  const current = sumByGroupAndStep(inputs.current);
  const baseline = inputs.baseline === undefined ? undefined : sumByGroupAndStep(inputs.baseline);
  const timeToConvert = inputs.timeToConvert === undefined ? undefined : sumByGroupAndStep(inputs.timeToConvert);

  const groups = [...current.keys()].map((key): FunnelGroup => {
    const counts = current.get(key)!;
    const results = computeFunnel(stepNames.map((name) => ({ name, count: counts.get(name)?.value })));
    const baselineCounts = baseline?.get(key);
    const baselineResults =
      baselineCounts === undefined
        ? undefined
        : computeFunnel(stepNames.map((name) => ({ name, count: baselineCounts.get(name)?.value })));
    // A breakdown group's median comes from its own series, else from the funnel-wide one.
    const medians = timeToConvert?.get(key) ?? timeToConvert?.get('');
    const steps = results.map((result, position): FunnelStep => {
      const base = baselineResults?.[position];
      // Fields spelled out, not `...result`: the plugin's build targets ES2015, where object
      // spread becomes a slow defineProperties helper, and a broken-down funnel has 200 steps.
      return {
        name: result.name,
        position: result.position,
        count: result.count,
        missing: result.missing,
        conversionFromFirstStep: result.conversionFromFirstStep,
        conversionFromPreviousStep: result.conversionFromPreviousStep,
        dropOffFromPreviousStep: result.dropOffFromPreviousStep,
        dropOffPercentFromPreviousStep: result.dropOffPercentFromPreviousStep,
        baseline: base,
        changeFromFirstStepInPoints: changeInPoints(result.conversionFromFirstStep, base?.conversionFromFirstStep),
        changeFromPreviousStepInPoints: changeInPoints(
          result.conversionFromPreviousStep,
          base?.conversionFromPreviousStep
        ),
        medianSecondsToConvert: medians?.get(result.name)?.value,
        source: counts.get(result.name)?.source,
      };
    });
    const scaleMax = Math.max(0, ...steps.map((step) => Math.max(step.count, step.baseline?.count ?? 0)));
    return { key, steps, scaleMax };
  });
  groups.sort(compareGroups);
  return {
    shape: inputs.shape,
    stepNames,
    groups,
    hasBaseline: baseline !== undefined,
    hasTimeToConvert: timeToConvert !== undefined,
  };
}
