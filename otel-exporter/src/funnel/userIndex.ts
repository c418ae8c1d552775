import { grown } from '../aggregate/growable';

const empty = -1;

/**
 * FNV-1a over the UTF-16 code units, then MurmurHash3's finaliser: FNV's low bits see only the
 * characters' low bits, and the table indexes by the low bits ("user-1", "user-2"… would cluster).
 */
function hashOf(user: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < user.length; i++) hash = Math.imul(hash ^ user.charCodeAt(i), 0x01000193);
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  // Signed, as the Int32Array cells store it; `& mask` reads the same low bits.
  return hash ^ (hash >>> 16);
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

  /** The user's slot, or -1. */
  get(user: string): number {
    const mask = (this.cells.length >> 1) - 1;
    const hash = hashOf(user);
    for (let cell = hash & mask; ; cell = (cell + 1) & mask) {
      const slot = this.cells[2 * cell] ?? empty;
      if (slot === empty) return empty;
      if (this.cells[2 * cell + 1] === hash && this.users[slot] === user) return slot;
    }
  }

  userOf(slot: number): string | undefined {
    return this.users[slot];
  }

  /** Gives `slot` (holding no user) to `user` (who has no slot). */
  set(user: string, slot: number): void {
    if ((this.size + 1) * 4 > this.cells.length) this.resize(this.cells.length * 2);
    if (slot >= this.hashes.length) this.hashes = grown(this.hashes, slot + 1);
    const hash = hashOf(user);
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
