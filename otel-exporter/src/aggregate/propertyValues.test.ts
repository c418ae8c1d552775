import { overflowValue } from '../contract/labels';
import { productMetricNames, selfMetricNames } from '../contract/families';
import { EventPipeline } from '../ingest/eventPipeline';
import { manualClock, specOf } from '../testing/fixtures';
import { collectSamples, sumOf } from '../testing/samples';

const names = productMetricNames('shop');
const hour = 3_600_000;

function errors(properties: Record<string, unknown>) {
  const clock = manualClock();
  const pipeline = new EventPipeline(specOf({ namespace: 'shop', events: { api_error: { properties } } }), { clock });
  const send = (attributes: Record<string, unknown>) =>
    expect(pipeline.record('api_error', { 'user.id': 'u', ...attributes }, clock())).toBeUndefined();
  const count = (labels: Record<string, string>) =>
    sumOf(collectSamples(pipeline), names.events, { event: 'api_error', ...labels });
  const labelValues = (property: string) =>
    collectSamples(pipeline)
      .filter((s) => s.name === names.events)
      .map((s) => s.labels[property])
      .sort();
  return { pipeline, clock, send, count, labelValues };
}

describe('property values', () => {
  it('gives the slot of a value unused for its idle time to a new value, at a sweep', () => {
    const e = errors({ browser_version: { maxValues: 2, idleTimeout: '1h' } });
    e.send({ browser_version: '120' });
    e.send({ browser_version: '121' });
    e.send({ browser_version: '122' });
    expect(e.count({ browser_version: overflowValue })).toBe(1);
    e.clock.advance(0.5 * hour);
    e.send({ browser_version: '121' });
    e.clock.advance(0.6 * hour);
    e.pipeline.sweep();
    // 120 was idle for 1.1h and left; 121 was used 0.6h ago and stays.
    expect(e.labelValues('browser_version')).toEqual(['121', overflowValue]);
    e.send({ browser_version: '123' });
    expect(e.count({ browser_version: '123' })).toBe(1);
  });

  it('never ages listed values', () => {
    const e = errors({ browser: { values: ['chrome', 'firefox'] } });
    e.send({ browser: 'chrome' });
    e.clock.advance(48 * hour);
    e.pipeline.sweep();
    e.send({ browser: 'safari' });
    expect(e.count({ browser: 'chrome' })).toBe(1);
    expect(e.count({ browser: overflowValue })).toBe(1);
  });

  it('counts an absent property under the empty value, also when values are listed', () => {
    const e = errors({ browser: { values: ['chrome'] } });
    e.send({});
    expect(e.count({ browser: '' })).toBe(1);
    expect(e.count({ browser: overflowValue })).toBe(0);
  });

  it('keeps the empty value out of maxValues', () => {
    const e = errors({ route: { maxValues: 1 } });
    e.send({});
    e.send({ route: '/cart' });
    expect(e.count({ route: '/cart' })).toBe(1);
    expect(e.count({ route: overflowValue })).toBe(0);
  });

  it('counts overflow per event and property', () => {
    const e = errors({ browser: { values: ['chrome'] }, route: { maxValues: 1 } });
    e.send({ browser: 'chrome', route: '/a' });
    e.send({ browser: 'edge', route: '/b' });
    e.send({ browser: 'opera', route: '/a' });
    const samples = collectSamples(e.pipeline);
    expect(sumOf(samples, selfMetricNames.propertyOverflow, { event: 'api_error', property: 'browser' })).toBe(2);
    expect(sumOf(samples, selfMetricNames.propertyOverflow, { event: 'api_error', property: 'route' })).toBe(1);
  });
});
