import { fitStepLabels, wordsOf } from './stepLabels';

/** 7 px a character: a stand-in for a 12 px font. */
const measure = (text: string) => text.length * 7;

describe('fitStepLabels', () => {
  it('splits names into words that keep their separators', () => {
    expect(wordsOf('product_added-to cart')).toEqual(['product_', 'added-', 'to ', 'cart']);
  });

  it('keeps names that fit, wrapped at their separators, whole', () => {
    expect(
      fitStepLabels(['product_viewed', 'cart'], 70, 2, measure).map((label) => [label.text, label.abbreviated])
    ).toEqual([
      ['product_viewed', false],
      ['cart', false],
    ]);
  });

  it('abbreviates names that do not fit word by word, distinctly, keeping the full name', () => {
    const names = [
      'landing_page_viewed',
      'product_added_to_cart',
      'product_added_to_wishlist',
      'checkout_payment_entered',
    ];
    const labels = fitStepLabels(names, 42, 2, measure);
    expect(labels.map((label) => label.text)).toEqual(['la_pa_vi', 'pr_ad_to_ca', 'pr_ad_to_wi', 'ch_pa_en']);
    expect(labels.map((label) => label.full)).toEqual(names);
    expect(labels.every((label) => label.abbreviated)).toBe(true);
  });

  it('numbers labels that would still read alike', () => {
    const labels = fitStepLabels(['payment_started_alpha', 'payment_started_alps'], 14, 1, measure);
    expect(labels.map((label) => label.text)).toEqual(['1·p_s_a', '2·p_s_a']);
  });
});
