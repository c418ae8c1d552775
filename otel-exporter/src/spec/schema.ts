import { z } from 'zod';
import { parseDuration, type Duration } from './duration';
import { valueUnitPattern } from './names';
import { didYouMean } from './suggest';

/*
 * The shape of analytics.yaml as written, before cross-checks and defaults (see build.ts).
 * Every object is strict, so a typo in a field name is reported with the closest field.
 */

function strictObject<Shape extends z.ZodRawShape>(shape: Shape) {
  const known = Object.keys(shape);
  return z.looseObject(shape).superRefine(
    (value, ctx) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return;
      }
      for (const key of Object.keys(value)) {
        if (!known.includes(key)) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: `unknown field "${key}"${didYouMean(key, known)}; expected one of: ${known.join(', ')}`,
            params: { atKey: true },
          });
        }
      }
    },
    // Report unknown fields even when other fields of the same object are wrong.
    { when: () => true }
  );
}

const durationSchema = z.string().transform((text, ctx): Duration => {
  const duration = parseDuration(text);
  if (duration === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `"${text}" is not a duration; write it as Prometheus does, e.g. 30s, 5m, 1h30m, 7d`,
    });
    return z.NEVER;
  }
  return duration;
});

function durationBetween(minSeconds: number, maxSeconds: number, minText: string, maxText: string) {
  return durationSchema.refine((d) => d.seconds >= minSeconds && d.seconds <= maxSeconds, {
    message: `must be between ${minText} and ${maxText}`,
  });
}

const count = (min: number, max: number) => z.number().int().min(min).max(max);

/** A single value or a list of them, normalised to a list. */
const oneOrMany = z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(z.string().min(1)).min(1));

/** YAML `key:` with nothing after it is null: treat as an empty object. */
function orEmpty<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === null ? {} : v), schema);
}

/** How long a property value may go unused before it gives up its label slot. */
const valueIdleTimeoutSchema = durationBetween(60, 30 * 86400, '1m', '30d');

export const propertySchema = orEmpty(
  strictObject({
    description: z.string().optional(),
    attribute: z.string().min(1).max(255).optional(),
    maxValues: count(1, 10_000).optional(),
    values: z.array(z.string().min(1).max(128)).min(1).max(10_000).optional(),
    idleTimeout: valueIdleTimeoutSchema.optional(),
  })
);

/*
 * Entries with children (events' properties, funnels' steps) are parsed in two levels: the entry
 * with its children left as unknown, then each child, so one bad child does not hide the rest.
 */
export const eventSchema = orEmpty(
  strictObject({
    description: z.string().optional(),
    properties: z
      .record(z.string(), z.unknown(), { error: 'properties must be a mapping of label name to its bounds' })
      .optional(),
    value: strictObject({
      field: z.string().min(1).max(255),
      unit: z
        .string()
        .regex(
          valueUnitPattern,
          'must be a short unit name such as EUR, USD, items (letters, digits and _; it becomes part of the metric name)'
        ),
    }).optional(),
  })
);

const filterSchema = z.record(z.string(), oneOrMany);

export const funnelStepSchema = z.preprocess(
  (v) => (typeof v === 'string' ? { event: v } : v),
  strictObject({
    event: z.string().min(1),
    name: z.string().min(1).optional(),
    where: filterSchema.optional(),
  })
);

export const funnelWindowSchema = durationBetween(1, 30 * 86400, '1s', '30d');

export const funnelSchema = strictObject({
  description: z.string().optional(),
  steps: z.array(z.unknown()).min(2, 'a funnel needs at least 2 steps').max(20, 'a funnel has at most 20 steps'),
  window: z.unknown().optional(),
  breakdown: z.string().min(1).optional(),
});

const stepRef = z.union([z.string().min(1), z.number().int().min(0)], {
  error: 'expected a step name or a step index (0 is the first step)',
});

export const alertTargetSchema = strictObject({
  event: z.string().min(1).optional(),
  where: filterSchema.optional(),
  conversion: strictObject({ funnel: z.string().min(1), from: stepRef, to: stepRef }).optional(),
  errorRatio: strictObject({ errors: oneOrMany, total: oneOrMany }).optional(),
});

export const alertKinds = ['threshold', 'anomaly', 'spike', 'no_data', 'ab_launch'] as const;
export const severities = ['critical', 'warning', 'info'] as const;

export const alertSchema = strictObject({
  kind: z.enum(alertKinds, { error: `kind must be one of: ${alertKinds.join(', ')}` }),
  target: alertTargetSchema,
  direction: z.enum(['above', 'below', 'both'], { error: 'direction must be above, below or both' }).optional(),
  bound: z.number().finite().optional(),
  sensitivity: z.number().min(0.5).max(10).optional(),
  minMargin: z.number().min(0).optional(),
  fallbackBound: z.number().finite().optional(),
  factor: z.number().min(1.1).max(1000).optional(),
  /** ab_launch: the exposure's property naming the variant; tracked and error events carry it too. */
  variant: z.string().min(1).optional(),
  /** ab_launch: each variant's expected share of exposures (any positive weights; normalised). */
  split: z.record(z.string(), z.number().positive({ error: 'a share must be a positive number' })).optional(),
  /** ab_launch: events every variant's exposed users go on to emit. */
  track: oneOrMany.optional(),
  /** ab_launch: errors and their total, compared between variants. */
  errorRatio: strictObject({ errors: oneOrMany, total: oneOrMany }).optional(),
  by: oneOrMany.optional(),
  minVolume: z.number().min(0).max(1e9).optional(),
  window: durationBetween(60, 86400, '1m', '1d').optional(),
  for: durationBetween(0, 86400, '0s', '1d').optional(),
  keepFiringFor: durationBetween(0, 86400, '0s', '1d').optional(),
  severity: z.enum(severities, { error: `severity must be one of: ${severities.join(', ')}` }).optional(),
  team: z.string().min(1).max(63).optional(),
  runbook: z.url({ error: 'must be a URL, e.g. https://wiki.example.com/runbooks/checkout' }).optional(),
  summary: z.string().min(1).max(200).optional(),
});

export const activeUsersScopeSchema = orEmpty(
  strictObject({
    events: z
      .union([z.literal('all'), z.array(z.string().min(1)).min(1)], {
        error: 'expected "all" or a list of event names',
      })
      .optional(),
  })
);

/** HyperLogLog precision p: 2^p registers a sketch. */
export const hllPrecisionRange = { min: 4, max: 16 } as const;

export const activeUsersSchema = strictObject({
  precision: count(hllPrecisionRange.min, hllPrecisionRange.max).optional(),
  windows: z
    .array(durationBetween(60, 30 * 86400, '1m', '30d'))
    .min(1)
    .max(6)
    .optional(),
  scopes: z.record(z.string(), activeUsersScopeSchema).optional(),
});

export const limitsSchema = strictObject({
  seriesBudget: count(100, 10_000_000).optional(),
  maxFunnelUsers: count(1, 100_000_000).optional(),
  timestampSkew: durationBetween(1, 86400, '1s', '1d').optional(),
  allowedLateness: durationBetween(1, 86400, '1s', '1d').optional(),
});

export const defaultsSchema = strictObject({
  maxValues: count(1, 10_000).optional(),
  idleTimeout: valueIdleTimeoutSchema.optional(),
  conversionWindow: funnelWindowSchema.optional(),
  team: z.string().min(1).max(63).optional(),
  severity: z.enum(severities, { error: `severity must be one of: ${severities.join(', ')}` }).optional(),
  minVolume: z.number().min(0).max(1e9).optional(),
  alertWindow: durationBetween(60, 86400, '1m', '1d').optional(),
  for: durationBetween(0, 86400, '0s', '1d').optional(),
});

/** A label name as Prometheus accepts it (no leading `__`, which Prometheus reserves). */
const labelNameSchema = z
  .string()
  .regex(/^(?!__)[a-zA-Z_][a-zA-Z0-9_]*$/, 'must be a Prometheus label name such as job or environment');

/** How Prometheus sees the exporter: the scrape interval and the labels that tell deployments apart. */
export const prometheusSchema = strictObject({
  scrapeInterval: durationBetween(1, 3600, '1s', '1h').optional(),
  selector: z
    .record(labelNameSchema, oneOrMany, { error: 'selector must be a mapping of label name to its value(s)' })
    .optional(),
});

export const exemplarsSchema = strictObject({
  userId: z.enum(['hashed', 'plain', 'omit'], { error: 'userId must be hashed, plain or omit' }).optional(),
  keyEnv: z
    .string()
    .regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name such as NOWCAST_USER_ID_KEY')
    .optional(),
});

export const linksSchema = strictObject({
  dashboard: z.url({ error: 'must be a URL, e.g. http://grafana.example.com/d/shop' }).optional(),
});

/** Top-level fields, each parsed on its own so one broken section does not hide errors in another. */
export const topLevelSchemas = {
  version: z.literal(1, { error: 'version must be 1' }).optional(),
  namespace: z.string().optional(),
  limits: limitsSchema.optional(),
  defaults: defaultsSchema.optional(),
  exemplars: exemplarsSchema.optional(),
  links: linksSchema.optional(),
  prometheus: prometheusSchema.optional(),
  events: z.record(z.string(), z.unknown(), { error: 'events must be a mapping of event name to its declaration' }),
  funnels: z
    .record(z.string(), z.unknown(), { error: 'funnels must be a mapping of funnel name to its steps' })
    .optional(),
  activeUsers: activeUsersSchema.optional(),
  alerts: z.record(z.string(), z.unknown(), { error: 'alerts must be a mapping of alert name to its rule' }).optional(),
} as const;

export type RawProperty = z.output<typeof propertySchema>;
export type RawEvent = z.output<typeof eventSchema>;
export type RawFunnel = z.output<typeof funnelSchema>;
export type RawFunnelStep = z.output<typeof funnelStepSchema>;
export type RawAlert = z.output<typeof alertSchema>;
export type RawAlertTarget = z.output<typeof alertTargetSchema>;
export type RawActiveUsers = z.output<typeof activeUsersSchema>;
export type RawLimits = z.output<typeof limitsSchema>;
export type RawDefaults = z.output<typeof defaultsSchema>;
export type RawExemplars = z.output<typeof exemplarsSchema>;
export type RawLinks = z.output<typeof linksSchema>;
export type RawPrometheus = z.output<typeof prometheusSchema>;
