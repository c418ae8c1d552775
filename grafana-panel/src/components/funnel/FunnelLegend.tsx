import { css } from '@emotion/css';
import type { GrafanaTheme2, Threshold } from '@grafana/data';
import { Icon, useStyles2 } from '@grafana/ui';
import React from 'react';
import type { PercentBase } from '../../types';

interface Props {
  percentBase: PercentBase;
  baselineRefId: string | undefined;
  thresholds: Threshold[] | undefined;
  hasTimeToConvert: boolean;
}

/** What the colours, the ghost bars and the percentages mean. */
export function FunnelLegend({ percentBase, baselineRefId, thresholds, hasTimeToConvert }: Props) {
  const styles = useStyles2(getStyles);
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
    <ul className={styles.legend} aria-label="Legend">
      <li>Conversion {percentBase === 'first' ? 'from the first step' : 'from the previous step'}:</li>
      {bands.map((band) => (
        <li key={band.text}>
          <Swatch color={band.color} />
          {band.text}
        </li>
      ))}
      {baselineRefId !== undefined && (
        <li>
          <span className={styles.ghost} aria-hidden />
          Baseline (query {baselineRefId}), change in points
        </li>
      )}
      {hasTimeToConvert && (
        <li>
          <Icon name="clock-nine" size="sm" aria-hidden /> median time from the first step
        </li>
      )}
    </ul>
  );
}

function Swatch({ color }: { color: string }) {
  const styles = useStyles2(getStyles);
  return <span className={styles.swatch} style={{ background: color }} aria-hidden data-color={color} />;
}

const getStyles = (theme: GrafanaTheme2) => ({
  legend: css({
    listStyle: 'none',
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5, 1.5),
    margin: 0,
    padding: theme.spacing(0.5, 0, 0),
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    li: { display: 'flex', alignItems: 'center', gap: theme.spacing(0.5) },
  }),
  swatch: css({ width: theme.spacing(1.5), height: theme.spacing(1), borderRadius: theme.shape.radius.default }),
  ghost: css({
    width: theme.spacing(1.5),
    height: theme.spacing(1),
    border: `1.5px dashed ${theme.colors.text.primary}`,
    opacity: 0.6,
    borderRadius: theme.shape.radius.default,
  }),
});
