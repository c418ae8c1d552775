import type { EventSeries } from '../aggregate/eventSeries';
import { productFamilies, type ProductFamilies } from '../contract/families';
import type { MetricSink, MetricSource } from '../expose/metricSink';
import type { AnalyticsSpec } from '../spec/model';
import { FunnelCounters } from './funnelCounters';
import { FunnelDefinition } from './funnelDefinition';
import { UserSlots } from './userSlots';

/** No open attempt. */
const closed = -1;

/** Per-user state of one funnel, by user slot: compact typed arrays, no object per user. */
class AttemptState {
  /** Furthest step of the open attempt, or -1 (the spec allows at most 20 steps). */
  reached = new Int8Array(0);
  /** Funnel time (ms) of the step-0 event that opened the attempt. */
  openedAt = new Float64Array(0);
  /** Breakdown group the attempt opened with. */
  group = new Uint16Array(0);

  ensure(length: number): void {
    if (length <= this.reached.length) return;
    let next = Math.max(1024, this.reached.length);
    while (next < length) next *= 2;
    const reached = new Int8Array(next).fill(closed);
    reached.set(this.reached);
    const openedAt = new Float64Array(next);
    openedAt.set(this.openedAt);
    const group = new Uint16Array(next);
    group.set(this.group);
    this.reached = reached;
    this.openedAt = openedAt;
    this.group = group;
  }
}

/** One funnel's definition, per-user attempts and counters. */
interface TrackedFunnel {
  readonly definition: FunnelDefinition;
  readonly attempts: AttemptState;
  readonly counters: FunnelCounters;
}

/**
 * Funnels exactly as the README's funnel semantics state them: ordered steps with other events allowed between; the
 * window opens at step 0 and repeats of step 0 do not reset it; an attempt closes on completion or
 * timeout (counted by furthest step), and the next step-0 event opens a new one.
 */
export class FunnelTracker implements MetricSource {
  readonly users: UserSlots;
  private readonly funnels: readonly TrackedFunnel[];
  /** Per declared event (by index), the funnels it can be a step of. */
  private readonly byEvent: readonly (readonly TrackedFunnel[])[];
  private readonly families: ProductFamilies;

  constructor(spec: AnalyticsSpec, events: readonly EventSeries[]) {
    this.families = productFamilies(spec.namespace);
    this.funnels = spec.funnels.map((f) => {
      const definition = new FunnelDefinition(f, events);
      return { definition, attempts: new AttemptState(), counters: new FunnelCounters(definition) };
    });
    this.byEvent = events.map((_, eventIndex) =>
      this.funnels.filter((f) => f.definition.steps.some((s) => s.eventIndex === eventIndex))
    );
    this.users = new UserSlots(spec.limits.maxFunnelUsers, (slot) => {
      // An evicted user's open attempts are discarded, not counted as outcomes (see README).
      const hadOpenAttempt = this.hasOpenAttempt(slot);
      for (const { attempts } of this.funnels) attempts.reached[slot] = closed;
      return hadOpenAttempt;
    });
  }

  involves(eventIndex: number): boolean {
    return (this.byEvent[eventIndex]?.length ?? 0) > 0;
  }

  /**
   * Advances the user's funnels for one event. `rawValues` are the event's property values as
   * sent (step filters read them), `propertyIndices` their bounded indices (the breakdown).
   */
  onEvent(
    eventIndex: number,
    identity: string,
    rawValues: readonly string[],
    propertyIndices: ArrayLike<number>,
    timeMs: number
  ): void {
    let slot = this.users.get(identity);
    const involved = this.byEvent[eventIndex] ?? [];
    for (let i = 0; i < involved.length; i++) {
      const tracked = involved[i];
      if (tracked === undefined) continue;
      const { definition, attempts, counters } = tracked;
      if (
        slot !== undefined &&
        this.isOpen(attempts, slot) &&
        timeMs - (attempts.openedAt[slot] ?? 0) > definition.windowMs
      ) {
        this.close(attempts, counters, slot);
      }
      if (slot !== undefined && this.isOpen(attempts, slot)) {
        const next = (attempts.reached[slot] ?? closed) + 1;
        if (definition.matches(next, eventIndex, rawValues)) {
          const group = attempts.group[slot] ?? 0;
          attempts.reached[slot] = next;
          counters.reached(group, next);
          counters.converted(group, next, Math.max(0, timeMs - (attempts.openedAt[slot] ?? timeMs)) / 1000);
          if (next === definition.steps.length - 1) this.close(attempts, counters, slot);
        }
      } else if (definition.matches(0, eventIndex, rawValues)) {
        if (slot === undefined) {
          slot = this.users.acquire(identity);
          this.ensureCapacity();
        }
        const group = definition.breakdownPosition < 0 ? 0 : (propertyIndices[definition.breakdownPosition] ?? 0);
        attempts.reached[slot] = 0;
        attempts.openedAt[slot] = timeMs;
        attempts.group[slot] = group;
        counters.reached(group, 0);
      }
    }
    // A user whose attempts all closed keeps the slot until the next sweep: the next step-0 event
    // (often seconds away) then reuses it instead of deleting and re-adding a Map entry.
  }

  /**
   * An event carried both ids: the anonymous id's open attempts move to the user id, so signing in
   * mid-funnel keeps the attempt. When both have an attempt open, the further one is kept.
   */
  moveToUser(anonymousId: string, userId: string): void {
    const from = this.users.get(anonymousId);
    if (from === undefined) return;
    const to = this.users.get(userId);
    if (to === undefined) {
      this.users.rename(anonymousId, userId);
      return;
    }
    for (const { attempts } of this.funnels) {
      if ((attempts.reached[from] ?? closed) > (attempts.reached[to] ?? closed)) {
        attempts.reached[to] = attempts.reached[from] ?? closed;
        attempts.openedAt[to] = attempts.openedAt[from] ?? 0;
        attempts.group[to] = attempts.group[from] ?? 0;
      }
      attempts.reached[from] = closed;
    }
    this.users.release(anonymousId);
  }

  /**
   * Closes attempts whose window has passed, so outcomes move without the user's next event, and
   * forgets users left with no open attempt.
   */
  sweep(nowMs: number): void {
    this.users.forEach((slot, user) => {
      for (const { definition, attempts, counters } of this.funnels) {
        if (this.isOpen(attempts, slot) && nowMs - (attempts.openedAt[slot] ?? 0) > definition.windowMs) {
          this.close(attempts, counters, slot);
        }
      }
      if (!this.hasOpenAttempt(slot)) this.users.release(user);
    });
  }

  collect(sink: MetricSink): void {
    if (this.funnels.length === 0) return;
    sink.family(this.families.funnelStep);
    this.funnels.forEach((f) => f.counters.collectSteps(sink));
    sink.family(this.families.funnelAttempts);
    this.funnels.forEach((f) => f.counters.collectAttempts(sink));
    sink.family(this.families.funnelConversionSeconds);
    this.funnels.forEach((f) => f.counters.collectConversion(sink));
  }

  private isOpen(attempts: AttemptState, slot: number): boolean {
    return (attempts.reached[slot] ?? closed) !== closed;
  }

  private close(attempts: AttemptState, counters: FunnelCounters, slot: number): void {
    counters.closed(attempts.group[slot] ?? 0, attempts.reached[slot] ?? 0);
    attempts.reached[slot] = closed;
  }

  private hasOpenAttempt(slot: number): boolean {
    return this.funnels.some(({ attempts }) => this.isOpen(attempts, slot));
  }

  private ensureCapacity(): void {
    for (const { attempts } of this.funnels) attempts.ensure(this.users.highWater);
  }
}
