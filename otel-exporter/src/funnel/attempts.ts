import { FreeIds } from '../aggregate/freeIds';
import { grown } from '../aggregate/growable';

const none = -1;

/**
 * The attempts of one funnel, open or closed and waiting for their window's end, as records in
 * typed arrays (no object per attempt): the time of each step reached, the furthest step, the
 * breakdown group and the owning user slot (-1 once closed). Freed records are reused.
 */
export class Attempts {
  /** Step times (ms), `steps` per record: index 0 is the attempt's start T0. */
  stepTimes = new Float64Array(0);
  reached = new Int8Array(0);
  group = new Uint16Array(0);
  owner = new Int32Array(0);
  private readonly free = new FreeIds();
  private next = 0;
  private allocated = 0;

  constructor(private readonly steps: number) {}

  /** A record for an attempt opened at `t0` by `owner`, broken down by `group`. */
  open(t0: number, group: number, owner: number): number {
    let record = this.free.pop();
    if (record === none) {
      if (this.next === this.allocated) this.allocate();
      record = this.next++;
    }
    this.stepTimes[record * this.steps] = t0;
    this.reached[record] = 0;
    this.group[record] = group;
    this.owner[record] = owner;
    return record;
  }

  /** Room for twice as many records in every array. */
  private allocate(): void {
    this.allocated = Math.max(64, 2 * this.allocated);
    this.free.grow(this.allocated);
    this.stepTimes = grown(this.stepTimes, this.allocated * this.steps);
    this.reached = grown(this.reached, this.allocated);
    this.group = grown(this.group, this.allocated);
    this.owner = grown(this.owner, this.allocated, none);
  }

  release(record: number): void {
    this.owner[record] = none;
    this.free.push(record);
  }

  /** Time of step `k` of a record (reached steps only). */
  time(record: number, k: number): number {
    return this.stepTimes[record * this.steps + k] ?? NaN;
  }

  setTime(record: number, k: number, timeMs: number): void {
    this.stepTimes[record * this.steps + k] = timeMs;
  }
}
