import { FreeIds } from '../aggregate/freeIds';
import { grown } from '../aggregate/growable';
import { UserIndex, userHashOf } from './userIndex';

const none = -1;

/** What the table asks of the funnels holding state in its slots. */
export interface SlotHolder {
  /** Settles what the watermark passed for a slot; may release it. */
  settle(slot: number): void;
  /** Drops a slot's state to give the slot to another user (an eviction). */
  discard(slot: number): void;
  /** Slots below `length` exist. */
  grow(length: number): void;
}

/**
 * Users with funnel state, each given a slot index into the funnels' typed arrays. Bounded: when
 * every slot is taken, the user who took theirs first is settled and, if still holding state,
 * evicted (counted). The order is a doubly linked list threaded through the slots, so taking,
 * releasing and evicting cost O(1) and never walk a table, whatever the number of users seen.
 */
export class UserTable {
  private readonly index = new UserIndex();
  /** Acquisition order: the slot taken just before / after each slot. */
  private older = new Int32Array(0);
  private newer = new Int32Array(0);
  private oldest = none;
  private newest = none;
  private readonly free = new FreeIds();
  private nextSlot = 0;
  /** Slots the arrays have room for. */
  private allocated = 0;
  evictions = 0;

  constructor(
    readonly capacity: number,
    private readonly holder: SlotHolder
  ) {}

  get size(): number {
    return this.index.size;
  }

  /** The user's slot, or -1. `hash` is `userHashOf(user)`. */
  get(user: string, hash = userHashOf(user)): number {
    return this.index.get(user, hash);
  }

  userOf(slot: number): string | undefined {
    return this.index.userOf(slot);
  }

  /** A slot for a user who has none: a free one, a new one, or the oldest user's. `hash` is `userHashOf(user)`. */
  acquire(user: string, hash = userHashOf(user)): number {
    let slot = this.take();
    if (slot === none) {
      const victim = this.oldest;
      this.holder.settle(victim);
      slot = this.take();
      if (slot === none) {
        this.holder.discard(victim);
        this.evictions++;
        this.forget(victim);
        slot = victim;
      }
    }
    this.index.set(user, slot, hash);
    this.append(slot);
    return slot;
  }

  /** The slot's user holds no state any more. */
  release(slot: number): void {
    this.forget(slot);
    this.free.push(slot);
  }

  /** The slot now belongs to `user` (who has none), as if just taken. */
  rename(slot: number, user: string): void {
    this.index.delete(slot);
    this.index.set(user, slot);
    this.unlink(slot);
    this.append(slot);
  }

  private take(): number {
    const slot = this.free.pop();
    if (slot !== none) return slot;
    if (this.nextSlot >= this.capacity) return none;
    if (this.nextSlot === this.allocated) this.allocate();
    return this.nextSlot++;
  }

  /** Room for twice as many slots (at most the capacity), in every array that has one per slot. */
  private allocate(): void {
    this.allocated = Math.min(this.capacity, Math.max(64, 2 * this.allocated));
    this.free.grow(this.allocated);
    this.older = grown(this.older, this.allocated, none);
    this.newer = grown(this.newer, this.allocated, none);
    this.holder.grow(this.allocated);
  }

  private forget(slot: number): void {
    this.index.delete(slot);
    this.unlink(slot);
  }

  private append(slot: number): void {
    this.older[slot] = this.newest;
    this.newer[slot] = none;
    if (this.newest !== none) this.newer[this.newest] = slot;
    else this.oldest = slot;
    this.newest = slot;
  }

  private unlink(slot: number): void {
    const before = this.older[slot] ?? none;
    const after = this.newer[slot] ?? none;
    if (before !== none) this.newer[before] = after;
    else if (this.oldest === slot) this.oldest = after;
    if (after !== none) this.older[after] = before;
    else if (this.newest === slot) this.newest = before;
    this.older[slot] = none;
    this.newer[slot] = none;
  }
}
