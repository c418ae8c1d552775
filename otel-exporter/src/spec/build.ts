import type { z } from 'zod';
import { durationOf } from './duration';
import type { PathIssue, SpecPath } from './issues';
import type {
  ActiveUsersScope,
  ActiveUsersSpec,
  AlertDirection,
  AlertSpec,
  AlertTarget,
  AnalyticsSpec,
  EventSpec,
  FunnelSpec,
  FunnelStep,
  PropertyFilter,
  PropertySpec,
} from './model';
import {
  eventNamePattern,
  identifierPattern,
  identityNames,
  isReservedLabelName,
  labelNamePattern,
  namespacePattern,
} from './names';
import {
  alertSchema,
  eventSchema,
  funnelSchema,
  funnelStepSchema,
  funnelWindowSchema,
  propertySchema,
  topLevelSchemas,
  type RawActiveUsers,
  type RawAlert,
  type RawAlertTarget,
  type RawDefaults,
  type RawFunnelStep,
} from './schema';
import { didYouMean } from './suggest';
import { fromZodIssues } from './zodIssues';

/** Defaults applied where the spec is silent; documented in otel-exporter/README.md. */
export const specDefaults = {
  namespace: 'product',
  seriesBudget: 20_000,
  maxFunnelUsers: 100_000,
  timestampSkewSeconds: 300,
  maxValues: 20,
  conversionWindowSeconds: 1800,
  team: 'product',
  severity: 'warning',
  minVolume: 10,
  alertWindowSeconds: 300,
  forSeconds: 120,
  anomalySensitivity: 3,
  hllPrecision: 10,
  activeUserWindows: [300, 3600, 86400],
  activeUserScope: 'all',
  exemplarUserId: 'hashed',
  exemplarKeyEnv: 'NOWCAST_USER_ID_KEY',
} as const;

export interface BuildResult {
  /** Present only when there are no issues. */
  readonly spec?: AnalyticsSpec;
  readonly issues: readonly PathIssue[];
}

/** Validates a spec document (already parsed from YAML or given as an object) and applies defaults. */
export function buildSpec(raw: unknown): BuildResult {
  const check = new Checker();
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    check.add([], 'the spec must be a mapping with at least an `events:` section');
    return { issues: check.issues };
  }
  const doc = raw as Record<string, unknown>;
  const known = Object.keys(topLevelSchemas);
  for (const key of Object.keys(doc)) {
    if (!known.includes(key)) {
      check.add([key], `unknown section "${key}"${didYouMean(key, known)}; expected one of: ${known.join(', ')}`, true);
    }
  }
  const section = <Schema extends z.ZodType>(key: keyof typeof topLevelSchemas, schema: Schema) =>
    check.parse(schema, doc[key], [key]);
  const schemas = topLevelSchemas;

  const namespace = section('namespace', schemas.namespace) ?? specDefaults.namespace;
  if (!namespacePattern.test(namespace)) {
    check.add(['namespace'], `"${namespace}" is not a valid metric name prefix (letters, digits and _, e.g. "shop")`);
  }
  const limits = section('limits', schemas.limits) ?? {};
  const defaults = section('defaults', schemas.defaults) ?? {};
  const exemplars = section('exemplars', schemas.exemplars) ?? {};
  const links = section('links', schemas.links) ?? {};
  section('version', schemas.version);

  const rawEvents = section('events', schemas.events) ?? {};
  const rawFunnels = section('funnels', schemas.funnels) ?? {};
  // Names declared but invalid are known: references to them are not reported again.
  check.declared = { events: new Set(Object.keys(rawEvents)), funnels: new Set(Object.keys(rawFunnels)) };
  const events = buildEvents(check, rawEvents, defaults);
  const eventsByName = new Map(events.map((e) => [e.name, e]));
  const funnels = buildFunnels(check, rawFunnels, eventsByName, defaults);
  const activeUsers = buildActiveUsers(check, section('activeUsers', schemas.activeUsers) ?? {}, eventsByName);
  const alerts = buildAlerts(check, section('alerts', schemas.alerts) ?? {}, eventsByName, funnels, defaults);

  if (check.issues.length > 0) {
    return { issues: check.issues };
  }
  const spec: AnalyticsSpec = {
    version: 1,
    namespace,
    limits: {
      seriesBudget: limits.seriesBudget ?? specDefaults.seriesBudget,
      maxFunnelUsers: limits.maxFunnelUsers ?? specDefaults.maxFunnelUsers,
      timestampSkew: limits.timestampSkew ?? durationOf(specDefaults.timestampSkewSeconds),
    },
    exemplars: {
      userId: exemplars.userId ?? specDefaults.exemplarUserId,
      keyEnv: exemplars.keyEnv ?? specDefaults.exemplarKeyEnv,
    },
    links: { dashboard: links.dashboard },
    events,
    funnels,
    activeUsers,
    alerts,
  };
  return { spec, issues: [] };
}

class Checker {
  readonly issues: PathIssue[] = [];
  declared: { events: ReadonlySet<string>; funnels: ReadonlySet<string> } = { events: new Set(), funnels: new Set() };
  /** Events with a property that failed validation: missing properties on them are not reported again. */
  readonly incompleteEvents = new Set<string>();

  add(path: SpecPath, message: string, atKey = false): void {
    this.issues.push({ path, message, atKey });
  }

  parse<Schema extends z.ZodType>(schema: Schema, value: unknown, path: SpecPath): z.output<Schema> | undefined {
    const result = schema.safeParse(value);
    if (result.success) {
      return result.data as z.output<Schema>;
    }
    this.issues.push(...fromZodIssues(result.error.issues, path, value));
    return undefined;
  }

  /** Checks a name against a pattern; reports at the key. */
  name(path: SpecPath, name: string, pattern: RegExp, what: string): boolean {
    if (pattern.test(name)) {
      return true;
    }
    this.add(path, `"${name}" is not a valid ${what}`, true);
    return false;
  }
}

function entries(record: Record<string, unknown>): [string, unknown][] {
  return Object.keys(record).map((key) => [key, record[key]]);
}

function buildEvents(check: Checker, raw: Record<string, unknown>, defaults: RawDefaults): EventSpec[] {
  const events: EventSpec[] = [];
  if (Object.keys(raw).length === 0) {
    check.add(['events'], 'declare at least one event, e.g. `page_viewed: {}`');
  }
  for (const [name, rawEvent] of entries(raw)) {
    const path = ['events', name];
    const nameOk = check.name(
      path,
      name,
      eventNamePattern,
      'event name (letters, digits, _ . : -, starting with a letter, at most 100 characters)'
    );
    const event = check.parse(eventSchema, rawEvent, path);
    if (!nameOk || event === undefined) {
      continue;
    }
    const properties: PropertySpec[] = [];
    for (const [propertyName, rawProperty] of entries(event.properties ?? {})) {
      const propertyPath = [...path, 'properties', propertyName];
      const property = check.parse(propertySchema, rawProperty, propertyPath);
      if (property === undefined) {
        check.incompleteEvents.add(name);
        continue;
      }
      if (!labelNamePattern.test(propertyName)) {
        check.add(
          propertyPath,
          `"${propertyName}" is not a valid Prometheus label name (letters, digits and _, not starting with a digit); use \`attribute:\` to read a dotted OTel attribute`,
          true
        );
        check.incompleteEvents.add(name);
        continue;
      }
      if (isReservedLabelName(propertyName)) {
        check.add(
          propertyPath,
          `"${propertyName}" is reserved by the metric contract; choose another label name`,
          true
        );
        check.incompleteEvents.add(name);
        continue;
      }
      const attribute = property.attribute ?? propertyName;
      if (identityNames.has(propertyName.toLowerCase()) || identityNames.has(attribute.toLowerCase())) {
        check.add(
          propertyPath,
          `"${attribute}" identifies a user; user ids never become label values (they go to exemplars, pseudonymised)`,
          true
        );
        check.incompleteEvents.add(name);
        continue;
      }
      if (property.values !== undefined) {
        const duplicate = property.values.find((v, i) => property.values?.indexOf(v) !== i);
        if (duplicate !== undefined) {
          check.add([...propertyPath, 'values'], `"${duplicate}" is listed twice`);
        }
        if (property.maxValues !== undefined && property.values.length > property.maxValues) {
          check.add(
            [...propertyPath, 'maxValues'],
            `is ${property.maxValues} but ${property.values.length} values are listed; raise it or drop maxValues`
          );
        }
      }
      const maxValues = property.maxValues ?? property.values?.length ?? defaults.maxValues ?? specDefaults.maxValues;
      properties.push({
        name: propertyName,
        attribute,
        maxValues,
        values: property.values,
      });
    }
    if (event.value !== undefined && properties.some((p) => p.attribute === event.value?.field)) {
      check.add(
        [...path, 'value', 'field'],
        `"${event.value.field}" is also a declared property; a numeric value must not become a label`
      );
    }
    events.push({
      name,
      description: event.description,
      properties,
      value: event.value,
    });
  }
  return events;
}

/** Resolves an event reference, reporting unknown names with the closest declared one. */
function knownEvent(
  check: Checker,
  path: SpecPath,
  name: string,
  events: ReadonlyMap<string, EventSpec>
): EventSpec | undefined {
  const event = events.get(name);
  if (event === undefined && !check.declared.events.has(name)) {
    check.add(path, `unknown event "${name}"${didYouMean(name, events.keys())}`);
  }
  return event;
}

function knownProperty(
  check: Checker,
  path: SpecPath,
  event: EventSpec,
  name: string,
  atKey = false
): PropertySpec | undefined {
  const property = event.properties.find((p) => p.name === name);
  if (property === undefined && !check.incompleteEvents.has(event.name)) {
    const declared = event.properties.map((p) => p.name);
    const hint = declared.length === 0 ? `; "${event.name}" declares no properties` : didYouMean(name, declared);
    check.add(path, `"${name}" is not a property of event "${event.name}"${hint}`, atKey);
  }
  return property;
}

function buildFilter(
  check: Checker,
  path: SpecPath,
  event: EventSpec,
  where: Record<string, string[]> | undefined
): PropertyFilter {
  const filter: Record<string, readonly string[]> = {};
  for (const [name, values] of Object.entries(where ?? {})) {
    const property = knownProperty(check, [...path, name], event, name, true);
    if (property?.values !== undefined) {
      for (const value of values) {
        if (!property.values.includes(value)) {
          check.add(
            [...path, name],
            `"${value}" is not one of the values declared for "${name}"${didYouMean(value, property.values)}`
          );
        }
      }
    }
    filter[name] = values;
  }
  return filter;
}

function buildFunnels(
  check: Checker,
  raw: Record<string, unknown>,
  events: ReadonlyMap<string, EventSpec>,
  defaults: RawDefaults
): FunnelSpec[] {
  const funnels: FunnelSpec[] = [];
  for (const [name, rawFunnel] of entries(raw)) {
    const path = ['funnels', name];
    const nameOk = check.name(path, name, identifierPattern, 'funnel name (letters, digits and _)');
    const funnel = check.parse(funnelSchema, rawFunnel, path);
    if (!nameOk || funnel === undefined) {
      continue;
    }
    const steps = funnel.steps.map((rawStep, index) => {
      const stepPath = [...path, 'steps', index];
      const step = check.parse(funnelStepSchema, rawStep, stepPath);
      return step === undefined ? undefined : buildStep(check, stepPath, step, events);
    });
    const window =
      funnel.window === undefined ? undefined : check.parse(funnelWindowSchema, funnel.window, [...path, 'window']);
    const seen = new Map<string, number>();
    steps.forEach((step, index) => {
      if (step === undefined) return;
      const first = seen.get(step.name);
      if (first !== undefined) {
        check.add(
          [...path, 'steps', index],
          `step "${step.name}" repeats step ${first}; give it another \`name:\` or a different \`where:\``
        );
      }
      seen.set(step.name, index);
    });
    const firstEvent = steps[0] === undefined ? undefined : events.get(steps[0].event);
    if (funnel.breakdown !== undefined && firstEvent !== undefined) {
      knownProperty(check, [...path, 'breakdown'], firstEvent, funnel.breakdown);
    }
    if (steps.every((s): s is FunnelStep => s !== undefined)) {
      funnels.push({
        name,
        description: funnel.description,
        steps,
        window: window ?? defaults.conversionWindow ?? durationOf(specDefaults.conversionWindowSeconds),
        breakdown: funnel.breakdown,
      });
    }
  }
  return funnels;
}

function buildStep(
  check: Checker,
  path: SpecPath,
  step: RawFunnelStep,
  events: ReadonlyMap<string, EventSpec>
): FunnelStep | undefined {
  const event = knownEvent(check, path, step.event, events);
  if (event === undefined) {
    return undefined;
  }
  const where = buildFilter(check, [...path, 'where'], event, step.where);
  const name = step.name ?? step.event;
  if (!labelValueSafe(name)) {
    check.add([...path, 'name'], `"${name}" is not a usable step name (1 to 100 printable characters)`);
  }
  return { name, event: step.event, where };
}

function labelValueSafe(text: string): boolean {
  return text.length > 0 && text.length <= 100 && [...text].every((ch) => ch >= ' ');
}

function buildActiveUsers(
  check: Checker,
  raw: RawActiveUsers,
  events: ReadonlyMap<string, EventSpec>
): ActiveUsersSpec {
  const scopes: ActiveUsersScope[] = [];
  for (const [name, scope] of Object.entries(raw.scopes ?? {})) {
    const path = ['activeUsers', 'scopes', name];
    check.name(path, name, identifierPattern, 'scope name (letters, digits and _)');
    if (scope.events === undefined || scope.events === 'all') {
      scopes.push({ name });
      continue;
    }
    scope.events.forEach((event, index) => knownEvent(check, [...path, 'events', index], event, events));
    scopes.push({ name, events: scope.events });
  }
  const windows = raw.windows ?? specDefaults.activeUserWindows.map(durationOf);
  windows.forEach((window, index) => {
    if (windows.findIndex((w) => w.seconds === window.seconds) !== index) {
      check.add(['activeUsers', 'windows', index], `window ${window.text} is listed twice`);
    }
  });
  return {
    precision: raw.precision ?? specDefaults.hllPrecision,
    windows: [...windows].sort((a, b) => a.seconds - b.seconds),
    scopes: scopes.length > 0 ? scopes : [{ name: specDefaults.activeUserScope }],
  };
}

function buildAlerts(
  check: Checker,
  raw: Record<string, unknown>,
  events: ReadonlyMap<string, EventSpec>,
  funnels: readonly FunnelSpec[],
  defaults: RawDefaults
): AlertSpec[] {
  const alerts: AlertSpec[] = [];
  for (const [name, rawAlert] of entries(raw)) {
    const path = ['alerts', name];
    const nameOk = check.name(path, name, identifierPattern, 'alert name (letters, digits and _)');
    const alert = check.parse(alertSchema, rawAlert, path);
    if (!nameOk || alert === undefined) {
      continue;
    }
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

function buildTarget(
  check: Checker,
  path: SpecPath,
  raw: RawAlertTarget,
  events: ReadonlyMap<string, EventSpec>,
  funnels: readonly FunnelSpec[]
): AlertTarget | undefined {
  const given = (['event', 'conversion', 'errorRatio'] as const).filter((k) => raw[k] !== undefined);
  if (given.length !== 1) {
    check.add(
      path,
      given.length === 0
        ? 'give one of `event:`, `conversion:` or `errorRatio:`'
        : `give only one of ${given.map((k) => `\`${k}:\``).join(', ')}`
    );
    return undefined;
  }
  if (raw.where !== undefined && raw.event === undefined) {
    check.add([...path, 'where'], '`where:` filters apply to `event:` targets only');
  }
  if (raw.event !== undefined) {
    const event = knownEvent(check, [...path, 'event'], raw.event, events);
    return event === undefined
      ? undefined
      : { type: 'event_rate', event: raw.event, where: buildFilter(check, [...path, 'where'], event, raw.where) };
  }
  if (raw.conversion !== undefined) {
    const { funnel: funnelName, from, to } = raw.conversion;
    const funnel = funnels.find((f) => f.name === funnelName);
    if (funnel === undefined) {
      if (check.declared.funnels.has(funnelName)) {
        return undefined;
      }
      check.add(
        [...path, 'conversion', 'funnel'],
        `unknown funnel "${funnelName}"${didYouMean(
          funnelName,
          funnels.map((f) => f.name)
        )}`
      );
      return undefined;
    }
    const fromIndex = stepIndex(check, [...path, 'conversion', 'from'], funnel, from);
    const toIndex = stepIndex(check, [...path, 'conversion', 'to'], funnel, to);
    if (fromIndex === undefined || toIndex === undefined) {
      return undefined;
    }
    if (fromIndex >= toIndex) {
      check.add([...path, 'conversion'], '`from` must be an earlier step than `to`');
      return undefined;
    }
    return {
      type: 'conversion',
      funnel: funnel.name,
      from: funnel.steps[fromIndex]?.name ?? '',
      to: funnel.steps[toIndex]?.name ?? '',
      fromIndex,
      toIndex,
    };
  }
  const ratio = raw.errorRatio;
  if (ratio === undefined) {
    return undefined;
  }
  const known = (list: string[], field: string) =>
    list.every((event, index) => knownEvent(check, [...path, 'errorRatio', field, index], event, events) !== undefined);
  const errorsKnown = known(ratio.errors, 'errors');
  const totalKnown = known(ratio.total, 'total');
  return errorsKnown && totalKnown ? { type: 'error_ratio', errors: ratio.errors, total: ratio.total } : undefined;
}

function stepIndex(check: Checker, path: SpecPath, funnel: FunnelSpec, ref: string | number): number | undefined {
  const names = funnel.steps.map((s) => s.name);
  if (typeof ref === 'number') {
    if (ref < funnel.steps.length) return ref;
    check.add(path, `funnel "${funnel.name}" has steps 0 to ${funnel.steps.length - 1}; got ${ref}`);
    return undefined;
  }
  const index = names.indexOf(ref);
  if (index < 0) {
    check.add(path, `"${ref}" is not a step of funnel "${funnel.name}"${didYouMean(ref, names)}`);
    return undefined;
  }
  return index;
}

/** `by` labels must exist on every series the target reads, or the split would be silently empty. */
function checkBy(
  check: Checker,
  path: SpecPath,
  by: readonly string[],
  target: AlertTarget,
  events: ReadonlyMap<string, EventSpec>,
  funnels: readonly FunnelSpec[]
): void {
  by.forEach((label, index) => {
    const at = [...path, index];
    if (target.type === 'conversion') {
      const breakdown = funnels.find((f) => f.name === target.funnel)?.breakdown;
      if (label !== breakdown) {
        check.add(
          at,
          breakdown === undefined
            ? `funnel "${target.funnel}" has no breakdown; set \`breakdown: ${label}\` on the funnel to alert by it`
            : `conversion alerts can split only by the funnel's breakdown "${breakdown}"`
        );
      }
      return;
    }
    const names = target.type === 'event_rate' ? [target.event] : [...target.errors, ...target.total];
    for (const name of names) {
      const event = events.get(name);
      if (event !== undefined && knownProperty(check, at, event, label) === undefined) {
        return;
      }
    }
  });
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
