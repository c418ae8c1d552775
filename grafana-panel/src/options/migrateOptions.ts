/**
 * Brings options saved by any earlier version of the panel to the current shape: the
 * scaffold's 0.0.x options are dropped, and out-of-range or unknown values fall back to
 * defaults so an old dashboard never renders a broken panel.
 */
import type { PanelModel } from '@grafana/data';
import {
  defaultPanelOptions,
  type FunnelOrientation,
  type PanelMode,
  type PanelOptions,
  type PercentBase,
} from '../types';
import { feedLengthLimits } from './buildPanelOptions';

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value.trim() : fallback;
}

function flag(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

export function migrateOptions(panel: PanelModel<Partial<PanelOptions>>): PanelOptions {
  const saved: Record<string, unknown> = { ...(panel.options ?? {}) };
  const feedLength = Number(saved.feedLength);
  return {
    mode: oneOf<PanelMode>(saved.mode, ['funnel', 'live'], defaultPanelOptions.mode),
    namespace: text(saved.namespace, defaultPanelOptions.namespace),
    orientation: oneOf<FunnelOrientation>(
      saved.orientation,
      ['horizontal', 'vertical'],
      defaultPanelOptions.orientation
    ),
    percentBase: oneOf<PercentBase>(saved.percentBase, ['first', 'previous'], defaultPanelOptions.percentBase),
    comparisonRefId: text(saved.comparisonRefId, defaultPanelOptions.comparisonRefId),
    timeToConvertRefId: text(saved.timeToConvertRefId, defaultPanelOptions.timeToConvertRefId),
    breakdownLabel: text(saved.breakdownLabel, defaultPanelOptions.breakdownLabel),
    showDropOff: flag(saved.showDropOff, defaultPanelOptions.showDropOff),
    showLegend: flag(saved.showLegend, defaultPanelOptions.showLegend),
    feedLength: Number.isFinite(feedLength)
      ? Math.min(feedLengthLimits.max, Math.max(feedLengthLimits.min, Math.round(feedLength)))
      : defaultPanelOptions.feedLength,
    traceUrlTemplate: text(saved.traceUrlTemplate, defaultPanelOptions.traceUrlTemplate),
  };
}
