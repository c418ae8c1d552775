import { durationOf } from '../duration';
import type { SpecPath } from '../issues';
import type { AlertDirection, AlertSpec, AlertTarget, EventSpec, FunnelSpec } from '../model';
import { identifierPattern } from '../names';
import { alertSchema, type RawAlert, type RawDefaults } from '../schema';
import { checkBy, buildTarget } from './alertTarget';
import { validEntries, type Checker } from './checker';
import { specDefaults } from './defaults';

export function buildAlerts(
  check: Checker,
  raw: Record<string, unknown>,
  events: ReadonlyMap<string, EventSpec>,
  funnels: readonly FunnelSpec[],
  defaults: RawDefaults
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
    const built = target === undefined ? undefined : buildAlertOfKind(check, path, name, alert, target, by, defaults);
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
  defaults: RawDefaults
): AlertSpec | undefined {
  const isRatio = target.type !== 'event_rate';
  const common = {
    name,
    target,
    by,
    minVolume: alert.minVolume ?? defaults.minVolume ?? specDefaults.minVolume,
    window: alert.window ?? defaults.alertWindow ?? durationOf(specDefaults.alertWindowSeconds),
    for: alert.for ?? defaults.for ?? durationOf(specDefaults.forSeconds),
    keepFiringFor: alert.keepFiringFor,
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
    notFor('sensitivity', 'anomaly');
    notFor('minMargin', 'anomaly');
    notFor('fallbackBound', 'anomaly');
  }
  if (alert.kind !== 'spike') notFor('factor', 'spike');

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
        sensitivity: alert.sensitivity ?? specDefaults.anomalySensitivity,
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
