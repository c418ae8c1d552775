/**
 * Users with funnel state, each given a slot index into the funnels' typed arrays. Bounded: beyond
 * `capacity` the longest-tracked user is evicted (Map insertion order); evicting a user who had an
 * open attempt is counted.
 */
export class UserSlots {
  private readonly slotByUser = new Map<string, number>();
  private readonly free: number[] = [];
  private nextSlot = 0;
  evictions = 0;

  constructor(
    readonly capacity: number,
    /** Clears a slot before it is reused for another user; true when that dropped an open attempt. */
    private readonly onEvict: (slot: number) => boolean
  ) {}

  get size(): number {
    return this.slotByUser.size;
  }

  /** Highest slot index handed out, plus one: the length the state arrays need. */
  get highWater(): number {
    return this.nextSlot;
  }

  get(user: string): number | undefined {
    return this.slotByUser.get(user);
  }

  /** The user's slot, taking a free one (or the oldest user's) when they have none. */
  acquire(user: string): number {
    const known = this.slotByUser.get(user);
    if (known !== undefined) {
      return known;
    }
    let slot = this.free.pop();
    if (slot === undefined && this.nextSlot < this.capacity) {
      slot = this.nextSlot++;
    }
    if (slot === undefined) {
      slot = this.evictOldest();
    }
    this.slotByUser.set(user, slot);
    return slot;
  }

  release(user: string): void {
    const slot = this.slotByUser.get(user);
    if (slot !== undefined) {
      this.slotByUser.delete(user);
      this.free.push(slot);
    }
  }

  /** Gives `from`'s slot to `to` (who has none). */
  rename(from: string, to: string): void {
    const slot = this.slotByUser.get(from);
    if (slot !== undefined) {
      this.slotByUser.delete(from);
      this.slotByUser.set(to, slot);
    }
  }

  forEach(visit: (slot: number, user: string) => void): void {
    // Visiting may release users; Map iteration tolerates deletes of visited entries.
    this.slotByUser.forEach(visit);
  }

  private evictOldest(): number {
    for (const [user, slot] of this.slotByUser) {
      this.slotByUser.delete(user);
      if (this.onEvict(slot)) this.evictions++;
      return slot;
    }
    throw new Error('funnel user capacity must be at least 1');
  }
}
