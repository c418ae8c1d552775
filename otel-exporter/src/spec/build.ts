import type { z } from 'zod';
import { buildActiveUsers } from './build/activeUsers';
import { buildAlerts } from './build/alerts';
import { checkBounds } from './build/bounds';
import { Checker } from './build/checker';
import { specDefaults } from './build/defaults';
import { buildEvents } from './build/events';
import { buildFunnels, checkWindowsOutlastLateness } from './build/funnels';
import { buildPrometheus } from './build/prometheus';
import { durationOf } from './duration';
import type { PathIssue } from './issues';
import type { AnalyticsSpec } from './model';
import { namespacePattern } from './names';
import { topLevelSchemas } from './schema';
import { didYouMean } from './suggest';

export interface BuildResult {
  /** Present only when there are no issues. */
  readonly spec?: AnalyticsSpec;
  readonly issues: readonly PathIssue[];
}

/**
 * Validates a spec document (already parsed from YAML or given as an object) and applies defaults.
 * The only place a spec is refused: a spec it accepts, the exporter can run.
 */
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
  const timestampSkew = limits.timestampSkew ?? durationOf(specDefaults.timestampSkewSeconds);
  const defaults = section('defaults', schemas.defaults) ?? {};
  const exemplars = section('exemplars', schemas.exemplars) ?? {};
  const links = section('links', schemas.links) ?? {};
  const rawPrometheus = section('prometheus', schemas.prometheus) ?? {};
  section('version', schemas.version);

  const rawEvents = section('events', schemas.events) ?? {};
  const rawFunnels = section('funnels', schemas.funnels) ?? {};
  // Names declared but invalid are known: references to them are not reported again.
  check.declared = { events: new Set(Object.keys(rawEvents)), funnels: new Set(Object.keys(rawFunnels)) };
  const events = buildEvents(check, rawEvents, defaults);
  const eventsByName = new Map(events.map((e) => [e.name, e]));
  const funnels = buildFunnels(check, rawFunnels, eventsByName, defaults);
  checkWindowsOutlastLateness(check, funnels, timestampSkew, limits.allowedLateness ?? timestampSkew);
  const activeUsers = buildActiveUsers(check, section('activeUsers', schemas.activeUsers) ?? {}, eventsByName);
  const prometheus = buildPrometheus(check, rawPrometheus, events);
  const rawAlerts = section('alerts', schemas.alerts) ?? {};
  const alerts = buildAlerts(check, rawAlerts, eventsByName, funnels, defaults, prometheus.scrapeInterval);

  if (check.issues.length > 0) {
    return { issues: check.issues };
  }
  const spec: AnalyticsSpec = {
    version: 1,
    namespace,
    limits: {
      seriesBudget: limits.seriesBudget ?? specDefaults.seriesBudget,
      maxFunnelUsers: limits.maxFunnelUsers ?? specDefaults.maxFunnelUsers,
      timestampSkew,
      allowedLateness: limits.allowedLateness ?? timestampSkew,
    },
    exemplars: {
      userId: exemplars.userId ?? specDefaults.exemplarUserId,
      keyEnv: exemplars.keyEnv ?? specDefaults.exemplarKeyEnv,
    },
    links: { dashboard: links.dashboard },
    prometheus,
    events,
    funnels,
    activeUsers,
    alerts,
  };
  checkBounds(check, spec);
  return check.issues.length > 0 ? { issues: check.issues } : { spec, issues: [] };
}
