import { funnelHarness } from '../testing/funnelHarness';
import { shopFunnelSpec } from '../testing/shopFunnels';

/*
 * Funnels on event time: an attempt closes when the watermark (receipt clock minus the allowed
 * lateness, 5m by default) passes its window, so late and out-of-order steps count as if in order,
 * and outcomes are recorded at the window's end, completed or not (cohort-exact).
 */
describe('funnels on event time', () => {
  it('counts a step delivered late, within the lateness, after the receipt clock passed the window', () => {
    const f = funnelHarness(shopFunnelSpec);
    f.send('product_viewed', 'u1', 0, { platform: 'web' });
    f.sweepAt(31);
    // Happened at 29, inside the window; delivered 2 minutes late.
    f.send('added_to_cart', 'u1', 29, {}, 31);
    expect(f.steps('checkout')).toEqual([1, 1, 0, 0]);
    f.sweepAt(36);
    expect(f.attempts('checkout')).toEqual({ 1: 1 });
  });

  it('counts steps that arrive out of order (b, a, c) as if in order', () => {
    const f = funnelHarness(shopFunnelSpec);
    f.send('added_to_cart', 'u2', 1, {}, 3);
    f.send('product_viewed', 'u2', 0, { platform: 'ios' }, 3);
    f.send('checkout_started', 'u2', 2, {}, 3);
    expect(f.steps('checkout')).toEqual([1, 1, 1, 0]);
    f.send('paid', 'u2', 4);
    expect(f.steps('checkout')).toEqual([1, 1, 1, 1]);
  });

  it('records an outcome when the watermark passes the window, completed or not (cohort-exact)', () => {
    const f = funnelHarness(shopFunnelSpec);
    for (const [event, minuteAt] of [
      ['product_viewed', 0],
      ['added_to_cart', 1],
      ['checkout_started', 2],
      ['paid', 3],
    ] as const) {
      f.send(event, 'u3', minuteAt, event === 'product_viewed' ? { platform: 'web' } : {});
    }
    f.send('product_viewed', 'u4', 0, { platform: 'web' });
    expect(f.steps('checkout')).toEqual([2, 1, 1, 1]);
    // Completed at minute 3, yet its outcome waits for the window to close, as the timed-out one's does.
    f.sweepAt(34);
    expect(f.attempts('checkout')).toEqual({});
    f.sweepAt(35.01);
    expect(f.attempts('checkout')).toEqual({ 0: 1, 3: 1 });
  });
});
