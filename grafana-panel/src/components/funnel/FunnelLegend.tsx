import { css } from '@emotion/css';
import type { GrafanaTheme2, Threshold } from '@grafana/data';
import { Icon, useStyles2 } from '@grafana/ui';
import React from 'react';
import type { PercentBase } from '../../types';

interface Props {
  percentBase: PercentBase;
  baselineRefId: string | undefined;
  thresholds: Threshold[] | undefined;
  hasMedians: boolean;
  minVolume: number;
  /** Small panels: the short wording, so every band stays in view. */
  compact: boolean;
}

/** What the colours, the ghost bars, the whiskers and the percentages mean. */
export function FunnelLegend({ percentBase, baselineRefId, thresholds, hasMedians, minVolume, compact }: Props) {
  const styles = useStyles2(getStyles);
  const baseWords = percentBase === 'first' ? 'from the first step' : 'from the previous step';
  const bands = (thresholds ?? []).map((step, i, all) => {
    const next = all[i + 1];
    const from = Number.isFinite(step.value) ? `${step.value}%` : undefined;
    const to = next === undefined ? undefined : `${next.value}%`;
    return {
      color: step.color,
      text: from === undefined ? `< ${to ?? '∞'}` : to === undefined ? `≥ ${from}` : `${from}–${to}`,
    };
  });
  return (
    <ul className={styles.legend} aria-label="Legend" title={compact ? `Conversion ${baseWords}` : undefined}>
      {/* A small panel keeps the bands on one line; the base is in the legend's tooltip. */}
      {!compact && <li>Conversion {baseWords}:</li>}
      {bands.map((band) => (
        <li key={band.text}>
          <span className={styles.swatch} style={{ background: band.color }} aria-hidden data-color={band.color} />
          {band.text}
        </li>
      ))}
      {!compact && (
        <li>
          <span className={styles.whisker} aria-hidden /> 95 % interval; below {minVolume} attempts: not enough data
        </li>
      )}
      {baselineRefId !== undefined && (
        <li>
          <span className={styles.ghost} aria-hidden />
          {compact ? 'baseline' : `Baseline (query ${baselineRefId}), change in points, coloured when significant`}
        </li>
      )}
      {hasMedians && !compact && (
        <li>
          <Icon name="clock-nine" size="sm" aria-hidden /> median time from the first step
        </li>
      )}
    </ul>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  legend: css({
    listStyle: 'none',
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.25, 1.5),
    margin: 0,
    padding: theme.spacing(0.5, 0, 0),
    flexShrink: 0,
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    li: { display: 'flex', alignItems: 'center', gap: theme.spacing(0.5), whiteSpace: 'nowrap' },
  }),
  swatch: css({ width: theme.spacing(1.5), height: theme.spacing(1), borderRadius: theme.shape.radius.default }),
  ghost: css({
    width: theme.spacing(1.5),
    height: theme.spacing(1),
    border: `2px dashed ${theme.colors.text.primary}`,
    borderRadius: theme.shape.radius.default,
  }),
  whisker: css({
    width: theme.spacing(1.5),
    height: theme.spacing(1),
    borderLeft: `2px solid ${theme.colors.text.primary}`,
    borderRight: `2px solid ${theme.colors.text.primary}`,
    background: `linear-gradient(${theme.colors.text.primary}, ${theme.colors.text.primary}) center / 100% 2px no-repeat`,
  }),
});
