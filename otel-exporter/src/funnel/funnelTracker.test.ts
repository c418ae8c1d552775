import { productMetricNames, selfMetricNames } from '../contract';
import { EventPipeline } from '../ingest/eventPipeline';
import { manualClock, specOf } from '../testing/fixtures';
import { collectSamples, sumOf } from '../testing/samples';

const names = productMetricNames('shop');
const minute = 60_000;

function shopFunnels(limits: Record<string, unknown> = {}) {
  const spec = specOf({
    namespace: 'shop',
    limits,
    events: {
      product_viewed: { properties: { platform: { values: ['web', 'ios'] } } },
      added_to_cart: {},
      checkout_started: {},
      paid: {},
      page_viewed: { properties: { page: { values: ['home', 'pricing'] } } },
      signed_up: {},
    },
    funnels: {
      checkout: {
        steps: ['product_viewed', 'added_to_cart', 'checkout_started', 'paid'],
        window: '30m',
        breakdown: 'platform',
      },
      browse: { steps: ['product_viewed', 'paid'], window: '10m' },
      signup: {
        steps: [{ name: 'pricing_viewed', event: 'page_viewed', where: { page: ['pricing'] } }, 'signed_up'],
        window: '1h',
      },
    },
  });
  const clock = manualClock();
  const pipeline = new EventPipeline(spec, { clock });
  const start = clock();
  /** Sends an event for `who` (a user id, or { anonymousId, userId }) `atMinute` minutes after start. */
  const send = (
    event: string,
    who: string | { userId?: string; anonymousId?: string },
    atMinute: number,
    properties: Record<string, string> = {}
  ) => {
    clock.set(start + atMinute * minute);
    const identity =
      typeof who === 'string' ? { 'user.id': who } : { 'user.id': who.userId, 'anonymous.id': who.anonymousId };
    expect(pipeline.record(event, { ...identity, ...properties }, clock())).toBeUndefined();
  };
  const at = (atMinute: number) => clock.set(start + atMinute * minute);
  const samples = () => collectSamples(pipeline);
  const steps = (funnel: string, labels: Record<string, string> = {}) => {
    const all = samples();
    const count = all.filter((s) => s.name === names.funnelStep && s.labels.funnel === funnel).length;
    const known = new Set(
      all.filter((s) => s.name === names.funnelStep && s.labels.funnel === funnel).map((s) => s.labels.step_index)
    );
    return Array.from({ length: count === 0 ? 0 : known.size }, (_, k) =>
      sumOf(all, names.funnelStep, { funnel, step_index: String(k), ...labels })
    );
  };
  const attempts = (funnel: string, labels: Record<string, string> = {}) => {
    const all = samples();
    const outcomes: Record<string, number> = {};
    for (const s of all.filter((x) => x.name === names.funnelAttempts && x.labels.funnel === funnel)) {
      if (Object.entries(labels).every(([k, v]) => s.labels[k] === v) && s.value > 0) {
        const reached = s.labels.reached_step ?? '';
        outcomes[reached] = (outcomes[reached] ?? 0) + s.value;
      }
    }
    return outcomes;
  };
  return { pipeline, send, at, steps, attempts, samples };
}

describe('funnels', () => {
  it('counts ordered steps with other events in between, and the completed attempt', () => {
    const f = shopFunnels();
    f.send('product_viewed', 'u1', 0, { platform: 'web' });
    f.send('page_viewed', 'u1', 1, { page: 'home' });
    f.send('added_to_cart', 'u1', 2);
    f.send('signed_up', 'u1', 3);
    f.send('checkout_started', 'u1', 4);
    f.send('paid', 'u1', 5);
    expect(f.steps('checkout')).toEqual([1, 1, 1, 1]);
    expect(f.attempts('checkout')).toEqual({ 3: 1 });
    const all = f.samples();
    const paid = { funnel: 'checkout', step: 'paid', platform: 'web' };
    expect(sumOf(all, `${names.funnelConversionSeconds}_count`, paid)).toBe(1);
    expect(sumOf(all, `${names.funnelConversionSeconds}_sum`, paid)).toBe(300);
    expect(sumOf(all, `${names.funnelConversionSeconds}_bucket`, { ...paid, le: '120' })).toBe(0);
    expect(sumOf(all, `${names.funnelConversionSeconds}_bucket`, { ...paid, le: '300' })).toBe(1);
    // Both funnels completed: the sweep forgets the user.
    expect(sumOf(all, selfMetricNames.funnelUsers)).toBe(1);
    f.pipeline.sweep();
    expect(sumOf(f.samples(), selfMetricNames.funnelUsers)).toBe(0);
  });

  it('does not count a step out of order', () => {
    const f = shopFunnels();
    f.send('added_to_cart', 'u2', 0);
    f.send('product_viewed', 'u2', 1, { platform: 'web' });
    f.send('checkout_started', 'u2', 2);
    f.send('added_to_cart', 'u2', 3);
    expect(f.steps('checkout')).toEqual([1, 1, 0, 0]);
    expect(f.attempts('checkout')).toEqual({});
  });

  it('closes an attempt at its window, and a late step does not count', () => {
    const f = shopFunnels();
    f.send('product_viewed', 'u3', 0, { platform: 'web' });
    f.send('added_to_cart', 'u3', 31);
    expect(f.steps('checkout')).toEqual([1, 0, 0, 0]);
    expect(f.attempts('checkout')).toEqual({ 0: 1 });
  });

  it('does not reset the window on repeats of step 0', () => {
    const f = shopFunnels();
    f.send('product_viewed', 'u4', 0, { platform: 'web' });
    f.send('product_viewed', 'u4', 20, { platform: 'web' });
    f.send('added_to_cart', 'u4', 25);
    f.send('checkout_started', 'u4', 31);
    expect(f.steps('checkout')).toEqual([1, 1, 0, 0]);
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
    expect(f.attempts('checkout')).toEqual({ 3: 1 });
    f.at(40);
    f.pipeline.sweep();
    expect(f.attempts('checkout', { platform: 'ios' })).toEqual({ 0: 1, 3: 1 });
  });

  it('closes timed-out attempts in the sweep without a new event, and forgets the user', () => {
    const f = shopFunnels();
    f.send('product_viewed', 'u6', 0, { platform: 'web' });
    f.send('added_to_cart', 'u6', 1);
    f.at(30);
    f.pipeline.sweep();
    expect(f.attempts('checkout')).toEqual({});
    expect(f.attempts('browse')).toEqual({ 0: 1 });
    f.at(31.01);
    f.pipeline.sweep();
    expect(f.attempts('checkout')).toEqual({ 1: 1 });
    expect(sumOf(f.samples(), selfMetricNames.funnelUsers)).toBe(0);
  });

  it('advances two funnels that share events independently', () => {
    const f = shopFunnels();
    f.send('product_viewed', 'u7', 0, { platform: 'web' });
    f.send('added_to_cart', 'u7', 1);
    f.send('paid', 'u7', 2); // completes browse; checkout is still waiting for checkout_started
    f.send('checkout_started', 'u7', 3);
    f.send('paid', 'u7', 12); // completes checkout; browse has no open attempt
    expect(f.steps('browse')).toEqual([1, 1]);
    expect(f.attempts('browse')).toEqual({ 1: 1 });
    expect(f.steps('checkout')).toEqual([1, 1, 1, 1]);
    expect(f.attempts('checkout')).toEqual({ 3: 1 });
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
    expect(f.attempts('signup')).toEqual({ 1: 1 });
    expect(
      f
        .samples()
        .find((s) => s.name === names.funnelStep && s.labels.step_index === '0' && s.labels.funnel === 'signup')?.labels
        .step
    ).toBe('pricing_viewed');
  });

  it('moves an anonymous attempt to the user who signs in mid-funnel', () => {
    const f = shopFunnels();
    f.send('product_viewed', { anonymousId: 'a9' }, 0, { platform: 'ios' });
    f.send('added_to_cart', { anonymousId: 'a9' }, 1);
    f.send('checkout_started', { anonymousId: 'a9', userId: 'u9' }, 2);
    f.send('paid', { userId: 'u9' }, 3);
    expect(f.steps('checkout', { platform: 'ios' })).toEqual([1, 1, 1, 1]);
    expect(f.attempts('checkout')).toEqual({ 3: 1 });
    // A late anonymous-only event belongs to the signed-in user.
    f.send('product_viewed', { anonymousId: 'a9' }, 4, { platform: 'web' });
    f.send('added_to_cart', { userId: 'u9' }, 5);
    expect(f.steps('checkout', { platform: 'web' })).toEqual([1, 1, 0, 0]);
  });

  it('keeps the attempt that went further when both ids had one open', () => {
    const f = shopFunnels();
    f.send('product_viewed', { userId: 'u10' }, 0, { platform: 'web' });
    f.send('product_viewed', { anonymousId: 'a10' }, 1, { platform: 'ios' });
    f.send('added_to_cart', { anonymousId: 'a10' }, 2);
    f.send('checkout_started', { anonymousId: 'a10', userId: 'u10' }, 3);
    f.send('paid', { userId: 'u10' }, 4);
    expect(f.attempts('checkout', { platform: 'ios' })).toEqual({ 3: 1 });
    expect(f.steps('checkout', { platform: 'web' })).toEqual([1, 0, 0, 0]);
  });

  it('bounds per-user state and counts evictions', () => {
    const f = shopFunnels({ maxFunnelUsers: 2 });
    f.send('product_viewed', 'e1', 0, { platform: 'web' });
    f.send('product_viewed', 'e2', 0, { platform: 'web' });
    f.send('product_viewed', 'e3', 0, { platform: 'web' });
    f.send('added_to_cart', 'e1', 1); // e1 was evicted: no open attempt
    f.send('added_to_cart', 'e3', 1);
    expect(f.steps('checkout')).toEqual([3, 1, 0, 0]);
    const all = f.samples();
    expect(sumOf(all, selfMetricNames.funnelEvictions)).toBe(1);
    expect(sumOf(all, selfMetricNames.funnelUsers)).toBe(2);
  });

  it('times steps by receipt when the event timestamp is outside the trusted skew', () => {
    const f = shopFunnels();
    f.send('product_viewed', 'u11', 0, { platform: 'web' });
    f.at(2);
    const now = Date.UTC(2026, 0, 1) + 2 * minute;
    expect(f.pipeline.record('added_to_cart', { 'user.id': 'u11' }, now + 86_400_000)).toBeUndefined();
    const all = f.samples();
    expect(sumOf(all, `${names.funnelConversionSeconds}_sum`, { funnel: 'checkout', step: 'added_to_cart' })).toBe(120);
    expect(sumOf(all, selfMetricNames.untrustedTimestamps)).toBe(1);
  });
});
