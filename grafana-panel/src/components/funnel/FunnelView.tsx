import { css, cx } from '@emotion/css';
import type { GrafanaTheme2, PanelProps } from '@grafana/data';
import { Portal, useStyles2, useTheme2, VizTooltipContainer } from '@grafana/ui';
import React, { useCallback, useState } from 'react';
import type { FunnelStep } from '../../data/funnel/buildFunnelModel';
import { FunnelStepTooltip } from './FunnelStepTooltip';
import type { PanelOptions } from '../../types';
import { PanelMessage } from '../shared/PanelMessage';
import { FunnelChart } from './FunnelChart';
import { FunnelLegend } from './FunnelLegend';
import { useFunnelData } from './useFunnelData';

/** Below this width the funnel drops the secondary figures so counts and percentages stay legible. */
const compactWidth = 420;

export function FunnelView({ data, options, width, height, fieldConfig }: PanelProps<PanelOptions>) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const result = useFunnelData(data, options);
  const [active, setActive] = useState<{ step: FunnelStep; x: number; y: number }>();
  const onActivate = useCallback((step: FunnelStep, element: HTMLElement) => {
    const rect = element.getBoundingClientRect();
    setActive({ step, x: rect.left, y: rect.bottom });
  }, []);
  const onDeactivate = useCallback(() => setActive(undefined), []);
  if (result.status !== 'ok') {
    return <PanelMessage state={result} />;
  }
  const { model } = result;
  const compact = width < compactWidth;
  const multiples = model.groups.length > 1 || options.breakdownLabel !== '';
  const thresholds =
    model.groups[0]?.steps.find((step) => step.source)?.source?.field.config.thresholds?.steps ??
    fieldConfig.defaults.thresholds?.steps;
  const columns = multiples ? Math.max(1, Math.min(model.groups.length, Math.floor(width / (compact ? 200 : 300)))) : 1;
  return (
    <div className={styles.wrapper} style={{ width, height }} data-testid="funnel-view">
      <div
        className={cx(styles.grid, options.orientation === 'vertical' && styles.gridVertical)}
        style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, gridAutoRows: multiples ? 'auto' : '1fr' }}
      >
        {model.groups.map((group) => (
          <FunnelChart
            key={group.key}
            group={group}
            title={multiples ? `${options.breakdownLabel}=${group.key === '' ? '(none)' : group.key}` : undefined}
            orientation={options.orientation}
            percentBase={options.percentBase}
            showBaseline={model.hasBaseline}
            showDropOff={options.showDropOff && !multiples}
            compact={compact || multiples}
            onActivate={onActivate}
            onDeactivate={onDeactivate}
          />
        ))}
      </div>
      {options.showLegend && height > 120 && (
        <FunnelLegend
          percentBase={options.percentBase}
          baselineRefId={model.hasBaseline ? options.comparisonRefId : undefined}
          thresholds={thresholds?.map((step) => ({ ...step, color: theme.visualization.getColorByName(step.color) }))}
          hasTimeToConvert={model.hasTimeToConvert}
        />
      )}
      {active !== undefined && (
        <Portal>
          <VizTooltipContainer role="tooltip" position={{ x: active.x, y: active.y }} offset={{ x: 0, y: 6 }}>
            <FunnelStepTooltip step={active.step} percentBase={options.percentBase} showBaseline={model.hasBaseline} />
          </VizTooltipContainer>
        </Portal>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrapper: css({ display: 'flex', flexDirection: 'column', overflow: 'auto', gap: theme.spacing(1) }),
  grid: css({ display: 'grid', gap: theme.spacing(2), flex: '1 1 auto', alignContent: 'start' }),
  gridVertical: css({ alignContent: 'stretch', minHeight: theme.spacing(20) }),
});
