import { css, cx } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import React, { useMemo } from 'react';
import type { FunnelGroup, FunnelStep } from '../../data/funnel/buildFunnelModel';
import type { FunnelOrientation, PercentBase } from '../../types';
import { displayCount, percentDecimals } from '../shared/display';
import { formatPercent } from '../shared/format';
import { smallFontPixels, textWidth } from '../shared/textWidth';
import { FunnelStepBar } from './FunnelStepBar';
import { figureOptionsFor, lowVolumeText, stepColor, stepFigures } from './stepFigures';
import { fitStepLabels } from './stepLabels';

interface Props {
  group: FunnelGroup;
  width: number;
  onActivate: (step: FunnelStep, element: HTMLElement) => void;
  onDeactivate: () => void;
  orientation: FunnelOrientation;
  percentBase: PercentBase;
  showBaseline: boolean;
  showMedians: boolean;
  showDropOff: boolean;
  compact: boolean;
  /** Lines a horizontal step's name may wrap onto (a vertical one always has two). */
  labelLines: 1 | 2;
  minVolume: number;
}

/** Grid and flex gaps of the chart, in px (theme.spacing(1)). */
const gap = 8;
/** Room a vertical drop-off note takes between two steps. */
const verticalDropOffWidth = 72;

/**
 * The widest text each figure can take, so the bars never move when a value changes width; with
 * a tenth to spare for the icons' and the italic text's rounding.
 */
function figuresWidth(
  theme: GrafanaTheme2,
  decimals: number,
  compact: boolean,
  showChange: boolean,
  showMedian: boolean
): number {
  const body = theme.typography.fontSize;
  const small = smallFontPixels(theme);
  const percent = Math.max(
    textWidth(formatPercent(100, decimals), body, theme) + 18,
    textWidth(lowVolumeText(compact, 1000), small, theme)
  );
  const change = showChange ? gap + textWidth(`−100.${'0'.repeat(decimals)} pts n.s.`, small, theme) : 0;
  const median = showMedian ? gap + 16 + textWidth('59 min 59 s', small, theme) : 0;
  return Math.ceil((percent + change + median) * 1.1);
}

/** One funnel: its steps in order, with the drop-off between each pair in the direction the funnel runs. */
export function FunnelChart({
  group,
  width,
  orientation,
  percentBase,
  showBaseline,
  showMedians,
  showDropOff,
  compact,
  labelLines,
  minVolume,
  onActivate,
  onDeactivate,
}: Props) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const vertical = orientation === 'vertical';
  const field = group.steps.find((step) => step.source)?.source?.field;
  const decimals = percentDecimals(field);
  const dropOffs = showDropOff && !compact;
  const reserved = figuresWidth(theme, decimals, compact, showBaseline && !compact, showMedians && !compact);
  const steps = group.steps.length;
  const labelWidth = vertical
    ? (width - gap * (steps - 1) - (dropOffs ? (verticalDropOffWidth + gap) * (steps - 1) : 0)) / Math.max(1, steps)
    : Math.max(80, width * 0.28);
  const labels = useMemo(
    () =>
      fitStepLabels(
        group.steps.map((step) => step.name),
        // Room for a scrollbar.
        labelWidth - 16,
        vertical ? 2 : labelLines,
        (text) => textWidth(text, smallFontPixels(theme), theme)
      ),
    [group.steps, labelWidth, labelLines, vertical, theme]
  );
  const figureOptions = figureOptionsFor(field, theme, percentBase, minVolume, showBaseline);
  const arrow = vertical ? '→' : '↓';
  return (
    <ol
      className={cx(styles.steps, vertical && styles.stepsVertical)}
      style={vertical ? undefined : { gridTemplateColumns: `minmax(80px, 28%) minmax(0, 1fr) ${reserved}px` }}
    >
      {group.steps.map((step, position) => {
        const figures = stepFigures(step, figureOptions);
        const dropOff = step.dropOffFromPreviousStep;
        return (
          <React.Fragment key={step.name}>
            {dropOffs && position > 0 && dropOff !== undefined && (
              <li className={cx(styles.dropOff, vertical && styles.dropOffVertical)} aria-hidden>
                {dropOff >= 0
                  ? `${arrow} ${displayCount(field, dropOff, theme)} dropped (${formatPercent(step.dropOffPercentFromPreviousStep, decimals)})`
                  : `${arrow} ${displayCount(field, -dropOff, theme)} more than the step before (attempts that began before the range)`}
              </li>
            )}
            <FunnelStepBar
              step={step}
              figures={figures}
              label={labels[position]!}
              color={stepColor(step, figures, percentBase, field, theme)}
              scaleMax={group.scaleMax}
              orientation={orientation}
              percentBase={percentBase}
              showBaseline={showBaseline}
              compact={compact}
              onActivate={onActivate}
              onDeactivate={onDeactivate}
            />
          </React.Fragment>
        );
      })}
    </ol>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  steps: css({
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    columnGap: theme.spacing(1),
    rowGap: theme.spacing(0.5),
    alignContent: 'space-evenly',
    alignItems: 'center',
    flex: '1 1 auto',
    minHeight: 0,
  }),
  stepsVertical: css({
    display: 'flex',
    flexDirection: 'row',
    alignItems: 'stretch',
    gap: theme.spacing(1),
  }),
  dropOff: css({
    gridColumn: '2 / -1',
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    lineHeight: 1.2,
    fontVariantNumeric: 'tabular-nums',
  }),
  dropOffVertical: css({
    display: 'flex',
    alignItems: 'center',
    flex: `0 0 ${verticalDropOffWidth}px`,
    textAlign: 'center',
  }),
});
