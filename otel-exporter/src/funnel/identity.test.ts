import { funnelHarness } from '../testing/funnelHarness';
import { shopFunnelSpec } from '../testing/shopFunnels';

describe('identity in funnels', () => {
  it('treats user.id equal to anonymous.id as one user, without wiping their attempt', () => {
    const f = funnelHarness(shopFunnelSpec);
    f.send('product_viewed', 'same', 0, { platform: 'web' });
    f.send('added_to_cart', { userId: 'same', anonymousId: 'same' }, 1);
    f.send('checkout_started', 'same', 2);
    expect(f.steps('checkout')).toEqual([1, 1, 1, 0]);
  });

  it('closes both attempts exactly once when an anonymous and a signed-in attempt merge', () => {
    const f = funnelHarness(shopFunnelSpec);
    f.send('product_viewed', { userId: 'u10' }, 0, { platform: 'web' });
    f.send('product_viewed', { anonymousId: 'a10' }, 1, { platform: 'ios' });
    f.send('added_to_cart', { anonymousId: 'a10' }, 2);
    f.send('checkout_started', { anonymousId: 'a10', userId: 'u10' }, 3);
    f.send('paid', { userId: 'u10' }, 4);
    expect(f.steps('checkout')).toEqual([2, 1, 1, 1]);
    f.sweepAt(40);
    // The ios attempt went further and became the user's; the web one closed at step 0.
    expect(f.attempts('checkout', { platform: 'ios' })).toEqual({ 3: 1 });
    expect(f.attempts('checkout', { platform: 'web' })).toEqual({ 0: 1 });
  });
});
