import { overflowValue } from '../contract/labels';
import { labelValuesOf } from '../contract/seriesBound';
import type { PropertySpec } from '../spec/model';
import { labelPair } from '../expose/labelText';

/**
 * The label values one declared property may take, each given a small index, so a series key is a
 * mixed-radix number of indices and a label is written from a precomputed fragment.
 * Indices 0…maxValues-1 hold kept values, maxValues is `__other__` and maxValues+1 the empty value
 * (the property was absent), which never uses up a kept slot. A kept value unused for the
 * property's idle time gives up its index at a sweep, so a new value can take it; listed
 * `values:` never do, nor does a value an open funnel attempt is broken down by.
 */
export class PropertyValues {
  readonly name: string;
  readonly attribute: string;
  /** Number of indices: kept values, the overflow and the empty value. */
  readonly radix: number;
  readonly overflowIndex: number;
  readonly emptyIndex: number;
  /** Whether the spec lists the values (`values:`): every label value is known up front and none ages. */
  readonly fixed: boolean;
  /** Index → label value. */
  readonly values: string[] = [];
  /** Index → `,name="value"`, escaped, ready for the text exposition. */
  readonly fragments: string[] = [];
  private readonly indexByValue = new Map<string, number>();
  private readonly idleMs: number;
  /** Receipt time each kept index was last used. */
  private readonly lastUsedMs: Float64Array;
  /** Open funnel attempts broken down by each index: a held index does not age. */
  private readonly holds: Int32Array;
  private readonly freeIndices: number[] = [];
  private nextIndex = 0;
  /** No kept value can age before this time, so sweeps before it skip the scan. */
  private nextAgingMs = Infinity;

  constructor(spec: PropertySpec) {
    this.name = spec.name;
    this.attribute = spec.attribute;
    this.overflowIndex = spec.maxValues;
    this.emptyIndex = spec.maxValues + 1;
    this.radix = labelValuesOf(spec);
    this.fixed = spec.values !== undefined;
    this.idleMs = spec.idleTimeout.seconds * 1000;
    this.lastUsedMs = new Float64Array(spec.maxValues);
    this.holds = new Int32Array(this.radix);
    for (const value of spec.values ?? []) this.assign(this.nextIndex++, value);
    this.label(this.overflowIndex, overflowValue);
    this.label(this.emptyIndex, '');
  }

  /** The index of a value at receipt time `nowMs`: a kept value, a free slot for a new one, else the overflow. */
  indexOf(value: string, nowMs: number): number {
    if (value === '') return this.emptyIndex;
    const known = this.indexByValue.get(value);
    if (known !== undefined) {
      this.lastUsedMs[known] = nowMs;
      return known;
    }
    if (this.fixed || value === overflowValue) return this.overflowIndex;
    const index = this.freeIndices.pop() ?? (this.nextIndex < this.overflowIndex ? this.nextIndex++ : -1);
    if (index < 0) return this.overflowIndex;
    this.assign(index, value);
    this.lastUsedMs[index] = nowMs;
    this.nextAgingMs = Math.min(this.nextAgingMs, nowMs + this.idleMs);
    return index;
  }

  /** The indices a series can have before any event: the listed values and the empty value. */
  initialIndices(): number[] | undefined {
    if (!this.fixed) return undefined;
    return [...Array.from({ length: this.nextIndex }, (_, i) => i), this.emptyIndex];
  }

  /** An open funnel attempt is broken down by this index: it keeps its value until released. */
  hold(index: number): void {
    this.holds[index] = (this.holds[index] ?? 0) + 1;
  }

  release(index: number): void {
    const holds = (this.holds[index] ?? 0) - 1;
    this.holds[index] = holds;
    if (holds === 0 && index < this.overflowIndex && !this.fixed) {
      this.nextAgingMs = Math.min(this.nextAgingMs, (this.lastUsedMs[index] ?? 0) + this.idleMs);
    }
  }

  /**
   * Frees the indices of kept values unused for the idle time and not held, and returns them: the
   * caller removes their series before a new value can take one.
   */
  retireIdle(nowMs: number): number[] {
    if (this.fixed || nowMs < this.nextAgingMs) return [];
    const retired: number[] = [];
    let next = Infinity;
    for (let index = 0; index < this.nextIndex; index++) {
      const value = this.values[index];
      if (value === undefined || this.indexByValue.get(value) !== index || (this.holds[index] ?? 0) > 0) continue;
      const agesAt = (this.lastUsedMs[index] ?? 0) + this.idleMs;
      if (agesAt <= nowMs) {
        this.indexByValue.delete(value);
        this.freeIndices.push(index);
        retired.push(index);
      } else {
        next = Math.min(next, agesAt);
      }
    }
    this.nextAgingMs = next;
    return retired;
  }

  private assign(index: number, value: string): void {
    this.indexByValue.set(value, index);
    this.label(index, value);
  }

  private label(index: number, value: string): void {
    this.values[index] = value;
    this.fragments[index] = `,${labelPair(this.name, value)}`;
  }
}
