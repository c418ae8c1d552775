import { css, cx } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Icon, useStyles2, useTheme2 } from '@grafana/ui';
import React from 'react';
import type { FunnelStep } from '../../data/funnel/buildFunnelModel';
import type { FunnelOrientation, PercentBase } from '../../types';
import { displayCount, linksOf } from '../shared/display';
import { formatDuration, formatPercent, formatPoints } from '../shared/format';
import { conversionColor } from '../shared/thresholdColor';

interface Props {
  step: FunnelStep;
  /** Shows the panel's one tooltip for this step (one shared tooltip keeps 200 bars cheap). */
  onActivate: (step: FunnelStep, element: HTMLElement) => void;
  onDeactivate: () => void;
  scaleMax: number;
  orientation: FunnelOrientation;
  percentBase: PercentBase;
  showBaseline: boolean;
  compact: boolean;
}

export function conversionFor(step: FunnelStep, base: PercentBase) {
  return base === 'first'
    ? {
        now: step.conversionFromFirstStep,
        before: step.baseline?.conversionFromFirstStep,
        change: step.changeFromFirstStepInPoints,
      }
    : {
        now: step.conversionFromPreviousStep,
        before: step.baseline?.conversionFromPreviousStep,
        change: step.changeFromPreviousStepInPoints,
      };
}

const baseWords: Record<PercentBase, string> = { first: 'of first step', previous: 'of previous step' };

/** One step of a funnel: the bar, the ghost of the baseline, the numbers, and a tooltip with all of them. */
export const FunnelStepBar = React.memo(function FunnelStepBar({
  step,
  scaleMax,
  orientation,
  percentBase,
  showBaseline,
  compact,
  onActivate,
  onDeactivate,
}: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const field = step.source?.field;
  const count = step.missing ? 'no data' : displayCount(field, step.count, theme);
  const conversion = conversionFor(step, percentBase);
  const color = conversionColor(field?.config, conversion.now, theme);
  const share = scaleMax > 0 ? (step.count * 100) / scaleMax : 0;
  const baselineShare =
    showBaseline && step.baseline && scaleMax > 0 ? (step.baseline.count * 100) / scaleMax : undefined;
  const links = linksOf(step.source);
  const size = orientation === 'horizontal' ? 'width' : 'height';
  const changeClass =
    conversion.change === undefined || Math.abs(conversion.change) < 0.05
      ? styles.neutral
      : conversion.change > 0
        ? styles.up
        : styles.down;

  const label = [
    `${step.name}: ${count}`,
    `${formatPercent(conversion.now)} ${baseWords[percentBase]}`,
    showBaseline && step.baseline ? `${formatPoints(conversion.change)} vs baseline` : undefined,
    step.medianSecondsToConvert === undefined
      ? undefined
      : `median time to convert ${formatDuration(step.medianSecondsToConvert)}`,
  ]
    .filter(Boolean)
    .join(', ');

  return (
    <div className={cx(styles.step, orientation === 'vertical' && styles.stepVertical)} data-testid="funnel-step">
      <div className={styles.label}>
        {links.length > 0 ? (
          <a className={styles.link} href={links[0]!.href} target={links[0]!.target} title={links[0]!.title}>
            {step.name}
          </a>
        ) : (
          <span className={styles.name}>{step.name}</span>
        )}
        <span className={styles.count}>{count}</span>
      </div>
      <div
        className={cx(styles.track, orientation === 'vertical' && styles.trackVertical)}
        tabIndex={0}
        role="img"
        aria-label={label}
        onMouseEnter={(e) => onActivate(step, e.currentTarget)}
        onFocus={(e) => onActivate(step, e.currentTarget)}
        onMouseLeave={onDeactivate}
        onBlur={onDeactivate}
      >
        {baselineShare !== undefined && (
          <div
            className={cx(styles.ghost, orientation === 'vertical' && styles.barVertical)}
            style={{ [size]: `${baselineShare}%` }}
          />
        )}
        <div
          className={cx(styles.bar, orientation === 'vertical' && styles.barVertical, step.missing && styles.missing)}
          style={{ [size]: `${Math.max(share, step.count > 0 ? 0.5 : 0)}%`, background: color }}
        />
      </div>
      <div className={cx(styles.figures, orientation === 'vertical' && styles.figuresVertical)}>
        <span className={styles.percent}>{formatPercent(conversion.now)}</span>
        {showBaseline && step.baseline && !compact && (
          <span className={changeClass}>{step.position === 0 ? '' : formatPoints(conversion.change)}</span>
        )}
        {step.medianSecondsToConvert !== undefined && !compact && (
          <span className={styles.median} title="Median time from the first step">
            <Icon name="clock-nine" size="sm" aria-hidden /> {formatDuration(step.medianSecondsToConvert)}
          </span>
        )}
      </div>
    </div>
  );
});

const getStyles = (theme: GrafanaTheme2) => ({
  // Horizontal steps lay their label, bar and figures into the list's columns (subgrid), so
  // every bar starts and ends at the same x whatever the figures' widths.
  step: css({ display: 'contents' }),
  stepVertical: css({
    display: 'flex',
    flexDirection: 'column-reverse',
    alignItems: 'stretch',
    height: '100%',
    minWidth: 0,
    flex: '1 1 0',
    gap: theme.spacing(0.5),
  }),
  label: css({ display: 'flex', flexDirection: 'column', minWidth: 0, lineHeight: 1.25 }),
  name: css({
    color: theme.colors.text.primary,
    fontSize: theme.typography.bodySmall.fontSize,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  }),
  link: css({
    color: theme.colors.text.link,
    fontSize: theme.typography.bodySmall.fontSize,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    '&:hover': { textDecoration: 'underline' },
  }),
  count: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    fontVariantNumeric: 'tabular-nums',
  }),
  track: css({
    position: 'relative',
    height: theme.spacing(3),
    background: theme.colors.background.secondary,
    borderRadius: theme.shape.radius.default,
    outline: 'none',
    '&:focus-visible': { boxShadow: `0 0 0 2px ${theme.colors.primary.main}` },
  }),
  trackVertical: css({ flex: '1 1 auto', height: 'auto', minHeight: theme.spacing(4) }),
  bar: css({
    position: 'absolute',
    left: 0,
    top: 0,
    bottom: 0,
    borderRadius: theme.shape.radius.default,
    transition: 'width 0.3s, height 0.3s',
  }),
  barVertical: css({ top: 'auto', left: 0, right: 0, bottom: 0 }),
  // Drawn over the bar as an outline, so the baseline shows whether it is longer or shorter.
  ghost: css({
    position: 'absolute',
    left: 0,
    top: 0,
    bottom: 0,
    zIndex: 1,
    border: `1.5px dashed ${theme.colors.text.primary}`,
    borderRadius: theme.shape.radius.default,
    opacity: 0.6,
    pointerEvents: 'none',
  }),
  missing: css({ background: theme.colors.text.disabled }),
  figures: css({
    display: 'flex',
    gap: theme.spacing(1),
    alignItems: 'baseline',
    justifyContent: 'flex-start',
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
  }),
  figuresVertical: css({ flexWrap: 'wrap', justifyContent: 'center', columnGap: theme.spacing(0.5), rowGap: 0 }),
  percent: css({
    fontWeight: theme.typography.fontWeightMedium,
    color: theme.colors.text.primary,
    minWidth: theme.spacing(5),
    textAlign: 'right',
  }),
  up: css({
    color: theme.colors.success.text,
    fontSize: theme.typography.bodySmall.fontSize,
    minWidth: theme.spacing(8),
  }),
  down: css({
    color: theme.colors.error.text,
    fontSize: theme.typography.bodySmall.fontSize,
    minWidth: theme.spacing(8),
  }),
  neutral: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    minWidth: theme.spacing(8),
  }),
  median: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.25),
    minWidth: theme.spacing(10),
  }),
});
