import { overflowValue } from '../contract/labels';
import type { PropertySpec } from '../spec/model';
import { labelPair } from '../expose/labelText';

/**
 * The label values one declared property may take, each given a small index once, so a series key
 * is a mixed-radix number of indices and a label is written from a precomputed fragment.
 * Indices 0…maxValues-1 are kept values; index maxValues is `__other__`.
 */
export class PropertyValues {
  readonly name: string;
  readonly attribute: string;
  /** Number of indices: kept values plus the overflow. */
  readonly radix: number;
  readonly overflowIndex: number;
  /** Index → label value. */
  readonly values: string[] = [];
  /** Index → `,name="value"`, escaped, ready for the text exposition. */
  readonly fragments: string[] = [];
  private readonly indexByValue = new Map<string, number>();
  /** Whether the spec lists the values (`values:`), so every label value is known up front. */
  readonly fixed: boolean;

  constructor(spec: PropertySpec) {
    this.name = spec.name;
    this.attribute = spec.attribute;
    this.overflowIndex = spec.maxValues;
    this.radix = spec.maxValues + 1;
    this.fixed = spec.values !== undefined;
    for (const value of spec.values ?? []) this.add(value);
    this.values[this.overflowIndex] = overflowValue;
    this.fragments[this.overflowIndex] = `,${labelPair(this.name, overflowValue)}`;
  }

  /** The index of a value; the first maxValues distinct values are kept, later ones overflow. */
  indexOf(value: string): number {
    const known = this.indexByValue.get(value);
    if (known !== undefined) {
      return known;
    }
    if (this.fixed || this.indexByValue.size >= this.overflowIndex || value === overflowValue) {
      return this.overflowIndex;
    }
    return this.add(value);
  }

  private add(value: string): number {
    const index = this.indexByValue.size;
    this.indexByValue.set(value, index);
    this.values[index] = value;
    this.fragments[index] = `,${labelPair(this.name, value)}`;
    return index;
  }
}
