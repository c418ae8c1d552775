import { mergeRegisters } from './hyperLogLog';

/**
 * HyperLogLog over a sliding window, as a ring of sub-window sketches: an event lands in the
 * current sub-window; the exported registers are the max over the sub-windows still inside the
 * window. A user counts for between `window - window/subWindows` and `window` after their event.
 */
export class SlidingHyperLogLog {
  readonly registerCount: number;
  private readonly ring: Uint8Array[];
  private readonly subWindowMs: number;
  /** Sub-window number (time / subWindowMs) held by each ring entry. */
  private readonly epochs: Float64Array;
  private lastNow = NaN;
  private lastRegisters: Uint8Array = new Uint8Array(0);

  constructor(
    readonly precision: number,
    windowSeconds: number,
    readonly subWindows = 10
  ) {
    this.registerCount = 2 ** precision;
    this.subWindowMs = (windowSeconds * 1000) / subWindows;
    this.ring = Array.from({ length: subWindows }, () => new Uint8Array(this.registerCount));
    this.epochs = new Float64Array(subWindows).fill(-Infinity);
  }

  /** The registers to update for an event at `nowMs`; a sub-window that aged out is cleared first. */
  current(nowMs: number): Uint8Array {
    // Events arrive in bursts at the same clock reading: skip the division then.
    if (nowMs === this.lastNow) return this.lastRegisters;
    const epoch = Math.floor(nowMs / this.subWindowMs);
    const at = epoch % this.subWindows;
    const registers = this.ring[at] ?? new Uint8Array(this.registerCount);
    if (this.epochs[at] !== epoch) {
      registers.fill(0);
      this.epochs[at] = epoch;
    }
    this.lastNow = nowMs;
    this.lastRegisters = registers;
    return registers;
  }

  /** Register-wise max over the sub-windows inside the window ending at `nowMs`. */
  registers(
    nowMs: number,
    into: Uint8Array<ArrayBuffer> = new Uint8Array(this.registerCount)
  ): Uint8Array<ArrayBuffer> {
    into.fill(0);
    const epoch = Math.floor(nowMs / this.subWindowMs);
    this.ring.forEach((registers, i) => {
      if (epoch - (this.epochs[i] ?? -Infinity) < this.subWindows) mergeRegisters(into, registers);
    });
    return into;
  }
}
