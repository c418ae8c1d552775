import { eventValueFamily, overflowValue, productMetricNames, selfMetricNames } from '../contract';
import { EventPipeline } from '../ingest/eventPipeline';
import { manualClock, specOf } from '../testing/fixtures';
import { collectSamples, sumOf } from '../testing/samples';

const names = productMetricNames('shop');

function pipelineFor(document: Record<string, unknown>) {
  const clock = manualClock();
  const spec = specOf({ namespace: 'shop', ...document });
  return { pipeline: new EventPipeline(spec, { clock }), clock, now: clock() };
}

describe('event counters', () => {
  const events = {
    payment_succeeded: {
      properties: { provider: { values: ['stripe', 'paypal'] }, country: { maxValues: 2 } },
      value: { field: 'amount', unit: 'EUR' },
    },
  };

  it('counts events and sums values per tuple of declared properties', () => {
    const { pipeline, now } = pipelineFor({ events });
    pipeline.record('payment_succeeded', { 'user.id': 'u1', provider: 'stripe', country: 'fr', amount: 10 }, now);
    pipeline.record('payment_succeeded', { 'user.id': 'u2', provider: 'stripe', country: 'fr', amount: 2.5 }, now);
    pipeline.record('payment_succeeded', { 'user.id': 'u3', provider: 'paypal', country: 'de', amount: 1 }, now);
    const samples = collectSamples(pipeline);
    const stripeFr = { event: 'payment_succeeded', provider: 'stripe', country: 'fr' };
    expect(sumOf(samples, names.events, stripeFr)).toBe(2);
    expect(sumOf(samples, eventValueFamily('shop', 'EUR').name, stripeFr)).toBe(12.5);
    expect(sumOf(samples, names.events, { provider: 'paypal', country: 'de' })).toBe(1);
    expect(samples.filter((s) => s.name === names.events)).toHaveLength(2);
  });

  it('overflows values beyond the declared list or maxValues to __other__', () => {
    const { pipeline, now } = pipelineFor({ events });
    for (const [provider, country] of [
      ['adyen', 'fr'],
      ['stripe', 'fr'],
      ['stripe', 'de'],
      ['stripe', 'it'],
      ['stripe', 'es'],
    ]) {
      pipeline.record('payment_succeeded', { 'user.id': 'u', provider, country, amount: 1 }, now);
    }
    const samples = collectSamples(pipeline);
    expect(sumOf(samples, names.events, { provider: overflowValue })).toBe(1);
    expect(sumOf(samples, names.events, { provider: 'stripe', country: overflowValue })).toBe(2);
    expect(sumOf(samples, names.events, { country: 'fr' })).toBe(2);
  });

  it('keeps a missing property as the empty label value', () => {
    const { pipeline, now } = pipelineFor({ events });
    pipeline.record('payment_succeeded', { 'user.id': 'u', provider: 'stripe', amount: 1 }, now);
    expect(collectSamples(pipeline).find((s) => s.name === names.events)?.labels).toEqual({
      event: 'payment_succeeded',
      provider: 'stripe',
      country: '',
    });
  });

  it('writes one value family per declared unit, so no metric mixes units', () => {
    const { pipeline, now } = pipelineFor({
      events: {
        ...events,
        added_to_cart: { value: { field: 'quantity', unit: 'items' } },
        refunded: { value: { field: 'amount', unit: 'EUR' } },
      },
    });
    pipeline.record('payment_succeeded', { 'user.id': 'u', provider: 'stripe', country: 'fr', amount: 10 }, now);
    pipeline.record('added_to_cart', { 'user.id': 'u', quantity: 3 }, now);
    pipeline.record('refunded', { 'user.id': 'u', amount: 4 }, now);
    const samples = collectSamples(pipeline);
    const euros = eventValueFamily('shop', 'EUR').name;
    const items = eventValueFamily('shop', 'items').name;
    expect([euros, items]).toEqual(['shop_event_value_eur_total', 'shop_event_value_items_total']);
    expect(samples.filter((s) => s.name === euros).map((s) => [s.labels.event, s.value])).toEqual([
      ['payment_succeeded', 10],
      ['refunded', 4],
    ]);
    expect(samples.filter((s) => s.name === items).map((s) => [s.labels.event, s.value])).toEqual([
      ['added_to_cart', 3],
    ]);
    expect(sumOf(collectSamples(pipeline.self), selfMetricNames.series)).toBe(6);
  });

  it('ignores undeclared attributes', () => {
    const { pipeline, now } = pipelineFor({ events: { signed_up: {} } });
    pipeline.record('signed_up', { 'user.id': 'u', campaign: 'x', nested: { a: 1 } }, now);
    const samples = collectSamples(pipeline);
    expect(samples.filter((s) => s.name === names.events).map((s) => s.labels)).toEqual([{ event: 'signed_up' }]);
  });
});
