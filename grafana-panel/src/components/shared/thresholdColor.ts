/**
 * The bar colour for a conversion percentage: the panel's thresholds apply to the conversion
 * (0–100), so "red below 10 %" reads the way a funnel is judged; a fixed colour wins when chosen.
 */
import { FieldColorModeId, getActiveThreshold, type FieldConfig, type GrafanaTheme2 } from '@grafana/data';

export function conversionColor(
  config: FieldConfig | undefined,
  percent: number | undefined,
  theme: GrafanaTheme2
): string {
  if (config?.color?.mode === FieldColorModeId.Fixed && config.color.fixedColor) {
    return theme.visualization.getColorByName(config.color.fixedColor);
  }
  const steps = config?.thresholds?.steps;
  if (percent === undefined || steps === undefined || steps.length === 0) {
    return theme.colors.primary.main;
  }
  return theme.visualization.getColorByName(getActiveThreshold(percent, steps).color);
}
