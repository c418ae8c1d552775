import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import React, { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { FunnelGroup, FunnelStep } from '../../data/funnel/buildFunnelModel';
import type { PercentBase } from '../../types';
import { percentDecimals } from '../shared/display';
import { formatPercent } from '../shared/format';
import { smallFontPixels, textWidth } from '../shared/textWidth';
import { figureOptionsFor, stepColor, stepFigures, type StepFigures } from './stepFigures';
import { fitStepLabels, type StepLabel } from './stepLabels';

interface Props {
  groups: FunnelGroup[];
  breakdownLabel: string;
  width: number;
  percentBase: PercentBase;
  showBaseline: boolean;
  minVolume: number;
  onActivate: (step: FunnelStep, x: number, y: number) => void;
  onDeactivate: () => void;
}

const rowHeight = 18;
const headerHeight = 22;
const padding = 4;

interface Row {
  readonly step: FunnelStep;
  readonly figures: StepFigures;
  readonly color: string;
}

/**
 * A funnel per breakdown value, side by side: each drawn on one canvas (a broken-down funnel has
 * hundreds of steps; a few canvases lay out in a fraction of the time of their DOM), with its
 * figures in the canvas' accessible name and each step's tooltip on hover and arrow keys.
 */
export function FunnelMultiples({
  groups,
  breakdownLabel,
  width,
  percentBase,
  showBaseline,
  minVolume,
  onActivate,
  onDeactivate,
}: Props) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const columns = Math.max(1, Math.min(groups.length, Math.floor(width / 280)));
  const chartWidth = Math.floor((width - (columns - 1) * 16) / columns);
  const labelWidth = Math.floor(chartWidth * 0.36);
  // Every group carries the same step names: fit them once, keyed by their text.
  const names = (groups[0]?.steps.map((step) => step.name) ?? []).join('\n');
  const fontSize = smallFontPixels(theme);
  const labels = useMemo(
    () => fitStepLabels(names.split('\n'), labelWidth - padding, 1, (text) => textWidth(text, fontSize, theme)),
    [names, labelWidth, fontSize, theme]
  );
  return (
    <div className={styles.grid} style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}>
      {groups.map((group) => (
        <GroupCanvas
          key={group.key}
          group={group}
          title={`${breakdownLabel}=${group.key === '' ? '(none)' : group.key}`}
          width={chartWidth}
          labelWidth={labelWidth}
          labels={labels}
          percentBase={percentBase}
          showBaseline={showBaseline}
          minVolume={minVolume}
          onActivate={onActivate}
          onDeactivate={onDeactivate}
        />
      ))}
    </div>
  );
}

interface GroupProps extends Omit<Props, 'groups' | 'breakdownLabel'> {
  group: FunnelGroup;
  title: string;
  labelWidth: number;
  labels: StepLabel[];
}

function GroupCanvas({
  group,
  title,
  width,
  labelWidth,
  labels,
  percentBase,
  showBaseline,
  minVolume,
  onActivate,
  onDeactivate,
}: GroupProps) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [active, setActive] = useState<number>();
  const field = group.steps.find((step) => step.source)?.source?.field;
  const decimals = percentDecimals(field);
  const options = figureOptionsFor(field, theme, percentBase, minVolume, showBaseline);
  const rows: Row[] = group.steps.map((step) => {
    const figures = stepFigures(step, options);
    return { step, figures, color: stepColor(step, figures, percentBase, field, theme) };
  });
  const height = rows.length * rowHeight + padding;
  const overall = group.steps[group.steps.length - 1]?.conversion.first.percent;

  useLayoutEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (context) {
      draw(context, {
        rows,
        labels,
        width,
        height,
        labelWidth,
        scaleMax: group.scaleMax,
        theme,
        percentBase,
        showBaseline,
      });
    }
  });

  const show = (index: number) => {
    const row = rows[index];
    const box = canvas.current?.getBoundingClientRect();
    if (row !== undefined && box !== undefined) {
      setActive(index);
      onActivate(row.step, box.left + labelWidth, box.top + (index + 1) * rowHeight);
    }
  };
  const hide = () => {
    setActive(undefined);
    onDeactivate();
  };
  return (
    <section className={styles.chart} aria-label={`Funnel for ${title}`}>
      <header className={styles.header} style={{ height: headerHeight }}>
        <span className={styles.title}>{title}</span>
        <span className={styles.overall}>{formatPercent(overall, decimals)} overall</span>
      </header>
      <canvas
        ref={canvas}
        className={styles.canvas}
        width={Math.round(width * devicePixelRatio)}
        height={Math.round(height * devicePixelRatio)}
        style={{ width, height }}
        role="img"
        tabIndex={0}
        aria-label={rows.map((row) => row.figures.label).join('; ')}
        onMouseMove={(e) => {
          const index = Math.floor((e.clientY - e.currentTarget.getBoundingClientRect().top) / rowHeight);
          if (index !== active) {
            show(index);
          }
        }}
        onMouseLeave={hide}
        onFocus={() => show(active ?? 0)}
        onBlur={hide}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            show(Math.max(0, Math.min(rows.length - 1, (active ?? -1) + (e.key === 'ArrowDown' ? 1 : -1))));
          }
        }}
      />
    </section>
  );
}

interface DrawInput {
  rows: Row[];
  labels: StepLabel[];
  width: number;
  height: number;
  labelWidth: number;
  scaleMax: number;
  theme: GrafanaTheme2;
  percentBase: PercentBase;
  showBaseline: boolean;
}

/** Draws one small funnel: per step its label, track, bar, baseline ghost, interval whisker and percentage. */
function draw(context: CanvasRenderingContext2D, input: DrawInput): void {
  const { rows, labels, width, height, labelWidth, scaleMax, theme } = input;
  const scale = devicePixelRatio;
  context.setTransform(scale, 0, 0, scale, 0, 0);
  context.clearRect(0, 0, width, height);
  const fontSize = smallFontPixels(theme);
  context.font = `${fontSize}px ${theme.typography.fontFamily}`;
  context.textBaseline = 'middle';
  const percentWidth = Math.ceil(textWidth(formatPercent(100), fontSize, theme)) + padding;
  const trackLeft = labelWidth;
  const trackWidth = Math.max(10, width - labelWidth - percentWidth - padding);
  const x = (count: number) => trackLeft + (scaleMax > 0 ? (Math.min(count, scaleMax) / scaleMax) * trackWidth : 0);
  rows.forEach(({ step, figures, color }, index) => {
    const top = index * rowHeight + 2;
    const middle = top + (rowHeight - 4) / 2;
    context.fillStyle = theme.colors.text.primary;
    context.textAlign = 'left';
    context.fillText(labels[index]?.text ?? step.name, 0, middle, labelWidth - padding);
    context.fillStyle = theme.colors.background.secondary;
    context.fillRect(trackLeft, top, trackWidth, rowHeight - 4);
    if (step.count !== undefined) {
      context.fillStyle = color;
      context.fillRect(trackLeft, top, Math.max(step.count > 0 ? 1 : 0, x(step.count) - trackLeft), rowHeight - 4);
    }
    if (input.showBaseline && step.baselineCount !== undefined) {
      const ghostWidth = x(step.baselineCount) - trackLeft;
      context.setLineDash([]);
      context.lineWidth = 3;
      context.strokeStyle = theme.colors.background.primary;
      context.strokeRect(trackLeft + 1, top + 1, ghostWidth - 2, rowHeight - 6);
      context.setLineDash([3, 2]);
      context.lineWidth = 1.5;
      context.strokeStyle = theme.colors.text.primary;
      context.strokeRect(trackLeft + 1, top + 1, ghostWidth - 2, rowHeight - 6);
      context.setLineDash([]);
    }
    const conversion = step.conversion[input.percentBase];
    if (conversion.interval !== undefined && conversion.base !== undefined && step.position > 0) {
      const from = x((conversion.interval.low / 100) * conversion.base);
      const to = x((conversion.interval.high / 100) * conversion.base);
      context.strokeStyle = theme.colors.text.primary;
      context.lineWidth = 1.5;
      context.beginPath();
      context.moveTo(from, middle);
      context.lineTo(to, middle);
      context.moveTo(from, middle - 3);
      context.lineTo(from, middle + 3);
      context.moveTo(to, middle - 3);
      context.lineTo(to, middle + 3);
      context.stroke();
    }
    context.textAlign = 'right';
    context.fillStyle = figures.lowVolume ? theme.colors.text.disabled : theme.colors.text.primary;
    context.fillText(figures.lowVolume ? `n=${Math.round(conversion.base ?? 0)}` : figures.percent, width, middle);
  });
}

const getStyles = (theme: GrafanaTheme2) => ({
  grid: css({ display: 'grid', columnGap: theme.spacing(2), rowGap: theme.spacing(1.5), alignContent: 'start' }),
  chart: css({ display: 'flex', flexDirection: 'column', minWidth: 0 }),
  header: css({
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'baseline',
    borderBottom: `1px solid ${theme.colors.border.weak}`,
    marginBottom: theme.spacing(0.5),
  }),
  title: css({ fontWeight: theme.typography.fontWeightMedium, color: theme.colors.text.primary }),
  overall: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    fontVariantNumeric: 'tabular-nums',
  }),
  canvas: css({
    display: 'block',
    outline: 'none',
    '&:focus-visible': { boxShadow: `0 0 0 2px ${theme.colors.primary.main}` },
  }),
});
