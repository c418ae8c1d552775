import { productMetricNames, selfMetricNames } from '../contract/families';
import { manualClock, specOf } from '../testing/fixtures';
import { collectSamples, sumOf } from '../testing/samples';
import { EventPipeline } from './eventPipeline';

/** A Segment `identify` handler passes whatever the caller sent: `link` must never throw into it. */
function pipeline() {
  const clock = manualClock();
  const spec = specOf({
    namespace: 'shop',
    events: { visited: {}, paid: {} },
    funnels: { buy: { steps: ['visited', 'paid'], window: '20m' } },
  });
  return { clock, pipeline: new EventPipeline(spec, { clock }) };
}

const overLong = 'a'.repeat(1_000_000);

describe('link from a JS caller (a Segment identify)', () => {
  it.each([
    ['an undefined anonymous id', undefined, 'u1'],
    ['a null user id', 'a1', null],
    ['an object id', { id: 'a1' }, 'u1'],
    ['a symbol id', Symbol('a1'), 'u1'],
    ['an over-long id', overLong, 'u1'],
  ])('never throws on %s, links nothing and keeps the visitor anonymous', (_, anonymousId, userId) => {
    const { clock, pipeline: p } = pipeline();
    expect(p.record('visited', { 'anonymous.id': 'a1' }, clock())).toBeUndefined();
    // Untyped on purpose: JS callers are not checked by the compiler.
    const link = p.link.bind(p) as (anonymousId: unknown, userId: unknown) => unknown;
    expect(() => link(anonymousId, userId)).not.toThrow();
    expect(p.links.size).toBe(0);
    // The visitor's attempt is still theirs: paying anonymously completes it.
    expect(p.record('paid', { 'anonymous.id': 'a1' }, clock() + 1)).toBeUndefined();
    const samples = collectSamples(p);
    expect(sumOf(samples, productMetricNames('shop').funnelStep, { funnel: 'buy', step_index: '1' })).toBe(1);
    expect(sumOf(samples, selfMetricNames.dropped, { reason: 'internal_error' })).toBe(0);
  });

  it('says why it linked nothing, reads numbers as ids as events do, and links the rest', () => {
    const { pipeline: p } = pipeline();
    expect(p.link(undefined, 'u1')).toBe('invalid_identity');
    expect(p.link('', 'u1')).toBe('invalid_identity');
    expect(p.link('a1', overLong)).toBe('too_large');
    expect(p.link(42, 'u1')).toBeUndefined();
    expect(p.links.resolve(undefined, '42')).toBe('u1');
    expect(p.link('a1', 'a1')).toBeUndefined();
    expect(p.links.size).toBe(1);
  });
});
