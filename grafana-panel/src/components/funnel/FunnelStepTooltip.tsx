import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import React from 'react';
import type { FunnelStep } from '../../data/funnel/buildFunnelModel';
import type { FunnelKind } from '../../data/funnel/funnelStatus';
import { formatPercent } from '../shared/format';
import { aboveBaseExplanation, stepFigures, type FigureOptions } from './stepFigures';

interface Props {
  step: FunnelStep;
  kind: FunnelKind;
  options: FigureOptions;
}

/** Every figure of one step, shown in the panel's tooltip. */
export function FunnelStepTooltip({ step, kind, options }: Props) {
  const styles = useStyles2(getStyles);
  const { percentBase, countText, decimals } = options;
  const figures = stepFigures(step, options);
  const conversion = step.conversion[percentBase];
  const other = percentBase === 'first' ? step.conversion.previous : step.conversion.first;
  return (
    <div className={styles.tooltip}>
      <strong>{step.name}</strong>
      <dl>
        <dt>{kind === 'settled' ? 'Reached (closed attempts)' : 'Reached'}</dt>
        <dd>{figures.count}</dd>
        {step.liveCount !== undefined && (
          <>
            <dt>Live step counter</dt>
            <dd>{countText(step.liveCount)}</dd>
          </>
        )}
        <dt>{percentBase === 'first' ? 'From first step' : 'From previous step'}</dt>
        <dd>
          {figures.percent}
          {figures.interval !== undefined && step.position > 0 && ` (95 %: ${figures.interval})`}
        </dd>
        <dt>{percentBase === 'first' ? 'From previous step' : 'From first step'}</dt>
        <dd>{formatPercent(other.percent, decimals)}</dd>
        {figures.lowVolume && (
          <>
            <dt>Volume</dt>
            <dd>not enough data: {countText(conversion.base ?? 0)} attempts at the base</dd>
          </>
        )}
        {figures.aboveBase && (
          <>
            <dt>Above 100 %</dt>
            <dd>{aboveBaseExplanation.replace('above 100 %: ', '')}</dd>
          </>
        )}
        {step.dropOffFromPreviousStep !== undefined && step.position > 0 && (
          <>
            <dt>{step.dropOffFromPreviousStep >= 0 ? 'Dropped since previous' : 'More than previous'}</dt>
            <dd>
              {countText(Math.abs(step.dropOffFromPreviousStep))} (
              {formatPercent(Math.abs(step.dropOffPercentFromPreviousStep ?? 0), decimals)})
            </dd>
          </>
        )}
        {figures.change !== undefined && step.baselineCount !== undefined && (
          <>
            <dt>Baseline</dt>
            <dd>
              {countText(step.baselineCount)} · {formatPercent(conversion.baselinePercent, decimals)} ({figures.change},{' '}
              {figures.significance})
            </dd>
          </>
        )}
        {figures.median !== undefined && (
          <>
            <dt>Median time to convert</dt>
            <dd>{figures.median}</dd>
          </>
        )}
      </dl>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  tooltip: css({
    maxWidth: 420,
    dl: {
      display: 'grid',
      gridTemplateColumns: 'auto auto',
      columnGap: theme.spacing(2),
      margin: theme.spacing(0.5, 0, 0),
    },
    dt: { color: theme.colors.text.secondary, fontWeight: 'normal' },
    dd: { margin: 0, textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  }),
});
