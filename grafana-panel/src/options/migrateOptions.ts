/**
 * Brings options saved by any earlier version of the panel to the current shape: the scaffold's
 * 0.0.x options are dropped, out-of-range or unknown values fall back to defaults so an old
 * dashboard never renders a broken panel, and the 0.1 options that named only the baseline and
 * median queries (every other query was summed into the steps) become explicit query parts.
 */
import type { PanelModel } from '@grafana/data';
import { calculationIds } from '../data/series/calculation';
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

function whole(value: unknown, min: number, max: number, fallback: number): number {
  const number = Number(value);
  return value !== null && value !== '' && Number.isFinite(number)
    ? Math.min(max, Math.max(min, Math.round(number)))
    : fallback;
}

function refIds(value: unknown, fallback: string[]): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : fallback;
}

interface SavedQuery {
  readonly refId?: string;
  readonly exemplar?: boolean;
}

export function migrateOptions(panel: PanelModel<Partial<PanelOptions>>): PanelOptions {
  const saved: Record<string, unknown> = { ...(panel.options ?? {}) };
  const queries = ((panel.targets ?? []) as SavedQuery[])
    .map((query) => query.refId ?? '')
    .filter((refId) => refId !== '');
  const exemplarQuery = (panel.targets as SavedQuery[] | undefined)?.find((query) => query.exemplar === true)?.refId;
  // 0.1 named the baseline and the median; every other query was read as steps.
  const legacyBaseline = text(saved.comparisonRefId, '');
  const legacyMedian = text(saved.timeToConvertRefId, '');
  const legacySteps = queries.filter((refId) => refId !== legacyBaseline && refId !== legacyMedian);
  const fromLegacy = saved.stepsRefIds === undefined && queries.length > 0;
  return {
    mode: oneOf<PanelMode>(saved.mode, ['funnel', 'live'], defaultPanelOptions.mode),
    namespace: text(saved.namespace, defaultPanelOptions.namespace),
    stepsRefIds: refIds(saved.stepsRefIds, fromLegacy ? legacySteps : defaultPanelOptions.stepsRefIds),
    outcomesRefId: text(saved.outcomesRefId, defaultPanelOptions.outcomesRefId),
    baselineRefId: text(saved.baselineRefId, legacyBaseline),
    medianRefId: text(saved.medianRefId, legacyMedian),
    calculation: oneOf(saved.calculation, calculationIds, defaultPanelOptions.calculation),
    orientation: oneOf<FunnelOrientation>(
      saved.orientation,
      ['horizontal', 'vertical'],
      defaultPanelOptions.orientation
    ),
    percentBase: oneOf<PercentBase>(saved.percentBase, ['first', 'previous'], defaultPanelOptions.percentBase),
    breakdownLabel: text(saved.breakdownLabel, defaultPanelOptions.breakdownLabel),
    minVolume: whole(saved.minVolume, 0, 1e9, defaultPanelOptions.minVolume),
    showEmptyGroups: flag(saved.showEmptyGroups, defaultPanelOptions.showEmptyGroups),
    showDropOff: flag(saved.showDropOff, defaultPanelOptions.showDropOff),
    showLegend: flag(saved.showLegend, defaultPanelOptions.showLegend),
    activeUsersRefId: text(
      saved.activeUsersRefId,
      fromLegacy ? (queries[0] ?? '') : defaultPanelOptions.activeUsersRefId
    ),
    ratesRefId: text(saved.ratesRefId, fromLegacy ? (queries[1] ?? '') : defaultPanelOptions.ratesRefId),
    feedRefId: text(saved.feedRefId, fromLegacy ? (exemplarQuery ?? '') : defaultPanelOptions.feedRefId),
    feedLength: whole(saved.feedLength, feedLengthLimits.min, feedLengthLimits.max, defaultPanelOptions.feedLength),
    traceUrlTemplate: text(saved.traceUrlTemplate, defaultPanelOptions.traceUrlTemplate),
  };
}
