import { funnelHarness, minute } from '../testing/funnelHarness';
import { shopFunnelSpec } from '../testing/shopFunnels';

/**
 * The shop's funnels plus `browse` (product page → paid, 15m). Default limits: 5m timestamp skew
 * and 5m allowed lateness, so an outcome is recorded once the receipt clock is 5m past the window.
 */
function shopFunnels(limits: Record<string, unknown> = {}) {
  return funnelHarness({
    ...shopFunnelSpec,
    limits,
    funnels: { ...shopFunnelSpec.funnels, browse: { steps: ['product_viewed', 'paid'], window: '15m' } },
  });
}

describe('funnels', () => {
  it('counts ordered steps with other events in between, and settles the completed attempt at its window', () => {
    const f = shopFunnels();
    f.send('product_viewed', 'u1', 0, { platform: 'web' });
    f.send('page_viewed', 'u1', 1, { page: 'home' });
    f.send('added_to_cart', 'u1', 2);
    f.send('signed_up', 'u1', 3);
    f.send('checkout_started', 'u1', 4);
    f.send('paid', 'u1', 5);
    expect(f.steps('checkout')).toEqual([1, 1, 1, 1]);
    expect(f.attempts('checkout')).toEqual({});
    f.sweepAt(36);
    expect(f.attempts('checkout')).toEqual({ 3: 1 });
    const paid = { funnel: 'checkout', step: 'paid', platform: 'web' };
    const histogram = (suffix: string, labels: Record<string, string> = {}) =>
      f
        .samples()
        .find(
          (s) =>
            s.name === `${f.names.funnelConversionSeconds}_${suffix}` &&
            Object.entries({ ...paid, ...labels }).every(([k, v]) => s.labels[k] === v)
        )?.value;
    expect(histogram('count')).toBe(1);
    expect(histogram('sum')).toBe(300);
    expect(histogram('bucket', { le: '120' })).toBe(0);
    expect(histogram('bucket', { le: '300' })).toBe(1);
    // Both funnels settled: the user holds no state.
    expect(f.self('funnelUsers')).toBe(0);
  });

  it('never takes a step earlier than its predecessor; steps left waiting become orphans', () => {
    const f = shopFunnels();
    f.send('added_to_cart', 'u2', 0);
    f.send('product_viewed', 'u2', 1, { platform: 'web' });
    f.send('checkout_started', 'u2', 2);
    f.send('added_to_cart', 'u2', 3);
    expect(f.steps('checkout')).toEqual([1, 1, 0, 0]);
    expect(f.self('orphanSteps', { funnel: 'checkout' })).toBe(0);
    // The watermark (receipt − 5m) passes minutes 0 and 2: neither waiting step can ever be taken.
    f.sweepAt(8);
    expect(f.self('orphanSteps', { funnel: 'checkout' })).toBe(2);
  });

  it('ends an attempt at its window: a step after it does not count', () => {
    const f = shopFunnels();
    f.send('product_viewed', 'u3', 0, { platform: 'web' });
    f.send('added_to_cart', 'u3', 31);
    expect(f.steps('checkout')).toEqual([1, 0, 0, 0]);
    f.sweepAt(36);
    expect(f.attempts('checkout')).toEqual({ 0: 1 });
  });

  it('does not reset the window on repeats of step 0', () => {
    const f = shopFunnels();
    f.send('product_viewed', 'u4', 0, { platform: 'web' });
    f.send('product_viewed', 'u4', 20, { platform: 'web' });
    f.send('added_to_cart', 'u4', 25);
    f.send('checkout_started', 'u4', 31);
    expect(f.steps('checkout')).toEqual([1, 1, 0, 0]);
    f.sweepAt(36);
    expect(f.attempts('checkout')).toEqual({ 1: 1 });
  });

  it('opens a new attempt on the next step-0 event after a completion', () => {
    const f = shopFunnels();
    for (const [event, minuteAt] of [
      ['product_viewed', 0],
      ['added_to_cart', 1],
      ['checkout_started', 2],
      ['paid', 3],
      ['product_viewed', 4],
    ] as const) {
      f.send(event, 'u5', minuteAt, event === 'product_viewed' ? { platform: 'ios' } : {});
    }
    expect(f.steps('checkout', { platform: 'ios' })).toEqual([2, 1, 1, 1]);
    f.sweepAt(36);
    expect(f.attempts('checkout')).toEqual({ 3: 1 });
    f.sweepAt(40);
    expect(f.attempts('checkout', { platform: 'ios' })).toEqual({ 0: 1, 3: 1 });
  });

  it('settles timed-out attempts in the sweep without a new event, and forgets the user', () => {
    const f = shopFunnels();
    f.send('product_viewed', 'u6', 0, { platform: 'web' });
    f.send('added_to_cart', 'u6', 1);
    f.sweepAt(35);
    expect(f.attempts('checkout')).toEqual({});
    expect(f.attempts('browse')).toEqual({ 0: 1 });
    f.sweepAt(35.01);
    expect(f.attempts('checkout')).toEqual({ 1: 1 });
    expect(f.self('funnelUsers')).toBe(0);
  });

  it('advances two funnels that share events independently', () => {
    const f = shopFunnels();
    f.send('product_viewed', 'u7', 0, { platform: 'web' });
    f.send('added_to_cart', 'u7', 1);
    f.send('paid', 'u7', 2); // completes browse; checkout is still waiting for checkout_started
    f.send('checkout_started', 'u7', 3);
    f.send('paid', 'u7', 12); // completes checkout; browse has no open attempt
    expect(f.steps('browse')).toEqual([1, 1]);
    expect(f.steps('checkout')).toEqual([1, 1, 1, 1]);
    f.sweepAt(40);
    expect(f.attempts('browse')).toEqual({ 1: 1 });
    expect(f.attempts('checkout')).toEqual({ 3: 1 });
    // The later paid repeats a step browse reached inside its window: a repeat, not an orphan.
    expect(f.self('orphanSteps', { funnel: 'browse' })).toBe(0);
  });

  it('applies step filters', () => {
    const f = shopFunnels();
    f.send('page_viewed', 'u8', 0, { page: 'home' });
    f.send('signed_up', 'u8', 1);
    expect(f.steps('signup')).toEqual([0, 0]);
    f.send('page_viewed', 'u8', 2, { page: 'pricing' });
    f.send('page_viewed', 'u8', 3, { page: 'home' });
    f.send('signed_up', 'u8', 4);
    expect(f.steps('signup')).toEqual([1, 1]);
    f.sweepAt(68);
    expect(f.attempts('signup')).toEqual({ 1: 1 });
    expect(
      f
        .samples()
        .find((s) => s.name === f.names.funnelStep && s.labels.step_index === '0' && s.labels.funnel === 'signup')
        ?.labels.step
    ).toBe('pricing_viewed');
  });

  it('moves an anonymous attempt to the user who signs in mid-funnel', () => {
    const f = shopFunnels();
    f.send('product_viewed', { anonymousId: 'a9' }, 0, { platform: 'ios' });
    f.send('added_to_cart', { anonymousId: 'a9' }, 1);
    f.send('checkout_started', { anonymousId: 'a9', userId: 'u9' }, 2);
    f.send('paid', { userId: 'u9' }, 3);
    expect(f.steps('checkout', { platform: 'ios' })).toEqual([1, 1, 1, 1]);
    // A later anonymous-only event belongs to the signed-in user.
    f.send('product_viewed', { anonymousId: 'a9' }, 4, { platform: 'web' });
    f.send('added_to_cart', { userId: 'u9' }, 5);
    expect(f.steps('checkout', { platform: 'web' })).toEqual([1, 1, 0, 0]);
    f.sweepAt(40);
    expect(f.attempts('checkout')).toEqual({ 1: 1, 3: 1 });
  });

  it('bounds per-user state: an evicted user loses the open attempt, counted', () => {
    const f = shopFunnels({ maxFunnelUsers: 2 });
    f.send('product_viewed', 'e1', 0, { platform: 'web' });
    f.send('product_viewed', 'e2', 0, { platform: 'web' });
    f.send('product_viewed', 'e3', 0, { platform: 'web' }); // evicts e1
    f.send('added_to_cart', 'e1', 1); // no attempt: waits for a step 0, and evicts e2 to do so
    f.send('added_to_cart', 'e3', 1);
    expect(f.steps('checkout')).toEqual([3, 1, 0, 0]);
    expect(f.self('funnelEvictions')).toBe(2);
    expect(f.self('funnelUsers')).toBe(2);
    f.sweepAt(40);
    // Evicted attempts are discarded unsettled; e3's settles.
    expect(f.attempts('checkout')).toEqual({ 1: 1 });
  });

  it('times steps by receipt when the event timestamp is outside the trusted skew', () => {
    const f = shopFunnels();
    f.send('product_viewed', 'u11', 0, { platform: 'web' });
    f.at(2);
    const aDayAhead = f.start + 2 * minute + 86_400_000;
    expect(f.pipeline.record('added_to_cart', { 'user.id': 'u11' }, aDayAhead)).toBeUndefined();
    f.sweepAt(36);
    const sum = f
      .samples()
      .find(
        (s) =>
          s.name === `${f.names.funnelConversionSeconds}_sum` &&
          s.labels.step === 'added_to_cart' &&
          s.labels.platform === 'web'
      );
    expect(sum?.value).toBe(120);
    expect(f.self('untrustedTimestamps')).toBe(1);
  });
});
