import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import React from 'react';
import type { FunnelStep } from '../../data/funnel/buildFunnelModel';
import type { PercentBase } from '../../types';
import { displayCount } from '../shared/display';
import { formatDuration, formatPercent, formatPoints } from '../shared/format';
import { conversionFor } from './FunnelStepBar';

interface Props {
  step: FunnelStep;
  percentBase: PercentBase;
  showBaseline: boolean;
}

/** Every figure of one step, shown in the panel's tooltip. */
export function FunnelStepTooltip({ step, percentBase, showBaseline }: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const field = step.source?.field;
  const count = step.missing ? 'no data' : displayCount(field, step.count, theme);
  const conversion = conversionFor(step, percentBase);
  return (
    <div className={styles.tooltip}>
      <strong>{step.name}</strong>
      <dl>
        <dt>Reached</dt>
        <dd>{count}</dd>
        <dt>From first step</dt>
        <dd>{formatPercent(step.conversionFromFirstStep)}</dd>
        <dt>From previous step</dt>
        <dd>{formatPercent(step.conversionFromPreviousStep)}</dd>
        {step.dropOffFromPreviousStep !== undefined && (
          <>
            <dt>Dropped since previous</dt>
            <dd>
              {displayCount(field, step.dropOffFromPreviousStep, theme)} (
              {formatPercent(step.dropOffPercentFromPreviousStep)})
            </dd>
          </>
        )}
        {showBaseline && step.baseline && (
          <>
            <dt>Baseline</dt>
            <dd>
              {displayCount(field, step.baseline.count, theme)} · {formatPercent(conversion.before)} (
              {formatPoints(conversion.change)})
            </dd>
          </>
        )}
        {step.medianSecondsToConvert !== undefined && (
          <>
            <dt>Median time to convert</dt>
            <dd>{formatDuration(step.medianSecondsToConvert)}</dd>
          </>
        )}
      </dl>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  tooltip: css({
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
