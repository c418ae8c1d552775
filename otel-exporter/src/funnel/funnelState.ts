import { grown } from '../aggregate/growable';
import { Attempts } from './attempts';
import { ExpiryWheel } from './expiryWheel';
import type { FunnelCounters } from './funnelCounters';
import type { FunnelDefinition } from './funnelDefinition';
import { matchesLaterStep, WaitingSteps } from './waitingSteps';

const none = -1;
/** Most steps one user may have waiting in one funnel; a step beyond it is an orphan at once. */
export const maxWaitingSteps = 16;

/** What a funnel asks of the user table while it applies an event. */
export interface FunnelUsers {
  /** A slot for the user of the event being applied (who has none yet). */
  acquireCurrent(): number;
  /** The slot's state in this funnel shrank: it is released if it holds none in any funnel. */
  mayRelease(slot: number): void;
}

/** What `takeStep` did with a later-step event. */
const enum Taken {
  /** Advanced the attempt, or gave a reached step an earlier time. */
  Step,
  /** A step the attempt had already reached, at or after its time and inside the window: nothing to do. */
  Repeat,
  /** Neither: it waits for a predecessor (or becomes an orphan). */
  No,
}

/**
 * One funnel's per-user state and its rules, exactly as otel-exporter/README.md's funnel semantics
 * state them. Times are funnel times (ms). Per user slot: the open attempt, the attempt closed
 * before it while its window has not settled yet (a late step can still reach it), the end of the
 * attempts settled before, and the events waiting to be applied. Attempts are settled (outcome and
 * time-to-convert recorded) when the watermark passes their window, open or closed.
 */
export class FunnelState {
  orphans = 0;
  private readonly attempts: Attempts;
  private readonly waiting = new WaitingSteps();
  /** Attempt records by window end (T0 + window). */
  private readonly windowEnds: ExpiryWheel;
  /** User slots by the time of their earliest waiting event. */
  private readonly waitingTimes: ExpiryWheel;
  private live = new Int32Array(0);
  /** The attempt closed before the open one, until it settles. */
  private closedBefore = new Int32Array(0);
  private previousEnd = new Float64Array(0);
  private readonly windowMs: number;
  private readonly lastStep: number;
  /** Closed attempts waiting for their window's end. */
  private closedWaiting = 0;

  constructor(
    readonly definition: FunnelDefinition,
    readonly counters: FunnelCounters,
    private readonly users: FunnelUsers,
    /** Most closed attempts kept waiting for their window's end; beyond, one settles at once. */
    private readonly maxClosedWaiting: number,
    /** Latest event time ahead of the watermark: allowed lateness plus timestamp skew. */
    aheadOfWatermarkMs: number
  ) {
    this.windowMs = definition.windowMs;
    this.lastStep = definition.lastStep;
    this.attempts = new Attempts(definition.steps.length);
    this.windowEnds = new ExpiryWheel(definition.windowMs + aheadOfWatermarkMs);
    this.waitingTimes = new ExpiryWheel(aheadOfWatermarkMs);
  }

  grow(length: number): void {
    this.live = grown(this.live, length, none);
    this.closedBefore = grown(this.closedBefore, length, none);
    this.previousEnd = grown(this.previousEnd, length, -Infinity);
    this.waiting.grow(length);
  }

  holds(slot: number): boolean {
    return (
      (this.live[slot] ?? none) !== none ||
      (this.closedBefore[slot] ?? none) !== none ||
      this.waiting.head(slot) !== none
    );
  }

  /** Open attempts plus closed ones waiting for their window's end. */
  get attemptsWaiting(): number {
    return this.windowEnds.size;
  }

  /**
   * Applies an event at funnel time `t` matching the steps in `mask`, for the user in `slot` (-1:
   * none yet). Returns the user's slot, taken when the event gave them state.
   */
  onEvent(slot: number, t: number, mask: number, group: number): number {
    const user = slot === none ? this.users.acquireCurrent() : slot;
    if (this.apply(user, t, mask, group)) this.replay(user);
    else this.wait(user, t, mask, group);
    return user;
  }

  /**
   * An anonymous visitor (`from`) is now the signed-in user (`to`): the open attempt that went
   * further is the user's (the user's on a tie), the other closes at its own progress; waiting
   * events join the user's and replay.
   */
  merge(from: number, to: number): void {
    const anonymous = this.live[from] ?? none;
    const signedIn = this.live[to] ?? none;
    let before = this.endBefore(from);
    this.detachClosed(from);
    if (anonymous !== none) {
      this.live[from] = none;
      if (signedIn !== none && (this.attempts.reached[anonymous] ?? 0) <= (this.attempts.reached[signedIn] ?? 0)) {
        before = Math.max(before, this.close(anonymous));
      } else {
        if (signedIn !== none) before = Math.max(before, this.close(signedIn));
        this.live[to] = anonymous;
        this.attempts.owner[anonymous] = to;
      }
    }
    this.previousEnd[to] = Math.max(this.previousEnd[to] ?? -Infinity, before);
    this.orphans += this.waiting.moveInto(from, to, maxWaitingSteps);
    this.waitingTimes.cancel(from);
    this.replay(to);
  }

  /** Settles what the watermark passed for one user (before the table evicts them). */
  settle(slot: number, watermarkMs: number): void {
    if (this.waitingTimes.has(slot) && this.waitingTimes.deadlineOf(slot) < watermarkMs) {
      this.waitingTimes.cancel(slot);
      this.expireWaiting(slot, watermarkMs);
    }
    this.settleIfDue(this.closedBefore[slot] ?? none, watermarkMs);
    this.settleIfDue(this.live[slot] ?? none, watermarkMs);
  }

  private settleIfDue(record: number, watermarkMs: number): void {
    if (record !== none && this.windowEnds.deadlineOf(record) < watermarkMs) {
      this.windowEnds.cancel(record);
      this.settleAttempt(record);
    }
  }

  /** Drops a user's state, unsettled: an eviction. A closed attempt stays to be settled. */
  discard(slot: number): void {
    const open = this.live[slot] ?? none;
    if (open !== none) {
      this.windowEnds.cancel(open);
      this.definition.breakdown?.release(this.attempts.group[open] ?? 0);
      this.attempts.release(open);
    }
    this.detachClosed(slot);
    // No attempt of the evicted user can take their waiting later steps any more: orphans.
    this.orphans += this.waiting.removeBefore(slot, Infinity);
    this.clear(slot);
  }

  /** The slot holds no user any more. */
  clear(slot: number): void {
    this.live[slot] = none;
    this.closedBefore[slot] = none;
    this.previousEnd[slot] = -Infinity;
    this.waiting.clear(slot);
    this.waitingTimes.cancel(slot);
  }

  /**
   * Settles what the watermark passed: waiting steps become orphans, attempts whose window ended
   * record their outcome. At most `budget` of each; returns true when nothing due is left.
   */
  expire(watermarkMs: number, budget: number): boolean {
    const orphansDone = this.waitingTimes.expireBefore(watermarkMs, budget, (slot) =>
      this.expireWaiting(slot, watermarkMs)
    );
    const attemptsDone = this.windowEnds.expireBefore(watermarkMs, budget, (record) => this.settleAttempt(record));
    return orphansDone && attemptsDone;
  }

  /**
   * Applies an event to the user's attempts by its time, as if every event had arrived in time
   * order; returns false when it must wait (a later event may still give it a place).
   */
  private apply(slot: number, t: number, mask: number, group: number): boolean {
    const later = mask & ~1;
    if (later !== 0) {
      const target = this.attemptAt(slot, t);
      const taken = target === none ? Taken.No : this.takeStep(target, t, later);
      if (taken === Taken.Step || (taken === Taken.Repeat && (mask & 1) === 0)) return true;
    }
    if ((mask & 1) === 0) return false;
    const open = this.live[slot] ?? none;
    const before = this.endBefore(slot);
    if (open === none) {
      if (t > before) {
        this.open(slot, t, group);
        return true;
      }
      return this.isFinal(this.closedBefore[slot] ?? none);
    }
    if (t < this.attempts.time(open, 0)) {
      if (t > before) {
        this.reanchor(open, t);
        return true;
      }
      return this.isFinal(this.closedBefore[slot] ?? none);
    }
    if (t > this.end(open)) {
      this.closeOpen(slot, open);
      this.open(slot, t, group);
      // Counted once the new attempt holds the slot: settling the closed one at once (too many
      // waiting) must not release a slot still in use.
      this.countClosed(open);
      return true;
    }
    // A repeat inside the open attempt: final once it completed, else it may open the next one.
    return this.isFinal(open);
  }

  /** The attempt an event at `t` belongs to: the open one from its start, else the one closed before it. */
  private attemptAt(slot: number, t: number): number {
    const open = this.live[slot] ?? none;
    if (open !== none && this.attempts.time(open, 0) <= t) return open;
    const closed = this.closedBefore[slot] ?? none;
    return closed !== none && this.attempts.time(closed, 0) <= t ? closed : none;
  }

  /** Where the attempts before the open one end: a step 0 after it starts (or re-anchors) an attempt. */
  private endBefore(slot: number): number {
    const closed = this.closedBefore[slot] ?? none;
    return Math.max(this.previousEnd[slot] ?? -Infinity, closed === none ? -Infinity : this.end(closed));
  }

  /** Whether an attempt's end can no longer move (none, or completed). */
  private isFinal(record: number): boolean {
    return record === none || (this.attempts.reached[record] ?? 0) === this.lastStep;
  }

  private open(slot: number, t: number, group: number): void {
    const record = this.attempts.open(t, group, slot);
    this.live[slot] = record;
    this.windowEnds.schedule(record, t + this.windowMs);
    this.counters.reached(group, 0);
    this.definition.breakdown?.hold(group);
  }

  private reanchor(record: number, t: number): void {
    this.attempts.setTime(record, 0, t);
    this.windowEnds.schedule(record, t + this.windowMs);
  }

  /**
   * The open attempt ends (a step 0 after it): it keeps taking late steps by time until it settles.
   * The caller counts it closed once the next attempt holds the slot.
   */
  private closeOpen(slot: number, record: number): void {
    this.detachClosed(slot);
    this.live[slot] = none;
    this.closedBefore[slot] = record;
  }

  /** The user's closed attempt stops taking steps; it still settles at its window's end. */
  private detachClosed(slot: number): void {
    const closed = this.closedBefore[slot] ?? none;
    if (closed === none) return;
    this.previousEnd[slot] = Math.max(this.previousEnd[slot] ?? -Infinity, this.end(closed));
    this.closedBefore[slot] = none;
    this.attempts.owner[closed] = none;
  }

  /** An attempt stops taking steps and waits for its window's end; returns where it ended. */
  private close(record: number): number {
    this.attempts.owner[record] = none;
    const end = this.end(record);
    this.countClosed(record);
    return end;
  }

  private countClosed(record: number): void {
    this.closedWaiting++;
    if (this.closedWaiting > this.maxClosedWaiting) {
      // Bounded memory: settled now, its outcome counted early rather than lost.
      this.windowEnds.cancel(record);
      this.settleAttempt(record);
    }
  }

  /**
   * Step k+1 at `t` (advance), an earlier time for a reached step k (replace), or a repeat of a
   * reached step.
   */
  private takeStep(record: number, t: number, later: number): Taken {
    const { attempts } = this;
    const reached = attempts.reached[record] ?? 0;
    const next = reached + 1;
    const windowEnd = attempts.time(record, 0) + this.windowMs;
    if (t > windowEnd) return Taken.No;
    if (reached < this.lastStep && ((later >> next) & 1) === 1 && t >= attempts.time(record, reached)) {
      attempts.setTime(record, next, t);
      attempts.reached[record] = next;
      this.counters.reached(attempts.group[record] ?? 0, next);
      return Taken.Step;
    }
    let repeat = false;
    for (let k = 1; k <= reached; k++) {
      if (((later >> k) & 1) === 0 || t < attempts.time(record, k - 1)) continue;
      if (t < attempts.time(record, k)) {
        attempts.setTime(record, k, t);
        return Taken.Step;
      }
      repeat = true;
    }
    return repeat ? Taken.Repeat : Taken.No;
  }

  /** Waiting events that can now be applied, in event-time order, until none can. */
  private replay(slot: number): void {
    const { waiting } = this;
    for (let changed = true; changed;) {
      changed = false;
      let previous = none;
      for (let at = waiting.head(slot); at !== none;) {
        const after = waiting.next[at] ?? none;
        if (this.apply(slot, waiting.time[at] ?? 0, waiting.mask[at] ?? 0, waiting.group[at] ?? 0)) {
          waiting.remove(slot, previous, at);
          changed = true;
        } else {
          previous = at;
        }
        at = after;
      }
    }
    this.scheduleWaiting(slot);
  }

  private wait(slot: number, t: number, mask: number, group: number): void {
    if (this.waiting.count(slot) >= maxWaitingSteps) {
      if (matchesLaterStep(mask)) this.orphans++;
      return;
    }
    this.waiting.insert(slot, t, mask, group);
    this.scheduleWaiting(slot);
  }

  private scheduleWaiting(slot: number): void {
    const head = this.waiting.head(slot);
    if (head === none) {
      this.waitingTimes.cancel(slot);
      return;
    }
    const earliest = this.waiting.time[head] ?? 0;
    if (!this.waitingTimes.has(slot) || this.waitingTimes.deadlineOf(slot) !== earliest) {
      this.waitingTimes.schedule(slot, earliest);
    }
  }

  /** Waiting events the watermark passed can never be applied: later steps among them are orphans. */
  private expireWaiting(slot: number, watermarkMs: number): void {
    this.orphans += this.waiting.removeBefore(slot, watermarkMs);
    this.scheduleWaiting(slot);
    this.users.mayRelease(slot);
  }

  /** The watermark passed the attempt's window: its outcome and times to convert are final. */
  private settleAttempt(record: number): void {
    const { attempts } = this;
    const group = attempts.group[record] ?? 0;
    const reached = attempts.reached[record] ?? 0;
    this.counters.closed(group, reached);
    const start = attempts.time(record, 0);
    for (let k = 1; k <= reached; k++) this.counters.converted(group, k, (attempts.time(record, k) - start) / 1000);
    this.definition.breakdown?.release(group);
    const slot = attempts.owner[record] ?? none;
    const end = this.end(record);
    attempts.release(record);
    if (slot === none || this.live[slot] !== record) this.closedWaiting--;
    if (slot === none) return;
    if (this.live[slot] === record) this.live[slot] = none;
    if (this.closedBefore[slot] === record) this.closedBefore[slot] = none;
    this.previousEnd[slot] = Math.max(this.previousEnd[slot] ?? -Infinity, end);
    this.users.mayRelease(slot);
  }

  /** Where an attempt ends: its last step's time once completed, else its window's end. */
  private end(record: number): number {
    return (this.attempts.reached[record] ?? 0) === this.lastStep
      ? this.attempts.time(record, this.lastStep)
      : this.attempts.time(record, 0) + this.windowMs;
  }
}
