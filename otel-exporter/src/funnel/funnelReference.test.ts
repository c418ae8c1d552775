import fc from 'fast-check';
import { productMetricNames, selfMetricNames } from '../contract/families';
import { EventPipeline } from '../ingest/eventPipeline';
import { manualClock, specOf } from '../testing/fixtures';
import { referenceFunnel, type ReferenceEvent } from '../testing/funnelReference';
import { collectSamples, sumOf, type RecordedSample } from '../testing/samples';

const names = productMetricNames('shop');
const second = 1000;
const minute = 60 * second;
const stepEvents = ['visited', 'added', 'paid'];
const windowMs = 20 * minute;
/** The allowed lateness (and timestamp skew): every delivery delay below it keeps event time. */
const latenessMs = 5 * minute;

function pipeline(maxFunnelUsers = 100_000) {
  const clock = manualClock();
  const spec = specOf({
    namespace: 'shop',
    limits: { timestampSkew: '5m', allowedLateness: '5m', maxFunnelUsers },
    events: {
      ...Object.fromEntries(stepEvents.map((e) => [e, {}])),
      visited: { properties: { platform: { values: ['web', 'ios'] } } },
    },
    funnels: { buy: { steps: stepEvents, window: '20m', breakdown: 'platform' } },
  });
  return { clock, pipeline: new EventPipeline(spec, { clock }), start: clock() };
}

/** Each user visits from one platform, so an attempt's breakdown value is the user's. */
const platformOf = (user: string) => (['u0', 'u2', 'a0', 'a2'].includes(user) ? 'web' : 'ios');

/** An event as generated: who, which step, when (ms from start), how late it is delivered, and whether a sweep follows. */
interface Delivery extends ReferenceEvent {
  readonly delayMs: number;
  readonly sweepAfter: boolean;
}

const deliveries = fc
  .array(
    fc.record({
      user: fc.constantFrom('u0', 'u1', 'u2', 'u3'),
      step: fc.integer({ min: 0, max: stepEvents.length - 1 }),
      minuteAt: fc.integer({ min: 0, max: 90 }),
      delays: fc.array(fc.integer({ min: 0, max: latenessMs - 1 }), { minLength: 1, maxLength: 2 }),
      sweepAfter: fc.boolean(),
    }),
    { maxLength: 60 }
  )
  .map((drafts) =>
    drafts.flatMap(({ user, step, minuteAt, delays, sweepAfter }, i) =>
      // Times are unique per event (ties between steps would make the order a matter of arrival);
      // a second delay is the same event delivered twice.
      delays.map((delayMs): Delivery => ({ user, step, timeMs: minuteAt * minute + i * 7, delayMs, sweepAfter }))
    )
  );

/** Delivers the events in receipt order (each at its time plus its delay), then settles everything. */
function replay(events: readonly Delivery[], maxFunnelUsers?: number): RecordedSample[] {
  const { clock, pipeline: p, start } = pipeline(maxFunnelUsers);
  const arrivals = [...events].sort((a, b) => a.timeMs + a.delayMs - (b.timeMs + b.delayMs));
  for (const e of arrivals) {
    clock.set(start + e.timeMs + e.delayMs);
    const dropped = p.record(stepEvents[e.step], { 'user.id': e.user, platform: platformOf(e.user) }, start + e.timeMs);
    if (dropped !== undefined) throw new Error(`dropped: ${dropped}`);
    if (e.sweepAfter) p.sweep();
  }
  clock.set(start + 200 * minute);
  p.sweep();
  return collectSamples(p);
}

function countsOf(samples: readonly RecordedSample[], platform?: string) {
  const funnel = { funnel: 'buy', ...(platform === undefined ? {} : { platform }) };
  return {
    steps: stepEvents.map((_, k) => sumOf(samples, names.funnelStep, { ...funnel, step_index: String(k) })),
    outcomes: stepEvents.map((_, k) => sumOf(samples, names.funnelAttempts, { ...funnel, reached_step: String(k) })),
    conversionCounts: stepEvents
      .slice(1)
      .map((step) => sumOf(samples, `${names.funnelConversionSeconds}_count`, { ...funnel, step })),
    conversionSums: stepEvents
      .slice(1)
      .map((step) => Math.round(sumOf(samples, `${names.funnelConversionSeconds}_sum`, { ...funnel, step }) * 1000)),
    orphans: sumOf(samples, selfMetricNames.orphanSteps, { funnel: 'buy' }),
  };
}

describe('funnels against the reference model', () => {
  it('counts every stream as the reference does, whatever the order of arrival within the allowed lateness', () => {
    fc.assert(
      fc.property(deliveries, (events) => {
        const samples = replay(events);
        const { orphans } = referenceFunnel(events, stepEvents.length, windowMs);
        // Per breakdown value; orphans are counted per funnel.
        for (const platform of ['web', 'ios']) {
          const truth = referenceFunnel(
            events.filter((e) => platformOf(e.user) === platform),
            stepEvents.length,
            windowMs
          );
          expect({ platform, ...countsOf(samples, platform) }).toEqual({
            platform,
            ...truth,
            conversionSums: truth.conversionSums.map((sum) => Math.round(sum * 1000)),
            orphans,
          });
        }
      }),
      { numRuns: 300 }
    );
  });
});

/** Events of visitors who browse anonymously, sign in (an event with both ids, or `link`) and share devices. */
const identified = fc.array(
  fc.record({
    anonymousId: fc.option(fc.constantFrom('a0', 'a1', 'a2', 'a3'), { nil: undefined }),
    userId: fc.option(fc.constantFrom('u0', 'u1', 'u2'), { nil: undefined }),
    step: fc.integer({ min: 0, max: stepEvents.length - 1 }),
    minuteAt: fc.integer({ min: 0, max: 90 }),
    delayMs: fc.integer({ min: 0, max: latenessMs - 1 }),
    linkOnly: fc.boolean(),
    sweepAfter: fc.boolean(),
  }),
  { maxLength: 60 }
);

describe('funnel invariants with identity links and evictions', () => {
  it.each([
    ['links between anonymous and user ids', 100_000],
    ['links and evictions at a cap of 2 users', 2],
  ])('closes every opened attempt exactly once, or counts its eviction: %s', (_, cap) => {
    fc.assert(
      fc.property(identified, (events) => {
        const { clock, pipeline: p, start } = pipeline(cap);
        const arrivals = events
          .map((e, i) => ({ ...e, timeMs: e.minuteAt * minute + i * 7 }))
          .sort((a, b) => a.timeMs + a.delayMs - (b.timeMs + b.delayMs));
        for (const e of arrivals) {
          clock.set(start + e.timeMs + e.delayMs);
          if (e.linkOnly && e.anonymousId !== undefined && e.userId !== undefined) {
            p.link(e.anonymousId, e.userId);
          } else if (e.anonymousId !== undefined || e.userId !== undefined) {
            const identity = { 'user.id': e.userId, 'anonymous.id': e.anonymousId, platform: 'web' };
            expect(p.record(stepEvents[e.step], identity, start + e.timeMs)).toBeUndefined();
          }
          if (e.sweepAfter) p.sweep();
        }
        clock.set(start + 200 * minute);
        p.sweep();
        const samples = collectSamples(p);
        const { steps, outcomes } = countsOf(samples);
        const evictions = sumOf(samples, selfMetricNames.funnelEvictions);
        // Σ outcomes that reached at least k = attempts that reached k, less those evicted open.
        const settledFrom = (k: number) => outcomes.slice(k).reduce((total, n) => total + n, 0);
        stepEvents.forEach((_, k) => {
          const lost = (steps[k] ?? 0) - settledFrom(k);
          if (evictions === 0) expect({ k, lost }).toEqual({ k, lost: 0 });
          else expect(lost).toBeGreaterThanOrEqual(0);
        });
        // An eviction discards at most the evicted user's one open attempt.
        expect((steps[0] ?? 0) - settledFrom(0)).toBeLessThanOrEqual(evictions);
        expect(sumOf(samples, selfMetricNames.funnelUsers)).toBe(0);
        expect(sumOf(samples, selfMetricNames.dropped)).toBe(0);
      }),
      { numRuns: 300 }
    );
  });
});
