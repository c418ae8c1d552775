import { productMetricNames, selfMetricNames } from '../contract/families';
import { manualClock, specOf } from '../testing/fixtures';
import { collectSamples, sumOf } from '../testing/samples';
import { EventPipeline } from './eventPipeline';

const names = productMetricNames('product');

/** Attribute bags are read for their own keys only: nothing comes from Object.prototype. */
describe('own attributes only', () => {
  const spec = specOf({
    events: {
      clicked: {
        properties: {
          constructor: { maxValues: 3 },
          toString: { values: ['a', 'b'] },
          proto: { attribute: '__proto__', maxValues: 3 },
        },
        value: { field: 'valueOf', unit: 'items' },
      },
    },
  });

  it('reads properties named like Object.prototype members only when the event carries them', () => {
    const clock = manualClock();
    const pipeline = new EventPipeline(spec, { clock });
    expect(pipeline.record('clicked', { 'user.id': 'u', valueOf: 1 }, clock())).toBeUndefined();
    expect(
      pipeline.record('clicked', { 'user.id': 'u', valueOf: 2, constructor: 'x', toString: 'a' }, clock())
    ).toBeUndefined();
    // Without an own `valueOf` the event has no value: Object.prototype.valueOf is not one.
    expect(pipeline.record('clicked', { 'user.id': 'u' }, clock())).toBe('missing_value');
    const samples = collectSamples(pipeline);
    expect(sumOf(samples, names.events, { event: 'clicked', constructor: '', toString: '', proto: '' })).toBe(1);
    expect(sumOf(samples, names.events, { event: 'clicked', constructor: 'x', toString: 'a' })).toBe(1);
    expect(sumOf(samples, selfMetricNames.dropped, { reason: 'invalid_property' })).toBe(0);
  });

  it('reads an own `__proto__` key and null-prototype bags', () => {
    const clock = manualClock();
    const pipeline = new EventPipeline(spec, { clock });
    const parsed = JSON.parse('{"__proto__": "p1", "user.id": "u", "valueOf": 1}') as Record<string, unknown>;
    expect(pipeline.record('clicked', parsed, clock())).toBeUndefined();
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { 'user.id': 'u', valueOf: 1 });
    expect(pipeline.record('clicked', bare, clock())).toBeUndefined();
    const samples = collectSamples(pipeline);
    expect(sumOf(samples, names.events, { event: 'clicked', proto: 'p1' })).toBe(1);
    expect(sumOf(samples, names.events, { event: 'clicked', proto: '' })).toBe(1);
  });

  it('does not take identity from Object.prototype, also when only identity names are its members', () => {
    const clock = manualClock();
    const identity = { user: ['constructor'], anonymous: ['toString'] };
    const pipeline = new EventPipeline(spec, { clock, identity });
    expect(pipeline.record('clicked', { valueOf: 1 }, clock())).toBe('missing_identity');
    // A spec whose own names are plain: the identity names alone must turn the own-key check on.
    const plain = new EventPipeline(specOf({ events: { clicked: {} } }), { clock, identity });
    expect(plain.record('clicked', {}, clock())).toBe('missing_identity');
    expect(plain.record('clicked', { constructor: 'u1' }, clock())).toBeUndefined();
  });
});
