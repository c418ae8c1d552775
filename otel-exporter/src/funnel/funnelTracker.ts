import type { EventSeries } from '../aggregate/eventSeries';
import type { PropertyValues } from '../aggregate/propertyValues';
import { productFamilies, type ProductFamilies } from '../contract/families';
import type { MetricSink, MetricSource } from '../expose/metricSink';
import type { AnalyticsSpec } from '../spec/model';
import { FunnelCounters } from './funnelCounters';
import { FunnelDefinition } from './funnelDefinition';
import { FunnelState, type FunnelUsers } from './funnelState';
import { UserTable } from './userTable';

const none = -1;

/**
 * Every funnel of the spec over one table of users. Funnel time is event time; the watermark
 * (receipt clock minus the allowed lateness) decides what is final: attempts settle and waiting
 * steps become orphans once it passes them. Per-event work never depends on how many users were
 * seen, and expiring touches only what the watermark passed.
 */
export class FunnelTracker implements MetricSource, FunnelUsers {
  readonly users: UserTable;
  readonly funnels: readonly FunnelState[];
  /** Receipt clock minus the allowed lateness, never moving back; -Infinity before the first reading. */
  watermark = -Infinity;
  /** Per declared event (by index), the funnels it can be a step of. */
  private readonly byEvent: readonly (readonly FunnelState[])[];
  private readonly families: ProductFamilies;
  private readonly latenessMs: number;
  /** The user whose event is being applied (who may need a slot), and their `userHashOf`. */
  private currentUser = '';
  private currentHash = 0;

  constructor(spec: AnalyticsSpec, events: readonly EventSeries[]) {
    this.families = productFamilies(spec.namespace);
    const { maxFunnelUsers, allowedLateness, timestampSkew } = spec.limits;
    this.latenessMs = allowedLateness.seconds * 1000;
    const aheadOfWatermarkMs = (allowedLateness.seconds + timestampSkew.seconds) * 1000;
    this.funnels = spec.funnels.map((f) => {
      const definition = new FunnelDefinition(f, events);
      return new FunnelState(definition, new FunnelCounters(definition), this, maxFunnelUsers, aheadOfWatermarkMs);
    });
    this.byEvent = events.map((_, eventIndex) =>
      this.funnels.filter((f) => f.definition.steps.some((s) => s.eventIndex === eventIndex))
    );
    this.users = new UserTable(maxFunnelUsers, {
      settle: (slot) => {
        for (const funnel of this.funnels) funnel.settle(slot, this.watermark);
      },
      discard: (slot) => {
        for (const funnel of this.funnels) funnel.discard(slot);
      },
      grow: (length) => this.funnels.forEach((f) => f.grow(length)),
    });
  }

  involves(eventIndex: number): boolean {
    return (this.byEvent[eventIndex]?.length ?? 0) > 0;
  }

  /** Moves the watermark for a receipt time; returns it. */
  advance(nowMs: number): number {
    this.watermark = Math.max(this.watermark, nowMs - this.latenessMs);
    return this.watermark;
  }

  /**
   * Applies one event at funnel time `timeMs` (never before the watermark). `rawValues` are the
   * event's property values as sent (step filters read them), `propertyIndices` their bounded
   * indices (the breakdown). `identityHash` is `userHashOf(identity)`, which the caller has already.
   */
  onEvent(
    eventIndex: number,
    identity: string,
    identityHash: number,
    rawValues: readonly string[],
    propertyIndices: ArrayLike<number>,
    timeMs: number
  ): void {
    const involved = this.byEvent[eventIndex] ?? [];
    let slot = this.users.get(identity, identityHash);
    this.currentUser = identity;
    this.currentHash = identityHash;
    for (let i = 0; i < involved.length; i++) {
      const funnel = involved[i];
      if (funnel === undefined) continue;
      const { definition } = funnel;
      const mask = definition.stepsMatched(eventIndex, rawValues);
      if (mask === 0) continue;
      const group = definition.breakdownPosition < 0 ? 0 : (propertyIndices[definition.breakdownPosition] ?? 0);
      slot = funnel.onEvent(slot, timeMs, mask, group);
    }
  }

  /**
   * An event (or an identify) linked an anonymous id to a user id: the anonymous state becomes the
   * user's. When both have an open attempt, the one that went further is kept and the other closes.
   */
  moveToUser(anonymousId: string, userId: string): void {
    const from = this.users.get(anonymousId);
    if (from === none) return;
    const to = this.users.get(userId);
    if (to === none) {
      this.users.rename(from, userId);
      return;
    }
    for (const funnel of this.funnels) funnel.merge(from, to);
    this.mayRelease(from);
  }

  /** Settles what the watermark passed, at most `budget` items per funnel; true when nothing due is left. */
  expire(budget: number): boolean {
    let done = true;
    for (const funnel of this.funnels) done = funnel.expire(this.watermark, budget) && done;
    return done;
  }

  /** A breakdown value aged out: the funnels broken down by it drop that group's series. */
  retired(property: PropertyValues, index: number): void {
    for (const funnel of this.funnels) {
      if (funnel.definition.breakdown === property) funnel.counters.reset(index);
    }
  }

  acquireCurrent(): number {
    return this.users.acquire(this.currentUser, this.currentHash);
  }

  mayRelease(slot: number): void {
    if (this.users.userOf(slot) === undefined) return;
    for (const funnel of this.funnels) if (funnel.holds(slot)) return;
    for (const funnel of this.funnels) funnel.clear(slot);
    this.users.release(slot);
  }

  collect(sink: MetricSink): void {
    if (this.funnels.length === 0) return;
    sink.family(this.families.funnelStep);
    this.funnels.forEach((f) => f.counters.collectSteps(sink));
    sink.family(this.families.funnelAttempts);
    this.funnels.forEach((f) => f.counters.collectAttempts(sink));
    sink.family(this.families.funnelConversionSeconds);
    this.funnels.forEach((f) => f.counters.collectConversion(sink));
    this.funnels.forEach((f) => f.counters.collected(sink));
  }
}
