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

/**
 * One step of a funnel as its list item: the label, the bar (with the ghost of the baseline) and
 * the numbers. A funnel broken down draws hundreds of these, so each is as few boxes as its
 * figures need: the count is a text line of the label, and the percentage stands alone in the
 * figures column unless secondary figures are shown beside it.
 */
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
  const vertical = orientation === 'vertical';
  const size = vertical ? 'height' : 'width';
  const barClass = vertical ? styles.barVertical : styles.bar;
  const percent = formatPercent(conversion.now);
  const showChange = showBaseline && step.baseline !== undefined && !compact;
  const showMedian = step.medianSecondsToConvert !== undefined && !compact;

  let label = `${step.name}: ${count}, ${percent} ${baseWords[percentBase]}`;
  if (showBaseline && step.baseline) {
    label += `, ${formatPoints(conversion.change)} vs baseline`;
  }
  if (step.medianSecondsToConvert !== undefined) {
    label += `, median time to convert ${formatDuration(step.medianSecondsToConvert)}`;
  }

  return (
    <li className={vertical ? styles.stepVertical : styles.step} data-testid="funnel-step">
      <div className={styles.label}>
        {links.length > 0 ? (
          <a className={styles.link} href={links[0]!.href} target={links[0]!.target} title={links[0]!.title}>
            {step.name}
          </a>
        ) : (
          <span className={styles.name}>{step.name}</span>
        )}
        {count}
      </div>
      <div
        className={vertical ? styles.trackVertical : styles.track}
        tabIndex={0}
        role="img"
        aria-label={label}
        onMouseEnter={(e) => onActivate(step, e.currentTarget)}
        onFocus={(e) => onActivate(step, e.currentTarget)}
        onMouseLeave={onDeactivate}
        onBlur={onDeactivate}
      >
        {baselineShare !== undefined && (
          <div className={vertical ? styles.ghostVertical : styles.ghost} style={{ [size]: `${baselineShare}%` }} />
        )}
        <div
          className={step.missing ? cx(barClass, styles.missing) : barClass}
          style={{ [size]: `${Math.max(share, step.count > 0 ? 0.5 : 0)}%`, background: color }}
        />
      </div>
      {showChange || showMedian || vertical ? (
        <div className={vertical ? styles.figuresVertical : styles.figures}>
          <span className={styles.percent}>{percent}</span>
          {showChange && (
            <span className={changeClass(styles, conversion.change)}>
              {step.position === 0 ? '' : formatPoints(conversion.change)}
            </span>
          )}
          {showMedian && (
            <span className={styles.median} title="Median time from the first step">
              <Icon name="clock-nine" size="sm" aria-hidden /> {formatDuration(step.medianSecondsToConvert)}
            </span>
          )}
        </div>
      ) : (
        <span className={styles.percentAlone}>{percent}</span>
      )}
    </li>
  );
});

function changeClass(styles: ReturnType<typeof getStyles>, change: number | undefined): string {
  if (change === undefined || Math.abs(change) < 0.05) {
    return styles.neutral;
  }
  return change > 0 ? styles.up : styles.down;
}

const getStyles = (theme: GrafanaTheme2) => {
  const small = { color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize };
  const stepName = {
    display: 'block',
    fontVariantNumeric: 'normal',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  } as const;
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
  const bar = { ...placed, transition: 'width 0.3s, height 0.3s' } as const;
  // Drawn over the bar as an outline, so the baseline shows whether it is longer or shorter.
  const ghost = {
    ...placed,
    zIndex: 1,
    border: `1.5px dashed ${theme.colors.text.primary}`,
    opacity: 0.6,
    pointerEvents: 'none',
  } as const;
  const growsUp = { top: 'auto', right: 0 } as const;
  const figures = {
    display: 'flex',
    gap: theme.spacing(1),
    alignItems: 'baseline',
    justifyContent: 'flex-start',
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
  } as const;
  const percent = {
    fontWeight: theme.typography.fontWeightMedium,
    color: theme.colors.text.primary,
    minWidth: theme.spacing(5),
    textAlign: 'right',
  } as const;
  return {
    // Horizontal steps lay their label, bar and figures straight into the list's columns, so
    // every bar starts and ends at the same x whatever the figures' widths. `contents`, not a
    // subgrid per item: 200 nested grids took a third of a broken-down funnel's layout time
    // (Chromium keeps the item's listitem role).
    step: css({ display: 'contents' }),
    stepVertical: css({
      display: 'flex',
      flexDirection: 'column-reverse',
      alignItems: 'stretch',
      flex: '1 1 0',
      minWidth: 0,
      gap: theme.spacing(0.5),
    }),
    // The name above the count, in one box: the count is the label's own text line.
    label: css({ ...small, minWidth: 0, lineHeight: 1.25, fontVariantNumeric: 'tabular-nums' }),
    name: css({ ...stepName, color: theme.colors.text.primary }),
    link: css({ ...stepName, color: theme.colors.text.link, '&:hover': { textDecoration: 'underline' } }),
    track: css(track),
    trackVertical: css({ ...track, flex: '1 1 auto', height: 'auto', minHeight: theme.spacing(4) }),
    bar: css(bar),
    barVertical: css({ ...bar, ...growsUp }),
    ghost: css(ghost),
    ghostVertical: css({ ...ghost, ...growsUp }),
    missing: css({ background: theme.colors.text.disabled }),
    figures: css(figures),
    figuresVertical: css({
      ...figures,
      flexWrap: 'wrap',
      justifyContent: 'center',
      columnGap: theme.spacing(0.5),
      rowGap: 0,
    }),
    percent: css(percent),
    // The percentage as the figures column's only box (no secondary figures): placed as it is
    // inside the figures row, at the column's start.
    percentAlone: css({ ...percent, justifySelf: 'start', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }),
    up: css({ ...small, color: theme.colors.success.text, minWidth: theme.spacing(8) }),
    down: css({ ...small, color: theme.colors.error.text, minWidth: theme.spacing(8) }),
    neutral: css({ ...small, minWidth: theme.spacing(8) }),
    median: css({
      ...small,
      display: 'inline-flex',
      alignItems: 'center',
      gap: theme.spacing(0.25),
      minWidth: theme.spacing(10),
    }),
  };
};
