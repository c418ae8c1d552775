import { closestName, didYouMean } from './suggest';

describe('closestName', () => {
  const events = ['payment_succeeded', 'payment_failed', 'checkout_started'];

  it('finds a misspelling, a swap and a case slip', () => {
    expect(closestName('paymnt_succeeded', events)).toBe('payment_succeeded');
    expect(closestName('paymetn_failed', events)).toBe('payment_failed');
    expect(closestName('Checkout_Started', events)).toBe('checkout_started');
  });

  it('suggests nothing when no name is close', () => {
    expect(closestName('signed_up', events)).toBeUndefined();
    expect(didYouMean('signed_up', events)).toBe('');
  });
});
