import type { Attributes } from '@opentelemetry/api';
import { labelNames } from '../contract/labels';
import type { EventSpec } from '../spec/model';
import { FirstExposure } from '../expose/firstExposure';
import { labelPair } from '../expose/labelText';
import type { ExemplarSource, MetricSink } from '../expose/metricSink';
import { grown } from './growable';
import { PropertyValues } from './propertyValues';

/** Key spaces up to this size index a flat table (4 bytes a key) instead of a Map. */
const maxTableKeySpace = 2 ** 16;

/**
 * The counters of one declared event: one series per tuple of property value indices, the tuple
 * packed as a mixed-radix integer. Series live in parallel typed arrays indexed by a slot, so a
 * series costs a few numbers, not an object. When every property lists its values, every
 * combination of them (and of the empty value) exists from the start, at 0.
 */
export class EventSeries {
  readonly name: string;
  readonly properties: readonly PropertyValues[];
  readonly valueField: string | undefined;
  readonly unit: string | undefined;
  /** `event="name"`, escaped. */
  readonly eventLabel: string;
  /** Events per property whose value was counted as `__other__`. */
  readonly overflows: Float64Array;
  /** What each scraper has seen: a new series shows 0 once. */
  readonly exposure = new FirstExposure();
  /** Key → slot: a flat table (-1 = none) when the key space is small, else a Map. */
  private readonly slotTable: Int32Array | undefined;
  private readonly slotByKey = new Map<number, number>();
  /** Per property, the key weight of its index (the product of the later properties' radices). */
  private readonly strides: readonly number[];
  private keys = new Float64Array(0);
  private counts = new Float64Array(0);
  private values = new Float64Array(0);
  private exemplarTimes = new Float64Array(0);
  private readonly exemplarUsers: (string | undefined)[] = [];
  private readonly exemplarTraces: (string | undefined)[] = [];
  private readonly exemplarSpans: (string | undefined)[] = [];
  size = 0;

  constructor(spec: EventSpec) {
    this.name = spec.name;
    this.properties = spec.properties.map((p) => new PropertyValues(p));
    this.valueField = spec.value?.field;
    this.unit = spec.value?.unit;
    this.eventLabel = labelPair(labelNames.event, spec.name);
    this.overflows = new Float64Array(this.properties.length);
    this.strides = this.properties.map((_, i) =>
      this.properties.slice(i + 1).reduce((weight, property) => weight * property.radix, 1)
    );
    // Validation keeps the key space within 2^52, so every key is an exact integer.
    const keySpace = this.properties.reduce((space, property) => space * property.radix, 1);
    this.slotTable = keySpace <= maxTableKeySpace ? new Int32Array(keySpace).fill(-1) : undefined;
    this.createInitialSeries();
  }

  /** The slot of a series key, created on first use. */
  slotOf(key: number): number {
    if (this.slotTable !== undefined) {
      const slot = this.slotTable[key] ?? -1;
      if (slot >= 0) return slot;
    } else {
      const slot = this.slotByKey.get(key);
      if (slot !== undefined) return slot;
    }
    return this.create(key);
  }

  add(
    slot: number,
    value: number,
    userId: string | undefined,
    traceId: string | undefined,
    spanId: string | undefined,
    timeMs: number
  ): void {
    this.counts[slot] = (this.counts[slot] ?? 0) + 1;
    if (this.valueField !== undefined) {
      this.values[slot] = (this.values[slot] ?? 0) + value;
    }
    this.exemplarUsers[slot] = userId;
    this.exemplarTraces[slot] = traceId;
    this.exemplarSpans[slot] = spanId;
    this.exemplarTimes[slot] = timeMs;
  }

  /** The event count `sink` sees (0 on its first collection of the series). */
  count(slot: number, sink: MetricSink): number {
    return this.exposure.visible(sink, slot, this.counts[slot] ?? 0);
  }

  value(slot: number, sink: MetricSink): number {
    return this.exposure.visible(sink, slot, this.values[slot] ?? 0);
  }

  /** The latest event behind a series, once its scraper sees the series' value. */
  exemplar(slot: number, sink: MetricSink): ExemplarSource | undefined {
    if (!this.exposure.seen(sink, slot) || this.exemplarTimes[slot] === 0) return undefined;
    return {
      userId: this.exemplarUsers[slot],
      traceId: this.exemplarTraces[slot],
      spanId: this.exemplarSpans[slot],
      // An exemplar on a counter is one increment: the event.
      value: 1,
      timestampMs: this.exemplarTimes[slot] ?? 0,
    };
  }

  /** `event="…",prop="…",…` for a slot, from the precomputed fragments. */
  labelText(slot: number): string {
    let text = '';
    this.decode(slot, (property, index) => {
      text = `${property.fragments[index]}${text}`;
    });
    return this.eventLabel + text;
  }

  attributes(slot: number): Attributes {
    const attributes: Attributes = { [labelNames.event]: this.name };
    this.decode(slot, (property, index) => {
      attributes[property.name] = property.values[index];
    });
    return attributes;
  }

  /**
   * Removes every series whose property at `position` has value index `index` (its value aged
   * out): they leave the exposition, so Prometheus marks them stale. Sweep path only.
   */
  removeSeriesWith(position: number, index: number): void {
    const stride = this.strides[position] ?? 1;
    const radix = this.properties[position]?.radix ?? 1;
    for (let slot = this.size - 1; slot >= 0; slot--) {
      if (Math.floor((this.keys[slot] ?? 0) / stride) % radix === index) this.remove(slot);
    }
  }

  /** Unpacks a slot's mixed-radix key: each property (last first) with its value index. Scrape path only. */
  private decode(slot: number, visit: (property: PropertyValues, valueIndex: number) => void): void {
    let key = this.keys[slot] ?? 0;
    for (let i = this.properties.length - 1; i >= 0; i--) {
      const property = this.properties[i];
      if (property === undefined) break;
      const index = key % property.radix;
      key = (key - index) / property.radix;
      visit(property, index);
    }
  }

  private create(key: number): number {
    const slot = this.size++;
    this.keys = grown(this.keys, this.size);
    this.counts = grown(this.counts, this.size);
    if (this.valueField !== undefined) this.values = grown(this.values, this.size);
    this.exemplarTimes = grown(this.exemplarTimes, this.size);
    this.keys[slot] = key;
    this.counts[slot] = 0;
    if (this.valueField !== undefined) this.values[slot] = 0;
    this.exemplarTimes[slot] = 0;
    this.exemplarUsers[slot] = undefined;
    this.exemplarTraces[slot] = undefined;
    this.exemplarSpans[slot] = undefined;
    this.setSlot(key, slot);
    this.exposure.created(slot);
    return slot;
  }

  /** Moves the last series into `slot`'s place. */
  private remove(slot: number): void {
    const last = --this.size;
    const key = this.keys[slot] ?? 0;
    if (this.slotTable !== undefined) this.slotTable[key] = -1;
    else this.slotByKey.delete(key);
    if (slot === last) return;
    const movedKey = this.keys[last] ?? 0;
    this.keys[slot] = movedKey;
    this.counts[slot] = this.counts[last] ?? 0;
    if (this.valueField !== undefined) this.values[slot] = this.values[last] ?? 0;
    this.exemplarTimes[slot] = this.exemplarTimes[last] ?? 0;
    this.exemplarUsers[slot] = this.exemplarUsers[last];
    this.exemplarTraces[slot] = this.exemplarTraces[last];
    this.exemplarSpans[slot] = this.exemplarSpans[last];
    this.exposure.moved(last, slot);
    this.setSlot(movedKey, slot);
  }

  private setSlot(key: number, slot: number): void {
    if (this.slotTable !== undefined) this.slotTable[key] = slot;
    else this.slotByKey.set(key, slot);
  }

  /** Every combination of listed values and the empty value, when all properties list theirs. */
  private createInitialSeries(): void {
    const choices = this.properties.map((p) => p.initialIndices());
    if (choices.some((c) => c === undefined)) return;
    let keys = [0];
    for (const [i, property] of this.properties.entries()) {
      keys = keys.flatMap((key) => (choices[i] ?? []).map((index) => key * property.radix + index));
    }
    for (const key of keys) this.create(key);
  }
}
