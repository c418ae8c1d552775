import { estimateFromRegisters, hllStandardError } from '../contract';
import { EventPipeline } from '../ingest/eventPipeline';
import { manualClock, specOf } from '../testing/fixtures';
import { hash64, type Hash64 } from './hash64';
import { addToRegisters, mergeRegisters, registerRank } from './hyperLogLog';
import { SlidingHyperLogLog } from './slidingHyperLogLog';

const hash: Hash64 = { high: 0, low: 0 };

function sketchOf(ids: Iterable<string>, precision: number): Uint8Array {
  const registers = new Uint8Array(2 ** precision);
  for (const id of ids) addToRegisters(registers, hash64(id, hash), precision);
  return registers;
}

function* users(from: number, to: number, prefix = 'user-'): Generator<string> {
  for (let i = from; i < to; i++) yield `${prefix}${i}`;
}

describe('HyperLogLog', () => {
  it.each([1_000, 10_000, 100_000, 1_000_000])('estimates %i distinct users within 3 standard errors', (count) => {
    for (const precision of [10, 14]) {
      const estimate = estimateFromRegisters(sketchOf(users(0, count), precision));
      expect(Math.abs(estimate - count) / count).toBeLessThan(3 * hllStandardError(precision));
    }
  });

  it('ignores repeats of the same user', () => {
    const once = sketchOf(users(0, 5000), 10);
    const thrice = sketchOf([...users(0, 5000), ...users(0, 5000), ...users(0, 5000)], 10);
    expect(thrice).toEqual(once);
  });

  it('merges three sketches into exactly the sketch of the union', () => {
    const a = sketchOf(users(0, 40_000), 12);
    const b = sketchOf(users(30_000, 70_000), 12);
    const c = sketchOf(users(0, 20_000, 'anon-'), 12);
    const union = sketchOf([...users(0, 70_000), ...users(0, 20_000, 'anon-')], 12);
    const merged = mergeRegisters(mergeRegisters(new Uint8Array(a), b), c);
    expect(merged).toEqual(union);
    expect(Math.abs(estimateFromRegisters(merged) - 90_000) / 90_000).toBeLessThan(3 * hllStandardError(12));
  });

  it('ranks from the bits after the index, up to 64 - p + 1', () => {
    expect(registerRank({ high: 0xffc00000, low: 0x80000000 }, 10)).toBe(1);
    expect(registerRank({ high: 0xffc00000, low: 1 }, 10)).toBe(32);
    expect(registerRank({ high: 0xffe00000, low: 0 }, 10)).toBe(33);
    expect(registerRank({ high: 0xffc00000, low: 0 }, 10)).toBe(55);
  });
});

describe('sliding window', () => {
  const second = 1000;
  const t0 = 600 * second; // a multiple of the 6 s sub-window

  it('keeps users for the window and lets them expire after it', () => {
    const sketch = new SlidingHyperLogLog(10, 60, 10);
    for (const id of users(0, 500)) addToRegisters(sketch.current(t0), hash64(id, hash), 10);
    for (const id of users(500, 1000)) addToRegisters(sketch.current(t0 + 30 * second), hash64(id, hash), 10);
    const near = (at: number, expected: number) => {
      const estimate = estimateFromRegisters(sketch.registers(at));
      expect(Math.abs(estimate - expected)).toBeLessThanOrEqual(
        expected === 0 ? 0 : 3 * hllStandardError(10) * expected
      );
    };
    near(t0 + 40 * second, 1000);
    near(t0 + 59.9 * second, 1000);
    near(t0 + 60 * second, 500);
    near(t0 + 90 * second, 0);
    // A quiet period longer than the window clears the stale sub-window before reuse.
    addToRegisters(sketch.current(t0 + 600 * second), hash64('late', hash), 10);
    near(t0 + 600 * second, 1);
  });

  it('counts each scope and window from the events the spec lists', () => {
    const clock = manualClock(t0);
    const spec = specOf({
      events: { page_viewed: {}, paid: {} },
      activeUsers: {
        precision: 8,
        windows: ['1m', '1h'],
        scopes: { visitors: { events: 'all' }, buyers: { events: ['paid'] } },
      },
    });
    const pipeline = new EventPipeline(spec, { clock });
    for (let i = 0; i < 300; i++) pipeline.record('page_viewed', { 'user.id': `u${i}` }, clock());
    for (let i = 0; i < 50; i++) pipeline.record('paid', { 'anonymous.id': `a${i}` }, clock());
    const estimate = (scope: string, window: string) =>
      estimateFromRegisters(pipeline.activeUsers.registers(scope, window) ?? new Uint8Array(0));
    const within = (value: number, expected: number) =>
      expect(Math.abs(value - expected)).toBeLessThanOrEqual(3 * hllStandardError(8) * expected);
    within(estimate('visitors', '1m'), 350);
    within(estimate('buyers', '1h'), 50);
    clock.advance(61 * second);
    expect(estimate('visitors', '1m')).toBe(0);
    within(estimate('visitors', '1h'), 350);
  });
});
