/**
 * The words and figures of one funnel step, shared by the bar, its tooltip, the small multiples'
 * canvas and the accessible name, so all say the same thing: the count, the conversion with its
 * 95 % interval, whether it has the volume to be read, whether it is above 100 % (and why), and
 * the change from the baseline with whether that change is more than noise.
 */
import type { Field, GrafanaTheme2 } from '@grafana/data';
import { displayCount, percentDecimals } from '../shared/display';
import { formatDuration, formatInterval, formatPercent, formatPoints, formatPValue } from '../shared/format';
import { conversionColor } from '../shared/thresholdColor';
import type { FunnelStep } from '../../data/funnel/buildFunnelModel';
import type { PercentBase } from '../../types';

export type ChangeTone = 'up' | 'down' | 'neutral';

export interface StepFigures {
  readonly count: string;
  readonly percent: string;
  readonly interval: string | undefined;
  /** The base counted fewer attempts than the minimum volume: the percentage is not to be read. */
  readonly lowVolume: boolean;
  /** More reached this step than its base: live counts over a range. */
  readonly aboveBase: boolean;
  readonly change: string | undefined;
  /** Coloured only when significant. */
  readonly changeTone: ChangeTone;
  /** "significant (p = 0.003)", "not significant (p = 0.41)", or why there is no test. */
  readonly significance: string | undefined;
  readonly median: string | undefined;
  /** Everything above in one sentence: the bar's accessible name. */
  readonly label: string;
}

export interface FigureOptions {
  readonly percentBase: PercentBase;
  readonly decimals: number;
  readonly minVolume: number;
  readonly showBaseline: boolean;
  /** The count with the field's unit and decimals. */
  readonly countText: (count: number) => string;
}

/** The figure options of a funnel whose counts come from `field` (its unit and decimals). */
export function figureOptionsFor(
  field: Field | undefined,
  theme: GrafanaTheme2,
  percentBase: PercentBase,
  minVolume: number,
  showBaseline: boolean
): FigureOptions {
  return {
    percentBase,
    decimals: percentDecimals(field),
    minVolume,
    showBaseline,
    countText: (count) => displayCount(field, count, theme),
  };
}

/** A step's bar colour: its conversion's threshold colour, neutral when it has no percentage or too little volume. */
export function stepColor(
  step: FunnelStep,
  figures: StepFigures,
  percentBase: PercentBase,
  field: Field | undefined,
  theme: GrafanaTheme2
): string {
  const percent = step.conversion[percentBase].percent;
  return figures.lowVolume || percent === undefined
    ? theme.colors.text.disabled
    : conversionColor(step.source?.field.config ?? field?.config, percent, theme);
}

const baseWords: Record<PercentBase, string> = { first: 'of first step', previous: 'of previous step' };

/** What a conversion below the minimum volume shows instead of its percentage (a small panel: the base's count). */
export function lowVolumeText(compact: boolean, base: number): string {
  return compact ? `too few (${Math.round(base)})` : 'not enough data';
}

export const aboveBaseExplanation = 'above 100 %: attempts that began before the range count only at later steps';

export function stepFigures(step: FunnelStep, options: FigureOptions): StepFigures {
  const conversion = step.conversion[options.percentBase];
  const count = step.count === undefined ? 'no data' : options.countText(step.count);
  const percent = formatPercent(conversion.percent, options.decimals);
  const interval =
    conversion.interval === undefined ? undefined : formatInterval(conversion.interval, options.decimals);
  const lowVolume = step.position > 0 && step.count !== undefined && conversion.lowVolume;
  const aboveBase = (conversion.percent ?? 0) > 100;
  const comparing = options.showBaseline && step.position > 0 && conversion.changeInPoints !== undefined;
  const change = comparing ? formatPoints(conversion.changeInPoints, options.decimals) : undefined;
  const test = conversion.significance;
  const significance = !comparing
    ? undefined
    : test === undefined
      ? 'not testable (not a proportion)'
      : `${test.significant ? 'significant' : 'not significant'} (${formatPValue(test.pValue)})`;
  const changeTone: ChangeTone =
    test?.significant === true && conversion.changeInPoints !== undefined
      ? conversion.changeInPoints > 0
        ? 'up'
        : 'down'
      : 'neutral';
  const median = step.medianSecondsToConvert === undefined ? undefined : formatDuration(step.medianSecondsToConvert);

  let label = `${step.name}: ${count}`;
  if (step.count !== undefined) {
    label += `, ${percent} ${baseWords[options.percentBase]}`;
    if (interval !== undefined && step.position > 0) {
      label += ` (95 % interval ${interval})`;
    }
    if (lowVolume) {
      label += `, not enough data: ${options.countText(conversion.base ?? 0)} attempts at the base, fewer than ${options.minVolume}`;
    }
    if (aboveBase) {
      label += `, ${aboveBaseExplanation}`;
    }
  }
  if (change !== undefined) {
    label += `, ${change} vs baseline, ${significance}`;
  }
  if (median !== undefined) {
    label += `, median time to convert ${median}`;
  }
  return { count, percent, interval, lowVolume, aboveBase, change, changeTone, significance, median, label };
}
