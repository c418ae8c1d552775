import { grown } from '../aggregate/growable';

/** Buckets of a wheel: a power of two, so a bucket number maps to its bucket with a mask. */
const bucketCount = 4096;
const none = -1;

/**
 * Items (small integer ids) due at a deadline, in a hashed timing wheel: each bucket covers
 * `bucketMs` and holds a doubly linked list threaded through typed arrays, so scheduling,
 * cancelling and moving an item cost O(1) whatever the number of items, and expiring touches only
 * the buckets the watermark passed (an item is expired only once its exact deadline is passed).
 * Buckets are sized so the wheel spans the longest time an item waits, so one turn holds them all.
 */
export class ExpiryWheel {
  private readonly bucketMs: number;
  private readonly heads = new Int32Array(bucketCount).fill(none);
  private deadlines = new Float64Array(0);
  private next = new Int32Array(0);
  private previous = new Int32Array(0);
  /** The bucket each item's list is in. */
  private buckets = new Uint16Array(0);
  /** Bucket number (time / bucketMs) the next expiry starts from; NaN before the first item. */
  private cursor = NaN;
  /** The bucket number the last expiry stopped at: the buckets before it are not visited again. */
  private passed = -Infinity;
  /** Items scheduled. */
  size = 0;

  /** `spanMs`: the longest an item waits between being scheduled and its deadline. */
  constructor(spanMs: number) {
    this.bucketMs = Math.max(1000, Math.ceil(spanMs / (bucketCount / 2)));
  }

  /** Whether the item is waiting. */
  has(item: number): boolean {
    return item < this.deadlines.length && !Number.isNaN(this.deadlines[item]);
  }

  deadlineOf(item: number): number {
    return this.deadlines[item] ?? NaN;
  }

  /** Schedules an item, or moves it when already scheduled. */
  schedule(item: number, deadlineMs: number): void {
    if (item >= this.deadlines.length) {
      this.deadlines = grown(this.deadlines, item + 1, NaN);
      this.next = grown(this.next, item + 1, none);
      this.previous = grown(this.previous, item + 1, none);
      this.buckets = grown(this.buckets, item + 1);
    }
    if (this.has(item)) this.cancel(item);
    let number = Math.floor(deadlineMs / this.bucketMs);
    // Already due in a bucket an expiry has passed: the next expiry's first bucket finds it.
    if (number < this.passed) number = this.passed;
    // An item due before every other one moves the cursor back to it: the next expiry must start
    // there, not at the first item ever scheduled.
    if (Number.isNaN(this.cursor) || number < this.cursor) this.cursor = number;
    const bucket = number & (bucketCount - 1);
    const head = this.heads[bucket] ?? none;
    this.deadlines[item] = deadlineMs;
    this.buckets[item] = bucket;
    this.previous[item] = none;
    this.next[item] = head;
    if (head !== none) this.previous[head] = item;
    this.heads[bucket] = item;
    this.size++;
  }

  cancel(item: number): void {
    if (!this.has(item)) return;
    const before = this.previous[item] ?? none;
    const after = this.next[item] ?? none;
    if (before !== none) this.next[before] = after;
    else this.heads[this.buckets[item] ?? 0] = after;
    if (after !== none) this.previous[after] = before;
    this.deadlines[item] = NaN;
    this.size--;
  }

  /**
   * Calls `expire` for items whose deadline is before `watermarkMs`, at most `budget` of them (it
   * must not schedule the item into a bucket already passed). Returns true when none is left due.
   */
  expireBefore(watermarkMs: number, budget: number, expire: (item: number) => void): boolean {
    if (Number.isNaN(this.cursor) || this.size === 0) return true;
    const last = Math.floor(watermarkMs / this.bucketMs);
    // Past a whole turn, each bucket is visited once: items of later turns stay.
    if (last - this.cursor >= bucketCount) this.cursor = last - bucketCount + 1;
    let left = budget;
    for (; this.cursor <= last; this.cursor++) {
      const bucket = this.cursor & (bucketCount - 1);
      let item = this.heads[bucket] ?? none;
      while (item !== none) {
        const after = this.next[item] ?? none;
        if ((this.deadlines[item] ?? Infinity) < watermarkMs) {
          if (left === 0) {
            this.passed = this.cursor;
            return false;
          }
          left--;
          this.cancel(item);
          expire(item);
        }
        item = after;
      }
      // The bucket holding the watermark stays the cursor: its later items are not due yet.
      if (this.cursor === last) break;
    }
    this.passed = Math.min(this.cursor, last);
    return true;
  }
}
