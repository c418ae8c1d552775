/**
 * Anonymous id → user id, learnt from events that carry both (or a Segment `identify`), so later
 * anonymous-only events (another tab, a slow client) join the signed-in user. Bounded: beyond
 * `capacity` the oldest link goes, found through a ring of anonymous ids in the order they were
 * first linked, so linking costs O(1) and never walks the Map.
 */
export class IdentityLinks {
  private readonly userByAnonymous = new Map<string, string>();
  private readonly ring: string[] = [];
  /** Ring position of the oldest link once the ring is full. */
  private oldest = 0;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.userByAnonymous.size;
  }

  /** Records the link; returns true when it is new or changed (the caller then moves the anonymous state). */
  link(anonymousId: string, userId: string): boolean {
    const known = this.userByAnonymous.get(anonymousId);
    if (known === userId) return false;
    if (known === undefined) {
      if (this.ring.length < this.capacity) {
        this.ring.push(anonymousId);
      } else {
        const evicted = this.ring[this.oldest] ?? '';
        this.userByAnonymous.delete(evicted);
        this.ring[this.oldest] = anonymousId;
        this.oldest = (this.oldest + 1) % this.capacity;
      }
    }
    this.userByAnonymous.set(anonymousId, userId);
    return true;
  }

  /** Identity is `userId ?? (linked user of anonymousId) ?? anonymousId`. */
  resolve(userId: string | undefined, anonymousId: string | undefined): string | undefined {
    if (userId !== undefined) return userId;
    if (anonymousId === undefined) return undefined;
    return this.userByAnonymous.get(anonymousId) ?? anonymousId;
  }
}
