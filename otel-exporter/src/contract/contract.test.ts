import { join } from 'node:path';
import { loadSpec } from '../spec/load';
import type { AnalyticsSpec } from '../spec/model';
import {
  activeUsersEstimatePromql,
  conversionBuckets,
  eventLabelNames,
  eventValueFamily,
  funnelLabelNames,
  histogramSeries,
  hllAlpha,
  mergedRegistersPromql,
  productFamilies,
  productMetricNames,
  selfFamilies,
  seriesBound,
} from '.';

let shop: AnalyticsSpec;

beforeAll(async () => {
  shop = await loadSpec(join(__dirname, '../../../examples/shop/analytics.yaml'));
});

describe('metric contract', () => {
  it('names metrics from the namespace', () => {
    expect(productMetricNames('shop')).toEqual({
      events: 'shop_events_total',
      funnelStep: 'shop_funnel_step_total',
      funnelAttempts: 'shop_funnel_attempts_total',
      funnelConversionSeconds: 'shop_funnel_conversion_seconds',
      activeUsersRegister: 'shop_active_users_register',
    });
    expect(eventValueFamily('shop', 'EUR')).toMatchObject({
      name: 'shop_event_value_eur_total',
      otelName: 'shop_event_value_eur',
      unit: '{EUR}',
    });
  });

  it('describes every family once: counters end in _total, their OTLP name does not', () => {
    const families = [...Object.values(productFamilies('shop')), ...Object.values(selfFamilies)];
    for (const family of families) {
      expect(family.name).toBe(family.type === 'counter' ? `${family.otelName}_total` : family.otelName);
      expect(family.help).not.toBe('');
      expect(family.unit).not.toBe('1');
    }
    expect(histogramSeries(productFamilies('shop').funnelConversionSeconds)).toEqual({
      bucket: 'shop_funnel_conversion_seconds_bucket',
      sum: 'shop_funnel_conversion_seconds_sum',
      count: 'shop_funnel_conversion_seconds_count',
    });
  });

  it('labels events with their declared properties, in declaration order', () => {
    const apiError = shop.events.find((e) => e.name === 'api_error');
    expect(apiError && eventLabelNames(apiError)).toEqual(['event', 'browser', 'browser_version', 'route']);
  });

  it('adds the breakdown label to every funnel metric', () => {
    const [checkout, signup] = shop.funnels;
    expect(checkout && funnelLabelNames(checkout)).toEqual({
      step: ['funnel', 'step', 'step_index', 'platform'],
      attempts: ['funnel', 'reached_step', 'platform'],
      conversion: ['funnel', 'step', 'platform'],
    });
    expect(signup && funnelLabelNames(signup).attempts).toEqual(['funnel', 'reached_step']);
  });

  it('cuts conversion buckets at the window', () => {
    expect(conversionBuckets(1800)).toEqual([1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800]);
    expect(conversionBuckets(45)).toEqual([1, 2, 5, 10, 15, 30, 45]);
  });

  it('bounds the shop spec series by family', () => {
    // A property takes its values, __other__ and the empty value (absent): maxValues + 2.
    // page_viewed: page 7 values, platform 3, browser 10, browser_version 20: (7+2)(3+2)(10+2)(20+2)=11880;
    // signed_up 5; product_viewed (30+2)(3+2)=160;
    // added_to_cart 32 (+32 values); checkout_started 6; payment_succeeded 6 (+6 values);
    // payment_failed (4+2)(10+2)=72; api_error (10+2)(20+2)(20+2)=5808.
    // checkout funnel, breakdown platform (5 groups): 4 step + 4 attempt + 3×(12 buckets+3) histogram = 53 → 265;
    // signup funnel: 2 + 2 + 1×(13+3) = 20; payment funnel, breakdown payment_provider (6 groups): 2 + 2 + 1×(8+3) = 15 → 90.
    expect(seriesBound(shop)).toEqual({
      events: 11880 + 5 + 160 + 32 + 6 + 6 + 72 + 5808,
      eventValues: 32 + 6,
      funnels: 265 + 20 + 90,
      activeUserRegisters: 2 * 3 * 1024,
      labelled: 17969 + 38 + 375,
      total: 17969 + 38 + 375 + 6144,
    });
  });
});

describe('active users PromQL', () => {
  it('uses the published alpha constants', () => {
    expect(hllAlpha(16)).toBe(0.673);
    expect(hllAlpha(64)).toBe(0.709);
    expect(hllAlpha(1024)).toBeCloseTo(0.7213 / (1 + 1.079 / 1024), 12);
  });

  it('merges replicas with max and estimates per scope and window', () => {
    const merged = mergedRegistersPromql('product');
    expect(merged).toBe('max by (scope, window, register) (product_active_users_register)');
    const estimate = activeUsersEstimatePromql('r', 4);
    expect(estimate).toBe(
      '((16 * ln(16 / count by (scope, window) ((r) == 0))) and on (scope, window) ' +
        '((172.288 / sum by (scope, window) (0.5 ^ (r))) <= 40)) or on (scope, window) ' +
        '(172.288 / sum by (scope, window) (0.5 ^ (r)))'
    );
  });
});
