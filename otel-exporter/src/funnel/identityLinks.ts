import { UserIndex } from './userIndex';

/**
 * Anonymous id → user id, learnt from events that carry both (or a Segment `identify`), so later
 * anonymous-only events (another tab, a slow client) join the signed-in user. Bounded: the links
 * sit in a ring in the order they were first made, and beyond `capacity` the oldest goes. The
 * anonymous ids are found through the same open-addressing table as funnel users (a `Map` with a
 * delete per new link keeps the deleted entries until it rehashes them all at once).
 */
export class IdentityLinks {
  /** Anonymous id → its ring position. */
  private readonly positions = new UserIndex();
  /** Ring position → the user id linked. */
  private readonly users: string[] = [];
  /** The ring position the next new link takes (the oldest link's once the ring is full). */
  private next = 0;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.positions.size;
  }

  /** Records the link; returns true when it is new or changed (the caller then moves the anonymous state). */
  link(anonymousId: string, userId: string): boolean {
    const known = this.positions.get(anonymousId);
    if (known !== -1) {
      if (this.users[known] === userId) return false;
      this.users[known] = userId;
      return true;
    }
    const position = this.next;
    this.next = (this.next + 1) % this.capacity;
    this.positions.delete(position);
    this.positions.set(anonymousId, position);
    this.users[position] = userId;
    return true;
  }

  /** Identity is `userId ?? (linked user of anonymousId) ?? anonymousId`. */
  resolve(userId: string | undefined, anonymousId: string | undefined): string | undefined {
    if (userId !== undefined) return userId;
    if (anonymousId === undefined) return undefined;
    const position = this.positions.get(anonymousId);
    return position === -1 ? anonymousId : this.users[position];
  }
}
