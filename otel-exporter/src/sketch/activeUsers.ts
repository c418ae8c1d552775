import { labelNames } from '../contract/labels';
import { productFamilies, type MetricFamily } from '../contract/families';
import type { AnalyticsSpec } from '../spec/model';
import { labelPair } from '../expose/labelText';
import type { MetricSink, MetricSource } from '../expose/metricSink';
import type { Hash64 } from './hash64';
import { addToRegisters } from './hyperLogLog';
import { SlidingHyperLogLog } from './slidingHyperLogLog';

interface ScopeWindow {
  readonly scope: string;
  /** The window as written in the spec ("5m"): the `window` label value. */
  readonly window: string;
  readonly sketch: SlidingHyperLogLog;
  /** `scope="…",window="…",register="` */
  readonly labelPrefix: string;
}

/**
 * Unique users per active-user scope and window, as HyperLogLog registers exported as gauges
 * (all of them, zeros included: the PromQL estimate counts the zero registers).
 */
export class ActiveUsers implements MetricSource {
  readonly precision: number;
  private readonly sketches: ScopeWindow[] = [];
  /** Per declared event (by index), the sketches its users count in. */
  private readonly byEvent: SlidingHyperLogLog[][];
  private readonly registerLabels: string[];
  private readonly family: MetricFamily;
  private readonly scratch: Uint8Array<ArrayBuffer>;

  constructor(
    spec: AnalyticsSpec,
    private readonly clock: () => number
  ) {
    this.precision = spec.activeUsers.precision;
    this.family = productFamilies(spec.namespace).activeUsersRegister;
    this.byEvent = spec.events.map(() => []);
    for (const scope of spec.activeUsers.scopes) {
      for (const window of spec.activeUsers.windows) {
        const sketch = new SlidingHyperLogLog(this.precision, window.seconds);
        this.sketches.push({
          scope: scope.name,
          window: window.text,
          sketch,
          labelPrefix: `${labelPair(labelNames.scope, scope.name)},${labelPair(labelNames.window, window.text)},${labelNames.register}="`,
        });
        spec.events.forEach((event, index) => {
          if (scope.events === undefined || scope.events.includes(event.name)) this.byEvent[index]?.push(sketch);
        });
      }
    }
    this.scratch = new Uint8Array(2 ** this.precision);
    this.registerLabels = Array.from({ length: 2 ** this.precision }, (_, i) => String(i));
  }

  /** Counts a user (hashed once by the caller) for an event, at the receipt time `nowMs`. */
  add(eventIndex: number, userHash: Hash64, nowMs: number): void {
    const sketches = this.byEvent[eventIndex] ?? [];
    // Indexed loops on the per-event path: no iterator, whatever the engine's mood.
    for (let i = 0; i < sketches.length; i++) {
      const sketch = sketches[i];
      if (sketch !== undefined) addToRegisters(sketch.current(nowMs), userHash, this.precision);
    }
  }

  /** The live registers of one scope and window (for tests and in-process estimates). */
  registers(scope: string, window: string): Uint8Array | undefined {
    const found = this.sketches.find((s) => s.scope === scope && s.window === window);
    return found?.sketch.registers(this.clock());
  }

  collect(sink: MetricSink): void {
    // Merging every window's registers is the costly part of a collection: only for a sink that keeps them.
    if (sink.keeps?.(this.family) === false) return;
    sink.family(this.family);
    const now = this.clock();
    for (const { scope, window, sketch, labelPrefix } of this.sketches) {
      const registers = sketch.registers(now, this.scratch);
      registers.forEach((rank, i) => {
        const register = this.registerLabels[i] ?? String(i);
        const attributes = sink.wantsAttributes
          ? { [labelNames.scope]: scope, [labelNames.window]: window, [labelNames.register]: register }
          : undefined;
        sink.sample(`${labelPrefix}${register}"`, attributes, rank);
      });
    }
  }
}
