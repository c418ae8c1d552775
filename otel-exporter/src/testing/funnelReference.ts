/**
 * The funnel rules of otel-exporter/README.md ("Funnel semantics"), computed the obvious way for
 * property tests: keep every event of every user, sort each user's events by event time and walk
 * them once. No bounds, no watermark, no incremental state: the exporter must reach the same
 * counts from any arrival order within the allowed lateness. `referenceIdentifiedFunnel` adds
 * identity links and bounds, taking actions in order of receipt. Test-only.
 */

/** One event of a stream: its user, the funnel step it matches and its event time (ms). */
export interface ReferenceEvent {
  readonly user: string;
  readonly step: number;
  readonly timeMs: number;
}

export interface ReferenceCounts {
  /** Attempts that reached each step. */
  readonly steps: number[];
  /** Settled attempts by furthest step. */
  readonly outcomes: number[];
  /** Per later step k (index k-1): how many attempts reached it, and the sum of seconds from T0. */
  readonly conversionCounts: number[];
  readonly conversionSums: number[];
  /** Later-step events never taken that are not a repeat of a step an attempt reached before them. */
  orphans: number;
}

interface Attempt {
  readonly times: number[];
}

/** Every counter at zero, for a funnel of `stepCount` steps. */
export function noCounts(stepCount: number): ReferenceCounts {
  return {
    steps: new Array<number>(stepCount).fill(0),
    outcomes: new Array<number>(stepCount).fill(0),
    conversionCounts: new Array<number>(stepCount - 1).fill(0),
    conversionSums: new Array<number>(stepCount - 1).fill(0),
    orphans: 0,
  };
}

export function referenceFunnel(
  events: readonly ReferenceEvent[],
  stepCount: number,
  windowMs: number
): ReferenceCounts {
  const last = stepCount - 1;
  const counts = noCounts(stepCount);
  const byUser = new Map<string, ReferenceEvent[]>();
  for (const e of events) byUser.set(e.user, [...(byUser.get(e.user) ?? []), e]);
  for (const userEvents of byUser.values()) {
    const sorted = [...userEvents].sort((a, b) => a.timeMs - b.timeMs);
    const attempts: Attempt[] = [];
    const untaken: ReferenceEvent[] = [];
    let open: Attempt | undefined;
    // An attempt ends at its last step once completed, else at its window's end.
    const end = (a: Attempt) => (a.times.length === stepCount ? (a.times[last] ?? 0) : (a.times[0] ?? 0) + windowMs);
    for (const { step, timeMs } of sorted) {
      if (step === 0) {
        if (open !== undefined && timeMs <= end(open)) continue; // a repeat inside the attempt
        open = { times: [timeMs] };
        attempts.push(open);
      } else if (open !== undefined && step === open.times.length && timeMs <= (open.times[0] ?? 0) + windowMs) {
        open.times.push(timeMs);
      } else {
        untaken.push({ user: '', step, timeMs });
      }
    }
    for (const { times } of attempts) {
      times.forEach((time, k) => {
        counts.steps[k] = (counts.steps[k] ?? 0) + 1;
        if (k > 0) {
          counts.conversionCounts[k - 1] = (counts.conversionCounts[k - 1] ?? 0) + 1;
          counts.conversionSums[k - 1] = (counts.conversionSums[k - 1] ?? 0) + (time - (times[0] ?? 0)) / 1000;
        }
      });
      counts.outcomes[times.length - 1] = (counts.outcomes[times.length - 1] ?? 0) + 1;
    }
    for (const { step, timeMs } of untaken) {
      const repeat = attempts.some(
        ({ times }) => (times[step] ?? Infinity) <= timeMs && timeMs <= (times[0] ?? 0) + windowMs
      );
      if (!repeat) counts.orphans++;
    }
  }
  return counts;
}

/**
 * One action of a stream with identities, in the order received: an event of a user id, an
 * anonymous id or both (a link), or an explicit link (a Segment `identify`); a sweep may follow.
 */
export interface IdentifiedAction {
  readonly link: boolean;
  readonly userId?: string;
  readonly anonymousId?: string;
  readonly step: number;
  /** The breakdown value of an event. */
  readonly group: string;
  /** Event time; for a link, which has none, the time it is made. */
  readonly timeMs: number;
  /** Receipt time, when later than `timeMs` (by less than the allowed lateness, so the event keeps its time). */
  readonly receivedMs?: number;
  readonly sweepAfter: boolean;
}

export interface IdentifiedReference {
  /** Counts per breakdown value (orphans are per funnel, below). */
  readonly byGroup: Map<string, ReferenceCounts>;
  readonly orphans: number;
  readonly evictions: number;
}

export interface IdentifiedLimits {
  readonly stepCount: number;
  readonly windowMs: number;
  readonly latenessMs: number;
  /** `limits.maxFunnelUsers`: users holding state, identity links, and closed attempts waiting for their window. */
  readonly maxFunnelUsers: number;
  /** Events one user may have waiting. */
  readonly maxWaiting: number;
}

interface LinkedAttempt {
  readonly times: number[];
  readonly group: string;
  /** The user whose attempt it is, until it stops taking steps. */
  owner: UserState | undefined;
}

interface Waiting {
  readonly timeMs: number;
  readonly step: number;
  readonly group: string;
}

interface UserState {
  open: LinkedAttempt | undefined;
  /** The attempt closed before the open one (a step 0 after its end), until it settles. */
  closed: LinkedAttempt | undefined;
  previousEnd: number;
  waiting: Waiting[];
}

/**
 * The README's funnel rules with identity links and bounds, taking actions in order of receipt
 * (the watermark follows the receipt clock; events are placed by event time, waiting and replaying
 * as the README says): links resolve ids (the oldest of `maxFunnelUsers` links goes first), a link
 * merges the anonymous state into the user's (the furthest open attempt survives, the user's on a
 * tie; the other closes at its own progress; waiting events join and replay), and beyond
 * `maxFunnelUsers` users the one who took their slot first is settled and, if still holding state,
 * evicted: its open attempt is dropped unsettled, its closed one still settles, its waiting later
 * steps are orphans. Plain objects and arrays, one step per event, no timing wheels.
 */
export function referenceIdentifiedFunnel(
  actions: readonly IdentifiedAction[],
  limits: IdentifiedLimits
): IdentifiedReference {
  const { stepCount, windowMs, latenessMs, maxFunnelUsers, maxWaiting } = limits;
  const last = stepCount - 1;
  const byGroup = new Map<string, ReferenceCounts>();
  const countsOf = (group: string): ReferenceCounts => {
    const known = byGroup.get(group);
    if (known !== undefined) return known;
    const fresh = noCounts(stepCount);
    byGroup.set(group, fresh);
    return fresh;
  };
  let orphans = 0;
  let evictions = 0;
  let watermark = -Infinity;
  /** Users in the order they took their slot. */
  const users = new Map<string, UserState>();
  const unsettled = new Set<LinkedAttempt>();
  let closedWaiting = 0;
  /** Link ring: anonymous id by position, and the user each anonymous id is linked to. */
  const ring: (string | undefined)[] = [];
  const linked = new Map<string, string>();
  let nextPosition = 0;

  const start = (a: LinkedAttempt) => a.times[0] ?? 0;
  const end = (a: LinkedAttempt) => (a.times.length === stepCount ? (a.times[last] ?? 0) : start(a) + windowMs);
  const isFinal = (a: LinkedAttempt | undefined) => a === undefined || a.times.length === stepCount;
  const endBefore = (u: UserState) => Math.max(u.previousEnd, u.closed === undefined ? -Infinity : end(u.closed));
  const holds = (u: UserState) => u.open !== undefined || u.closed !== undefined || u.waiting.length > 0;
  const reach = (a: LinkedAttempt, k: number) => {
    const counts = countsOf(a.group);
    counts.steps[k] = (counts.steps[k] ?? 0) + 1;
  };

  const mayRelease = (u: UserState) => {
    if (holds(u)) return;
    for (const [name, state] of users) if (state === u) users.delete(name);
  };

  const settle = (a: LinkedAttempt) => {
    unsettled.delete(a);
    const counts = countsOf(a.group);
    const reached = a.times.length - 1;
    counts.outcomes[reached] = (counts.outcomes[reached] ?? 0) + 1;
    for (let k = 1; k <= reached; k++) {
      counts.conversionCounts[k - 1] = (counts.conversionCounts[k - 1] ?? 0) + 1;
      counts.conversionSums[k - 1] = (counts.conversionSums[k - 1] ?? 0) + ((a.times[k] ?? 0) - start(a)) / 1000;
    }
    const owner = a.owner;
    if (owner === undefined || owner.open !== a) closedWaiting--;
    if (owner === undefined) return;
    if (owner.open === a) owner.open = undefined;
    if (owner.closed === a) owner.closed = undefined;
    owner.previousEnd = Math.max(owner.previousEnd, end(a));
    mayRelease(owner);
  };

  /** A closed attempt waits for its window's end; beyond `maxFunnelUsers` of them, it settles at once. */
  const countClosed = (a: LinkedAttempt) => {
    closedWaiting++;
    if (closedWaiting > maxFunnelUsers) settle(a);
  };

  const detachClosed = (u: UserState) => {
    if (u.closed === undefined) return;
    u.previousEnd = Math.max(u.previousEnd, end(u.closed));
    u.closed.owner = undefined;
    u.closed = undefined;
  };

  const expireWaiting = (u: UserState) => {
    const due = u.waiting.filter((w) => w.timeMs < watermark);
    orphans += due.filter((w) => w.step > 0).length;
    u.waiting = u.waiting.filter((w) => w.timeMs >= watermark);
    mayRelease(u);
  };

  const settleUser = (u: UserState) => {
    if (u.waiting.some((w) => w.timeMs < watermark)) expireWaiting(u);
    for (const a of [u.closed, u.open]) if (a !== undefined && start(a) + windowMs < watermark) settle(a);
  };

  const acquire = (name: string): UserState => {
    const victim = users.size < maxFunnelUsers ? undefined : users.entries().next().value;
    if (victim !== undefined) {
      const [victimName, v] = victim;
      settleUser(v);
      if (users.has(victimName)) {
        if (v.open !== undefined) unsettled.delete(v.open);
        v.open = undefined;
        detachClosed(v);
        orphans += v.waiting.filter((w) => w.step > 0).length;
        users.delete(victimName);
        evictions++;
      }
    }
    const fresh: UserState = { open: undefined, closed: undefined, previousEnd: -Infinity, waiting: [] };
    users.set(name, fresh);
    return fresh;
  };

  const open = (u: UserState, t: number, group: string) => {
    const a: LinkedAttempt = { times: [t], group, owner: u };
    u.open = a;
    unsettled.add(a);
    reach(a, 0);
  };

  /** 'step': advanced or gave a reached step an earlier time; 'repeat': nothing to do; 'no': not taken. */
  const takeStep = (a: LinkedAttempt, t: number, step: number): 'step' | 'repeat' | 'no' => {
    const reached = a.times.length - 1;
    if (t > start(a) + windowMs) return 'no';
    if (step === reached + 1 && t >= (a.times[reached] ?? 0)) {
      a.times.push(t);
      reach(a, step);
      return 'step';
    }
    if (step > reached || t < (a.times[step - 1] ?? 0)) return 'no';
    if (t < (a.times[step] ?? 0)) {
      a.times[step] = t;
      return 'step';
    }
    return 'repeat';
  };

  /** Applies an event by its time; false when it must wait. */
  const apply = (u: UserState, t: number, step: number, group: string): boolean => {
    if (step > 0) {
      const target =
        u.open !== undefined && start(u.open) <= t
          ? u.open
          : u.closed !== undefined && start(u.closed) <= t
            ? u.closed
            : undefined;
      return target !== undefined && takeStep(target, t, step) !== 'no';
    }
    const before = endBefore(u);
    const current = u.open;
    if (current === undefined || t < start(current)) {
      if (t <= before) return isFinal(u.closed);
      if (current === undefined) open(u, t, group);
      else current.times[0] = t;
      return true;
    }
    if (t > end(current)) {
      detachClosed(u);
      u.closed = current;
      open(u, t, group);
      countClosed(current);
      return true;
    }
    return isFinal(current);
  };

  const replay = (u: UserState) => {
    for (let changed = true; changed;) {
      changed = false;
      for (const w of [...u.waiting]) {
        if (apply(u, w.timeMs, w.step, w.group)) {
          u.waiting.splice(u.waiting.indexOf(w), 1);
          changed = true;
        }
      }
    }
  };

  /** Waiting events stay in time order, the earlier-inserted first on equal times. */
  const insertWaiting = (u: UserState, w: Waiting) => {
    const at = u.waiting.findIndex((other) => other.timeMs > w.timeMs);
    u.waiting.splice(at === -1 ? u.waiting.length : at, 0, w);
  };

  const onEvent = (name: string, t: number, step: number, group: string) => {
    const u = users.get(name) ?? acquire(name);
    if (apply(u, t, step, group)) replay(u);
    else if (u.waiting.length >= maxWaiting) orphans += step > 0 ? 1 : 0;
    else insertWaiting(u, { timeMs: t, step, group });
  };

  const merge = (from: UserState, to: UserState) => {
    const anonymous = from.open;
    const signedIn = to.open;
    let before = endBefore(from);
    detachClosed(from);
    const close = (a: LinkedAttempt) => {
      a.owner = undefined;
      before = Math.max(before, end(a));
      countClosed(a);
    };
    if (anonymous !== undefined) {
      from.open = undefined;
      if (signedIn !== undefined && anonymous.times.length <= signedIn.times.length) close(anonymous);
      else {
        if (signedIn !== undefined) {
          to.open = undefined;
          close(signedIn);
        }
        to.open = anonymous;
        anonymous.owner = to;
      }
    }
    to.previousEnd = Math.max(to.previousEnd, before);
    for (const w of from.waiting) insertWaiting(to, w);
    from.waiting = [];
    while (to.waiting.length > maxWaiting) orphans += (to.waiting.pop()?.step ?? 0) > 0 ? 1 : 0;
    replay(to);
    mayRelease(from);
  };

  const link = (anonymousId: string, userId: string) => {
    if (anonymousId === userId) return;
    const known = linked.get(anonymousId);
    if (known === userId) return;
    if (known === undefined) {
      const oldest = ring[nextPosition];
      if (oldest !== undefined) linked.delete(oldest);
      ring[nextPosition] = anonymousId;
      nextPosition = (nextPosition + 1) % maxFunnelUsers;
    }
    linked.set(anonymousId, userId);
    const from = users.get(anonymousId);
    if (from === undefined) return;
    const to = users.get(userId);
    if (to === undefined) {
      // The anonymous id's slot becomes the user's, as if just taken.
      users.delete(anonymousId);
      users.set(userId, from);
    } else merge(from, to);
  };

  const sweep = () => {
    for (const u of [...users.values()]) if (u.waiting.some((w) => w.timeMs < watermark)) expireWaiting(u);
    for (const a of [...unsettled]) if (start(a) + windowMs < watermark) settle(a);
  };

  for (const action of actions) {
    const { userId, anonymousId, timeMs } = action;
    // The watermark follows the receipt clock; the steps are matched by event time.
    const receivedMs = action.receivedMs ?? timeMs;
    if (action.link) {
      if (userId !== undefined && anonymousId !== undefined) link(anonymousId, userId);
    } else if (userId !== undefined || anonymousId !== undefined) {
      watermark = Math.max(watermark, receivedMs - latenessMs);
      if (userId !== undefined && anonymousId !== undefined) link(anonymousId, userId);
      const identity = userId ?? linked.get(anonymousId ?? '') ?? anonymousId ?? '';
      onEvent(identity, timeMs, action.step, action.group);
    }
    if (action.sweepAfter) {
      watermark = Math.max(watermark, receivedMs - latenessMs);
      sweep();
    }
  }
  watermark = Infinity;
  sweep();
  return { byGroup, orphans, evictions };
}
