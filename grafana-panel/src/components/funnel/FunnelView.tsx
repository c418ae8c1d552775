import { css } from '@emotion/css';
import type { GrafanaTheme2, PanelProps } from '@grafana/data';
import { Portal, useStyles2, useTheme2, VizTooltipContainer } from '@grafana/ui';
import React, { useCallback, useState } from 'react';
import type { FunnelStep } from '../../data/funnel/buildFunnelModel';
import type { FunnelKind } from '../../data/funnel/funnelStatus';
import type { PanelOptions } from '../../types';
import { Notices } from '../shared/Notices';
import { PanelMessage } from '../shared/PanelMessage';
import { FunnelChart } from './FunnelChart';
import { FunnelLegend } from './FunnelLegend';
import { FunnelMultiples } from './FunnelMultiples';
import { FunnelStepTooltip } from './FunnelStepTooltip';
import { figureOptionsFor } from './stepFigures';
import { useFunnelData } from './useFunnelData';

/** Below this width the funnel drops the secondary figures so counts and percentages stay legible. */
const compactWidth = 420;
/** Below this height the legend gives its room to the bars. */
const legendHeight = 120;
/** Height a horizontal step takes with its name on two lines (two 15 px lines), and the gap between steps. */
const twoLineStepHeight = 30;
const stepGap = 4;
/** Height the caption and the legend take above and below the steps. */
const captionAndLegendHeight = 48;

const kindWords: Record<FunnelKind, { badge: string; text: string }> = {
  settled: {
    badge: 'Settled',
    text: 'attempts that closed in the range, each counted once with its furthest step (cohort-exact)',
  },
  live: { badge: 'Live', text: 'step counters in the range; attempts still open count at their first steps only' },
};

export function FunnelView({ data, options, width, height, fieldConfig }: PanelProps<PanelOptions>) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const result = useFunnelData(data, options);
  const [active, setActive] = useState<{ step: FunnelStep; x: number; y: number }>();
  const onActivate = useCallback((step: FunnelStep, element: HTMLElement) => {
    const rect = element.getBoundingClientRect();
    setActive({ step, x: rect.left, y: rect.bottom });
  }, []);
  const onActivateAt = useCallback((step: FunnelStep, x: number, y: number) => setActive({ step, x, y }), []);
  const onDeactivate = useCallback(() => setActive(undefined), []);
  if (result.status !== 'ok') {
    return <PanelMessage state={result} />;
  }
  const { model } = result;
  const compact = width < compactWidth;
  const multiples = model.groups.length > 1 || options.breakdownLabel !== '';
  const field = model.groups[0]?.steps.find((step) => step.source)?.source?.field;
  const thresholds = field?.config.thresholds?.steps ?? fieldConfig.defaults.thresholds?.steps;
  const kind = kindWords[model.kind];
  // A roomy funnel wraps long step names onto two lines; a small one does when its steps still fit.
  const stepCount = model.groups[0]?.steps.length ?? 0;
  const labelLines =
    !compact || stepCount * (twoLineStepHeight + stepGap) - stepGap <= height - captionAndLegendHeight ? 2 : 1;
  return (
    <div className={styles.wrapper} style={{ width, height }} data-testid="funnel-view">
      <div className={styles.caption}>
        <span className={styles.badge}>{kind.badge}</span>
        {!compact && <span>{kind.text}</span>}
      </div>
      <Notices notices={model.notices} collapsed={compact} />
      <div className={styles.content}>
        {multiples ? (
          <FunnelMultiples
            groups={model.groups}
            breakdownLabel={options.breakdownLabel}
            width={width}
            percentBase={options.percentBase}
            showBaseline={model.hasBaseline}
            minVolume={options.minVolume}
            onActivate={onActivateAt}
            onDeactivate={onDeactivate}
          />
        ) : (
          model.groups.map((group) => (
            <FunnelChart
              key={group.key}
              group={group}
              width={width}
              orientation={options.orientation}
              percentBase={options.percentBase}
              showBaseline={model.hasBaseline}
              showMedians={model.hasMedians}
              showDropOff={options.showDropOff}
              compact={compact}
              labelLines={labelLines}
              minVolume={options.minVolume}
              onActivate={onActivate}
              onDeactivate={onDeactivate}
            />
          ))
        )}
      </div>
      {options.showLegend && height > legendHeight && (
        <FunnelLegend
          percentBase={options.percentBase}
          baselineRefId={model.hasBaseline ? options.baselineRefId : undefined}
          thresholds={thresholds?.map((step) => ({ ...step, color: theme.visualization.getColorByName(step.color) }))}
          hasMedians={model.hasMedians}
          minVolume={options.minVolume}
          compact={compact}
        />
      )}
      {active !== undefined && (
        <Portal>
          <VizTooltipContainer role="tooltip" position={{ x: active.x, y: active.y }} offset={{ x: 0, y: 6 }}>
            <FunnelStepTooltip
              step={active.step}
              kind={model.kind}
              options={figureOptionsFor(
                active.step.source?.field ?? field,
                theme,
                options.percentBase,
                options.minVolume,
                model.hasBaseline
              )}
            />
          </VizTooltipContainer>
        </Portal>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrapper: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5), overflow: 'hidden' }),
  caption: css({
    display: 'flex',
    gap: theme.spacing(1),
    alignItems: 'baseline',
    flexShrink: 0,
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    textOverflow: 'ellipsis',
  }),
  badge: css({
    padding: theme.spacing(0, 0.75),
    borderRadius: theme.shape.radius.pill,
    border: `1px solid ${theme.colors.border.medium}`,
    color: theme.colors.text.primary,
  }),
  content: css({ display: 'flex', flexDirection: 'column', flex: '1 1 auto', minHeight: 0, overflow: 'auto' }),
});
