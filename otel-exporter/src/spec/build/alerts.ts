import { durationOf, formatDuration, type Duration } from '../duration';
import type { SpecPath } from '../issues';
import type {
  AlertCommon,
  AlertDirection,
  AlertSpec,
  AlertTarget,
  EventSpec,
  FunnelSpec,
  VariantShare,
} from '../model';
import { identifierPattern } from '../names';
import { alertSchema, type RawAlert, type RawDefaults } from '../schema';
import { checkBy, buildTarget } from './alertTarget';
import { validEntries, type Checker } from './checker';
import { specDefaults } from './defaults';
import { knownEvent, knownProperty } from './references';

/** A rate window must hold at least this many scrapes, or a late scrape leaves it empty. */
export const scrapesPerWindow = 4;

export function buildAlerts(
  check: Checker,
  raw: Record<string, unknown>,
  events: ReadonlyMap<string, EventSpec>,
  funnels: readonly FunnelSpec[],
  defaults: RawDefaults,
  scrapeInterval: Duration = durationOf(specDefaults.scrapeIntervalSeconds)
): AlertSpec[] {
  const alerts: AlertSpec[] = [];
  const naming = { section: 'alerts', pattern: identifierPattern, what: 'alert name (letters, digits and _)' };
  for (const [name, alert, path] of validEntries(check, raw, naming, alertSchema)) {
    const before = check.issues.length;
    const target = buildTarget(check, [...path, 'target'], alert.target, events, funnels);
    const by = alert.by ?? [];
    if (target !== undefined) {
      checkBy(check, [...path, 'by'], by, target, events, funnels);
    }
    const built =
      target === undefined ? undefined : buildAlertOfKind(check, path, name, alert, target, by, defaults, events);
    if (built !== undefined) checkWindow(check, path, built.window, scrapeInterval);
    if (built !== undefined && check.issues.length === before) {
      alerts.push(built);
    }
  }
  return alerts;
}

function buildAlertOfKind(
  check: Checker,
  path: SpecPath,
  name: string,
  alert: RawAlert,
  target: AlertTarget,
  by: readonly string[],
  defaults: RawDefaults,
  events: ReadonlyMap<string, EventSpec>
): AlertSpec | undefined {
  const isRatio = target.type !== 'event_rate';
  const isAb = alert.kind === 'ab_launch';
  const common = {
    name,
    target,
    by,
    minVolume: alert.minVolume ?? (isAb ? specDefaults.abMinVolume : (defaults.minVolume ?? specDefaults.minVolume)),
    window:
      alert.window ??
      (isAb ? durationOf(specDefaults.abWindowSeconds) : undefined) ??
      defaults.alertWindow ??
      durationOf(specDefaults.alertWindowSeconds),
    for: alert.for ?? defaults.for ?? durationOf(specDefaults.forSeconds),
    keepFiringFor: alert.keepFiringFor,
    sensitivity: alert.sensitivity ?? specDefaults.sensitivity,
    severity: alert.severity ?? defaults.severity ?? specDefaults.severity,
    team: alert.team ?? defaults.team ?? specDefaults.team,
    runbookUrl: alert.runbook,
    summary: alert.summary,
  };
  const notFor = (field: keyof RawAlert, kinds: string) => {
    if (alert[field] !== undefined) {
      check.add([...path, field], `\`${field}\` applies to ${kinds} alerts only`, true);
    }
  };
  const ratioBound = (field: 'bound' | 'fallbackBound') => {
    const value = alert[field];
    if (isRatio && value !== undefined && (value < 0 || value > 1)) {
      check.add([...path, field], `a ${target.type.replace('_', ' ')} is a ratio from 0 to 1; got ${value}`);
    }
  };
  if (alert.kind !== 'threshold' && alert.kind !== 'anomaly') notFor('direction', 'threshold and anomaly');
  if (alert.kind !== 'threshold') notFor('bound', 'threshold');
  if (alert.kind !== 'anomaly') {
    notFor('minMargin', 'anomaly');
    notFor('fallbackBound', 'anomaly');
  }
  if (alert.kind !== 'spike' && !isAb) notFor('factor', 'spike and ab_launch');
  if (!isAb) {
    for (const field of ['variant', 'split', 'track', 'errorRatio'] as const) notFor(field, 'ab_launch');
  }

  switch (alert.kind) {
    case 'threshold': {
      if (alert.direction === undefined || alert.direction === 'both') {
        check.add([...path, 'direction'], 'threshold alerts need `direction: above` or `direction: below`');
        return undefined;
      }
      if (alert.bound === undefined) {
        check.add([...path, 'bound'], 'threshold alerts need a `bound:`');
        return undefined;
      }
      ratioBound('bound');
      return { ...common, kind: 'threshold', direction: alert.direction, bound: alert.bound };
    }
    case 'anomaly': {
      ratioBound('fallbackBound');
      return {
        ...common,
        kind: 'anomaly',
        direction: alert.direction ?? defaultAnomalyDirection(target),
        minMargin: alert.minMargin,
        fallbackBound: alert.fallbackBound,
      };
    }
    case 'spike': {
      if (alert.factor === undefined) {
        check.add([...path, 'factor'], 'spike alerts need a `factor:` (e.g. 5 for five times the baseline)');
        return undefined;
      }
      if (target.type === 'conversion') {
        check.add([...path, 'target'], 'spike alerts watch an event rate or an error ratio, not a conversion');
        return undefined;
      }
      return { ...common, kind: 'spike', factor: alert.factor };
    }
    case 'no_data': {
      if (target.type !== 'event_rate') {
        check.add([...path, 'target'], 'no_data alerts watch an `event:` target');
        return undefined;
      }
      return { ...common, kind: 'no_data' };
    }
    case 'ab_launch':
      return buildAbLaunch(check, path, alert, target, common, events);
  }
}

/** An A/B launch guard: the exposure event, its variant property, the split, tracked and error events. */
function buildAbLaunch(
  check: Checker,
  path: SpecPath,
  alert: RawAlert,
  target: AlertTarget,
  common: AlertCommon,
  events: ReadonlyMap<string, EventSpec>
): AlertSpec | undefined {
  const before = check.issues.length;
  if (target.type !== 'event_rate') {
    check.add([...path, 'target'], 'ab_launch alerts watch the exposure event: `target: { event: <exposure> }`');
    return undefined;
  }
  if (common.by.length > 0) {
    check.add([...path, 'by'], 'ab_launch alerts are split by their `variant:` property; drop `by:`');
  }
  const variant = alert.variant;
  if (variant === undefined) {
    check.add([...path, 'variant'], 'ab_launch alerts need `variant:`, the exposure property naming the variant');
    return undefined;
  }
  const exposure = events.get(target.event);
  const variantProperty =
    exposure === undefined ? undefined : knownProperty(check, [...path, 'variant'], exposure, variant);
  const split = splitOf(check, [...path, 'split'], alert.split, variantProperty?.values);
  const track = alert.track ?? [];
  // Tracked and error events are told apart by the same property, or a variant's events could not be counted.
  const carriesVariant = (names: readonly string[], field: SpecPath) =>
    names.forEach((name, index) => {
      const event = knownEvent(check, [...field, index], name, events);
      if (event !== undefined) knownProperty(check, [...field, index], event, variant);
    });
  carriesVariant(track, [...path, 'track']);
  if (alert.errorRatio !== undefined) {
    carriesVariant(alert.errorRatio.errors, [...path, 'errorRatio', 'errors']);
    carriesVariant(alert.errorRatio.total, [...path, 'errorRatio', 'total']);
  }
  if (split === undefined || check.issues.length > before) return undefined;
  return {
    ...common,
    kind: 'ab_launch',
    variant,
    split,
    track,
    errorRatio: alert.errorRatio,
    factor: alert.factor ?? specDefaults.abFactor,
  };
}

/** The expected split: at least two variants, positive weights normalised to shares, declared values only. */
function splitOf(
  check: Checker,
  path: SpecPath,
  raw: Record<string, number> | undefined,
  declared: readonly string[] | undefined
): VariantShare[] | undefined {
  const variants = Object.keys(raw ?? {});
  if (raw === undefined || variants.length < 2) {
    check.add(
      path,
      'ab_launch alerts need `split:` with at least two variants and their shares, e.g. { a: 50, b: 50 }'
    );
    return undefined;
  }
  for (const variant of variants) {
    if (declared !== undefined && !declared.includes(variant)) {
      check.add([...path, variant], `"${variant}" is not one of the values declared for the variant property`, true);
    }
  }
  const total = variants.reduce((sum, v) => sum + (raw[v] ?? 0), 0);
  return variants.map((variant) => ({ variant, share: (raw[variant] ?? 0) / total }));
}

/** Every window spans at least four scrapes, or a scrape arriving late leaves the window empty. */
function checkWindow(check: Checker, path: SpecPath, window: Duration, scrapeInterval: Duration): void {
  if (window.seconds < scrapesPerWindow * scrapeInterval.seconds) {
    check.add(
      [...path, 'window'],
      `${window.text} holds fewer than ${scrapesPerWindow} scrapes at prometheus.scrapeInterval ${scrapeInterval.text}: ` +
        `make it at least ${formatDuration(scrapesPerWindow * scrapeInterval.seconds)}`
    );
  }
}

/** What usually hurts: conversion falling, errors rising; plain rates both ways. */
function defaultAnomalyDirection(target: AlertTarget): AlertDirection {
  switch (target.type) {
    case 'conversion':
      return 'below';
    case 'error_ratio':
      return 'above';
    case 'event_rate':
      return 'both';
  }
}
