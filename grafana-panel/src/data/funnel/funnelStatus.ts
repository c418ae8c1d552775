/**
 * Decides what the funnel view draws from the panel's data and options: reads each query for the
 * part the options give it (never a query without one), reduces every series with the
 * Calculation option, and collects what the user must know (notices) on the way.
 */
import type { DataFrame, PanelData } from '@grafana/data';
import { labelNames } from '@nowcast/otel-exporter/contract';
import type { PanelOptions } from '../../types';
import { exampleQueries } from '../exampleQueries';
import { hasNoValues } from '../frames';
import type { Notice } from '../notices';
import { panelErrorMessage } from '../panelError';
import { framesOfQuery, queriesIn } from '../queries/queryFrames';
import { checkRoles, roleCategories, singleQueryRole, type QueryRole } from '../queries/queryRoles';
import { calculationName } from '../series/calculation';
import { readSeries, type SeriesValue } from '../series/readSeries';
import type { PanelDataStatus } from '../status';
import {
  buildFunnelGroups,
  countsByGroup,
  orderSteps,
  sourcesByGroup,
  type FunnelGroup,
  type GroupCounts,
} from './buildFunnelModel';
import { settledCounts } from './computeFunnel';
import { readMedians } from './readMedians';
import { readOutcomes, type OutcomesByGroup } from './readOutcomes';
import { readStepCounts, type StepsShape } from './readStepCounts';

export type FunnelOptions = Pick<
  PanelOptions,
  | 'namespace'
  | 'stepsRefIds'
  | 'outcomesRefId'
  | 'baselineRefId'
  | 'medianRefId'
  | 'calculation'
  | 'breakdownLabel'
  | 'minVolume'
  | 'showEmptyGroups'
>;

/** Settled: closed attempts by furthest step (cohort-exact). Live: step counters in the range. */
export type FunnelKind = 'settled' | 'live';

export interface FunnelModel {
  readonly kind: FunnelKind;
  readonly shape: StepsShape | 'outcomes';
  readonly stepNames: string[];
  readonly groups: FunnelGroup[];
  /** Breakdown groups that counted nobody, not drawn. */
  readonly hiddenGroups: string[];
  /** Whether baseline bars are drawn. */
  readonly hasBaseline: boolean;
  readonly hasMedians: boolean;
  readonly notices: Notice[];
}

/** Index labels that tables may carry as number columns. */
const indexColumns = new Set<string>([labelNames.stepIndex, labelNames.reachedStep]);

interface QueryRead {
  readonly series: SeriesValue[];
  readonly empty: boolean;
}

function settledByGroup(outcomes: OutcomesByGroup, stepCount: number): GroupCounts {
  return new Map([...outcomes].map(([group, ended]) => [group, settledCounts(ended, stepCount)]));
}

function hasLabel(series: readonly SeriesValue[], label: string): boolean {
  return series.some((one) => one.labels[label] !== undefined);
}

const plural = (count: number, one: string, many: string) => (count === 1 ? one : many);

export function funnelRoles(options: FunnelOptions): QueryRole[] {
  return [
    { name: 'steps', refIds: options.stepsRefIds },
    singleQueryRole('outcomes', options.outcomesRefId),
    singleQueryRole('baseline', options.baselineRefId),
    singleQueryRole('median', options.medianRefId),
  ];
}

export function funnelStatus(data: PanelData, options: FunnelOptions): PanelDataStatus<FunnelModel> {
  const error = panelErrorMessage(data);
  if (error !== undefined) {
    return { status: 'error', message: error };
  }
  const examples = exampleQueries(options.namespace);
  const notices: Notice[] = [];
  const frames: readonly DataFrame[] = data.series;
  const queries = queriesIn([...frames, ...(data.annotations ?? [])]);
  const roleCheck = checkRoles(funnelRoles(options), queries, roleCategories.funnel);
  notices.push(...roleCheck.notices);
  // A part naming no query, a missing one (reported above) or one the steps already read, reads nothing.
  const ownRefId = (refId: string, role: string) =>
    queries.includes(refId) && !(roleCheck.claimedTwice.has(refId) && role !== 'steps');

  const read = (refId: string): QueryRead => {
    const { frames: own, ranAsBoth } = framesOfQuery(frames, refId);
    if (ranAsBoth) {
      notices.push({
        severity: 'info',
        text: `Query ${refId} runs as “Both”: its range result is read (${calculationName(options.calculation)}) and its instant copy set aside.`,
      });
    }
    return { series: readSeries(own, options.calculation, indexColumns), empty: own.length === 0 || hasNoValues(own) };
  };

  const stepQueries = options.stepsRefIds.map((refId) => ({ refId, ...read(refId) }));
  const steps = stepQueries.every((query) => query.empty)
    ? undefined
    : readStepCounts(stepQueries, options.breakdownLabel, examples.funnelSteps);
  const outcomesRead = ownRefId(options.outcomesRefId, 'outcomes') ? read(options.outcomesRefId) : undefined;
  const outcomes = outcomesRead === undefined ? undefined : readOutcomes(outcomesRead.series, options.breakdownLabel);
  if (outcomesRead?.empty === true) {
    notices.push({
      severity: 'info',
      text: `The outcomes (query ${options.outcomesRefId}) have no closed attempts in this range yet, so conversion is live.`,
    });
  } else if (outcomesRead !== undefined && outcomes === undefined) {
    notices.push({
      severity: 'warning',
      text: `The outcomes query ${options.outcomesRefId} has no \`${labelNames.reachedStep}\` series, so conversion is live. Expected: ${examples.funnelOutcomes}`,
    });
  }
  if (steps === undefined && outcomes === undefined) {
    return { status: 'nodata', message: `No data. A funnel needs step counts, e.g. ${examples.funnelSteps}` };
  }
  if (steps?.kind === 'unsupported' && outcomes === undefined) {
    return { status: 'unsupported', message: 'This query result cannot be drawn as a funnel.', hint: steps.message };
  }
  if (steps?.kind === 'unsupported') {
    // Settled counts can still be drawn from the outcomes, but the steps cannot name them.
    notices.push({ severity: 'warning', text: steps.message });
  }
  const observations = steps?.kind === 'ok' ? steps.observations : [];
  const longestOutcomes = Math.max(0, ...[...(outcomes?.values() ?? [])].map((ended) => ended.length));
  const named = orderSteps(observations);
  const stepNames = [
    ...named,
    ...Array.from({ length: Math.max(0, longestOutcomes - named.length) }, (_, k) => `Step ${named.length + k + 1}`),
  ];
  const kind: FunnelKind = outcomes === undefined ? 'live' : 'settled';
  const liveCounts = countsByGroup(observations, stepNames);
  const counts = outcomes === undefined ? liveCounts : settledByGroup(outcomes, stepNames.length);

  let baseline: GroupCounts | undefined;
  if (ownRefId(options.baselineRefId, 'baseline')) {
    const baselineRead = read(options.baselineRefId);
    const baselineOutcomes = readOutcomes(baselineRead.series, options.breakdownLabel);
    const baselineKind: FunnelKind | undefined =
      baselineOutcomes !== undefined ? 'settled' : hasLabel(baselineRead.series, labelNames.step) ? 'live' : undefined;
    if (baselineRead.empty) {
      notices.push({
        severity: 'warning',
        text: `The baseline (query ${options.baselineRefId}) has no data in its range, so there is nothing to compare with.`,
      });
    } else if (baselineKind !== kind) {
      notices.push({
        severity: 'warning',
        text:
          `The baseline (query ${options.baselineRefId}) is not ${kind === 'settled' ? 'outcomes by reached step' : 'step counts'} like the funnel, ` +
          `so it is not compared: write it as the ${kind === 'settled' ? 'outcomes' : 'steps'} query shifted back, e.g. ${kind === 'settled' ? examples.funnelOutcomesBaseline : examples.funnelBaseline}`,
      });
    } else if (baselineOutcomes !== undefined) {
      baseline = settledByGroup(baselineOutcomes, stepNames.length);
    } else {
      const baselineSteps = readStepCounts(
        [{ refId: options.baselineRefId, series: baselineRead.series }],
        options.breakdownLabel,
        ''
      );
      baseline = baselineSteps.kind === 'ok' ? countsByGroup(baselineSteps.observations, stepNames) : undefined;
    }
  }

  let medians: ReturnType<typeof readMedians> | undefined;
  if (ownRefId(options.medianRefId, 'median')) {
    medians = readMedians(read(options.medianRefId).series, options.breakdownLabel, options.medianRefId);
    notices.push(...medians.notices);
  }

  const allGroups = buildFunnelGroups({
    stepNames,
    counts,
    ...(baseline === undefined ? {} : { baseline }),
    ...(kind === 'settled' && observations.length > 0 ? { liveCounts } : {}),
    ...(medians === undefined ? {} : { medians: medians.byGroup }),
    sources: sourcesByGroup(observations),
    minVolume: options.minVolume,
  });
  const hide = options.breakdownLabel !== '' && !options.showEmptyGroups && allGroups.some((group) => !group.empty);
  const groups = hide ? allGroups.filter((group) => !group.empty) : allGroups;
  const hiddenGroups = hide ? allGroups.filter((group) => group.empty).map((group) => group.key) : [];
  if (hiddenGroups.length > 0) {
    notices.push({
      severity: 'info',
      text: `${hiddenGroups.length} ${plural(hiddenGroups.length, 'group', 'groups')} with no attempts hidden (${hiddenGroups.join(', ')}).`,
    });
  }
  const overflowing = groups.flatMap((group) =>
    group.steps
      .filter((step) => step.position > 0 && step.count !== undefined && (step.dropOffFromPreviousStep ?? 0) < 0)
      .map((step) => [group.steps[step.position - 1]!.name, step.name] as const)
  );
  if (kind === 'live' && overflowing.length > 0) {
    const [before, after] = overflowing[0]!;
    notices.push({
      severity: 'info',
      text:
        `Above 100 %: more attempts reached ${after} than ${before} in this range, because attempts that began before the range ` +
        `count only at their later steps. Settled conversion (an outcomes query, e.g. ${examples.funnelOutcomes}) is cohort-exact.`,
    });
  }
  return {
    status: 'ok',
    model: {
      kind,
      shape: steps?.kind === 'ok' ? steps.shape : 'outcomes',
      stepNames,
      groups,
      hiddenGroups,
      hasBaseline: baseline !== undefined,
      hasMedians: medians !== undefined,
      notices,
    },
  };
}
