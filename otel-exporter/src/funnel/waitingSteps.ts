import { FreeIds } from '../aggregate/freeIds';
import { grown } from '../aggregate/growable';

const none = -1;

/**
 * Events that could not be applied yet, per user slot: a later step whose predecessor has not
 * arrived (or whose user has no attempt), or a repeat of step 0 inside an attempt that may still
 * complete before it. A short list kept in event-time order (equal times in arrival order), each
 * entry with the mask of steps it matches and its breakdown group. Records in typed arrays, reused
 * when freed.
 */
export class WaitingSteps {
  time = new Float64Array(0);
  mask = new Int32Array(0);
  group = new Uint16Array(0);
  next = new Int32Array(0);
  private heads = new Int32Array(0);
  private counts = new Uint8Array(0);
  private readonly free = new FreeIds();
  private records = 0;

  /** Slots below `length` exist. */
  grow(length: number): void {
    this.heads = grown(this.heads, length, none);
    this.counts = grown(this.counts, length);
  }

  head(slot: number): number {
    return this.heads[slot] ?? none;
  }

  count(slot: number): number {
    return this.counts[slot] ?? 0;
  }

  /** Inserts a step after those at the same time or earlier. */
  insert(slot: number, timeMs: number, mask: number, group: number): void {
    let record = this.free.pop();
    if (record === none) {
      record = this.records++;
      this.free.grow(this.records);
      this.time = grown(this.time, this.records);
      this.mask = grown(this.mask, this.records);
      this.group = grown(this.group, this.records);
      this.next = grown(this.next, this.records, none);
    }
    this.time[record] = timeMs;
    this.mask[record] = mask;
    this.group[record] = group;
    let previous = none;
    let at = this.head(slot);
    while (at !== none && (this.time[at] ?? 0) <= timeMs) {
      previous = at;
      at = this.next[at] ?? none;
    }
    this.next[record] = at;
    if (previous === none) this.heads[slot] = record;
    else this.next[previous] = record;
    this.counts[slot] = this.count(slot) + 1;
  }

  /** Removes `record`, which follows `previous` (-1 when it is the head). */
  remove(slot: number, previous: number, record: number): void {
    const after = this.next[record] ?? none;
    if (previous === none) this.heads[slot] = after;
    else this.next[previous] = after;
    this.counts[slot] = this.count(slot) - 1;
    this.free.push(record);
  }

  /** Removes the entries before `timeMs`; returns how many matched a later step (orphans). */
  removeBefore(slot: number, timeMs: number): number {
    let orphans = 0;
    let at = this.head(slot);
    while (at !== none && (this.time[at] ?? 0) < timeMs) {
      const after = this.next[at] ?? none;
      if (matchesLaterStep(this.mask[at] ?? 0)) orphans++;
      this.remove(slot, none, at);
      at = after;
    }
    return orphans;
  }

  /**
   * Moves `from`'s entries into `to`'s list (equal times: `to`'s first), keeping at most `limit`;
   * returns how many of the latest dropped ones matched a later step (orphans).
   */
  moveInto(from: number, to: number, limit: number): number {
    let at = this.head(from);
    this.heads[from] = none;
    this.counts[from] = 0;
    while (at !== none) {
      const after = this.next[at] ?? none;
      this.insert(to, this.time[at] ?? 0, this.mask[at] ?? 0, this.group[at] ?? 0);
      this.free.push(at);
      at = after;
    }
    let orphans = 0;
    while (this.count(to) > limit) {
      if (matchesLaterStep(this.removeLast(to))) orphans++;
    }
    return orphans;
  }

  clear(slot: number): void {
    this.removeBefore(slot, Infinity);
  }

  /** Removes the latest entry; returns its mask. */
  private removeLast(slot: number): number {
    let previous = none;
    let at = this.head(slot);
    while ((this.next[at] ?? none) !== none) {
      previous = at;
      at = this.next[at] ?? none;
    }
    const mask = this.mask[at] ?? 0;
    this.remove(slot, previous, at);
    return mask;
  }
}

/** Whether an entry matched a step after the first: one never taken is an orphan (step 0 alone never is). */
export function matchesLaterStep(mask: number): boolean {
  return (mask & ~1) !== 0;
}
