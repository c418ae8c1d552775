import { IdentityLinks } from './identityLinks';
import { sweepBudget } from '../ingest/eventPipeline';
import { createNowcast } from '../nowcast';
import { manualClock, specOf } from '../testing/fixtures';
import { funnelHarness, minute } from '../testing/funnelHarness';
import { shopFunnelSpec } from '../testing/shopFunnels';

const walks: (string | symbol)[] = ['forEach', 'entries', 'keys', 'values', Symbol.iterator];

/**
 * Counts calls of Map `methods` while `run` runs: an eviction or a sweep that iterates the user
 * table costs in proportion to the users seen, and V8 keeps the holes deletes leave until it
 * rehashes the whole Map, a pause in proportion to its size.
 */
function mapCallsDuring(methods: readonly (string | symbol)[], run: () => void): number {
  const prototype = Map.prototype as unknown as Record<string | symbol, (...args: unknown[]) => unknown>;
  const originals = methods.map((method) => prototype[method]);
  let calls = 0;
  methods.forEach((method, i) => {
    const original = originals[i];
    prototype[method] = function (this: unknown, ...args: unknown[]) {
      calls++;
      return original?.apply(this, args);
    };
  });
  try {
    run();
  } finally {
    methods.forEach((method, i) => {
      prototype[method] = originals[i] as (...args: unknown[]) => unknown;
    });
  }
  return calls;
}

describe('funnel state at any number of users', () => {
  it('evicts the oldest user and links without walking any Map, one new user per event', () => {
    const f = funnelHarness({ ...shopFunnelSpec, limits: { maxFunnelUsers: 100 } });
    const walked = mapCallsDuring(walks, () => {
      for (let i = 0; i < 1000; i++) {
        f.send('product_viewed', { anonymousId: `bot-${i}`, userId: `user-${i}` }, 0, { platform: 'web' });
      }
    });
    expect(walked).toBe(0);
    expect(f.self('funnelEvictions')).toBe(900);
    expect(f.self('funnelUsers')).toBe(100);
  });

  it('forgets the oldest identity link beyond its capacity without deleting from a Map', () => {
    const links = new IdentityLinks(100);
    const deletes = mapCallsDuring(['delete'], () => {
      for (let i = 0; i < 1000; i++) links.link(`anonymous-${i}`, `user-${i}`);
    });
    expect(deletes).toBe(0);
    expect(links.size).toBe(100);
    expect(links.resolve(undefined, 'anonymous-999')).toBe('user-999');
    expect(links.resolve(undefined, 'anonymous-900')).toBe('user-900');
    expect(links.resolve(undefined, 'anonymous-899')).toBe('anonymous-899');
    expect(links.link('anonymous-950', 'user-other')).toBe(true);
    expect(links.link('anonymous-950', 'user-other')).toBe(false);
    expect(links.resolve(undefined, 'anonymous-950')).toBe('user-other');
  });

  it('sweeps without walking the users when nothing is due', () => {
    const f = funnelHarness(shopFunnelSpec);
    for (let i = 0; i < 1000; i++) f.send('product_viewed', `user-${i}`, 0, { platform: 'web' });
    expect(mapCallsDuring(walks, () => f.sweepAt(10))).toBe(0);
    expect(f.self('funnelUsers')).toBe(1000);
  });
});

describe('the sweep in slices', () => {
  it('settles at most its budget per funnel per call and continues at the next', () => {
    const f = funnelHarness(shopFunnelSpec);
    for (let i = 0; i < 25; i++) f.send('product_viewed', `user-${i}`, 0, { platform: 'web' });
    f.at(40);
    const settled = () => Object.values(f.attempts('checkout')).reduce((total, n) => total + n, 0);
    expect(f.pipeline.sweep(10)).toBe(false);
    expect(settled()).toBe(10);
    expect(f.pipeline.sweep(10)).toBe(false);
    expect(f.pipeline.sweep(10)).toBe(true);
    expect(settled()).toBe(25);
    expect(f.self('funnelUsers')).toBe(0);
  });

  it('continues in slices after pending I/O until nothing due is left, not at the next tick', () => {
    jest.useFakeTimers();
    try {
      const clock = manualClock();
      const intervalMs = 5000;
      const nowcast = createNowcast({
        spec: specOf({ namespace: 'shop', ...shopFunnelSpec }),
        clock,
        sweepIntervalMs: intervalMs,
      });
      const users = 2.5 * sweepBudget;
      for (let i = 0; i < users; i++) {
        nowcast.pipeline.record('product_viewed', { 'user.id': `user-${i}`, platform: 'web' }, clock());
      }
      clock.advance(40 * minute);
      // One tick and the slices it leaves for after I/O (fake immediates run a millisecond on), short of the next tick.
      jest.advanceTimersByTime(2 * intervalMs - 1);
      const [checkout] = nowcast.pipeline.funnels.funnels;
      expect(checkout?.attemptsWaiting).toBe(0);
      void nowcast.shutdown();
    } finally {
      jest.useRealTimers();
    }
  });
});
