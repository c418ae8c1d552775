/**
 * Anonymous id → user id, learnt from events that carry both, so later anonymous-only events
 * (another tab, a slow client) join the signed-in user's funnels. Bounded; oldest links go first.
 */
export class IdentityLinks {
  private readonly userByAnonymous = new Map<string, string>();

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.userByAnonymous.size;
  }

  /** Records the link; returns true when it is new (the caller then moves the anonymous state). */
  link(anonymousId: string, userId: string): boolean {
    if (this.userByAnonymous.get(anonymousId) === userId) {
      return false;
    }
    if (this.userByAnonymous.size >= this.capacity) {
      const oldest = this.userByAnonymous.keys().next();
      if (oldest.done !== true) this.userByAnonymous.delete(oldest.value);
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
