import { grown } from '../aggregate/growable';
import { hash64, type Hash64 } from '../sketch/hash64';

const empty = -1;
const scratch: Hash64 = { high: 0, low: 0 };

/**
 * The table's hash of a user id: the low half of the hash the pipeline already computes for the
 * active-user sketch (its bits are fully mixed), so a new user's id is read once, not three times.
 * Signed, as the Int32Array cells store it; `& mask` reads the same low bits.
 */
export function userHashOf(user: string): number {
  return userHashFrom(hash64(user, scratch));
}

/** `userHashOf` from the user id's `hash64`. */
export function userHashFrom(hash: Hash64): number {
  return hash.low | 0;
}

/**
 * User id ↔ slot, as an open-addressing hash table in typed arrays (linear probing, deletion by
 * backward shift, so no tombstones). A `Map` with one insert and one delete per new user keeps
 * deleted entries until it rehashes the whole table, a pause in proportion to the users held on
 * the host's event loop; here an insert or delete touches a few neighbouring cells, and the table
 * only grows (doubling) while the number of users held does. Each cell holds its slot and the
 * user's hash side by side, so probing and shifting read one cache line.
 */
export class UserIndex {
  /** Cell c: `[2c]` the slot (-1: empty), `[2c + 1]` its user's hash. */
  private cells = new Int32Array(32).fill(empty);
  /** Slot → its user's hash, to find its cell. */
  private hashes = new Int32Array(0);
  private readonly users: (string | undefined)[] = [];
  size = 0;

  /** The user's slot, or -1. `hash` is `userHashOf(user)`. */
  get(user: string, hash = userHashOf(user)): number {
    const mask = (this.cells.length >> 1) - 1;
    for (let cell = hash & mask; ; cell = (cell + 1) & mask) {
      const slot = this.cells[2 * cell] ?? empty;
      if (slot === empty) return empty;
      if (this.cells[2 * cell + 1] === hash && this.users[slot] === user) return slot;
    }
  }

  userOf(slot: number): string | undefined {
    return this.users[slot];
  }

  /** Gives `slot` (holding no user) to `user` (who has no slot). `hash` is `userHashOf(user)`. */
  set(user: string, slot: number, hash = userHashOf(user)): void {
    if ((this.size + 1) * 4 > this.cells.length) this.resize(this.cells.length * 2);
    if (slot >= this.hashes.length) this.hashes = grown(this.hashes, slot + 1);
    this.hashes[slot] = hash;
    this.users[slot] = user;
    this.place(slot, hash);
    this.size++;
  }

  /** The slot's user goes. */
  delete(slot: number): void {
    if (this.users[slot] === undefined) return;
    const { cells } = this;
    const mask = (cells.length >> 1) - 1;
    let cell = (this.hashes[slot] ?? 0) & mask;
    while (cells[2 * cell] !== slot) cell = (cell + 1) & mask;
    // Backward shift: move later entries of the probe run into the hole when their home allows.
    for (let next = (cell + 1) & mask; ; next = (next + 1) & mask) {
      const moved = cells[2 * next] ?? empty;
      if (moved === empty) break;
      const hash = cells[2 * next + 1] ?? 0;
      if (((next - (hash & mask)) & mask) >= ((next - cell) & mask)) {
        cells[2 * cell] = moved;
        cells[2 * cell + 1] = hash;
        cell = next;
      }
    }
    cells[2 * cell] = empty;
    this.users[slot] = undefined;
    this.size--;
  }

  private place(slot: number, hash: number): void {
    const mask = (this.cells.length >> 1) - 1;
    let cell = hash & mask;
    while (this.cells[2 * cell] !== empty) cell = (cell + 1) & mask;
    this.cells[2 * cell] = slot;
    this.cells[2 * cell + 1] = hash;
  }

  private resize(length: number): void {
    const old = this.cells;
    this.cells = new Int32Array(length).fill(empty);
    for (let cell = 0; cell < old.length; cell += 2) {
      const slot = old[cell] ?? empty;
      if (slot !== empty) this.place(slot, old[cell + 1] ?? 0);
    }
  }
}
