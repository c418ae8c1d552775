import { funnelHarness } from '../testing/funnelHarness';
import { shopFunnelSpec } from '../testing/shopFunnels';

/**
 * Counts every walk over any Map while `run` runs: an eviction or a sweep that iterates the user
 * table costs in proportion to the users seen (V8 also walks the holes deletes leave behind).
 */
function mapWalksDuring(run: () => void): number {
  const prototype = Map.prototype as unknown as Record<string | symbol, (...args: unknown[]) => unknown>;
  const methods: (string | symbol)[] = ['forEach', 'entries', 'keys', 'values', Symbol.iterator];
  const originals = methods.map((method) => prototype[method]);
  let walks = 0;
  methods.forEach((method, i) => {
    const original = originals[i];
    prototype[method] = function (this: unknown, ...args: unknown[]) {
      walks++;
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
  return walks;
}

describe('funnel state at any number of users', () => {
  it('evicts the oldest user and links without walking any Map, one new user per event', () => {
    const f = funnelHarness({ ...shopFunnelSpec, limits: { maxFunnelUsers: 100 } });
    const walks = mapWalksDuring(() => {
      for (let i = 0; i < 1000; i++) {
        f.send('product_viewed', { anonymousId: `bot-${i}`, userId: `user-${i}` }, 0, { platform: 'web' });
      }
    });
    expect(walks).toBe(0);
    expect(f.self('funnelEvictions')).toBe(900);
    expect(f.self('funnelUsers')).toBe(100);
  });

  it('sweeps without walking the users when nothing is due', () => {
    const f = funnelHarness(shopFunnelSpec);
    for (let i = 0; i < 1000; i++) f.send('product_viewed', `user-${i}`, 0, { platform: 'web' });
    expect(mapWalksDuring(() => f.sweepAt(10))).toBe(0);
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
});
