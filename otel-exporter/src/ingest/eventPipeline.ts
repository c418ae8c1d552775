import { EventCounters } from '../aggregate/eventCounters';
import type { EventSeries } from '../aggregate/eventSeries';
import type { MetricSink, MetricSource } from '../expose/metricSink';
import { FunnelTracker } from '../funnel/funnelTracker';
import { IdentityLinks } from '../funnel/identityLinks';
import { userHashFrom } from '../funnel/userIndex';
import { ActiveUsers } from '../sketch/activeUsers';
import { hash64, type Hash64 } from '../sketch/hash64';
import type { AnalyticsSpec } from '../spec/model';
import { maxStringLength, type DropReason } from './dropReasons';
import { labelNames } from '../contract/labels';
import { defaultIdentityAttributes, type IdentityAttributes } from './identity';
import { SelfMetrics } from './selfMetrics';

/** Attributes as they arrive (OTel log record attributes, or anything a caller passes). */
export type EventAttributes = Readonly<Record<string, unknown>>;

/** Sweep work per funnel per call of `sweep(budget)` from the timer: a tick stays within a few ms. */
export const sweepBudget = 10_000;

/** An attribute's own value: never one inherited from Object.prototype (`constructor`, `__proto__`…). */
function own(attributes: EventAttributes, key: string): unknown {
  return Object.hasOwn(attributes, key) ? attributes[key] : undefined;
}

/** Every attribute name the pipeline reads: identity, value fields and properties. */
function attributesRead(spec: AnalyticsSpec, identity: IdentityAttributes): string[] {
  return [
    ...identity.user,
    ...identity.anonymous,
    ...spec.events.flatMap((event) => [
      ...(event.value === undefined ? [] : [event.value.field]),
      ...event.properties.map((property) => property.attribute),
    ]),
  ];
}

export interface EventPipelineOptions {
  readonly clock: () => number;
  readonly identity?: IdentityAttributes;
}

/**
 * Every event's one path: validate, count, sketch the user, advance funnels. Configuration is
 * resolved up front; per event it reuses scratch buffers and allocates nothing it can avoid.
 */
export class EventPipeline implements MetricSource {
  readonly counters: EventCounters;
  readonly funnels: FunnelTracker;
  readonly activeUsers: ActiveUsers;
  readonly links: IdentityLinks;
  readonly self: SelfMetrics;
  private readonly eventIndex = new Map<string, number>();
  private readonly identity: IdentityAttributes;
  private readonly clock: () => number;
  private readonly skewMs: number;
  private readonly eventNames: readonly string[];
  private readonly userHash: Hash64 = { high: 0, low: 0 };
  private readonly rawValues: string[] = [];
  private readonly indices: Int32Array;
  /** The last coerced string; `coerce` returns a status to avoid allocating a result object. */
  private coerced = '';
  /**
   * Whether a name the spec reads is also an Object.prototype member: then every read checks the
   * bag's own keys. Otherwise a plain read cannot reach the prototype, and the check (as costly as
   * the read itself) is skipped on the per-event path.
   */
  private readonly ownKeysOnly: boolean;

  constructor(spec: AnalyticsSpec, options: EventPipelineOptions) {
    this.clock = options.clock;
    this.identity = options.identity ?? defaultIdentityAttributes;
    this.ownKeysOnly = attributesRead(spec, this.identity).some((name) => name in Object.prototype);
    this.skewMs = spec.limits.timestampSkew.seconds * 1000;
    this.eventNames = spec.events.map((e) => e.name);
    this.counters = new EventCounters(spec);
    this.counters.events.forEach((e, i) => this.eventIndex.set(e.name, i));
    this.funnels = new FunnelTracker(spec, this.counters.events);
    this.activeUsers = new ActiveUsers(spec, this.clock);
    this.links = new IdentityLinks(spec.limits.maxFunnelUsers);
    this.indices = new Int32Array(Math.max(1, ...this.counters.events.map((e) => e.properties.length)));
    const startedAtMs = this.clock();
    this.self = new SelfMetrics({
      startedAtMs: () => startedAtMs,
      series: () => this.counters.seriesInUse(),
      funnelUsers: () => this.funnels.users.size,
      funnelEvictions: () => this.funnels.users.evictions,
      orphanSteps: () =>
        this.funnels.funnels.map((f) => ({ labels: [[labelNames.funnel, f.definition.name]], value: f.orphans })),
      propertyOverflows: () =>
        this.counters.events.flatMap((event) =>
          event.properties.map((property, i) => ({
            labels: [
              [labelNames.event, event.name],
              [labelNames.property, property.name],
            ],
            value: event.overflows[i] ?? 0,
          }))
        ),
    });
  }

  /**
   * Records one event; returns why it was dropped, or undefined when it counted. Never throws:
   * a failure inside the exporter is counted as `internal_error`.
   */
  record(
    name: unknown,
    attributes: EventAttributes | undefined,
    timestampMs: number,
    traceId?: string,
    spanId?: string
  ): DropReason | undefined {
    this.self.received++;
    let reason: DropReason | undefined;
    try {
      reason = this.count(name, attributes ?? {}, timestampMs, traceId, spanId);
    } catch {
      reason = 'internal_error';
    }
    if (reason !== undefined) this.self.drop(reason);
    return reason;
  }

  /**
   * Links an anonymous id to a user id without an event (a Segment `identify`, a sign-in): later
   * events of either id are one user, and the anonymous id's open funnel state moves to the user.
   * Ids are read as an event's identity attributes are (strings, or finite numbers as text); an id
   * equal to the other links nothing. Returns why nothing was linked, if so. Never throws: a
   * failure inside the exporter is counted as `internal_error`.
   */
  link(anonymousId: unknown, userId: unknown): DropReason | undefined {
    try {
      const anonymousStatus = this.coerce(anonymousId, 'invalid_identity');
      if (anonymousStatus !== 'ok') return anonymousStatus;
      const anonymous = this.coerced;
      const userStatus = this.coerce(userId, 'invalid_identity');
      if (userStatus !== 'ok') return userStatus;
      this.linkIds(anonymous, this.coerced);
      return undefined;
    } catch {
      this.self.drop('internal_error');
      return 'internal_error';
    }
  }

  private linkIds(anonymousId: string, userId: string): void {
    if (anonymousId !== userId && this.links.link(anonymousId, userId)) {
      this.funnels.moveToUser(anonymousId, userId);
    }
  }

  /**
   * Settles what the watermark passed (funnel outcomes, orphan steps) and gives the slots of
   * property values idle past their time to new values. At most `budget` items per funnel: returns
   * false when more is due (call again; the timer does it in slices). Never throws.
   */
  sweep(budget = Infinity): boolean {
    const now = this.clock();
    this.funnels.advance(now);
    const done = this.funnels.expire(budget);
    this.counters.retireIdleValues(now, (property, index) => this.funnels.retired(property, index));
    return done;
  }

  collect(sink: MetricSink): void {
    this.counters.collect(sink);
    this.funnels.collect(sink);
    this.activeUsers.collect(sink);
    this.self.collect(sink);
  }

  private count(
    name: unknown,
    attributes: EventAttributes,
    timestampMs: number,
    traceId: string | undefined,
    spanId: string | undefined
  ): DropReason | undefined {
    if (typeof name !== 'string' || name === '') return 'invalid_event_name';
    if (name.length > maxStringLength) return 'too_large';
    const index = this.eventIndex.get(name);
    if (index === undefined) {
      // Another instrumentation's event (an exception, a gen-AI event): not malformed, not ours.
      this.self.undeclared++;
      return undefined;
    }
    const event = this.counters.events[index];
    if (event === undefined) return 'internal_error';

    const userStatus = this.firstIdentity(attributes, this.identity.user);
    if (userStatus !== undefined && userStatus !== 'ok') return userStatus;
    const userId = userStatus === 'ok' ? this.coerced : undefined;
    const anonymousStatus = this.firstIdentity(attributes, this.identity.anonymous);
    if (anonymousStatus !== undefined && anonymousStatus !== 'ok') return anonymousStatus;
    const anonymousId = anonymousStatus === 'ok' ? this.coerced : undefined;
    if (userId === undefined && anonymousId === undefined) return 'missing_identity';

    if (!Number.isFinite(timestampMs) || timestampMs <= 0) return 'invalid_timestamp';

    let value = 0;
    if (event.valueField !== undefined) {
      const raw = this.read(attributes, event.valueField);
      if (raw === undefined || raw === null) return 'missing_value';
      if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < 0) return 'invalid_value';
      value = raw;
    }

    const propertyReason = this.readProperties(event, attributes);
    if (propertyReason !== undefined) return propertyReason;

    const now = this.clock();
    // Everything is valid: from here on, state changes.
    let key = 0;
    for (let i = 0; i < event.properties.length; i++) {
      const property = event.properties[i];
      if (property === undefined) break;
      const valueIndex = property.indexOf(this.rawValues[i] ?? '', now);
      if (valueIndex === property.overflowIndex) event.overflows[i] = (event.overflows[i] ?? 0) + 1;
      this.indices[i] = valueIndex;
      key = key * property.radix + valueIndex;
    }
    const slot = event.slotOf(key);
    event.add(slot, value, userId ?? anonymousId, traceId, spanId, now);

    if (userId !== undefined && anonymousId !== undefined) this.linkIds(anonymousId, userId);
    const identity = this.links.resolve(userId, anonymousId) ?? '';
    // One hash of the identity serves the active-user sketch and the funnels' user table.
    hash64(identity, this.userHash);
    this.activeUsers.add(index, this.userHash, now);

    if (this.funnels.involves(index)) {
      const time = this.funnelTime(timestampMs, now);
      this.funnels.onEvent(index, identity, userHashFrom(this.userHash), this.rawValues, this.indices, time);
    }
    return undefined;
  }

  /**
   * The time funnels use: the event's timestamp when within `timestampSkew` of receipt, else the
   * receipt time; never before the watermark (an event later than the allowed lateness counts at it).
   */
  private funnelTime(timestampMs: number, nowMs: number): number {
    const watermark = this.funnels.advance(nowMs);
    if (Math.abs(timestampMs - nowMs) > this.skewMs) {
      this.self.untrustedTimestamps++;
      return Math.max(nowMs, watermark);
    }
    if (timestampMs < watermark) {
      this.self.untrustedTimestamps++;
      return watermark;
    }
    return timestampMs;
  }

  /** Reads the event's declared properties into `rawValues`; undeclared attributes are ignored. */
  private readProperties(event: EventSeries, attributes: EventAttributes): DropReason | undefined {
    for (let i = 0; i < event.properties.length; i++) {
      const raw = this.read(attributes, event.properties[i]?.attribute ?? '');
      // A missing property is the empty label value (Prometheus reads it as the label being absent).
      const status = raw === undefined || raw === null ? 'ok' : this.coerce(raw, 'invalid_property');
      if (status !== 'ok') return status;
      this.rawValues[i] = raw === undefined || raw === null ? '' : this.coerced;
    }
    return undefined;
  }

  private firstIdentity(attributes: EventAttributes, names: readonly string[]): 'ok' | DropReason | undefined {
    for (let i = 0; i < names.length; i++) {
      const raw = this.read(attributes, names[i] ?? '');
      if (raw !== undefined && raw !== null) return this.coerce(raw, 'invalid_identity');
    }
    return undefined;
  }

  private read(attributes: EventAttributes, name: string): unknown {
    return this.ownKeysOnly ? own(attributes, name) : attributes[name];
  }

  /** Strings as sent, finite numbers and booleans as text; sets `coerced` on 'ok'. */
  private coerce(raw: unknown, invalid: DropReason): 'ok' | DropReason {
    switch (typeof raw) {
      case 'string':
        if (raw.length > maxStringLength) return 'too_large';
        if (raw === '' && invalid === 'invalid_identity') return invalid;
        this.coerced = raw;
        return 'ok';
      case 'number':
        if (!Number.isFinite(raw)) return invalid;
        this.coerced = String(raw);
        return 'ok';
      case 'boolean':
        if (invalid === 'invalid_identity') return invalid;
        this.coerced = raw ? 'true' : 'false';
        return 'ok';
      default:
        return invalid;
    }
  }
}
