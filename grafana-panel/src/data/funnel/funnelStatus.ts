/** Decides what the funnel view draws from the panel's data and options. */
import type { PanelData } from '@grafana/data';
import type { PanelOptions } from '../../types';
import { exampleQueries } from '../exampleQueries';
import { hasNoValues } from '../frames';
import { panelErrorMessage } from '../panelError';
import type { PanelDataStatus } from '../status';
import { buildFunnelModel, type FunnelModel } from './buildFunnelModel';
import { readFunnelSteps } from './readFunnelSteps';

type FunnelOptions = Pick<PanelOptions, 'namespace' | 'comparisonRefId' | 'timeToConvertRefId' | 'breakdownLabel'>;

export function funnelStatus(data: PanelData, options: FunnelOptions): PanelDataStatus<FunnelModel> {
  const error = panelErrorMessage(data);
  if (error !== undefined) {
    return { status: 'error', message: error };
  }
  const refIdOf = (refId: string | undefined) => refId ?? '';
  const isBaseline = (refId: string) => options.comparisonRefId !== '' && refId === options.comparisonRefId;
  const isTimeToConvert = (refId: string) => options.timeToConvertRefId !== '' && refId === options.timeToConvertRefId;
  const examples = exampleQueries(options.namespace);
  const currentFrames = data.series.filter((f) => !isBaseline(refIdOf(f.refId)) && !isTimeToConvert(refIdOf(f.refId)));
  if (currentFrames.length === 0 || hasNoValues(currentFrames)) {
    return { status: 'nodata', message: `No data. A funnel needs step counts, e.g. ${examples.funnelSteps}` };
  }
  const current = readFunnelSteps(currentFrames, options.breakdownLabel, examples.funnelSteps);
  if (current.kind === 'unsupported') {
    return { status: 'unsupported', message: 'This query result cannot be drawn as a funnel.', hint: current.message };
  }

  const baselineFrames = data.series.filter((f) => isBaseline(refIdOf(f.refId)));
  const baseline =
    baselineFrames.length === 0 || hasNoValues(baselineFrames)
      ? undefined
      : readFunnelSteps(baselineFrames, options.breakdownLabel, examples.funnelBaseline);
  if (baseline?.kind === 'unsupported') {
    return {
      status: 'unsupported',
      message: `The baseline query ${options.comparisonRefId} cannot be compared with the funnel.`,
      hint: baseline.message,
    };
  }
  const timeFrames = data.series.filter((f) => isTimeToConvert(refIdOf(f.refId)));
  const timeToConvert = timeFrames.length === 0 ? undefined : readFunnelSteps(timeFrames, options.breakdownLabel, '');

  return {
    status: 'ok',
    model: buildFunnelModel({
      shape: current.shape,
      current: current.observations,
      ...(baseline === undefined ? {} : { baseline: baseline.observations }),
      ...(timeToConvert?.kind === 'ok' && timeToConvert.shape === 'series-per-step'
        ? { timeToConvert: timeToConvert.observations }
        : {}),
    }),
  };
}
