import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Icon, useStyles2 } from '@grafana/ui';
import React from 'react';
import type { FunnelStep } from '../../data/funnel/buildFunnelModel';
import type { FunnelOrientation, PercentBase } from '../../types';
import { linksOf } from '../shared/display';
import { aboveBaseExplanation, lowVolumeText, type StepFigures } from './stepFigures';
import type { StepLabel } from './stepLabels';
import { StepName } from './StepName';

interface Props {
  step: FunnelStep;
  figures: StepFigures;
  label: StepLabel;
  /** The bar's colour: the threshold colour of the conversion, neutral without enough volume. */
  color: string;
  /** Shows the panel's one tooltip for this step (one shared tooltip keeps many bars cheap). */
  onActivate: (step: FunnelStep, element: HTMLElement) => void;
  onDeactivate: () => void;
  scaleMax: number;
  orientation: FunnelOrientation;
  percentBase: PercentBase;
  showBaseline: boolean;
  compact: boolean;
}

const share = (count: number | undefined, scaleMax: number) =>
  count === undefined || scaleMax <= 0 ? 0 : Math.min(100, (count * 100) / scaleMax);

/**
 * One step of a funnel as its list item: the name and count, the bar (with the baseline's ghost
 * and the conversion's 95 % interval as a whisker) and the figures.
 */
export function FunnelStepBar({
  step,
  figures,
  label,
  color,
  scaleMax,
  orientation,
  percentBase,
  showBaseline,
  compact,
  onActivate,
  onDeactivate,
}: Props) {
  const styles = useStyles2(getStyles);
  const links = linksOf(step.source);
  const vertical = orientation === 'vertical';
  const size = vertical ? 'height' : 'width';
  const start = vertical ? 'bottom' : 'left';
  const conversion = step.conversion[percentBase];
  const interval = conversion.interval;
  // The whisker spans the interval of the conversion as counts of its base, on the bars' scale.
  const whisker =
    interval === undefined || conversion.base === undefined || step.position === 0 || scaleMax <= 0
      ? undefined
      : {
          from: share((interval.low / 100) * conversion.base, scaleMax),
          to: share((interval.high / 100) * conversion.base, scaleMax),
        };
  const baselineShare =
    showBaseline && step.baselineCount !== undefined ? share(step.baselineCount, scaleMax) : undefined;
  const showChange = figures.change !== undefined && !compact;
  const showMedian = figures.median !== undefined && !compact;
  return (
    <li className={vertical ? styles.stepVertical : styles.step} data-testid="funnel-step">
      <div className={styles.label}>
        <StepName label={label} href={links[0]?.href} target={links[0]?.target} />
        {/* A small horizontal funnel keeps one line a step: the count is in the bar's name and tooltip. */}
        {(vertical || !compact) && <span className={styles.count}>{figures.count}</span>}
      </div>
      <div
        className={vertical ? styles.trackVertical : compact ? styles.trackCompact : styles.track}
        tabIndex={0}
        role="img"
        aria-label={figures.label}
        onMouseEnter={(e) => onActivate(step, e.currentTarget)}
        onFocus={(e) => onActivate(step, e.currentTarget)}
        onMouseLeave={onDeactivate}
        onBlur={onDeactivate}
      >
        {step.count === undefined ? (
          <div className={vertical ? styles.missingVertical : styles.missing} />
        ) : (
          <div
            className={vertical ? styles.barVertical : styles.bar}
            data-testid="bar"
            style={{ [size]: `${Math.max(share(step.count, scaleMax), step.count > 0 ? 0.5 : 0)}%`, background: color }}
          />
        )}
        {baselineShare !== undefined && (
          <div
            className={vertical ? styles.ghostVertical : styles.ghost}
            data-testid="baseline-ghost"
            style={{ [size]: `${baselineShare}%` }}
          />
        )}
        {whisker !== undefined && (
          <div
            className={vertical ? styles.whiskerVertical : styles.whisker}
            data-testid="interval"
            style={{ [start]: `${whisker.from}%`, [size]: `${Math.max(0.5, whisker.to - whisker.from)}%` }}
          />
        )}
      </div>
      <div className={vertical ? styles.figuresVertical : styles.figures}>
        <span
          className={figures.lowVolume ? styles.lowVolume : styles.percent}
          title={figures.interval && `95 % interval ${figures.interval}`}
        >
          {figures.lowVolume ? lowVolumeText(compact, conversion.base ?? 0) : figures.percent}
          {figures.aboveBase && (
            <Icon name="exclamation-triangle" size="sm" className={styles.warning} title={aboveBaseExplanation} />
          )}
        </span>
        {showChange && (
          <span className={styles[figures.changeTone]} title={figures.significance}>
            {figures.change}
            {figures.changeTone === 'neutral' && figures.significance?.startsWith('not') ? ' n.s.' : ''}
          </span>
        )}
        {showMedian && (
          <span className={styles.median} title="Median time from the first step">
            <Icon name="clock-nine" size="sm" aria-hidden /> {figures.median}
          </span>
        )}
      </div>
    </li>
  );
}

const getStyles = (theme: GrafanaTheme2) => {
  const small = { color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize } as const;
  const track = {
    position: 'relative',
    height: theme.spacing(3),
    background: theme.colors.background.secondary,
    borderRadius: theme.shape.radius.default,
    outline: 'none',
    '&:focus-visible': { boxShadow: `0 0 0 2px ${theme.colors.primary.main}` },
  } as const;
  const placed = {
    position: 'absolute',
    left: 0,
    top: 0,
    bottom: 0,
    borderRadius: theme.shape.radius.default,
  } as const;
  const growsUp = { top: 'auto', right: 0, left: 0, bottom: 0 } as const;
  // The baseline's ghost: a dashed outline with a halo of the panel's background, so it stands out
  // both over the bar and over the empty track, in either theme.
  const ghost = {
    ...placed,
    zIndex: 1,
    border: `2px dashed ${theme.colors.text.primary}`,
    outline: `2px solid ${theme.colors.background.primary}`,
    pointerEvents: 'none',
  } as const;
  // The 95 % interval: a thin line with end caps through the middle of the bar.
  const whisker = {
    position: 'absolute',
    zIndex: 2,
    top: '50%',
    height: 0,
    borderTop: `2px solid ${theme.colors.text.primary}`,
    pointerEvents: 'none',
    '&::before, &::after': {
      content: '""',
      position: 'absolute',
      top: -6,
      height: 10,
      borderLeft: `2px solid ${theme.colors.text.primary}`,
    },
    '&::before': { left: 0 },
    '&::after': { right: 0 },
  } as const;
  const figures = {
    display: 'flex',
    gap: theme.spacing(1),
    alignItems: 'baseline',
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
  } as const;
  const change = { ...small, fontVariantNumeric: 'tabular-nums' } as const;
  return {
    // Horizontal steps lay their label, bar and figures straight into the list's columns, so
    // every bar starts and ends at the same x whatever the figures' widths. `contents`, not a
    // subgrid per item: nested grids cost a broken-down funnel a third of its layout time.
    step: css({ display: 'contents' }),
    stepVertical: css({
      display: 'flex',
      flexDirection: 'column-reverse',
      alignItems: 'stretch',
      flex: '1 1 0',
      minWidth: 0,
      gap: theme.spacing(0.5),
    }),
    label: css({ ...small, minWidth: 0, lineHeight: 1.25, fontVariantNumeric: 'tabular-nums' }),
    count: css({ display: 'block' }),
    track: css(track),
    trackCompact: css({ ...track, height: theme.spacing(2) }),
    trackVertical: css({ ...track, flex: '1 1 auto', height: 'auto', minHeight: theme.spacing(4) }),
    bar: css({ ...placed, transition: 'width 0.3s' }),
    barVertical: css({ ...placed, ...growsUp, transition: 'height 0.3s' }),
    // A step without data: a hatched, full-length track, never a bar of 0.
    missing: css({
      ...placed,
      right: 0,
      background: `repeating-linear-gradient(45deg, transparent 0 6px, ${theme.colors.border.medium} 6px 8px)`,
    }),
    missingVertical: css({
      ...placed,
      ...growsUp,
      top: 0,
      background: `repeating-linear-gradient(45deg, transparent 0 6px, ${theme.colors.border.medium} 6px 8px)`,
    }),
    ghost: css(ghost),
    ghostVertical: css({ ...ghost, ...growsUp }),
    whisker: css(whisker),
    whiskerVertical: css({
      ...whisker,
      top: 'auto',
      left: '50%',
      height: 'auto',
      width: 0,
      borderTop: 'none',
      borderLeft: `2px solid ${theme.colors.text.primary}`,
      '&::before, &::after': {
        content: '""',
        position: 'absolute',
        left: -6,
        width: 10,
        borderTop: `2px solid ${theme.colors.text.primary}`,
      },
      '&::before': { bottom: 0 },
      '&::after': { top: 0 },
    }),
    figures: css(figures),
    figuresVertical: css({
      ...figures,
      flexWrap: 'wrap',
      justifyContent: 'center',
      columnGap: theme.spacing(0.5),
      rowGap: 0,
    }),
    percent: css({
      fontWeight: theme.typography.fontWeightMedium,
      color: theme.colors.text.primary,
      display: 'inline-flex',
      alignItems: 'center',
      gap: theme.spacing(0.25),
    }),
    lowVolume: css({ ...small, fontStyle: 'italic' }),
    warning: css({ color: theme.colors.warning.text }),
    up: css({ ...change, color: theme.colors.success.text }),
    down: css({ ...change, color: theme.colors.error.text }),
    neutral: css(change),
    median: css({ ...small, display: 'inline-flex', alignItems: 'center', gap: theme.spacing(0.25) }),
  };
};
