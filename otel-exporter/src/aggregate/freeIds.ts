import { grown } from './growable';

const none = -1;

/**
 * Freed ids (records, slots) kept for reuse, as a stack threaded through a typed array that the
 * owner sizes with its records: freeing never grows a JS array, whose doubling copies would stall
 * a sweep that frees thousands of records at once.
 */
export class FreeIds {
  private nextFree = new Int32Array(0);
  private top = none;

  /** Ids below `length` exist (call it when creating ids, before freeing them). */
  grow(length: number): void {
    this.nextFree = grown(this.nextFree, length, none);
  }

  push(id: number): void {
    this.nextFree[id] = this.top;
    this.top = id;
  }

  /** The id freed last, or -1 when none is free. */
  pop(): number {
    const id = this.top;
    if (id !== none) this.top = this.nextFree[id] ?? none;
    return id;
  }
}
