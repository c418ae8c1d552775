import { createHmac } from 'node:crypto';
import { createNowcast } from '../nowcast';
import { loadShopSpec, manualClock } from '../testing/fixtures';
import { promtoolCheckMetrics } from '../testing/promtool';
import type { AnalyticsSpec } from '../spec/model';

let shop: AnalyticsSpec;
beforeAll(async () => {
  shop = await loadShopSpec();
});

const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const spanId = '00f067aa0ba902b7';

/**
 * The shop after a few events, once scraped (a new series shows 0 on its first scrape). `settled`:
 * the checkout window (30m) and the allowed lateness have passed, so funnel outcomes are recorded.
 */
function shopWithEvents({ settled = false } = {}) {
  const clock = manualClock();
  const nowcast = createNowcast({ spec: shop, clock, userIdKey: 'test-key', sweepIntervalMs: 0 });
  const at = clock();
  const record = nowcast.pipeline.record.bind(nowcast.pipeline);
  record('product_viewed', { 'user.id': 'alice', category: 'shoes', platform: 'web' }, at, traceId, spanId);
  record('added_to_cart', { 'user.id': 'alice', category: 'shoes', quantity: 2 }, at);
  record('payment_succeeded', { 'user.id': 'alice', payment_provider: 'stripe', amount: 19.99 }, at, traceId, spanId);
  // Label-breaking characters must be escaped, not break the exposition.
  record(
    'api_error',
    { 'anonymous.id': 'x', 'browser.name': 'Fire"fox\\', 'browser.version': 'a\nb', route: '/{id}' },
    at
  );
  if (settled) {
    clock.advance(31 * 60_000);
    nowcast.sweep();
  }
  nowcast.metrics('prometheus');
  return nowcast;
}

describe('text exposition', () => {
  it('passes promtool check metrics with no errors or lint problems', () => {
    const { status, output } = promtoolCheckMetrics(shopWithEvents().metrics('prometheus'));
    expect(output).toBe('');
    expect(status).toBe(0);
  });

  it('has a promtool check that does catch a broken exposition', () => {
    expect(promtoolCheckMetrics('# TYPE x_total counter\nx_total{a="b} 1\n').status).not.toBe(0);
  });

  it('escapes label values', () => {
    const text = shopWithEvents().metrics('prometheus');
    expect(text).toContain(
      'product_events_total{event="api_error",browser="Fire\\"fox\\\\",browser_version="a\\nb",route="/{id}"} 1\n'
    );
  });

  it('writes Prometheus 0.0.4 counters with their _total name and no exemplars', () => {
    const text = shopWithEvents().metrics('prometheus');
    expect(text).toContain('# TYPE product_events_total counter\n');
    expect(text).toContain(
      'product_event_value_eur_total{event="payment_succeeded",payment_provider="stripe"} 19.99\n'
    );
    expect(text).not.toContain('# {');
    expect(text).not.toContain('# EOF');
  });

  it('writes OpenMetrics 1.0 with exemplars carrying the keyed hash of the user id and the trace', () => {
    const text = shopWithEvents().metrics('openmetrics');
    expect(text.endsWith('# EOF\n')).toBe(true);
    expect(text).toContain('# TYPE product_events counter\n');
    const pseudonym = createHmac('sha256', 'test-key').update('alice').digest('hex').slice(0, 16);
    const line = text.split('\n').find((l) => l.startsWith('product_events_total{event="payment_succeeded"'));
    expect(line).toBe(
      `product_events_total{event="payment_succeeded",payment_provider="stripe"} 1 # {trace_id="${traceId}",span_id="${spanId}",user_id="${pseudonym}"} 1 ${(Date.UTC(2026, 0, 1) / 1000).toFixed(3)}`
    );
    expect(text).not.toContain('alice');
  });

  it('writes every HyperLogLog register, zeros included', () => {
    const text = shopWithEvents().metrics('prometheus');
    const registers = text.split('\n').filter((l) => l.startsWith('product_active_users_register{'));
    expect(registers).toHaveLength(2 * 3 * 1024);
    expect(registers).toContain('product_active_users_register{scope="buyers",window="24h",register="0"} 0');
  });

  it('writes conversion histograms with cumulative buckets up to the window', () => {
    const text = shopWithEvents({ settled: true }).metrics('prometheus');
    expect(text).toContain('# TYPE product_funnel_conversion_seconds histogram\n');
    expect(text).toContain(
      'product_funnel_conversion_seconds_bucket{funnel="checkout",step="added_to_cart",platform="web",le="1"} 1\n'
    );
    expect(text).toContain(
      'product_funnel_conversion_seconds_bucket{funnel="checkout",step="added_to_cart",platform="web",le="+Inf"} 1\n'
    );
    expect(text).toContain(
      'product_funnel_conversion_seconds_count{funnel="checkout",step="payment_succeeded",platform="web"} 0\n'
    );
  });
});
